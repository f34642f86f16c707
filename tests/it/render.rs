//! `proc render`: the swimlane chart never overlaps, and hostile text in a process cannot become active markup.

use crate::common;

use proc::model::{Language, Process, Step};
use proc::render::{self, chart};

fn process(steps: usize, roles: usize) -> Process {
    let role = |index: usize| format!("Roll {index} med ett ganska långt namn som måste radbrytas");
    Process {
        steps: (0..steps)
            .map(|index| {
                // Deterministic variety: one to three roles per step, names of varying length.
                let count = 1 + (index * 7 + roles) % 3;
                let responsible = (0..count)
                    .map(|k| role((index * 5 + k * 3) % roles))
                    .collect();
                Step {
                    id: None,
                    name: "Steg med ett namn ".repeat(1 + index % 4).trim().to_owned(),
                    what: "Gör".into(),
                    responsible,
                    metrics: None,
                    evaluation: None,
                    instructions: vec![],
                    next: vec![],
                }
            })
            .collect(),
        ..common::process("test", "Test")
    }
}

#[test]
fn no_two_boxes_or_labels_overlap_for_1_to_30_steps_and_1_to_12_roles() {
    for steps in 1..=30 {
        for roles in 1..=12 {
            let chart = chart::swimlane(&process(steps, roles), Language::Sv, "t", "d");
            let all: Vec<_> = chart.boxes.iter().chain(chart.labels.iter()).collect();
            for (index, a) in all.iter().enumerate() {
                assert!(
                    a.x >= 0.0
                        && a.y >= 0.0
                        && a.x + a.width <= chart.width
                        && a.y + a.height <= chart.height,
                    "{steps}×{roles}: {a:?} outside the chart"
                );
                for b in &all[index + 1..] {
                    assert!(
                        !a.overlaps(b),
                        "{steps} steps × {roles} roles: {a:?} overlaps {b:?}"
                    );
                }
            }
            let expected_boxes: usize = process(steps, roles)
                .steps
                .iter()
                .map(|step| {
                    let mut distinct = step.responsible.clone();
                    distinct.sort();
                    distinct.dedup();
                    distinct.len()
                })
                .sum();
            assert_eq!(
                chart.boxes.len(),
                expected_boxes,
                "{steps}×{roles}: a box per step and role"
            );
        }
    }
}

#[test]
fn hostile_text_renders_with_none_of_it_active() {
    let path = common::root().join("tests/fixtures/render/hostile.yaml");
    let loaded = proc::load::load_file(&path, Default::default()).expect("read");
    let root = loaded.root.expect("parses");
    let process = Process::from_node(&root).expect("typed");
    let options = render::PageOptions {
        today: jiff::civil::date(2026, 11, 23),
        within_days: 30,
        language: None,
        default_language: proc::model::Language::Sv,
        known: Default::default(),
        site: false,
        pdf: false,
        history: Default::default(),
    };
    let html = render::html::page(&process, &options);
    // Parsed the way a browser parses it (html5ever), so what is checked is what a browser would build.
    let elements = common::active_html(&html).unwrap_or_else(|problem| panic!("{problem}"));
    assert!(elements > 50, "the page parsed to {elements} elements");
    for control in ['\u{202E}', '\u{2066}', '\u{2069}'] {
        assert!(
            !html.contains(control),
            "bidi control {control:?} in the page"
        );
    }
    // The hostile text is still there to read, as text.
    assert!(
        html.contains("&lt;script&gt;alert(&#39;namn&#39;)&lt;/script&gt;"),
        "{html}"
    );
    assert!(html.contains(r#"<a href="https://finlex.fi">Bra länk</a>"#));
}

#[test]
fn the_examples_render_to_stable_pages() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let output = common::run(
        common::proc()
            // The pages as the files say them: the history of this repository's clone is not the examples'.
            .args([
                "render",
                "processes",
                "--today",
                "2026-11-23",
                "--no-git",
                "--out",
            ])
            .arg(dir.path()),
    );
    assert_eq!(output.code, 0, "{}", output.stderr);
    let mut ids: Vec<String> = std::fs::read_dir(common::root().join("processes"))
        .expect("processes/")
        .filter_map(|entry| {
            let path = entry.ok()?.path();
            let stem = path.file_stem()?.to_string_lossy().into_owned();
            (path.extension()? == "yaml").then_some(stem)
        })
        .collect();
    ids.sort();
    assert_eq!(ids.len(), 3, "{ids:?}");
    for id in ids {
        let html = std::fs::read_to_string(dir.path().join(format!("{id}.html"))).expect("page");
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"sv\">"));
        insta::assert_snapshot!(format!("page_{id}"), html);
    }
}

