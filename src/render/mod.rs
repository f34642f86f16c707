//! Rendering processes for readers: a self-contained HTML page per process.
//!
//! The renderer reads the typed model only (never the YAML), the way mdBook keeps its renderers apart from the
//! book model. Every user text is escaped or rendered through the safe Markdown renderer.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use jiff::civil::Date;

use crate::model::{Instruction, Interface, Language, Process, ReviewCycle};
use crate::review::{self, ReviewStatus};

pub mod chart;
pub mod escape;
pub mod labels;
pub mod markdown;
pub mod output;
pub mod pdf;
pub mod site;

use labels::{Labels, labels};

/// What a page depends on besides the process.
#[derive(Debug, Clone)]
pub struct PageOptions {
    pub today: Date,
    /// Look-ahead for "review due soon", in days.
    pub within_days: i32,
    /// The language of the fixed labels; the process's own language when `None`.
    pub language: Option<Language>,
    pub default_language: Language,
    /// The processes that have pages, with their names, for links from `interfaces`: a link is made only to one
    /// of these, from the validated id, never from the text of the interface, and shows the target's name.
    pub known: BTreeMap<crate::model::ProcessId, String>,
    /// Whether `index.html` is written next to the pages (each page then links back to it).
    pub site: bool,
    /// Whether a PDF is written next to each page (pages, interfaces and the index then link to it).
    pub pdf: bool,
}

/// The name of a process with a page, to show instead of its id.
fn known_name<'a>(
    options: &'a PageOptions,
    id: &str,
) -> Option<(&'a crate::model::ProcessId, &'a str)> {
    options
        .known
        .get_key_value(id)
        .map(|(id, name)| (id, name.as_str()))
}

