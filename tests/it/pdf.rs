//! `proc render --format pdf`: the PDF is read back with a PDF library (lopdf) and checked for what a reader and a
//! printer rely on: pages, text that extracts intact, the table header on every page, metadata, and no way for a
//! process file to put active content or Typst markup into it.

use crate::common;

use lopdf::{Document, Object};
use proc::model::{Approval, Date, Language, Process, Step, Version};
use proc::render::{self, pdf};

fn options() -> render::PageOptions {
    render::PageOptions {
        today: jiff::civil::date(2026, 11, 23),
        within_days: 30,
        language: None,
        default_language: Language::Sv,
        known: Default::default(),
        site: false,
        pdf: true,
        history: Default::default(),
    }
}

/// A process with many long steps: its step table runs over several pages.
fn long_process() -> Process {
    Process {
        id: proc::model::ProcessId::new("lang-process").expect("an id"),
        name: "Hembesök för familjer med spädbarn".into(),
        goal: "Stöd för föräldraskapet och barnets välmående".into(),
        language: Some(Language::Sv),
        owner: "Äldreomsorgens chef".into(),
        approved: Some(Approval {
            date: Date(jiff::civil::date(2024, 3, 1)),
            by: "Nämnden".into(),
        }),
        version: Version("2.1".into()),
        steps: (1..=24)
            .map(|index| Step {
                id: None,
                name: format!("Besök {index}"),
                what: format!(
                    "Hälsovårdaren träffar familjen för besök nummer {index}. {}",
                    "Samtal om sömn, mat, växande och föräldrarnas ork; vid behov hänvisning vidare. ".repeat(4)
                ),
                responsible: vec![
                    "Hälsovårdare".into(),
                    if index % 2 == 0 {
                        "Familjearbetare".into()
                    } else {
                        "Läkare".into()
                    },
                ],
                metrics: Some("Andel besök som gjorts i tid".into()),
                evaluation: Some("Årligen i verksamhetsplanen".into()),
                instructions: vec![],
                next: vec![],
            })
            .collect(),
        ..common::process("lang-process", "")
    }
}

fn page_text(document: &Document, page: u32) -> String {
    document
        .extract_text(&[page])
        .unwrap_or_else(|error| panic!("page {page} extracts: {error}"))
}

