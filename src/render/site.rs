//! The site index: every process grouped by owner with its review status, and a map of the interfaces between
//! processes.

use std::fmt::Write as _;

use super::html::{badge_html, card_cell, document_start};
use super::labels::{Labels, labels};
use super::{PageOptions, escape, map};
use crate::model::{Interface, Process};
use crate::review_status;

/// The process map: the processes with interfaces to each other as a layered graph, the others in a grid by
/// owner (see [`super::map`]); each box links to the process's page.
pub fn process_map(processes: &[&Process], words: &Labels) -> String {
    let items: Vec<map::Item> = processes
        .iter()
        .map(|process| map::Item {
            name: &process.name,
            owner: &process.owner,
            targets: process
                .interfaces
                .iter()
                .filter_map(|interface| match interface {
                    Interface::Process {
                        process: target, ..
                    } => processes.iter().position(|other| &other.id == target),
                    Interface::Text(_) => None,
                })
                .collect(),
        })
        .collect();
    let hrefs: Vec<String> = processes
        .iter()
        .map(|process| process.id.href("html"))
        .collect();
    let layout = map::layout(&items, words.map_alone);
    map::svg(&layout, &items, &hrefs, words)
}

/// `index.html`: the processes grouped by owner, and the process map.
pub fn index(processes: &[&Process], options: &PageOptions) -> String {
    let language = options.language.unwrap_or(options.default_language);
    let words = labels(language);
    let owners = super::owners(processes.iter().map(|process| process.owner.as_str()));
    // With processes in several languages, each row says which (and its link is marked, for screen readers).
    let language_of = |process: &Process| process.language.unwrap_or(options.default_language);
    let mixed = processes
        .iter()
        .any(|process| language_of(process) != language_of(processes[0]));
    let mut html = String::new();
    html.push_str(&document_start(language, words.site_title, ""));
    let _ = writeln!(html, "<h1>{}</h1>", escape::text(words.site_title));
    // Drafts are not in use yet, retired processes no longer: each are listed apart, after the processes in use,
    // whoever owns them.
    let (retired, current): (Vec<&Process>, Vec<&Process>) = processes
        .iter()
        .copied()
        .partition(|process| process.retired.is_some());
    let (drafts, in_use): (Vec<&Process>, Vec<&Process>) = current
        .into_iter()
        .partition(|process| process.approved.is_none());
    let mut sections: Vec<(&str, Vec<&Process>)> = owners
        .into_iter()
        .map(|owner| {
            let owned: Vec<&Process> = in_use
                .iter()
                .copied()
                .filter(|process| process.owner == owner)
                .collect();
            (owner, owned)
        })
        .filter(|(_, owned)| !owned.is_empty())
        .collect();
    if !drafts.is_empty() {
        sections.push((words.drafts, drafts));
    }
    if !retired.is_empty() {
        sections.push((words.archive, retired));
    }
    for (heading, mut listed) in sections {
        // One card per process on a phone, as the step table of a page (see `card_cell`).
        let _ = write!(
            html,
            "<h2>{}</h2>\n<table class=\"index cards\" role=\"table\"><thead role=\"rowgroup\"><tr role=\"row\">",
            escape::text(heading)
        );
        let mut headings = vec![words.process];
        if mixed {
            headings.push(words.language);
        }
        headings.extend([words.version, words.last_review, words.status]);
        if options.pdf {
            headings.push("PDF");
        }
        for heading in &headings {
            let _ = write!(
                html,
                "<th scope=\"col\" role=\"columnheader\">{}</th>",
                escape::text(heading)
            );
        }
        html.push_str("</tr></thead>\n<tbody role=\"rowgroup\">\n");
        listed.sort_by_key(|process| process.name.to_lowercase());
        for process in listed {
            let status = review_status::status(process, options.today, options.within_days);
            let own = language_of(process);
            let _ = write!(
                html,
                "<tr role=\"row\"><th scope=\"row\" role=\"rowheader\"><a href=\"{}\" lang=\"{}\">{}</a></th>",
                escape::text(&process.id.href("html")),
                own.code(),
                escape::text(&process.name),
            );
            if mixed {
                card_cell(&mut html, words.language, own.code());
            }
            card_cell(&mut html, words.version, &escape::text(&process.version.0));
            card_cell(
                &mut html,
                words.last_review,
                &review_status::last_review(process)
                    .map_or_else(|| "–".to_owned(), |date| date.to_string()),
            );
            card_cell(&mut html, words.status, &badge_html(status, words));
            if options.pdf {
                card_cell(
                    &mut html,
                    "PDF",
                    &format!(
                        "<a href=\"{}\" aria-label=\"PDF: {}\">PDF</a>",
                        escape::text(&process.id.href("pdf")),
                        escape::text(&process.name)
                    ),
                );
            }
            html.push_str("</tr>\n");
        }
        html.push_str("</tbody>\n</table>\n");
    }
    let _ = write!(
        html,
        "<h2 id=\"map-heading\">{}</h2>\n<div class=\"map-wrap\" tabindex=\"0\" role=\"region\" aria-labelledby=\"map-heading\">{}</div>\n</main>\n</body>\n</html>\n",
        escape::text(words.process_map),
        process_map(processes, words)
    );
    html
}
