//! The process chart: a swimlane diagram drawn as SVG.
//!
//! One lane per responsible role, in order of first appearance; one column per step, left to right, so no two
//! steps ever share a place. A step with several roles appears in each of their lanes, in its column, joined by a
//! dashed line: lanes of different roles are seldom next to each other, and a box stretched over lanes it does
//! not belong to would claim work for roles that have none in it. Arrows go from each step to the next, or to the
//! steps its `next` names. Text is wrapped to fit its box and lanes grow to fit their tallest box.

use std::fmt::Write as _;

use super::escape;
use crate::model::Process;

/// Text metrics for the chart's sans-serif font at 13 px: a generous average width, so wrapped lines fit.
pub const FONT_SIZE: f64 = 13.0;
const CHAR_WIDTH: f64 = 7.6;
const LINE_HEIGHT: f64 = 17.0;
const LABEL_WIDTH: f64 = 200.0;
const BOX_WIDTH: f64 = 190.0;
const GAP: f64 = 44.0;
const PADDING: f64 = 10.0;
const LANE_PADDING: f64 = 14.0;

/// A rectangle in chart coordinates.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl Rect {
    /// Whether two rectangles share any area (touching edges do not count).
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.x + other.width
            && other.x < self.x + self.width
            && self.y < other.y + other.height
            && other.y < self.y + self.height
    }
}

/// The drawn chart, with the places of its boxes and labels (for tests that check nothing overlaps).
#[derive(Debug, Clone)]
pub struct Chart {
    pub svg: String,
    pub width: f64,
    pub height: f64,
    /// Every step box, in every lane it appears in.
    pub boxes: Vec<Rect>,
    /// Every lane label.
    pub labels: Vec<Rect>,
}