/// The text of a PDF with its line breaks and hyphenation undone, so a phrase can be found wherever it wrapped.
/// A word Typst hyphenated comes out as its two halves with a soft hyphen on a line between them.
fn flat(text: &str) -> String {
    let unhyphenated: Vec<&str> = text.split('\u{ad}').collect();
    let joined = unhyphenated
        .iter()
        .enumerate()
        .map(|(index, piece)| {
            let piece = if index > 0 { piece.trim_start() } else { piece };
            if index + 1 < unhyphenated.len() {
                piece.trim_end()
            } else {
                piece
            }
        })
        .collect::<String>();
    joined
        .replace("-\n", "")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[test]
fn a_long_process_flows_over_pages_with_the_table_header_on_each() {
    let bytes = pdf::pdf(&long_process(), &options(), pdf::PdfDate::default()).expect("a PDF");
    let document = Document::load_mem(&bytes).expect("lopdf reads the PDF");
    let pages = document.get_pages();
    assert!(pages.len() >= 3, "{} pages", pages.len());
    let last = pages.len();

    let first = page_text(&document, 1);
    assert!(
        first.contains("Hembesök för familjer med spädbarn"),
        "{first}"
    );
    assert!(first.contains("Processens mål"), "{first}");

    // The chart's pages (at the end: it is far too wide for the first page) have no table.
    let chart_pages: Vec<u32> = chart_texts(&document)
        .iter()
        .map(|text| text.page)
        .collect();
    assert!(!chart_pages.is_empty());
    for page in 2..=last as u32 {
        let text = flat(&page_text(&document, page));
        if !chart_pages.contains(&page) && text.contains("Besök") {
            assert!(
                text.contains("Vad görs här") && text.contains("Mätare och målnivå"),
                "the table header is not repeated on page {page}: {text}"
            );
        }
        assert!(
            flat(&text).contains(&format!("Sida {page} av {last}")),
            "footer of page {page}: {text}"
        );
        assert!(
            text.contains("Version 2.1"),
            "footer of page {page}: {text}"
        );
    }
    let all = flat(
        &(1..=last as u32)
            .map(|page| page_text(&document, page))
            .collect::<String>(),
    );
    assert!(
        all.contains("Samtal om sömn, mat, växande och föräldrarnas ork"),
        "{all}"
    );
    // Every step is there, once: none lost at a page break.
    for index in 1..=24 {
        assert!(all.contains(&format!("Besök {index} ")), "step {index}");
    }
}

#[test]
fn the_examples_render_to_pdf_with_metadata_and_swedish_text() {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let output = common::run(
        common::proc()
            .args([
                "render",
                "processes",
                "--today",
                "2026-11-23",
                "--format",
                "pdf",
                "--out",
            ])
            .arg(dir.path()),
    );
    assert_eq!(output.code, 0, "{}", output.stderr);
    assert!(!dir.path().join("oro-for-anknytning.html").exists());
    let document =
        Document::load(dir.path().join("oro-for-anknytning.pdf")).expect("lopdf reads the PDF");
    // The first page, the rest of the table and the basic data, and the chart's pages.
    let chart_pages: Vec<u32> = chart_texts(&document)
        .iter()
        .map(|text| text.page)
        .collect();
    assert_eq!(chart_pages.first(), Some(&3), "{chart_pages:?}");
    let text = flat(&page_text(&document, 1));
    for phrase in [
        "Oro för anknytning",
        "Optimalt välmående för barnet och familjen",
        "T.f. social- och hälsovårdsdirektör Pia-Maria Sjöström",
        "Försenad granskning",
    ] {
        assert!(text.contains(phrase), "{phrase:?} in {text}");
    }
    let info = match document.trailer.get(b"Info").expect("an Info dictionary") {
        Object::Reference(id) => document.get_dictionary(*id).expect("Info").clone(),
        Object::Dictionary(dictionary) => dictionary.clone(),
        other => panic!("Info is {other:?}"),
    };
    let field = |key: &[u8]| {
        let bytes = info.get(key).and_then(Object::as_str).expect("a string");
        lopdf::decode_text_string(&Object::string_literal(bytes.to_vec())).expect("text")
    };
    assert_eq!(field(b"Title"), "Oro för anknytning");
    assert_eq!(field(b"Author"), "Elina Sandkulla");
    // The document's own date (its last update), not the day it was rendered.
    assert!(
        String::from_utf8_lossy(
            info.get(b"CreationDate")
                .and_then(Object::as_str)
                .expect("a date")
        )
        .starts_with("D:20210514"),
        "{info:?}"
    );

    // Issue 15: the draft says so under its title and at the foot of its pages.
    let draft = Document::load(dir.path().join("utokade-hembesok-i-grastorp.pdf"))
        .expect("lopdf reads the draft's PDF");
    let first = flat(&page_text(&draft, 1));
    assert_eq!(first.matches("Utkast – inte godkänt").count(), 2, "{first}");
    assert!(flat(&page_text(&draft, 2)).contains("Utkast – inte godkänt"));
}

#[test]
fn rendering_twice_gives_the_same_bytes() {
    let render_to = |dir: &std::path::Path| {
        let output = common::run(
            common::proc()
                .args([
                    "render",
                    "processes",
                    "--site",
                    "--today",
                    "2026-11-23",
                    "--format",
                    "both",
                    "--out",
                ])
                .arg(dir),
        );
        assert_eq!(output.code, 0, "{}", output.stderr);
    };
    let (first, second) = (
        tempfile::tempdir().expect("a temporary directory"),
        tempfile::tempdir().expect("a temporary directory"),
    );
    render_to(first.path());
    render_to(second.path());
    let mut names: Vec<_> = std::fs::read_dir(first.path())
        .expect("the output folder")
        .map(|entry| entry.expect("an entry").file_name())
        .collect();
    names.sort();
    // Per example its page, its chart alone (SVG) and its PDF, and the index.
    assert_eq!(names.len(), 10, "{names:?}");
    for name in names {
        let a = std::fs::read(first.path().join(&name)).expect("first");
        let b = std::fs::read(second.path().join(&name)).expect("second");
        assert!(a == b, "{name:?} differs between two renders");
    }
}

#[test]
fn hostile_text_stays_text_in_the_pdf() {
    let path = common::root().join("tests/fixtures/render/hostile.yaml");
    let loaded = proc::load::load_file(&path, Default::default()).expect("read");
    let process = Process::from_node(&loaded.root.expect("parses")).expect("typed");
    let bytes = pdf::pdf(&process, &options(), pdf::PdfDate::default())
        .expect("hostile text still gives a PDF");
    let document = Document::load_mem(&bytes).expect("lopdf reads the PDF");
    // No link to anything but http(s), and no script or launch action anywhere.
    for object in document.objects.values() {
        let Ok(dictionary) = object.as_dict() else {
            continue;
        };
        if let Ok(uri) = dictionary.get(b"URI").and_then(Object::as_str) {
            let uri = String::from_utf8_lossy(uri);
            assert!(uri.starts_with("https://"), "link to {uri}");
        }
        for key in [
            b"JS".as_slice(),
            b"JavaScript",
            b"Launch",
            b"AA",
            b"OpenAction",
        ] {
            assert!(
                !dictionary.has(key),
                "/{} in the PDF",
                String::from_utf8_lossy(key)
            );
        }
    }
    // The Typst code in the file is shown as the text it is, not run: the page stays white and the text is there.
    let text = flat(
        &(1..=document.get_pages().len() as u32)
            .map(|page| page_text(&document, page))
            .collect::<String>(),
    );
    for literal in [
        "#panic(\"typst\") ]#set page(fill: red)[",
        "<script>alert('namn')</script> Fientlig ]]>",
        "#link(\"javascript:alert(5)\")",
        "[typst] #panic() fet",
    ] {
        assert!(text.contains(literal), "{literal:?} in {text}");
    }
}

#[test]
fn typed_lines_and_word_bullets_keep_their_lines_in_the_pdf() {
    let path = common::root().join("tests/fixtures/render/line-breaks.yaml");
    let loaded = proc::load::load_file(&path, Default::default()).expect("read");
    let process = Process::from_node(&loaded.root.expect("parses")).expect("typed");
    let bytes = pdf::pdf(&process, &options(), pdf::PdfDate::default()).expect("a PDF");
    let document = Document::load_mem(&bytes).expect("lopdf reads the PDF");
    let text = page_text(&document, 1);
    let lines: Vec<&str> = text.lines().map(str::trim).collect();
    let has = |wanted: &[&str]| lines.windows(wanted.len()).any(|window| window == wanted);
    // The prerequisites' column is wide enough for each typed line: they are the lines, nothing wrapped.
    assert!(
        has(&[
            "Kunnande om anknytning",
            "Tillräckliga personalresurser",
            "Fortbildning varje år"
        ]),
        "{text}"
    );
    // In the narrow step column a typed line may wrap, but each one starts a line.
    for start in ["Vårdnadshavarna kontaktas", "Ett första möte"] {
        assert!(
            lines.iter().any(|line| line.starts_with(start)),
            "no line starts with {start:?}:\n{text}"
        );
    }
    // Word's bullets are the list's own markers, each on a line of its own.
    assert!(
        has(&["Följande görs:", "•", "Stödsamtal", "•", "Hembesök", "•"]),
        "{text}"
    );
}

/// A process file of the test fixtures, typed.
fn fixture_process(path: &str) -> Process {
    let loaded =
        proc::load::load_file(&common::root().join(path), Default::default()).expect("read");
    Process::from_node(&loaded.root.expect("parses")).expect("typed")
}

/// Seed 001 (the exported chart of "Barn, unga och familjer …", 7 lanes) as `proc import` converts it: from the
/// shared folder when it is there, else from the copy in the fixtures.
fn seed_001() -> Process {
    const NAME: &str = "001_b445dc1251eac548.txt";
    let shared = common::root().join("../shared/seeds").join(NAME);
    let path = if shared.is_file() {
        shared
    } else {
        common::root().join("tests/fixtures/seeds").join(NAME)
    };
    let bytes = std::fs::read(path).expect("seed 001");
    let imported = proc::import::import(&bytes, None).expect("seed 001 imports");
    let root = proc::load::parse_text(&imported.yaml).expect("YAML");
    Process::from_node(&root).expect("a process")
}

/// A text-showing operation in the chart: its page and its size on paper in points.
#[derive(Debug, Clone, Copy)]
struct ShownText {
    page: u32,
    points: f64,
    /// Where on the page (points from the bottom) the text starts.
    y: f64,
}

type Matrix = [f64; 6];

/// `a` then `b`, as PDF concatenates matrices (`a × b`).
fn multiply(a: Matrix, b: Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn numbers(operands: &[Object]) -> Vec<f64> {
    operands
        .iter()
        .filter_map(|operand| operand.as_float().ok().map(f64::from))
        .collect()
}

fn matrix(operands: &[Object]) -> Matrix {
    let values = numbers(operands);
    assert_eq!(values.len(), 6, "a matrix of six numbers: {operands:?}");
    [
        values[0], values[1], values[2], values[3], values[4], values[5],
    ]
}

/// Every text shown in the chart — inside the marked content that carries the chart's text alternative (`/Alt`,
/// the figure Typst makes of the image) — with the size it prints at: the font size (`Tf`) times the vertical
/// scale of the text matrix and the current transformation matrix (the chart's SVG text is real PDF text, one
/// glyph at a time, each under a `cm` that scales the drawing to its place on the page).
fn chart_texts(document: &Document) -> Vec<ShownText> {
    let mut shown = Vec::new();
    for (page, id) in document.get_pages() {
        let content = document
            .get_and_decode_page_content(id)
            .expect("the page's content decodes");
        let identity = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];
        let (mut ctm, mut stack) = (identity, Vec::new());
        let (mut text_matrix, mut font_size) = (identity, 0.0);
        // For each open marked-content sequence, whether it is the chart's.
        let mut marked: Vec<bool> = Vec::new();
        for operation in &content.operations {
            let operands = &operation.operands;
            match operation.operator.as_str() {
                "q" => stack.push(ctm),
                "Q" => ctm = stack.pop().expect("Q matches a q"),
                "cm" => ctm = multiply(matrix(operands), ctm),
                "BT" => text_matrix = identity,
                "Tm" => text_matrix = matrix(operands),
                "Tf" => font_size = numbers(operands).first().copied().expect("a font size"),
                "BDC" => marked.push(
                    operands
                        .get(1)
                        .and_then(|properties| properties.as_dict().ok())
                        .is_some_and(|properties| properties.has(b"Alt")),
                ),
                "BMC" => marked.push(false),
                "EMC" => {
                    marked.pop();
                }
                "Tj" | "TJ" | "'" | "\"" if marked.contains(&true) => {
                    let m = multiply(text_matrix, ctm);
                    shown.push(ShownText {
                        page,
                        points: font_size * (m[2] * m[2] + m[3] * m[3]).sqrt(),
                        y: m[5],
                    });
                }
                _ => {}
            }
        }
        assert!(marked.is_empty(), "marked content left open on page {page}");
    }
    shown
}

/// The PDF of `process`, read back.
fn rendered(process: &Process) -> Document {
    let bytes = pdf::pdf(process, &options(), pdf::PdfDate::default()).expect("a PDF");
    Document::load_mem(&bytes).expect("lopdf reads the PDF")
}

fn assert_chart_text_at_least_8_pt(document: &Document, name: &str) -> Vec<ShownText> {
    let texts = chart_texts(document);
    assert!(
        texts.len() > 100,
        "{name}: only {} chart texts found",
        texts.len()
    );
    let smallest = texts
        .iter()
        .copied()
        .min_by(|a, b| a.points.total_cmp(&b.points))
        .expect("some text");
    assert!(
        smallest.points >= 8.0 - 1e-6,
        "{name}: chart text of {:.2} pt on page {}",
        smallest.points,
        smallest.page
    );
    texts
}

#[test]
fn the_chart_of_seed_001_prints_no_text_under_8_pt() {
    let process = seed_001();
    assert_eq!(proc::render::chart::roles(&process).len(), 7);
    let document = rendered(&process);
    let texts = assert_chart_text_at_least_8_pt(&document, "seed 001");
    // Too large for the first page at 8 pt: on pages of its own, with a pointer on the first page.
    assert!(texts.iter().all(|text| text.page > 1), "{texts:?}");
    let first = flat(&page_text(&document, 1));
    assert!(first.contains("Processkartan finns"), "{first}");
}

#[test]
fn a_chart_of_12_lanes_and_30_steps_is_split_into_parts_with_no_text_under_8_pt() {
    let process = fixture_process("tests/fixtures/render/twelve-roles-thirty-steps.yaml");
    assert_eq!(proc::render::chart::roles(&process).len(), 12);
    let document = rendered(&process);
    let texts = assert_chart_text_at_least_8_pt(&document, "12 × 30");

    // Each part on a page of its own, with its caption; together the parts hold the 30 steps once, in order.
    let mut chart_pages: Vec<u32> = texts.iter().map(|text| text.page).collect();
    chart_pages.dedup();
    let parts = chart_pages.len();
    assert!(parts >= 3, "{parts} parts");
    let mut next = 1;
    for (index, page) in chart_pages.iter().enumerate() {
        let text = flat(&page_text(&document, *page));
        let caption = format!("Processkarta, del {} av {parts} (steg {next}–", index + 1);
        let at = text
            .find(&caption)
            .unwrap_or_else(|| panic!("{caption:?} on page {page}: {text}"));
        let last: usize = text[at + caption.len()..]
            .split(')')
            .next()
            .and_then(|number| number.parse().ok())
            .expect("the last step of the part");
        assert!(last >= next);
        next = last + 1;
    }
    assert_eq!(next, 31, "the parts hold steps 1–30");
    let first = flat(&page_text(&document, 1));
    assert!(
        first.contains(&format!(
            "Processkartan finns i {parts} delar på sidorna {}–{}.",
            chart_pages[0],
            chart_pages[parts - 1]
        )),
        "{first}"
    );
}

fn catalog_entry<'a>(document: &'a Document, key: &[u8]) -> &'a Object {
    let catalog = document.catalog().expect("a catalog");
    let object = catalog
        .get(key)
        .unwrap_or_else(|_| panic!("/{} in the catalog", String::from_utf8_lossy(key)));
    match object {
        Object::Reference(id) => document.get_object(*id).expect("the referenced object"),
        other => other,
    }
}

