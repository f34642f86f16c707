//! The HTML page of a process: one self-contained file (styles inline, chart as inline SVG) that opens from a
//! disk, a file share or a web server alike.

use std::fmt::Write as _;

use crate::model::{Instruction, Interface, Language, Process, ReviewCycle};
use crate::review_status::{self, ReviewStatus};

use super::labels::{Labels, badge, chart_description, labels, review_cycle_text};
use super::{PageOptions, chart, escape, known_name, markdown};

/// The widest the content of a page gets, in CSS px: `main`'s `max-width` (75rem at 16 px) less its padding
/// (1rem each side). A chart whose smallest readable width is wider than this scrolls on every screen.
pub const CONTENT_MAX_WIDTH: f64 = 75.0 * 16.0 - 2.0 * 16.0;

/// The smallest text size, in CSS px, the chart is scaled down to on a page; below it the chart scrolls instead.
pub const MIN_CHART_TEXT: f64 = 11.0;

/// The page's styles. Everything that can be narrower than its content wraps (headings, facts, table cells:
/// hyphenated in the page's language where the browser can, broken anywhere as a last resort), tables with
/// `cards` become one card per row on a phone, and the chart is scaled to the content width by the per-page rules
/// of [`chart_style`].
const STYLE: &str = r#"
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1a1a1a; background: #fff; }
main { max-width: 75rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .5rem; }
h1, h2, p, dd, th, td { overflow-wrap: break-word; hyphens: auto; }
h2 { font-size: 1.3rem; margin: 2rem 0 .75rem; border-bottom: 2px solid #1f4e79; padding-bottom: .25rem; }
.goal { font-size: 1.15rem; margin: 0 0 1rem; }
dl.facts { display: grid; grid-template-columns: max-content minmax(0, 1fr); gap: .25rem 1rem; margin: 0; }
dl.facts dt { font-weight: 600; color: #33415c; }
dl.facts dd { margin: 0; min-width: 0; }
.badge { display: inline-block; padding: .15rem .6rem; border-radius: 1rem; font-weight: 600; font-size: .95rem; }
.badge .when { white-space: nowrap; }
.badge.ok { background: #dff0e0; color: #1b5e20; }
.badge.upcoming { background: #fff3cd; color: #6b4b00; }
.badge.overdue { background: #fde2e1; color: #8a1c15; }
.badge.none { background: #e9ecef; color: #343a40; }
.badge.draft { background: #e8e3f3; color: #3d2a6b; }
.retired-banner { margin: 0 0 1rem; padding: .5rem .9rem; border: 2px solid #343a40; border-radius: 6px; background: #e9ecef; color: #343a40; font-size: 1.05rem; }
.retired-banner a { color: #0b57a4; background: #e9ecef; }
.draft-banner { margin: 0 0 1rem; padding: .5rem .9rem; border: 2px solid #3d2a6b; border-radius: 6px; background: #e8e3f3; color: #3d2a6b; font-weight: 700; font-size: 1.1rem; }
.chart-area { container: chart / inline-size; }
.chart-cue { display: none; margin: 0 0 .5rem; padding: .4rem .75rem; border-left: 4px solid #1f4e79; font-size: .95rem; color: #1a1a1a; background: #eef2f7; }
.chart-cue a { color: #0b57a4; background: #eef2f7; }
.chart-frame { position: relative; }
.chart-frame::after { content: ""; display: none; position: absolute; top: 1px; right: 1px; bottom: 1px; width: 2.5rem; pointer-events: none; border-radius: 0 5px 5px 0; background: linear-gradient(to left, rgba(31, 78, 121, .35), rgba(31, 78, 121, 0)); }
.chart-wrap { overflow-x: auto; border: 1px solid #c5cfdb; border-radius: 6px; }
.chart-wrap svg { display: block; width: 100%; height: auto; }
.map-wrap { overflow-x: auto; border: 1px solid #c5cfdb; border-radius: 6px; }
.map-wrap svg { display: block; max-width: none; }
.chart-wrap:focus-visible, .map-wrap:focus-visible { outline: 3px solid #0b57a4; outline-offset: 2px; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
th, td { border: 1px solid #c5cfdb; padding: .45rem .6rem; vertical-align: top; text-align: left; }
table.steps { table-layout: fixed; }
table.steps th, table.steps td { overflow-wrap: anywhere; }
thead th { background: #1f4e79; color: #fff; }
td p, dd p { margin: 0 0 .4rem; }
td ul, td ol, dd ul, dd ol { margin: 0 0 .4rem; padding-left: 1.2rem; }
td > :last-child, dd > :last-child, li > :last-child { margin-bottom: 0; }
a { color: #0b57a4; }
nav.links { margin: 0 0 1rem; font-size: .95rem; }
@media (min-width: 40.0625rem) {
  table.history th:first-child { width: 5.5rem; } table.history td:nth-child(2) { width: 7rem; white-space: nowrap; }
  table.history td:nth-child(3) { width: 30%; }
}
@media (max-width: 40rem) {
  h1 { font-size: 1.55rem; }
  dl.facts { grid-template-columns: minmax(0, 1fr); } dl.facts dt { margin-top: .4rem; }
  table.cards, table.cards tbody, table.cards tr, table.cards th, table.cards td { display: block; width: auto; }
  table.cards thead { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
  table.cards tr { border: 1px solid #c5cfdb; border-radius: 6px; margin: 0 0 .75rem; }
  table.cards th, table.cards td { border: none; border-top: 1px solid #dde3ea; }
  table.cards tr > :first-child { border-top: none; border-radius: 5px 5px 0 0; color: #1a1a1a; background: #eef2f7; }
  table.cards td:empty { display: none; }
  table.cards td[data-label]::before { content: attr(data-label); content: attr(data-label) / ""; display: block; font-weight: 600; font-size: .85rem; color: #33415c; }
  table.index td[data-label]::before { display: inline-block; min-width: 9.5rem; margin-right: .5rem; }
  table.history th[data-label]::before { content: attr(data-label) " "; content: attr(data-label) " " / ""; }
}
@media print {
  @page { size: A4; margin: 15mm; }
  body { font-size: 10pt; } main { max-width: none; padding: 0; }
  .chart-wrap { overflow: visible; border: none; } .chart-wrap svg { max-width: 100%; height: auto; }
  .chart-cue { display: none; }
  thead { display: table-header-group; } tr { break-inside: avoid; }
  a { color: inherit; text-decoration: none; } nav.links { display: none; }
}
"#;

/// The per-page rules for one chart: scaled to the width of its frame, but never below [`MIN_CHART_TEXT`]; when
/// the frame is narrower than that, the chart keeps that size and scrolls, and the cue above it and the fade at its
/// right edge show (a container query on the chart area, so it holds for every screen width and for frames
/// narrower than the window). The numbers are the chart's own, so these rules go in the page's `<style>`.
pub(crate) fn chart_style(chart: &chart::Chart) -> String {
    let natural = chart.width.round().max(1.0);
    let minimum = chart_min_width(chart);
    // The frame's border (1 px each side) is inside the chart area, the container the query measures.
    format!(
        "@media screen {{\n.chart-frame {{ max-width: {frame}px; }}\n.chart-wrap svg {{ min-width: {minimum}px; max-width: {natural}px; }}\n@container chart (width < {threshold}px) {{ .chart-cue, .chart-frame::after {{ display: block; }} .chart-wrap {{ padding-right: 2.5rem; }} }}\n}}\n",
        frame = natural + 2.0,
        threshold = minimum + 2.0,
    )
}

/// The widths of the step table's columns, in percent, from what is in them: each column gets a share for its
/// longest word (so that words break inside only when the screen is too narrow for them, and then with a hyphen
/// where the browser can hyphenate the page's language) and a share for the amount of its text. A column empty in
/// every step stays narrow, and the table never needs more than the width of the page.
pub(crate) fn step_column_widths(process: &Process, headings: &[&str; 6]) -> [f64; 6] {
    // Per column: the longest word, in characters (bold and list items count wider), and all the text.
    let mut longest = [0.0_f64; 6];
    let mut total = [0.0_f64; 6];
    // The headings are words of their columns too (bold, so wider).
    for (column, heading) in headings.iter().enumerate() {
        for word in heading.split_whitespace() {
            longest[column] = longest[column].max(word.chars().count() as f64 * 1.1);
        }
    }
    let mut add = |column: usize, text: &str, widen: f64| {
        // A role may break after a slash (see `roles`).
        let pieces = text
            .split_whitespace()
            .flat_map(|word| word.split_inclusive(if column == 2 { '/' } else { '\0' }));
        for word in pieces {
            longest[column] = longest[column].max(word.chars().count() as f64 * widen);
        }
        total[column] += text.chars().count() as f64;
    };
    for (index, step) in process.steps.iter().enumerate() {
        add(0, &format!("{}. {}", index + 1, step.name), 1.1);
        add(1, &step.what, 1.0);
        for role in &step.responsible {
            add(2, role, 1.0);
        }
        add(3, step.metrics.as_deref().unwrap_or_default(), 1.0);
        add(4, step.evaluation.as_deref().unwrap_or_default(), 1.0);
        for instruction in &step.instructions {
            match instruction {
                Instruction::Text(text) => add(5, text, 1.0),
                Instruction::Link { title, .. } => add(5, title, 1.0),
            }
        }
    }
    // What a column needs: its longest word, the cell's padding (about two characters) and a list's bullets (two
    // more).
    let need: Vec<f64> = longest
        .iter()
        .enumerate()
        .map(|(column, chars)| chars.clamp(6.0, 30.0) + if column >= 2 { 4.0 } else { 2.0 })
        .collect();
    // The table at its widest holds about this many characters of its 15 px text in a row.
    let room = CONTENT_MAX_WIDTH / 9.0;
    let need_sum: f64 = need.iter().sum();
    let text_sum: f64 = total.iter().sum::<f64>().max(1.0);
    let mut widths = [0.0; 6];
    for (column, width) in widths.iter_mut().enumerate() {
        // Every column its longest word when they all fit, and what is left by the amount of text; when they do
        // not all fit, each a share of the room by its longest word.
        let chars = if need_sum <= room {
            need[column] + (room - need_sum) * total[column] / text_sum
        } else {
            need[column] * room / need_sum
        };
        *width = (chars / room * 1000.0).round() / 10.0;
    }
    widths
}

/// The narrowest a chart is shown on a page, in CSS px: the width at which its text is [`MIN_CHART_TEXT`].
pub fn chart_min_width(chart: &chart::Chart) -> f64 {
    let natural = chart.width.round().max(1.0);
    (natural * MIN_CHART_TEXT / chart::FONT_SIZE)
        .ceil()
        .min(natural)
}

/// The start of every page: doctype, language, title, the inline styles (with the page's own `extra_style` after
/// them), up to the opening of `<main>`.
pub(crate) fn document_start(language: Language, title: &str, extra_style: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}{extra_style}</style>\n</head>\n<body>\n<main>\n",
        language.code(),
        escape::text(title)
    )
}

/// The review status badge as HTML, the same on a process page and in the site index. The part after the status
/// (the date, and the days overdue) never breaks inside, so a narrow screen wraps the badge between the status and
/// the date rather than inside the date.
pub(crate) fn badge_html(status: ReviewStatus, words: &Labels) -> String {
    let (class, text) = badge(status, words);
    match text.split_once(" · ") {
        Some((state, when)) => format!(
            "<span class=\"badge {class}\">{} · <span class=\"when\">{}</span></span>",
            escape::text(state),
            escape::text(when)
        ),
        None => format!(
            "<span class=\"badge {class}\">{}</span>",
            escape::text(&text)
        ),
    }
}

fn fact(out: &mut String, label: &str, value_html: &str) {
    if !value_html.trim().is_empty() {
        let _ = write!(out, "<dt>{}</dt><dd>{value_html}</dd>", escape::text(label));
    }
}

/// Items that are already HTML: one stands alone, several make a list.
fn html_list(items: Vec<String>) -> String {
    match items.len() {
        0 => String::new(),
        1 => items.into_iter().next().unwrap_or_default(),
        _ => format!(
            "<ul>{}</ul>",
            items
                .iter()
                .map(|item| format!("<li>{item}</li>"))
                .collect::<String>()
        ),
    }
}

/// A cell of a table that becomes cards on a phone: its column's heading goes in `data-label`, which the card
/// shows above the value (the ARIA roles keep the table a table for screen readers, whatever its CSS display).
pub(crate) fn card_cell(out: &mut String, heading: &str, value_html: &str) {
    let _ = write!(
        out,
        "<td role=\"cell\" data-label=\"{}\">{value_html}</td>",
        escape::text(heading)
    );
}

/// Texts from the process, escaped, as [`html_list`] shows them.
fn list(items: &[String]) -> String {
    html_list(items.iter().map(|item| escape::text(item)).collect())
}

/// The roles of a step, as [`list`] shows them, with a break allowed after each slash: roles are often written
/// `Hälsovårdare/barnmorska`, one word too long for a narrow column, and browsers do not break after a slash.
fn roles(items: &[String]) -> String {
    html_list(
        items
            .iter()
            .map(|item| escape::text(item).replace('/', "/<wbr>"))
            .collect(),
    )
}

fn instructions(items: &[Instruction]) -> String {
    let rendered: Vec<String> = items
        .iter()
        .map(|instruction| match instruction {
            Instruction::Text(text) => escape::text(text),
            Instruction::Link { title, url } => match escape::safe_url(url) {
                Some(url) => format!(
                    r#"<a href="{}">{}</a>"#,
                    escape::text(url),
                    escape::text(title)
                ),
                None => escape::text(title),
            },
        })
        .collect();
    html_list(rendered)
}

fn review_cycle(cycle: &ReviewCycle, language: Language) -> String {
    let (windows, description) = review_cycle_text(cycle, language);
    let mut html = escape::text(&windows);
    if let Some(description) = description {
        let _ = write!(html, "<br>{}", escape::text(&description));
    }
    html
}

/// The page of one process, as a complete HTML5 document with its styles and chart inline.
///
/// The page links to the chart alone as `ID.svg` next to it, which [`output::write_process`] writes with the page
/// (use [`page_and_chart`] to have both).
pub fn page(process: &Process, options: &PageOptions) -> String {
    page_and_chart(process, options).0
}

/// The page of one process and the chart on it as a standalone SVG document (the same drawing, for `ID.svg`).
pub fn page_and_chart(process: &Process, options: &PageOptions) -> (String, String) {
    let language = options
        .language
        .or(process.language)
        .unwrap_or(options.default_language);
    let words = labels(language);
    let status = review_status::status(process, options.today, options.within_days);
    let description = chart_description(process, 0..process.steps.len());
    let chart = chart::swimlane(
        process,
        language,
        &format!("{}: {}", words.chart, process.name),
        &description,
    );

    let mut html = String::with_capacity(16 * 1024);
    let headings = [
        words.step,
        words.what,
        words.responsible,
        words.metrics,
        words.evaluation,
        words.instructions,
    ];
    let mut style = chart_style(&chart);
    for (column, width) in step_column_widths(process, &headings).iter().enumerate() {
        let _ = writeln!(
            style,
            "table.steps thead th:nth-child({}) {{ width: {width:.1}%; }}",
            column + 1
        );
    }
    html.push_str(&document_start(language, &process.name, &style));
    let mut links = Vec::new();
    if options.site {
        links.push(format!(
            r#"<a href="./index.html">← {}</a>"#,
            escape::text(words.all_processes)
        ));
    }
    if options.pdf {
        links.push(format!(
            r#"<a href="{}">{}</a>"#,
            escape::text(&process.id.href("pdf")),
            escape::text(words.print_version)
        ));
    }
    if !links.is_empty() {
        let _ = writeln!(html, "<nav class=\"links\">{}</nav>", links.join(" · "));
    }
    let _ = write!(html, "<header>\n<h1>{}</h1>\n", escape::text(&process.name));
    // A retired process is kept for the record: said first, with what to use instead.
    if let Some(retired) = &process.retired {
        let replacement = match retired.replaced_by.as_deref() {
            Some(id) => {
                let target = match known_name(options, id) {
                    Some((known, name)) => format!(
                        r#"<a href="{}">{}</a>"#,
                        escape::text(&known.href("html")),
                        escape::text(name)
                    ),
                    None => escape::text(id),
                };
                format!(" {} {target}.", escape::text(words.replaced_by))
            }
            None => String::new(),
        };
        let note = retired
            .note
            .as_deref()
            .map(|note| format!(" {}", escape::text(note)))
            .unwrap_or_default();
        let _ = writeln!(
            html,
            "<p class=\"retired-banner\" role=\"note\"><strong>{} ({}, {})</strong>.{replacement}{note}</p>",
            escape::text(words.retired),
            retired.date,
            escape::text(&retired.by)
        );
    } else if process.approved.is_none() {
        // A draft is not to be used as the process yet: said first, where nobody reads past it (and in print).
        let _ = writeln!(
            html,
            "<p class=\"draft-banner\" role=\"note\">{}</p>",
            escape::text(words.draft)
        );
    }
    let _ = writeln!(
        html,
        "<p class=\"goal\"><strong>{}:</strong> {}</p>",
        escape::text(words.goal),
        escape::text(&process.goal)
    );
    html.push_str("<dl class=\"facts\">");
    if let Some(scope) = &process.scope {
        fact(&mut html, words.scope, &escape::text(scope));
    }
    fact(&mut html, words.owner, &escape::text(&process.owner));
    fact(
        &mut html,
        words.users,
        &process
            .users
            .as_deref()
            .map(escape::text)
            .unwrap_or_default(),
    );
    fact(
        &mut html,
        words.target_group,
        &process
            .target_group
            .as_deref()
            .map(escape::text)
            .unwrap_or_default(),
    );
    fact(&mut html, words.version, &escape::text(&process.version.0));
    // A draft has no approval to show: the banner under the title says so.
    if let Some(approval) = &process.approved {
        fact(
            &mut html,
            words.approved,
            &format!("{} · {}", approval.date, escape::text(&approval.by)),
        );
    }
    if let Some(updated) = &process.updated {
        fact(
            &mut html,
            words.updated,
            &format!(
                "{} · {}",
                updated.date,
                escape::text(&updated.by.join(", "))
            ),
        );
    }
    fact(&mut html, words.status, &badge_html(status, words));
    html.push_str("</dl>\n</header>\n");

    // The cue is in every page and shown by `chart_style` only when the chart scrolls: whether it does depends on
    // the reader's screen. The frame takes keyboard focus, so that it can be scrolled without a mouse.
    let _ = write!(
        html,
        "<section>\n<h2 id=\"chart-heading\">{chart_heading}</h2>\n<div class=\"chart-area\">\n<p class=\"chart-cue\">{} <a href=\"{}\">{}</a>.</p>\n<div class=\"chart-frame\"><div class=\"chart-wrap\" tabindex=\"0\" role=\"region\" aria-labelledby=\"chart-heading\">{}</div></div>\n</div>\n</section>\n",
        escape::text(words.chart_scrolls),
        escape::text(&process.id.href("svg")),
        escape::text(words.open_chart),
        chart.svg,
        chart_heading = escape::text(words.chart),
    );

    let _ = write!(
        html,
        "<section>\n<h2>{}</h2>\n<table class=\"steps cards\" role=\"table\"><thead role=\"rowgroup\"><tr role=\"row\">",
        escape::text(words.steps)
    );
    for heading in headings {
        let _ = write!(
            html,
            "<th scope=\"col\" role=\"columnheader\">{}</th>",
            escape::text(heading)
        );
    }
    html.push_str("</tr></thead>\n<tbody role=\"rowgroup\">\n");
    for (index, step) in process.steps.iter().enumerate() {
        let _ = write!(
            html,
            "<tr role=\"row\"><th scope=\"row\" role=\"rowheader\">{}. {}</th>",
            index + 1,
            escape::text(&step.name),
        );
        let cells = [
            markdown::to_html(&step.what),
            roles(&step.responsible),
            step.metrics
                .as_deref()
                .map(markdown::to_html)
                .unwrap_or_default(),
            step.evaluation
                .as_deref()
                .map(markdown::to_html)
                .unwrap_or_default(),
            instructions(&step.instructions),
        ];
        for (heading, cell) in headings[1..].iter().zip(cells) {
            card_cell(&mut html, heading, &cell);
        }
        html.push_str("</tr>\n");
    }
    html.push_str("</tbody>\n</table>\n</section>\n");

    let _ = write!(
        html,
        "<section>\n<h2>{}</h2>\n<dl class=\"facts\">",
        escape::text(words.basic_data)
    );
    fact(&mut html, words.owner, &escape::text(&process.owner));
    fact(&mut html, words.authors, &list(&process.authors));
    fact(&mut html, words.partners, &list(&process.partners));
    fact(
        &mut html,
        words.prerequisites,
        &process
            .prerequisites
            .as_deref()
            .map(markdown::to_html)
            .unwrap_or_default(),
    );
    fact(&mut html, words.key_figures, &list(&process.metrics));
    let interfaces: Vec<String> = process
        .interfaces
        .iter()
        .map(|interface| match interface {
            Interface::Text(text) => escape::text(text),
            Interface::Process { process: id, note } => {
                let target = if let Some((known, name)) = known_name(options, id) {
                    let pdf = if options.pdf {
                        format!(
                            r#" (<a href="{}">PDF</a>)"#,
                            escape::text(&known.href("pdf"))
                        )
                    } else {
                        String::new()
                    };
                    format!(
                        r#"<a href="{}">{}</a>{pdf}"#,
                        escape::text(&known.href("html")),
                        escape::text(name)
                    )
                } else {
                    escape::text(id)
                };
                match note {
                    Some(note) => format!("{target} – {}", escape::text(note)),
                    None => target,
                }
            }
        })
        .collect();
    fact(&mut html, words.interfaces, &html_list(interfaces));
    if let Some(cycle) = &process.review_cycle {
        fact(
            &mut html,
            words.review_months,
            &review_cycle(cycle, language),
        );
    }
    html.push_str("</dl>\n</section>\n");
    version_history(&mut html, process, options, language, words);
    html.push_str("</main>\n</body>\n</html>\n");
    (html, chart.svg)
}

/// The version history: a table, a card per row on a phone. Nothing at all for a process with nothing to show.
fn version_history(
    html: &mut String,
    process: &Process,
    options: &PageOptions,
    language: Language,
    words: &Labels,
) {
    let rows = super::history::rows(process, options, language, words);
    if rows.is_empty() {
        return;
    }
    let _ = write!(
        html,
        "<section>\n<h2 id=\"history-heading\">{}</h2>\n<table class=\"history cards\" role=\"table\" aria-labelledby=\"history-heading\"><thead role=\"rowgroup\"><tr role=\"row\">",
        escape::text(words.version_history)
    );
    for heading in words.history_columns {
        let _ = write!(
            html,
            "<th scope=\"col\" role=\"columnheader\">{}</th>",
            escape::text(heading)
        );
    }
    html.push_str("</tr></thead>\n<tbody role=\"rowgroup\">\n");
    let [_, date, who, change] = words.history_columns;
    for row in rows {
        let _ = write!(
            html,
            "<tr role=\"row\"><th scope=\"row\" role=\"rowheader\" data-label=\"{}\">{}</th>",
            escape::text(words.history_columns[0]),
            escape::text(&row.version)
        );
        card_cell(html, date, &escape::text(&row.date));
        card_cell(html, who, &escape::text(&row.who));
        let mut what = String::new();
        if !row.summary.is_empty() {
            let _ = write!(what, "<p>{}</p>", escape::text(&row.summary));
        }
        if !row.changes.is_empty() {
            what.push_str("<ul>");
            for change in &row.changes {
                let _ = write!(what, "<li>{}</li>", change.html());
            }
            if let Some(more) = &row.more {
                let _ = write!(what, "<li>{}</li>", escape::text(more));
            }
            what.push_str("</ul>");
        }
        card_cell(html, change, &what);
        html.push_str("</tr>\n");
    }
    html.push_str("</tbody>\n</table>\n</section>\n");
}

#[cfg(test)]
mod tests {
    use super::STYLE;
    use crate::render::wcag::contrast;

    /// The colour of a CSS declaration in a rule body as `#rrggbb`, if the rule sets it to a hex colour.
    fn declared(body: &str, property: &str) -> Option<String> {
        body.split(';').find_map(|declaration| {
            let (name, value) = declaration.split_once(':')?;
            let value = value.trim();
            if name.trim() != property || !value.starts_with('#') {
                return None;
            }
            match value.len() {
                7 => Some(value.to_owned()),
                4 => Some(value.chars().skip(1).fold("#".to_owned(), |mut long, c| {
                    long.push(c);
                    long.push(c);
                    long
                })),
                _ => None,
            }
        })
    }

    #[test]
    fn every_text_colour_of_the_page_meets_wcag_aa() {
        let mut checked = 0;
        for rule in STYLE.split('}') {
            let Some((selector, body)) = rule.rsplit_once('{') else {
                continue;
            };
            let Some(foreground) = declared(body, "color") else {
                continue;
            };
            let background = declared(body, "background").unwrap_or_else(|| "#ffffff".into());
            let ratio = contrast(&foreground, &background);
            assert!(
                ratio >= 4.5,
                "{} on {background} in `{}` has contrast {ratio:.2}, under 4.5",
                foreground,
                selector.trim()
            );
            checked += 1;
        }
        // The cue and its link, a card's first cell and labels among them, the draft badge and banner, the
        // retired banner and its link.
        assert_eq!(checked, 16, "the colour rules of the page");
    }

    #[test]
    fn the_pdf_and_chart_colours_meet_wcag_aa() {
        let template = include_str!("process.typ");
        let mut pairs: Vec<(String, String)> = template
            .lines()
            .filter(|line| line.contains("(rgb(\"#") && line.matches("rgb(").count() == 2)
            .map(|line| {
                let colours: Vec<&str> = line
                    .split("rgb(\"")
                    .skip(1)
                    .map(|rest| &rest[..7])
                    .collect();
                (colours[1].to_owned(), colours[0].to_owned())
            })
            .collect();
        assert_eq!(pairs.len(), 5, "the five badge colour pairs");
        // The draft banner under the title.
        pairs.push(("#3d2a6b".to_owned(), "#e8e3f3".to_owned()));
        // Table header: white on the accent colour; facts labels and links on white; chart text on the lanes.
        pairs.extend(
            [
                ("#ffffff", "#1f4e79"),
                ("#33415c", "#ffffff"),
                ("#0b57a4", "#ffffff"),
                ("#000000", "#eef2f7"),
            ]
            .map(|(a, b)| (a.to_owned(), b.to_owned())),
        );
        for (foreground, background) in pairs {
            let ratio = contrast(&foreground, &background);
            assert!(ratio >= 4.5, "{foreground} on {background}: {ratio:.2}");
        }
        assert!(template.contains("#let accent = rgb(\"#1f4e79\")"));
        assert!(template.contains("#let muted = rgb(\"#33415c\")"));
    }
}