const STYLE: &str = r#"
:root { color-scheme: light; }
* { box-sizing: border-box; }
body { margin: 0; font: 16px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; color: #1a1a1a; background: #fff; }
main { max-width: 75rem; margin: 0 auto; padding: 1.5rem 1rem 3rem; }
h1 { font-size: 1.9rem; line-height: 1.2; margin: 0 0 .5rem; }
h2 { font-size: 1.3rem; margin: 2rem 0 .75rem; border-bottom: 2px solid #1f4e79; padding-bottom: .25rem; }
.goal { font-size: 1.15rem; margin: 0 0 1rem; }
dl.facts { display: grid; grid-template-columns: max-content 1fr; gap: .25rem 1rem; margin: 0; }
dl.facts dt { font-weight: 600; color: #33415c; }
dl.facts dd { margin: 0; }
.badge { display: inline-block; padding: .15rem .6rem; border-radius: 1rem; font-weight: 600; font-size: .95rem; }
.badge.ok { background: #dff0e0; color: #1b5e20; }
.badge.upcoming { background: #fff3cd; color: #6b4b00; }
.badge.overdue { background: #fde2e1; color: #8a1c15; }
.badge.none { background: #e9ecef; color: #343a40; }
.chart-wrap { overflow-x: auto; border: 1px solid #c5cfdb; border-radius: 6px; }
.chart { display: block; max-width: none; }
.table-wrap { overflow-x: auto; }
table { border-collapse: collapse; width: 100%; font-size: .95rem; }
th, td { border: 1px solid #c5cfdb; padding: .45rem .6rem; vertical-align: top; text-align: left; }
thead th { background: #1f4e79; color: #fff; }
td p, dd p { margin: 0 0 .4rem; }
td ul, td ol, dd ul, dd ol { margin: 0 0 .4rem; padding-left: 1.2rem; }
td > :last-child, dd > :last-child, li > :last-child { margin-bottom: 0; }
a { color: #0b57a4; }
nav.links { margin: 0 0 1rem; font-size: .95rem; }
@media (max-width: 40rem) { dl.facts { grid-template-columns: 1fr; } dl.facts dt { margin-top: .4rem; } }
@media print {
  @page { size: A4; margin: 15mm; }
  body { font-size: 10pt; } main { max-width: none; padding: 0; }
  .chart-wrap { overflow: visible; border: none; } .chart { max-width: 100%; height: auto; }
  thead { display: table-header-group; } tr { break-inside: avoid; }
  a { color: inherit; text-decoration: none; } nav.links { display: none; }
}
"#;

/// The start of every page: doctype, language, title, the inline styles, up to the opening of `<main>`.
pub(crate) fn document_start(language: Language, title: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<main>\n",
        language.code(),
        escape::text(title)
    )
}

/// The review status badge: its class and text.
pub(crate) fn badge(status: ReviewStatus, words: &Labels) -> (&'static str, String) {
    match status {
        ReviewStatus::Ok { due } => (
            "ok",
            format!("{} · {} {due}", words.status_ok, words.next_review),
        ),
        ReviewStatus::Upcoming { due, .. } => {
            ("upcoming", format!("{} · {due}", words.status_upcoming))
        }
        ReviewStatus::Overdue { due, days_overdue } => (
            "overdue",
            format!(
                "{} · {due} (+{days_overdue} {})",
                words.status_overdue, words.days
            ),
        ),
        ReviewStatus::NoCycle => ("none", words.status_none.to_owned()),
    }
}

/// The review status badge as HTML, the same on a process page and in the site index.
pub(crate) fn badge_html(status: ReviewStatus, words: &Labels) -> String {
    let (class, text) = badge(status, words);
    format!(
        "<span class=\"badge {class}\">{}</span>",
        escape::text(&text)
    )
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

/// Texts from the process, escaped, as [`html_list`] shows them.
fn list(items: &[String]) -> String {
    html_list(items.iter().map(|item| escape::text(item)).collect())
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

/// The review months in words ("Februari–Mars; Augusti–September"), and the cycle's own sentence if it has one.
pub(crate) fn review_cycle_text(
    cycle: &ReviewCycle,
    language: Language,
) -> (String, Option<String>) {
    let windows: Vec<String> = cycle
        .windows()
        .iter()
        .map(|window| {
            let months = if window.last() == window.from {
                window.from.name(language).to_owned()
            } else {
                format!(
                    "{}–{}",
                    window.from.name(language),
                    window.last().name(language)
                )
            };
            match &window.name {
                Some(name) => format!("{name}: {months}"),
                None => months,
            }
        })
        .collect();
    (windows.join("; "), cycle.description().map(str::to_owned))
}

fn review_cycle(cycle: &ReviewCycle, language: Language) -> String {
    let (windows, description) = review_cycle_text(cycle, language);
    let mut html = escape::text(&windows);
    if let Some(description) = description {
        let _ = write!(html, "<br>{}", escape::text(&description));
    }
    html
}

/// The chart's text alternative: the steps in order with who does them.
pub(crate) fn chart_description(process: &Process) -> String {
    process
        .steps
        .iter()
        .enumerate()
        .map(|(index, step)| {
            format!(
                "{}. {} ({})",
                index + 1,
                step.name,
                step.responsible.join(", ")
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The page of one process, as a complete HTML5 document with its styles and chart inline.
pub fn page(process: &Process, options: &PageOptions) -> String {
    let language = options
        .language
        .or(process.language)
        .unwrap_or(options.default_language);
    let words = labels(language);
    let status = review::status(process, options.today, options.within_days);
    let description = chart_description(process);
    let chart = chart::swimlane(
        process,
        language,
        &format!("{}: {}", words.chart, process.name),
        &description,
    );

    let mut html = String::with_capacity(16 * 1024);
    html.push_str(&document_start(language, &process.name));
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
    fact(
        &mut html,
        words.approved,
        &format!(
            "{} · {}",
            process.approved.date,
            escape::text(&process.approved.by)
        ),
    );
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

    let _ = write!(
        html,
        "<section>\n<h2>{}</h2>\n<div class=\"chart-wrap\">{}</div>\n</section>\n",
        escape::text(words.chart),
        chart.svg
    );

    let _ = write!(
        html,
        "<section>\n<h2>{}</h2>\n<div class=\"table-wrap\"><table>\n<thead><tr>",
        escape::text(words.steps)
    );
    for heading in [
        words.step,
        words.what,
        words.responsible,
        words.metrics,
        words.evaluation,
        words.instructions,
    ] {
        let _ = write!(html, "<th scope=\"col\">{}</th>", escape::text(heading));
    }
    html.push_str("</tr></thead>\n<tbody>\n");
    for (index, step) in process.steps.iter().enumerate() {
        let _ = writeln!(
            html,
            "<tr><th scope=\"row\">{}. {}</th><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            index + 1,
            escape::text(&step.name),
            markdown::to_html(&step.what),
            list(&step.responsible),
            step.metrics
                .as_deref()
                .map(markdown::to_html)
                .unwrap_or_default(),
            step.evaluation
                .as_deref()
                .map(markdown::to_html)
                .unwrap_or_default(),
            instructions(&step.instructions),
        );
    }
    html.push_str("</tbody>\n</table></div>\n</section>\n");

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
    let history: Vec<String> = process
        .reviews
        .iter()
        .map(|review| match &review.note {
            Some(note) => format!("{} · {} · {}", review.date, review.by, note),
            None => format!("{} · {}", review.date, review.by),
        })
        .collect();
    fact(&mut html, words.review_history, &list(&history));
    html.push_str("</dl>\n</section>\n</main>\n</body>\n</html>\n");
    html
}

#[cfg(test)]
mod tests {
    use super::STYLE;

    /// The relative luminance of an sRGB colour written `#rrggbb`, as WCAG 2.1 defines it.
    fn luminance(hex: &str) -> f64 {
        let channel = |index: usize| {
            let value = u8::from_str_radix(&hex[1 + 2 * index..3 + 2 * index], 16)
                .unwrap_or_else(|_| panic!("{hex} is not #rrggbb"));
            let c = f64::from(value) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2)
    }

    fn contrast(a: &str, b: &str) -> f64 {
        let (a, b) = (luminance(a), luminance(b));
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }

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
        assert_eq!(checked, 8, "the colour rules of the page");
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
        assert_eq!(pairs.len(), 4, "the four badge colour pairs");
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