#[test]
fn the_pdf_is_pdf_ua_1_and_pdf_a_2a_tagged_with_headings_in_order() {
    let document = rendered(&seed_001());
    // The standards, declared where validators look: the XMP metadata.
    let metadata = catalog_entry(&document, b"Metadata")
        .as_stream()
        .expect("an XMP stream");
    let xmp = String::from_utf8(
        metadata
            .decompressed_content()
            .unwrap_or_else(|_| metadata.content.clone()),
    )
    .expect("XMP is UTF-8");
    for declared in [
        "<pdfaid:part>2</pdfaid:part>",
        "<pdfaid:conformance>A</pdfaid:conformance>",
        "<pdfuaid:part>1</pdfuaid:part>",
    ] {
        assert!(xmp.contains(declared), "{declared} in {xmp}");
    }
    // Tagged: a structure tree, marked content, the language, and the title shown instead of the file name.
    catalog_entry(&document, b"StructTreeRoot")
        .as_dict()
        .expect("a structure tree");
    let marked = catalog_entry(&document, b"MarkInfo")
        .as_dict()
        .expect("MarkInfo")
        .get(b"Marked")
        .and_then(Object::as_bool)
        .expect("/Marked");
    assert!(marked);
    assert_eq!(
        catalog_entry(&document, b"Lang")
            .as_str()
            .expect("a language"),
        b"sv"
    );
    let shows_title = catalog_entry(&document, b"ViewerPreferences")
        .as_dict()
        .expect("viewer preferences")
        .get(b"DisplayDocTitle")
        .and_then(Object::as_bool)
        .expect("/DisplayDocTitle");
    assert!(shows_title);
    // One H1 (the title) and the sections as H2; the chart's text alternative on its figures.
    let mut tags: Vec<Vec<u8>> = Vec::new();
    let mut figures_with_alt = 0;
    for object in document.objects.values() {
        let Ok(element) = object.as_dict() else {
            continue;
        };
        if element.get(b"Type").and_then(Object::as_name).ok() == Some(b"StructElem".as_slice()) {
            let tag = element.get(b"S").and_then(Object::as_name).expect("/S");
            if tag == b"Figure" && element.has(b"Alt") {
                figures_with_alt += 1;
            }
            tags.push(tag.to_vec());
        }
    }
    assert_eq!(tags.iter().filter(|tag| tag.as_slice() == b"H1").count(), 1);
    assert!(tags.iter().filter(|tag| tag.as_slice() == b"H2").count() >= 3);
    assert!(!tags.iter().any(|tag| tag.starts_with(b"H3")));
    assert!(figures_with_alt >= 1, "no figure with a text alternative");
}