#[test]
fn the_site_index_lists_every_process_by_owner_and_maps_them() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let output = common::run(
        common::proc()
            .args([
                "render",
                "processes",
                "--site",
                "--today",
                "2026-11-23",
                "--out",
            ])
            .arg(dir.path()),
    );
    assert_eq!(output.code, 0, "{}", output.stderr);
    let index = std::fs::read_to_string(dir.path().join("index.html")).expect("index.html");
    for (owner, id) in [
        ("Elina Sandkulla", "oro-for-anknytning"),
        (
            "Social- och hälsovårdsdirektören",
            "barn-unga-och-familjer-med-langvariga-vard-och-eller-servicebehov",
        ),
    ] {
        assert!(index.contains(&format!("<h2>{owner}</h2>")), "{owner}");
        // Once in the owner's table and once in the process map.
        assert_eq!(
            index.matches(&format!("href=\"./{id}.html\"")).count(),
            2,
            "{id}"
        );
    }
    assert!(index.contains(r#"Försenad granskning · <span class="when">2022-04-30"#));

    // Issue 15: the draft (no `approved`) is listed apart, after the processes in use, not under its owner; its
    // page says it is a draft under the title, and the approved ones do not.
    let drafts = index.find("<h2>Utkast</h2>").expect("a drafts section");
    let grastorp = index
        .find("href=\"./utokade-hembesok-i-grastorp.html\"")
        .expect("the draft is listed");
    assert!(grastorp > drafts, "the draft is under the drafts heading");
    assert!(index[..drafts].find("<h2>Elina Sandkulla</h2>").is_some());
    assert!(
        !index.contains("<h2>Familjecentralen i Grästorp"),
        "no owner section for the draft alone"
    );
    assert!(index[drafts..].contains(r#"<span class="badge draft">Utkast</span>"#));
    let page = |id: &str| {
        std::fs::read_to_string(dir.path().join(format!("{id}.html"))).expect("the page")
    };
    assert!(page("utokade-hembesok-i-grastorp").contains(
        r#"<h1>Utökade hembesök för nyblivna föräldrar</h1>
<p class="draft-banner" role="note">Utkast – inte godkänt</p>"#
    ));
    assert!(!page("oro-for-anknytning").contains("class=\"draft-banner\""));
}

#[test]
fn a_branching_chart_draws_every_next_arrow() {
    let path = common::root().join("tests/fixtures/render/branching.yaml");
    let loaded = proc::load::load_file(&path, Default::default()).expect("read");
    let process = Process::from_node(&loaded.root.expect("parses")).expect("typed");
    let chart = chart::swimlane(
        &process,
        Language::Sv,
        "Processkarta: Bedömning med två vägar",
        "steg",
    );
    // 1→2, then two arrows leave the assessment (to support and to the referral), and two arrive at the follow-up.
    assert_eq!(chart.svg.matches("marker-end=").count(), 5, "{}", chart.svg);
    insta::assert_snapshot!("chart_branching", chart.svg.replace("><", ">\n<"));
}

#[test]
fn typed_lines_and_word_bullets_show_as_lines_and_lists_in_the_page() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let output = common::run(
        common::proc()
            .args(["render"])
            .arg(common::fixture("render/line-breaks.yaml"))
            .args(["--today", "2026-11-23", "--out"])
            .arg(dir.path()),
    );
    assert_eq!(output.code, 0, "{}", output.stderr);
    let html = std::fs::read_to_string(dir.path().join("line-breaks.html")).expect("page");
    for expected in [
        // Three typed lines of `what: |`.
        "<p>Anmälan registreras i klientdatasystemet<br />\nVårdnadshavarna kontaktas samma dag<br />\nEtt första möte bokas inom en vecka</p>",
        // Word bullets under a line of text, and the line after them.
        "<p>Följande görs:</p>\n<ul>\n<li>Stödsamtal</li>\n<li>Hembesök</li>\n<li>Filmning som arbetsredskap</li>\n</ul>\n<p>Sedan följs läget upp med familjen.</p>",
        "<ul>\n<li>Utvärdering görs i samband med bokslutet</li>\n<li>Familjens egen känsla</li>\n</ul>",
        // The prerequisites of the basic data.
        "Kunnande om anknytning<br />\nTillräckliga personalresurser<br />\nFortbildning varje år",
    ] {
        assert!(
            html.contains(expected),
            "the page lacks {expected:?}:\n{html}"
        );
    }
    assert!(!html.contains('•'), "a bullet left as text:\n{html}");
}

/// Issue 12: an interface shows its target's name and links to its page and PDF; every page links back to the
/// index and to its own PDF; the index links each PDF, and with processes in two languages says which is which.
#[cfg(feature = "pdf")]
#[test]
fn pages_and_the_index_link_up() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let processes = dir.path().join("processes");
    std::fs::create_dir_all(&processes).expect("folder");
    let oro = std::fs::read_to_string(common::root().join("processes/oro-for-anknytning.yaml"))
        .expect("read");
    std::fs::write(processes.join("oro-for-anknytning.yaml"), &oro).expect("write");
    let finnish = oro
        .replace("id: oro-for-anknytning", "id: huoli-kiintymyssuhteesta")
        .replace("name: Oro för anknytning", "name: Huoli kiintymyssuhteesta")
        .replace("language: sv", "language: fi")
        .replacen(
            "interfaces:\n",
            "interfaces:\n  - process: oro-for-anknytning\n",
            1,
        );
    assert!(finnish.contains("  - process: oro-for-anknytning\n"));
    std::fs::write(processes.join("huoli-kiintymyssuhteesta.yaml"), finnish).expect("write");
    let site = dir.path().join("site");
    let out = common::run(
        common::proc()
            .args([
                "render",
                "--site",
                "--pdf",
                "--quiet",
                "--today",
                common::TODAY,
            ])
            .arg(&processes)
            .arg("--out")
            .arg(&site),
    );
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);

    let page = std::fs::read_to_string(site.join("huoli-kiintymyssuhteesta.html")).expect("page");
    assert!(
        page.contains(r#"<a href="./index.html">← Kaikki prosessit</a>"#),
        "{page}"
    );
    assert!(
        page.contains(r#"<a href="./huoli-kiintymyssuhteesta.pdf">Tulostettava versio (PDF)</a>"#)
    );
    assert!(
        page.contains(r#"<a href="./oro-for-anknytning.html">Oro för anknytning</a> (<a href="./oro-for-anknytning.pdf">PDF</a>)"#),
        "the interface shows the name, not the id: {page}"
    );
    let index = std::fs::read_to_string(site.join("index.html")).expect("index");
    assert!(
        index.contains(
            r#"<a href="./oro-for-anknytning.pdf" aria-label="PDF: Oro för anknytning">PDF</a>"#
        ),
        "{index}"
    );
    assert!(index.contains(r#"<a href="./huoli-kiintymyssuhteesta.html" lang="fi">Huoli kiintymyssuhteesta</a></th><td role="cell" data-label="Språk">fi</td>"#), "{index}");
    assert!(
        index.contains(r#"<th scope="col" role="columnheader">Språk</th>"#),
        "{index}"
    );
    // Without --site and --pdf nothing links to files that are not there.
    let alone = dir.path().join("alone");
    let out = common::run(
        common::proc()
            .args(["render", "--quiet", "--today", common::TODAY])
            .arg(&processes)
            .arg("--out")
            .arg(&alone),
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let page = std::fs::read_to_string(alone.join("huoli-kiintymyssuhteesta.html")).expect("page");
    assert!(
        !page.contains("index.html") && !page.contains(".pdf"),
        "{page}"
    );
}

/// The number after `prefix` in `html`, up to `px`.
fn px_after(html: &str, prefix: &str) -> f64 {
    let start = html
        .find(prefix)
        .unwrap_or_else(|| panic!("no `{prefix}` in the page"))
        + prefix.len();
    let end = start + html[start..].find("px").expect("px");
    html[start..end].parse().expect("a number")
}

#[test]
fn a_chart_too_wide_to_read_scaled_down_scrolls_with_a_cue_and_a_small_one_fits() {
    let options = render::PageOptions {
        today: jiff::civil::date(2026, 11, 23),
        within_days: 30,
        language: None,
        default_language: proc::model::Language::Sv,
        known: Default::default(),
        site: false,
        pdf: false,
        history: Default::default(),
    };
    for (steps, roles, scrolls_on_every_screen) in [(30, 12, true), (1, 1, false), (3, 2, false)] {
        let process = process(steps, roles);
        let chart = chart::swimlane(&process, Language::Sv, "t", "d");
        let html = render::html::page(&process, &options);
        // Scaled to the frame, never below the smallest readable text size, never above its own size.
        let minimum = px_after(&html, ".chart-wrap svg { min-width: ");
        let natural = px_after(&html, "px; max-width: ");
        assert_eq!(natural, chart.width.round(), "{steps}×{roles}");
        assert_eq!(
            minimum,
            render::html::chart_min_width(&chart),
            "{steps}×{roles}"
        );
        let text = minimum / natural * chart::FONT_SIZE;
        assert!(
            (render::html::MIN_CHART_TEXT..render::html::MIN_CHART_TEXT + 0.1).contains(&text),
            "{steps}×{roles}: text at the smallest width is {text} px"
        );
        // The cue and the fade show exactly when the frame (less its border) is narrower than that.
        let threshold = px_after(&html, "@container chart (width < ");
        assert_eq!(threshold, minimum + 2.0, "{steps}×{roles}");
        assert_eq!(
            threshold > render::html::CONTENT_MAX_WIDTH,
            scrolls_on_every_screen,
            "{steps}×{roles}: threshold {threshold}"
        );
        assert!(
            html.contains(r#"<p class="chart-cue">Kartan är bredare än sidan: rulla i sidled eller <a href="./test.svg">öppna kartan ensam i full storlek</a>.</p>"#),
            "{html}"
        );
        assert!(html.contains(".chart-cue { display: none;"));
    }
}

#[test]
fn each_page_has_its_chart_alone_next_to_it_and_links_to_it() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let output = common::run(
        common::proc()
            .args(["render", "processes", "--today", "2026-11-23", "--out"])
            .arg(dir.path()),
    );
    assert_eq!(output.code, 0, "{}", output.stderr);
    // The summary counts pages, not their charts.
    assert!(output.stderr.contains("3 HTML pages") || output.stdout.contains("3 HTML pages"));
    for id in [
        "oro-for-anknytning",
        "utokade-hembesok-i-grastorp",
        "barn-unga-och-familjer-med-langvariga-vard-och-eller-servicebehov",
    ] {
        let page = std::fs::read_to_string(dir.path().join(format!("{id}.html"))).expect("page");
        let svg = std::fs::read_to_string(dir.path().join(format!("{id}.svg"))).expect("svg");
        assert!(
            svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\""),
            "{svg}"
        );
        assert!(svg.ends_with("</svg>"));
        assert!(
            page.contains(&svg),
            "{id}: the page's chart is the one in {id}.svg"
        );
        assert!(page.contains(&format!(r#"<a href="./{id}.svg">"#)), "{id}");
    }
}

/// Issue 15: a retired process is still rendered (retention), says so with a link to its replacement, is listed
/// in the archive section of the index, is never due, and is not reviewed.
#[test]
fn a_retired_process_is_kept_marked_and_never_due() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let output = common::run(
        common::proc()
            .args([
                "render",
                "tests/fixtures/lifecycle",
                "--site",
                "--today",
                "2026-11-25",
                "--out",
            ])
            .arg(dir.path()),
    );
    assert_eq!(output.code, 0, "{}", output.stderr);
    let page = std::fs::read_to_string(dir.path().join("familjestod-2019.html")).expect("the page");
    assert!(
        page.contains(
            r#"<p class="retired-banner" role="note"><strong>Arkiverad – används inte längre (2024-01-31, Socialnämnden)</strong>. Ersatt av <a href="./familjestod.html">Familjestöd vid familjecentralen</a>. Stödet ges nu av familjecentralen.</p>"#
        ),
        "{page}"
    );
    assert!(!page.contains(r#"class="draft-banner""#));
    let index = std::fs::read_to_string(dir.path().join("index.html")).expect("index.html");
    let archive = index.find("<h2>Arkiv</h2>").expect("an archive section");
    let retired = index
        .find("href=\"./familjestod-2019.html\"")
        .expect("listed");
    let current = index.find("href=\"./familjestod.html\"").expect("listed");
    assert!(current < archive && archive < retired, "{index}");

    let due = common::run(common::proc().args([
        "due",
        "tests/fixtures/lifecycle",
        "--all",
        "--format",
        "csv",
        "--today",
        "2026-11-25",
    ]));
    assert!(!due.stdout.contains("familjestod-2019"), "{}", due.stdout);
    due.assert_stdout_contains("familjestod;");
    let list = common::run(common::proc().args([
        "list",
        "tests/fixtures/lifecycle",
        "--format",
        "csv",
        "--today",
        "2026-11-25",
    ]));
    list.assert_stdout_contains(";retired;");

    let copy = tempfile::tempdir().expect("a temporary directory");
    std::fs::create_dir(copy.path().join("processes")).expect("processes/");
    for name in ["familjestod-2019.yaml", "familjestod.yaml"] {
        std::fs::copy(
            common::root().join("tests/fixtures/lifecycle").join(name),
            copy.path().join("processes").join(name),
        )
        .expect("copy");
    }
    let review = common::run(common::proc().current_dir(copy.path()).args([
        "review",
        "familjestod-2019",
        "--by",
        "X",
        "--today",
        "2026-11-25",
    ]));
    assert_eq!(review.code, 2, "{review:?}");
    review.assert_stderr_contains("the process is retired (on 2024-01-31)");
}
