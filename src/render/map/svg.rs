//! Drawing a laid-out map as SVG: boxes tinted by owner, names as links, edges with arrowheads.

use super::*;

pub(super) fn point(p: Point) -> String {
    format!("{:.1} {:.1}", p.x, p.y)
}

/// The map as SVG. `hrefs` and `titles` are per item: the link to its page and its tooltip. The SVG scales to
/// the page width (viewBox, `max-width: 100%`). It is a `group`, not an `img`: an image's content is
/// presentational, so the links in its boxes would be hidden from screen readers.
pub fn svg(layout: &Layout, items: &[Item], hrefs: &[String], words: &Labels) -> String {
    let (width, height) = (layout.width.max(1.0), layout.height.max(1.0));
    // Scaled to the page, but never so far that a name falls under the page's smallest chart text; a wider map
    // scrolls in its frame instead.
    let min_width = (width * crate::render::html::MIN_CHART_TEXT / NAME_SIZE).min(width);
    let mut svg = String::with_capacity(512 + layout.boxes.len() * 600);
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="process-map" viewBox="0 0 {width:.0} {height:.0}" width="{width:.0}" height="{height:.0}" style="display:block;max-width:100%;min-width:{min_width:.0}px;height:auto" role="group" aria-label="{}" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif" font-size="{NAME_SIZE}">"#,
        escape::text(words.process_map)
    );
    // Hover and keyboard focus show on the box (the page's styles do not reach into the drawing).
    let _ = write!(
        svg,
        "<style>.process-map a:hover rect,.process-map a:focus rect{{stroke:{TEXT_COLOUR};stroke-width:3}}.process-map a:focus{{outline:none}}</style>"
    );
    let _ = write!(
        svg,
        r#"<defs><marker id="map-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" fill="{EDGE_COLOUR}"/></marker></defs>"#
    );
    for edge in &layout.edges {
        let mut d = String::new();
        for (index, segment) in edge.path.iter().enumerate() {
            let (start, rest) = match segment {
                Segment::Line(a, b) => (*a, format!("L{}", point(*b))),
                Segment::Curve(a, c1, c2, b) => {
                    (*a, format!("C{} {} {}", point(*c1), point(*c2), point(*b)))
                }
            };
            if index == 0 {
                let _ = write!(d, "M{}", point(start));
            }
            d.push_str(&rest);
        }
        let start = edge.upward || edge.both;
        let end = !edge.upward || edge.both;
        let _ = write!(
            svg,
            r#"<path d="{d}" fill="none" stroke="{EDGE_COLOUR}" stroke-width="1.4"{}{}/>"#,
            if start {
                r#" marker-start="url(#map-arrow)""#
            } else {
                ""
            },
            if end {
                r#" marker-end="url(#map-arrow)""#
            } else {
                ""
            },
        );
    }
    for label in &layout.labels {
        let (size, line, weight) = if label.heading {
            (HEADING_SIZE, HEADING_SIZE + 4.0, "700")
        } else {
            (HEADER_SIZE, HEADER_LINE, "600")
        };
        text_block(
            &mut svg,
            &label.lines,
            label.x,
            label.y + size,
            line,
            &format!(r#"font-size="{size}" font-weight="{weight}" fill="{TEXT_COLOUR}""#),
        );
    }
    for placed in &layout.boxes {
        let Some(item) = items.get(placed.item) else {
            continue;
        };
        let (fill, stroke) = OWNER_COLOURS[placed.owner % OWNER_COLOURS.len()];
        let rect = placed.rect;
        let href = hrefs.get(placed.item).map(String::as_str).unwrap_or("#");
        let _ = write!(
            svg,
            r#"<a href="{}"><title>{} ({})</title><rect x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}" rx="5" fill="{fill}" stroke="{stroke}" stroke-width="1.5"/>"#,
            escape::text(href),
            escape::text(item.name),
            escape::text(item.owner),
            rect.x,
            rect.y,
            rect.width,
            rect.height
        );
        let centre = rect.x + rect.width / 2.0;
        let mut baseline = rect.y + PADDING + NAME_SIZE - 1.0;
        if !placed.owner_lines.is_empty() {
            text_block(
                &mut svg,
                &placed.owner_lines,
                centre,
                rect.y + PADDING + OWNER_SIZE - 1.0,
                OWNER_LINE,
                &format!(r#"text-anchor="middle" font-size="{OWNER_SIZE}" fill="{OWNER_COLOUR}""#),
            );
            baseline += placed.owner_lines.len() as f64 * OWNER_LINE;
        }
        text_block(
            &mut svg,
            &placed.lines,
            centre,
            baseline,
            NAME_LINE,
            &format!(r#"text-anchor="middle" fill="{NAME_COLOUR}""#),
        );
        svg.push_str("</a>");
    }
    svg.push_str("</svg>");
    svg
}