#[test]
fn a_name_of_nothing_but_bidi_controls_still_makes_a_pdf_headed_by_the_id() {
    // Lint sees a name that is not blank; the renderer drops the bidi controls and control characters, and the
    // heading would be empty, which PDF/UA-1 refuses (and before, no PDF was made at all). So is a name made of
    // nothing at all, which the model refuses in a file.
    for name in ["\u{202E}\u{202C}", "\u{7}", ""] {
        let process = Process {
            name: name.into(),
            ..common::process("utan-namn", "")
        };
        let document = rendered(&process);
        let text = flat(&page_text(&document, 1));
        assert!(text.starts_with("utan-namn"), "{name:?}: {text}");
    }
}

#[test]
fn lanes_taller_than_a_page_run_on_over_pages_at_8_pt() {
    // 24 roles, every one in the single step: 24 lanes are taller than a page at 8 pt.
    let roles: Vec<String> = (1..=24)
        .map(|index| format!("Yrkesgrupp {index}"))
        .collect();
    let mut process = common::process("manga-roller", "Många roller");
    process.steps = vec![Step {
        id: None,
        name: "Gemensamt möte".into(),
        what: "Alla träffas.".into(),
        responsible: roles,
        metrics: None,
        evaluation: None,
        instructions: vec![],
        next: vec![],
    }];
    let document = rendered(&process);
    assert_chart_text_at_least_8_pt(&document, "24 lanes");
    let last = document.get_pages().len() as u32;
    let texts = chart_texts(&document);
    let first_chart_page = texts.first().map(|text| text.page).expect("chart text");
    let continued: Vec<u32> = (first_chart_page + 1..=last)
        .filter(|page| flat(&page_text(&document, *page)).contains("Processkarta (forts.)"))
        .collect();
    assert!(!continued.is_empty(), "the chart does not run on");
    // The first slice starts at the top of the chart, right under the caption: no chart text above it (a picture
    // Typst had fitted into the page would be cropped around its middle, its top lanes above the caption).
    let below_caption = 841.89 - 42.52 - 20.0;
    let top = texts
        .iter()
        .filter(|text| text.page == first_chart_page)
        .map(|text| text.y)
        .fold(f64::MIN, f64::max);
    assert!(
        top < below_caption,
        "chart text at y = {top}, above the caption"
    );
    assert!(
        top > below_caption - 40.0,
        "the chart starts far below its caption: {top}"
    );
}
