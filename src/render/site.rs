//! The site index: every process grouped by owner with its review status, and a map of the interfaces between
//! processes.

use std::fmt::Write as _;

use super::{
    PageOptions, badge_html, card_cell, chart::wrap, document_start, escape, labels::labels,
};
use crate::model::{Interface, Process};
use crate::review;

const NODE_WIDTH: f64 = 180.0;
const LINE_HEIGHT: f64 = 16.0;

/// The process map: the processes on a circle, each a box linking to its page, with a line for each interface
/// between two of them. A circle keeps every pair of processes apart whatever the graph looks like, and its
/// radius grows with the number of processes so that the boxes never touch.
pub fn process_map(processes: &[&Process]) -> String {
    let count = processes.len().max(1);
    let labels: Vec<Vec<String>> = processes
        .iter()
        .map(|process| wrap(&process.name, 22))
        .collect();
    let heights: Vec<f64> = labels
        .iter()
        .map(|lines| lines.len() as f64 * LINE_HEIGHT + 16.0)
        .collect();
    let tallest = heights.iter().copied().fold(40.0, f64::max);
    // Neighbours on the circle are at least a box diagonal apart.
    let spacing = (NODE_WIDTH.powi(2) + tallest.powi(2)).sqrt() + 20.0;
    let radius = if count == 1 {
        0.0
    } else {
        (spacing / (2.0 * (std::f64::consts::PI / count as f64).sin())).max(spacing / 2.0)
    };
    let margin = 20.0;
    let size_x = 2.0 * radius + NODE_WIDTH + 2.0 * margin;
    let size_y = 2.0 * radius + tallest + 2.0 * margin;
    let center = (size_x / 2.0, size_y / 2.0);
    let position = |index: usize| {
        let angle =
            -std::f64::consts::FRAC_PI_2 + 2.0 * std::f64::consts::PI * index as f64 / count as f64;
        (
            center.0 + radius * angle.cos(),
            center.1 + radius * angle.sin(),
        )
    };
    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {size_x:.0} {size_y:.0}" width="{size_x:.0}" height="{size_y:.0}" role="img" aria-label="Process map" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif" font-size="13">"#
    );
    for (from, process) in processes.iter().enumerate() {
        for interface in &process.interfaces {
            let Interface::Process {
                process: target, ..
            } = interface
            else {
                continue;
            };
            if let Some(to) = processes.iter().position(|other| &other.id == target) {
                let (a, b) = (position(from), position(to));
                let _ = write!(
                    svg,
                    r##"<line x1="{:.1}" y1="{:.1}" x2="{:.1}" y2="{:.1}" stroke="#33415c" stroke-width="1.5"/>"##,
                    a.0, a.1, b.0, b.1
                );
            }
        }
    }
    for (index, process) in processes.iter().enumerate() {
        let (x, y) = position(index);
        let height = heights[index];
        let (left, top) = (x - NODE_WIDTH / 2.0, y - height / 2.0);
        let _ = write!(
            svg,
            r#"<a href="{}">"#,
            escape::text(&process.id.href("html"))
        );
        let _ = write!(
            svg,
            r##"<rect x="{left:.1}" y="{top:.1}" width="{NODE_WIDTH}" height="{height:.1}" rx="6" fill="#ffffff" stroke="#1f4e79" stroke-width="1.5"/>"##
        );
        let _ = write!(
            svg,
            r##"<text x="{x:.1}" y="{:.1}" text-anchor="middle" fill="#0b57a4">"##,
            top + 8.0 + LINE_HEIGHT - 4.0
        );
        for (line_index, line) in labels[index].iter().enumerate() {
            let dy = if line_index == 0 { 0.0 } else { LINE_HEIGHT };
            let _ = write!(
                svg,
                r#"<tspan x="{x:.1}" dy="{dy:.1}">{}</tspan>"#,
                escape::text(line)
            );
        }
        svg.push_str("</text></a>");
    }
    svg.push_str("</svg>");
    svg
}

/// `index.html`: the processes grouped by owner, and the process map.
pub fn index(processes: &[&Process], options: &PageOptions) -> String {
    let language = options.language.unwrap_or(options.default_language);
    let words = labels(language);
    let mut owners: Vec<&str> = processes
        .iter()
        .map(|process| process.owner.as_str())
        .collect();
    owners.sort_by_key(|owner| owner.to_lowercase());
    owners.dedup();
    // With processes in several languages, each row says which (and its link is marked, for screen readers).
    let language_of = |process: &Process| process.language.unwrap_or(options.default_language);
    let mixed = processes
        .iter()
        .any(|process| language_of(process) != language_of(processes[0]));
    let mut html = String::new();
    html.push_str(&document_start(language, words.site_title, ""));
    let _ = writeln!(html, "<h1>{}</h1>", escape::text(words.site_title));
    for owner in owners {
        // One card per process on a phone, as the step table of a page (see `card_cell`).
        let _ = write!(
            html,
            "<h2>{}</h2>\n<table class=\"index cards\" role=\"table\"><thead role=\"rowgroup\"><tr role=\"row\">",
            escape::text(owner)
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
        let mut owned: Vec<&&Process> = processes
            .iter()
            .filter(|process| process.owner == owner)
            .collect();
        owned.sort_by_key(|process| process.name.to_lowercase());
        for process in owned {
            let status = review::status(process, options.today, options.within_days);
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
                &review::last_review(process).to_string(),
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
        process_map(processes)
    );
    html
}