/// Wraps text into lines of at most `width` characters: at spaces, else after a `/` or `-` inside a word
/// ("Hälsovårdare/ barnmorska"), and only as a last resort inside a word.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    // Pieces of words, each marked with whether a space stands before it.
    let mut pieces: Vec<(bool, String)> = Vec::new();
    for word in text.split_whitespace() {
        let mut first = true;
        let mut piece = String::new();
        for ch in word.chars() {
            piece.push(ch);
            if matches!(ch, '/' | '-') && piece.chars().count() > 1 {
                pieces.push((first, std::mem::take(&mut piece)));
                first = false;
            }
        }
        if !piece.is_empty() {
            pieces.push((first, piece));
        }
    }
    let mut lines = Vec::new();
    let mut line = String::new();
    for (spaced, mut piece) in pieces {
        let joiner = if spaced && !line.is_empty() { " " } else { "" };
        if !line.is_empty() && line.chars().count() + joiner.len() + piece.chars().count() > width {
            lines.push(std::mem::take(&mut line));
        }
        while piece.chars().count() > width {
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            lines.push(piece.chars().take(width).collect());
            piece = piece.chars().skip(width).collect();
        }
        if spaced && !line.is_empty() {
            line.push(' ');
        }
        line.push_str(&piece);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

fn chars_per_line(width: f64) -> usize {
    ((width - 2.0 * PADDING) / CHAR_WIDTH).floor().max(4.0) as usize
}

/// The roles of the process, in order of first appearance.
pub fn roles(process: &Process) -> Vec<String> {
    let mut roles: Vec<String> = Vec::new();
    for step in &process.steps {
        for role in &step.responsible {
            let role = role.trim();
            if !role.is_empty() && !roles.iter().any(|known| known == role) {
                roles.push(role.to_owned());
            }
        }
    }
    roles
}

/// The steps each step leads to: those its `next` names, or else the one after it.
fn successors(process: &Process) -> Vec<Vec<usize>> {
    let index_of = |id: &str| {
        process
            .steps
            .iter()
            .position(|step| step.id.as_deref() == Some(id))
    };
    process
        .steps
        .iter()
        .enumerate()
        .map(|(index, step)| {
            if step.next.is_empty() {
                (index + 1 < process.steps.len())
                    .then_some(index + 1)
                    .into_iter()
                    .collect()
            } else {
                step.next.iter().filter_map(|id| index_of(id)).collect()
            }
        })
        .collect()
}

fn text_lines(
    out: &mut String,
    lines: &[String],
    x: f64,
    first_baseline: f64,
    anchor: &str,
    weight: &str,
) {
    let _ = write!(
        out,
        r#"<text x="{x:.1}" y="{first_baseline:.1}" text-anchor="{anchor}" font-weight="{weight}">"#
    );
    for (index, line) in lines.iter().enumerate() {
        let dy = if index == 0 { 0.0 } else { LINE_HEIGHT };
        let _ = write!(
            out,
            r#"<tspan x="{x:.1}" dy="{dy:.1}">{}</tspan>"#,
            escape::text(line)
        );
    }
    out.push_str("</text>");
}

/// Draws the chart. `title` and `description` are its text alternative (read by screen readers).
pub fn swimlane(process: &Process, title: &str, description: &str) -> Chart {
    let roles = roles(process);
    let lanes = if roles.is_empty() {
        vec![String::new()]
    } else {
        roles
    };
    let step_lines: Vec<Vec<String>> = process
        .steps
        .iter()
        .enumerate()
        .map(|(index, step)| {
            wrap(
                &format!("{}. {}", index + 1, step.name.trim()),
                chars_per_line(BOX_WIDTH),
            )
        })
        .collect();
    let box_height = |index: usize| step_lines[index].len() as f64 * LINE_HEIGHT + 2.0 * PADDING;
    let lane_lines: Vec<Vec<String>> = lanes
        .iter()
        .map(|role| wrap(role, chars_per_line(LABEL_WIDTH)))
        .collect();
    let in_lane = |step: usize, lane: &str| {
        process.steps[step]
            .responsible
            .iter()
            .any(|role| role.trim() == lane)
    };

    // Lane heights: the tallest of the label and the boxes in the lane.
    let mut lane_top = Vec::with_capacity(lanes.len());
    let mut lane_height = Vec::with_capacity(lanes.len());
    let mut y = 0.0;
    for (lane_index, lane) in lanes.iter().enumerate() {
        let label = lane_lines[lane_index].len() as f64 * LINE_HEIGHT;
        let tallest = (0..process.steps.len())
            .filter(|step| lanes.len() == 1 || in_lane(*step, lane))
            .map(box_height)
            .fold(label, f64::max);
        let height = tallest + 2.0 * LANE_PADDING;
        lane_top.push(y);
        lane_height.push(height);
        y += height;
    }
    let height = y.max(1.0);
    let column_x = |step: usize| LABEL_WIDTH + GAP / 2.0 + step as f64 * (BOX_WIDTH + GAP);
    let width = column_x(process.steps.len().max(1)) - GAP / 2.0 + 8.0;

    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width:.0} {height:.0}" width="{width:.0}" height="{height:.0}" role="img" aria-labelledby="chart-title chart-desc" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif" font-size="{FONT_SIZE}">"#
    );
    let _ = write!(
        svg,
        r#"<title id="chart-title">{}</title><desc id="chart-desc">{}</desc>"#,
        escape::text(title),
        escape::text(description)
    );
    svg.push_str(r##"<defs><marker id="arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#33415c"/></marker></defs>"##);

    let mut labels = Vec::new();
    for (lane_index, lines) in lane_lines.iter().enumerate() {
        let top = lane_top[lane_index];
        let fill = if lane_index % 2 == 0 {
            "#eef2f7"
        } else {
            "#ffffff"
        };
        let _ = write!(
            svg,
            r##"<rect x="0" y="{top:.1}" width="{width:.1}" height="{:.1}" fill="{fill}" stroke="#c5cfdb"/>"##,
            lane_height[lane_index]
        );
        let label_height = lines.len() as f64 * LINE_HEIGHT;
        let label_top = top + (lane_height[lane_index] - label_height) / 2.0;
        labels.push(Rect {
            x: 8.0,
            y: label_top,
            width: LABEL_WIDTH - 16.0,
            height: label_height,
        });
        text_lines(
            &mut svg,
            lines,
            12.0,
            label_top + LINE_HEIGHT - 4.0,
            "start",
            "600",
        );
    }
    let _ = write!(
        svg,
        r##"<line x1="{LABEL_WIDTH}" y1="0" x2="{LABEL_WIDTH}" y2="{height:.1}" stroke="#c5cfdb"/>"##
    );

    // Boxes: each step in each of its lanes (in the only lane when there is one).
    let mut boxes = Vec::new();
    let mut first_box: Vec<Option<Rect>> = vec![None; process.steps.len()];
    for (step, lines) in step_lines.iter().enumerate() {
        let x = column_x(step);
        let h = box_height(step);
        let mut placed: Vec<Rect> = Vec::new();
        for (lane_index, lane) in lanes.iter().enumerate() {
            if lanes.len() > 1 && !in_lane(step, lane) {
                continue;
            }
            let y = lane_top[lane_index] + (lane_height[lane_index] - h) / 2.0;
            let rect = Rect {
                x,
                y,
                width: BOX_WIDTH,
                height: h,
            };
            let _ = write!(
                svg,
                r##"<rect x="{x:.1}" y="{y:.1}" width="{BOX_WIDTH}" height="{h:.1}" rx="6" fill="#ffffff" stroke="#1f4e79" stroke-width="1.5"/>"##
            );
            text_lines(
                &mut svg,
                lines,
                x + BOX_WIDTH / 2.0,
                y + PADDING + LINE_HEIGHT - 4.0,
                "middle",
                "400",
            );
            placed.push(rect);
        }
        for pair in placed.windows(2) {
            let center = x + BOX_WIDTH / 2.0;
            let _ = write!(
                svg,
                r##"<line x1="{center:.1}" y1="{:.1}" x2="{center:.1}" y2="{:.1}" stroke="#1f4e79" stroke-dasharray="4 3"/>"##,
                pair[0].y + pair[0].height,
                pair[1].y
            );
        }
        first_box[step] = placed.first().copied();
        boxes.extend(placed);
    }

    // Arrows between the first box of each step and the first box of each step it leads to.
    for (from, targets) in successors(process).iter().enumerate() {
        for &to in targets {
            let (Some(a), Some(b)) = (first_box[from], first_box[to]) else {
                continue;
            };
            let (x1, y1) = (a.x + a.width, a.y + a.height / 2.0);
            let (x2, y2) = if to > from {
                (b.x, b.y + b.height / 2.0)
            } else {
                (b.x + b.width / 2.0, b.y + b.height)
            };
            let path = if to > from {
                let bend = x1 + GAP / 2.0;
                format!("M {x1:.1} {y1:.1} H {bend:.1} V {y2:.1} H {:.1}", x2 - 1.0)
            } else {
                // Back to an earlier step: below the boxes, then up into the target.
                let below = a.y.max(b.y) + a.height.max(b.height) + LANE_PADDING / 2.0;
                format!(
                    "M {x1:.1} {y1:.1} H {:.1} V {below:.1} H {x2:.1} V {:.1}",
                    x1 + GAP / 4.0,
                    y2 + 1.0
                )
            };
            let _ = write!(
                svg,
                r##"<path d="{path}" fill="none" stroke="#33415c" stroke-width="1.5" marker-end="url(#arrow)"/>"##
            );
        }
    }
    svg.push_str("</svg>");
    Chart {
        svg,
        width,
        height,
        boxes,
        labels,
    }
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn text_wraps_at_spaces_and_cuts_long_words() {
        assert_eq!(
            wrap("Oro för anknytning, bedömning av servicebehov", 19),
            ["Oro för anknytning,", "bedömning av", "servicebehov"]
        );
        assert_eq!(
            wrap("Socialvårdslagstiftningsändring", 10),
            ["Socialvård", "slagstiftn", "ingsändrin", "g"]
        );
        assert_eq!(wrap("", 10), [""]);
    }
}
