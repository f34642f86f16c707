//! The process chart: a swimlane diagram drawn as SVG.
//!
//! One lane per responsible role, in order of first appearance; one column per step, left to right, so no two
//! steps ever share a place. A step with several roles appears in each of their lanes, in its column, joined by a
//! dashed line: lanes of different roles are seldom next to each other, and a box stretched over lanes it does
//! not belong to would claim work for roles that have none in it. Arrows go from each step to the next, or to the
//! steps its `next` names. Text is wrapped to fit its box (measured as both the PDF's and a browser's fonts draw it,
//! see [`super::measure`]), long words hyphenated by the process's language (see [`super::hyphenate`]), and lanes
//! grow to fit their tallest box.
//!
//! The geometry is drawn to fit a page: at a 1280 px window the page's content is about 1200 px wide and the HTML
//! page scales the chart down to that width, but never so far that its 13 px text falls under 11 px on screen. So
//! the natural width of 8 steps (136 + 8 × 148 + 8 = 1328 px) scales to 1200 px with 11.7 px text, and 9 steps to
//! 1250 px with 11 px. Boxes are narrow for that (108 px of text, about 14 characters): they grow taller instead,
//! and words are hyphenated rather than cut.

use std::fmt::Write as _;
use std::ops::Range;

use super::measure::{self, Weight};
use super::{escape, hyphenate};
use crate::model::{Language, Process};

/// The size of every text in the chart, in SVG pixels: a PDF that must keep text at 8 pt or more may scale the chart
/// by at most 8 / (FONT_SIZE × 0.75).
pub const FONT_SIZE: f64 = 13.0;
const LINE_HEIGHT: f64 = 16.0;
/// The lane-label column, and the room its (bold) text has between the chart's edge and the lane divider.
const LABEL_WIDTH: f64 = 136.0;
const LABEL_INSET: f64 = 10.0;
const BOX_WIDTH: f64 = 124.0;
/// Between two step columns: room for an arrow's bend and its head.
const GAP: f64 = 24.0;
/// Inside a box, around its text.
const PADDING: f64 = 8.0;
/// Above and below the tallest box of a lane.
const LANE_PADDING: f64 = 10.0;
/// The margin that holds the cut-short arrows and step numbers at the edge of a part.
const STUB: f64 = 44.0;

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
    /// The step (index into `process.steps`) of each box in `boxes`.
    pub box_steps: Vec<usize>,
    /// Every lane label.
    pub labels: Vec<Rect>,
    /// Every lane, across the whole width: the same heights in every part of a process.
    pub lanes: Vec<Rect>,
    /// Arrows to and from steps outside the drawn part.
    pub continuations: Vec<Continuation>,
}

/// Wraps text into lines of at most `width` characters: at spaces, after a `/` or `-` inside a word
/// ("Hälsovårdare/ barnmorska") or at a soft hyphen, and only when one piece is longer than a line inside a word,
/// with a "-" at the cut. For the process map, which counts characters; the chart measures its text.
pub fn wrap(text: &str, width: usize) -> Vec<String> {
    let count = |text: &str| text.chars().count() as f64;
    hyphenate::break_lines(text, width as f64, &count, None)
}

/// Lines of chart text that fit `width` pixels, hyphenated by `language`.
fn chart_lines(text: &str, width: f64, weight: Weight, language: Language) -> Vec<String> {
    let measure = |text: &str| measure::width(text, weight, FONT_SIZE);
    hyphenate::break_lines(text, width, &measure, Some(language))
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
    text_block(
        out,
        lines,
        x,
        first_baseline,
        LINE_HEIGHT,
        &format!(r#"text-anchor="{anchor}" font-weight="{weight}""#),
    );
}

/// Lines of text as one SVG `<text>`, a `<tspan>` a line, each line escaped; `attributes` (written as they are,
/// so never user text) set the anchor, size, weight or colour. Shared with the process map.
pub(super) fn text_block(
    out: &mut String,
    lines: &[String],
    x: f64,
    first_baseline: f64,
    line_height: f64,
    attributes: &str,
) {
    let _ = write!(
        out,
        r#"<text x="{x:.1}" y="{first_baseline:.1}" {attributes}>"#
    );
    for (index, line) in lines.iter().enumerate() {
        let dy = if index == 0 { 0.0 } else { line_height };
        let _ = write!(
            out,
            r#"<tspan x="{x:.1}" dy="{dy:.1}">{}</tspan>"#,
            escape::text(line)
        );
    }
    out.push_str("</text>");
}

/// What is the same in every part of a chart: the lanes, the wrapped text and the lane heights, all computed over
/// the whole process so that parts printed one after another line up lane by lane. Made once for a process and
/// shared by its parts ([`part_of`]): measuring and hyphenating every label is most of the cost of a chart, and
/// placing a PDF chart draws many trial parts.
pub struct Layout {
    lane_lines: Vec<Vec<String>>,
    step_lines: Vec<Vec<String>>,
    /// The lanes each step has a box in, top to bottom.
    step_lanes: Vec<Vec<usize>>,
    lane_top: Vec<f64>,
    lane_height: Vec<f64>,
    height: f64,
    successors: Vec<Vec<usize>>,
}

impl Layout {
    /// `language` chooses how long words are hyphenated.
    pub fn new(process: &Process, language: Language) -> Layout {
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
                chart_lines(
                    &format!("{}. {}", index + 1, step.name.trim()),
                    BOX_WIDTH - 2.0 * PADDING,
                    Weight::Regular,
                    language,
                )
            })
            .collect();
        let lane_lines: Vec<Vec<String>> = lanes
            .iter()
            .map(|role| {
                chart_lines(
                    role,
                    LABEL_WIDTH - 2.0 * LABEL_INSET,
                    Weight::Bold,
                    language,
                )
            })
            .collect();
        let step_lanes: Vec<Vec<usize>> = process
            .steps
            .iter()
            .map(|step| {
                (0..lanes.len())
                    .filter(|&lane| {
                        lanes.len() == 1
                            || step
                                .responsible
                                .iter()
                                .any(|role| role.trim() == lanes[lane])
                    })
                    .collect()
            })
            .collect();
        // Lane heights: the tallest of the label and the boxes in the lane, over every step of the process.
        let mut lane_top = Vec::with_capacity(lanes.len());
        let mut lane_height = Vec::with_capacity(lanes.len());
        let mut y = 0.0;
        for (lane, lines) in lane_lines.iter().enumerate() {
            let label = lines.len() as f64 * LINE_HEIGHT;
            let tallest = step_lanes
                .iter()
                .enumerate()
                .filter(|(_, in_lanes)| in_lanes.contains(&lane))
                .map(|(step, _)| box_height(&step_lines[step]))
                .fold(label, f64::max);
            let height = tallest + 2.0 * LANE_PADDING;
            lane_top.push(y);
            lane_height.push(height);
            y += height;
        }
        Layout {
            lane_lines,
            step_lines,
            step_lanes,
            lane_top,
            lane_height,
            height: y.max(1.0),
            successors: successors(process),
        }
    }
}

fn box_height(lines: &[String]) -> f64 {
    lines.len() as f64 * LINE_HEIGHT + 2.0 * PADDING
}

/// An arrow to or from a step outside the drawn part, cut short at the chart's edge and labelled with that step's
/// number ("→ 8": continues at step 8; "5 →": comes from step 5).
#[derive(Debug, Clone, PartialEq)]
pub struct Continuation {
    /// The step the arrow leaves from and the step it leads to (indices into `process.steps`).
    pub from: usize,
    pub to: usize,
    /// Where the label is drawn.
    pub label: Rect,
    pub text: String,
}

/// The widest a part of `steps` steps can be, in SVG pixels (with room for continuations on both sides).
fn part_width(steps: usize) -> f64 {
    LABEL_WIDTH + 2.0 * STUB + steps as f64 * (BOX_WIDTH + GAP) + 8.0
}

/// Splits the steps into as few parts as keep each part's chart at most `max_width` SVG pixels wide, of nearly equal
/// size (10 steps that need two parts are split 5 + 5, not 8 + 2). Always at least one step per part, so a width too
/// small for even one step still gives parts (each one step wide); no steps, no parts.
pub fn parts(process: &Process, max_width: f64) -> Vec<Range<usize>> {
    let count = process.steps.len();
    if count == 0 {
        return Vec::new();
    }
    if swimlane_width(count) <= max_width {
        return std::iter::once(0..count).collect();
    }
    let fitting = (1..=count)
        .take_while(|&steps| part_width(steps) <= max_width)
        .last()
        .unwrap_or(1);
    let part_count = count.div_ceil(fitting);
    // Sizes differ by at most one: the first `count % part_count` parts get one more.
    let (base, extra) = (count / part_count, count % part_count);
    let mut start = 0;
    (0..part_count)
        .map(|index| {
            let end = start + base + usize::from(index < extra);
            let range = start..end;
            start = end;
            range
        })
        .collect()
}

/// The width of the whole chart of `steps` steps (no continuations).
fn swimlane_width(steps: usize) -> f64 {
    LABEL_WIDTH + steps.max(1) as f64 * (BOX_WIDTH + GAP) + 8.0
}

/// Draws the whole chart. `title` and `description` are its text alternative (read by screen readers); `language`
/// chooses how long words are hyphenated.
pub fn swimlane(process: &Process, language: Language, title: &str, description: &str) -> Chart {
    swimlane_part(
        process,
        language,
        title,
        description,
        0..process.steps.len(),
    )
}

/// Draws the columns of the steps in `steps` only (indices into `process.steps`; clamped to the steps there are),
/// with every lane of the process at the height it has in the whole chart, so that parts printed one after another
/// line up like the pages of a printed swimlane chart. Steps keep their numbers; an arrow to or from a step outside
/// the part is cut short at the edge and labelled with that step's number.
pub fn swimlane_part(
    process: &Process,
    language: Language,
    title: &str,
    description: &str,
    steps: Range<usize>,
) -> Chart {
    part_of(
        &Layout::new(process, language),
        process,
        title,
        description,
        steps,
    )
}

/// [`swimlane_part`] with the layout of `process` made already.
pub fn part_of(
    layout: &Layout,
    process: &Process,
    title: &str,
    description: &str,
    steps: Range<usize>,
) -> Chart {
    let count = process.steps.len();
    let steps = steps.start.min(count)..steps.end.min(count);
    let steps = steps.start..steps.end.max(steps.start);
    let part = steps.start > 0 || steps.end < count;
    let id = if part {
        format!("chart-{}-{}-{}", process.id, steps.start + 1, steps.end)
    } else {
        format!("chart-{}", process.id)
    };

    // Arrows that cross the part's edge: those coming in need room on the left, those going out on the right.
    let mut incoming = Vec::new();
    let mut outgoing = Vec::new();
    for (from, targets) in layout.successors.iter().enumerate() {
        for &to in targets {
            match (steps.contains(&from), steps.contains(&to)) {
                (true, false) => outgoing.push((from, to)),
                (false, true) => incoming.push((from, to)),
                _ => {}
            }
        }
    }
    // An arrow back to an earlier part leaves on the left, one from a later part comes in on the right.
    let left_stub = incoming.iter().any(|&(from, to)| from < to)
        || outgoing.iter().any(|&(from, to)| to < from);
    let right_stub = outgoing.iter().any(|&(from, to)| from < to)
        || incoming.iter().any(|&(from, to)| to < from);
    let left = LABEL_WIDTH + if left_stub { STUB } else { 0.0 };
    let column_x = |step: usize| left + GAP / 2.0 + (step - steps.start) as f64 * (BOX_WIDTH + GAP);
    let columns_end = column_x(steps.end.max(steps.start)) - GAP / 2.0;
    let width = columns_end + if right_stub { STUB } else { 0.0 } + 8.0;
    let height = layout.height;

    let mut svg = String::new();
    let _ = write!(
        svg,
        r#"<svg xmlns="http://www.w3.org/2000/svg" class="chart" viewBox="0 0 {width:.0} {height:.0}" width="{width:.0}" height="{height:.0}" role="img" aria-labelledby="{id}-title {id}-desc" font-family="system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif" font-size="{FONT_SIZE}">"#
    );
    let _ = write!(
        svg,
        r#"<title id="{id}-title">{}</title><desc id="{id}-desc">{}</desc>"#,
        escape::text(title),
        escape::text(description)
    );
    let _ = write!(
        svg,
        r##"<defs><marker id="{id}-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M 0 0 L 10 5 L 0 10 z" fill="#33415c"/></marker></defs>"##
    );

    let mut labels = Vec::new();
    let mut lanes = Vec::new();
    for (lane, lines) in layout.lane_lines.iter().enumerate() {
        let top = layout.lane_top[lane];
        let lane_height = layout.lane_height[lane];
        let fill = if lane % 2 == 0 { "#eef2f7" } else { "#ffffff" };
        let _ = write!(
            svg,
            r##"<rect x="0" y="{top:.1}" width="{width:.1}" height="{lane_height:.1}" fill="{fill}" stroke="#c5cfdb"/>"##
        );
        lanes.push(Rect {
            x: 0.0,
            y: top,
            width,
            height: lane_height,
        });
        let label_height = lines.len() as f64 * LINE_HEIGHT;
        let label_top = top + (lane_height - label_height) / 2.0;
        labels.push(Rect {
            x: LABEL_INSET,
            y: label_top,
            width: LABEL_WIDTH - 2.0 * LABEL_INSET,
            height: label_height,
        });
        text_lines(
            &mut svg,
            lines,
            LABEL_INSET,
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
    let mut box_steps = Vec::new();
    let mut first_box: Vec<Option<Rect>> = vec![None; count];
    for step in steps.clone() {
        let lines = &layout.step_lines[step];
        let x = column_x(step);
        let h = box_height(lines);
        let mut placed: Vec<Rect> = Vec::new();
        for &lane in &layout.step_lanes[step] {
            let y = layout.lane_top[lane] + (layout.lane_height[lane] - h) / 2.0;
            let rect = Rect {
                x,
                y,
                width: BOX_WIDTH,
                height: h,
            };
            let _ = write!(
                svg,
                r##"<rect class="step" x="{x:.1}" y="{y:.1}" width="{BOX_WIDTH}" height="{h:.1}" rx="6" fill="#ffffff" stroke="#1f4e79" stroke-width="1.5"/>"##
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
        box_steps.extend(std::iter::repeat_n(step, placed.len()));
        boxes.extend(placed);
    }
    // Where a step outside the part would have its first box: only its height matters, for the lane it is in.
    let lane_center = |step: usize| {
        layout.step_lanes[step]
            .first()
            .map(|&lane| layout.lane_top[lane] + layout.lane_height[lane] / 2.0)
    };

    // Arrows between the first box of each step and the first box of each step it leads to.
    let arrow = |svg: &mut String, path: &str| {
        let _ = write!(
            svg,
            r##"<path d="{path}" fill="none" stroke="#33415c" stroke-width="1.5" marker-end="url(#{id}-arrow)"/>"##
        );
    };
    for (from, targets) in layout.successors.iter().enumerate() {
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
            arrow(&mut svg, &path);
        }
    }

    // Arrows that cross the part's edge, each ending (or starting) in the margin at the height of the lane where it
    // continues, so that the stubs of two parts laid side by side meet.
    let mut continuations = Vec::new();
    let stub_label = |svg: &mut String, x: f64, y: f64, text: &str, anchor: &str| -> Rect {
        let _ = write!(
            svg,
            r##"<text x="{x:.1}" y="{:.1}" text-anchor="{anchor}" font-size="{FONT_SIZE}" fill="#33415c">{}</text>"##,
            y - 5.0,
            escape::text(text)
        );
        let width = STUB - 6.0;
        let left = if anchor == "end" { x - width } else { x };
        Rect {
            x: left,
            y: y - 5.0 - FONT_SIZE,
            width,
            height: FONT_SIZE + 2.0,
        }
    };
    for &(from, to) in &outgoing {
        let (Some(a), Some(y2)) = (first_box[from], lane_center(to)) else {
            continue;
        };
        let (x1, y1) = (a.x + a.width, a.y + a.height / 2.0);
        let text = format!("→ {}", to + 1);
        let (path, label) = if to > from {
            let edge = width - 4.0;
            let bend = x1 + GAP / 2.0;
            (
                format!("M {x1:.1} {y1:.1} H {bend:.1} V {y2:.1} H {edge:.1}"),
                stub_label(&mut svg, edge - 4.0, y2, &text, "end"),
            )
        } else {
            // Back to a step of an earlier part: below the box, then left to the edge of the label column.
            let below = a.y + a.height + LANE_PADDING / 2.0;
            let edge = LABEL_WIDTH + 4.0;
            (
                format!(
                    "M {x1:.1} {y1:.1} H {:.1} V {below:.1} H {edge:.1}",
                    x1 + GAP / 4.0
                ),
                stub_label(&mut svg, edge + 4.0, below, &text, "start"),
            )
        };
        arrow(&mut svg, &path);
        continuations.push(Continuation {
            from,
            to,
            label,
            text,
        });
    }
    for &(from, to) in &incoming {
        let (Some(b), Some(y1)) = (first_box[to], lane_center(from)) else {
            continue;
        };
        let text = format!("{} →", from + 1);
        let (path, label) = if from < to {
            // From an earlier part: in from the edge of the label column at the height of the lane it comes from.
            let edge = LABEL_WIDTH + 4.0;
            let (x2, y2) = (b.x, b.y + b.height / 2.0);
            let bend = x2 - GAP / 2.0;
            (
                format!(
                    "M {edge:.1} {y1:.1} H {bend:.1} V {y2:.1} H {:.1}",
                    x2 - 1.0
                ),
                stub_label(&mut svg, edge + 4.0, y1, &text, "start"),
            )
        } else {
            // Back from a later part: in from the right edge, below the box, then up into it.
            let edge = width - 4.0;
            let below = b.y + b.height + LANE_PADDING / 2.0;
            let center = b.x + b.width / 2.0;
            (
                format!(
                    "M {edge:.1} {below:.1} H {center:.1} V {:.1}",
                    b.y + b.height + 1.0
                ),
                stub_label(&mut svg, edge - 4.0, below, &text, "end"),
            )
        };
        arrow(&mut svg, &path);
        continuations.push(Continuation {
            from,
            to,
            label,
            text,
        });
    }
    svg.push_str("</svg>");
    Chart {
        svg,
        width,
        height,
        boxes,
        box_steps,
        labels,
        lanes,
        continuations,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A process of `steps` steps over `lanes` roles: step i is done by role i mod lanes, and every fifth step
    /// also by the role after it. Step 3 leads on to 4 and 15, step 10 back to 4 and on to 11, step 13 on to 14 and
    /// back to 2.
    fn process(steps: usize, lanes: usize) -> Process {
        let steps: Vec<serde_json::Value> = (0..steps)
            .map(|index| {
                let mut roles = vec![format!("Roll {}", index % lanes)];
                if index % 5 == 0 && lanes > 1 {
                    roles.push(format!("Roll {}", (index + 1) % lanes));
                }
                let next: Vec<String> = match index {
                    2 => vec!["s4".into(), "s15".into()],
                    9 => vec!["s4".into(), "s11".into()],
                    12 => vec!["s14".into(), "s2".into()],
                    _ => vec![],
                };
                serde_json::json!({
                    "id": format!("s{}", index + 1),
                    "name": format!("Steg nummer {} med en längre text", index + 1),
                    "what": "Gör",
                    "responsible": roles,
                    "next": next,
                })
            })
            .collect();
        serde_json::from_value(serde_json::json!({
            "id": "delad",
            "name": "Delad",
            "goal": "Mål",
            "owner": "Ägare",
            "approved": {"date": "2020-01-01", "by": "Chef"},
            "version": "1",
            "steps": steps,
        }))
        .expect("a valid process")
    }

    #[test]
    fn parts_have_every_step_once_the_same_lanes_and_continuations() {
        let process = process(30, 12);
        let whole = swimlane(&process, Language::Sv, "t", "d");
        assert!(whole.continuations.is_empty());
        assert_eq!(whole.lanes.len(), 12);
        let parts: Vec<Chart> = [0..10, 10..20, 20..30]
            .into_iter()
            .map(|steps| swimlane_part(&process, Language::Sv, "t", "d", steps))
            .collect();
        let mut steps: Vec<usize> = parts
            .iter()
            .flat_map(|part| {
                let mut distinct = part.box_steps.clone();
                distinct.dedup();
                distinct
            })
            .collect();
        steps.sort();
        assert_eq!(steps, (0..30).collect::<Vec<_>>(), "every step once");
        assert_eq!(
            parts.iter().map(|part| part.boxes.len()).sum::<usize>(),
            whole.boxes.len(),
            "every box once"
        );
        for part in &parts {
            let heights = |chart: &Chart| {
                chart
                    .lanes
                    .iter()
                    .map(|lane| (lane.y, lane.height))
                    .collect::<Vec<_>>()
            };
            assert_eq!(heights(part), heights(&whole));
            assert_eq!(part.height, whole.height);
            assert!(part.width < whole.width);
        }
        let texts = |part: &Chart| {
            part.continuations
                .iter()
                .map(|c| c.text.clone())
                .collect::<Vec<_>>()
        };
        // Out to later steps on the right, back from them on the right too; 10 → 4 stays inside part 1.
        assert_eq!(texts(&parts[0]), ["→ 15", "→ 11", "13 →"]);
        assert_eq!(texts(&parts[1]), ["→ 2", "→ 21", "3 →", "10 →"]);
        assert_eq!(texts(&parts[2]), ["20 →"]);
        for part in &parts {
            for continuation in &part.continuations {
                assert!(part.svg.contains(&format!(">{}</text>", continuation.text)));
                let label = continuation.label;
                assert!(
                    label.x >= 0.0 && label.x + label.width <= part.width,
                    "{label:?} in {}",
                    part.width
                );
                for rect in part.boxes.iter().chain(&part.labels) {
                    assert!(!rect.overlaps(&label), "{continuation:?} overlaps {rect:?}");
                }
            }
        }
    }

    #[test]
    fn parts_fit_the_width_and_are_balanced() {
        let process = process(30, 12);
        let whole = swimlane(&process, Language::Sv, "t", "d");
        assert_eq!(
            parts(&process, whole.width),
            std::iter::once(0..30).collect::<Vec<_>>()
        );
        for max_width in [700.0, 1000.0, 1500.0, 2500.0] {
            let ranges = parts(&process, max_width);
            assert!(ranges.len() > 1, "{max_width}");
            assert_eq!(ranges.first().map(|range| range.start), Some(0));
            assert_eq!(ranges.last().map(|range| range.end), Some(30));
            let sizes: Vec<usize> = ranges.iter().map(|range| range.len()).collect();
            let (smallest, largest) = (sizes.iter().min(), sizes.iter().max());
            assert!(
                largest.zip(smallest).is_some_and(|(l, s)| l - s <= 1),
                "{sizes:?}"
            );
            for pair in ranges.windows(2) {
                assert_eq!(pair[0].end, pair[1].start);
            }
            for range in ranges {
                let part = swimlane_part(&process, Language::Sv, "t", "d", range.clone());
                assert!(
                    part.width <= max_width,
                    "{range:?}: {} > {max_width}",
                    part.width
                );
            }
        }
        // Too narrow for one step: one step a part, still every step.
        assert_eq!(parts(&process, 10.0).len(), 30);
        let empty = self::process(0, 1);
        assert!(parts(&empty, 500.0).is_empty());
    }

    /// A process whose step i is named `names[i]` and done by `roles[i % roles.len()]`.
    fn named(names: &[&str], roles: &[&str], language: &str) -> Process {
        let steps: Vec<serde_json::Value> = names
            .iter()
            .enumerate()
            .map(|(index, name)| {
                serde_json::json!({
                    "name": name,
                    "what": "Gör",
                    "responsible": [roles[index % roles.len()]],
                })
            })
            .collect();
        serde_json::from_value(serde_json::json!({
            "id": "ord",
            "name": "Ord",
            "goal": "Mål",
            "owner": "Ägare",
            "language": language,
            "approved": {"date": "2020-01-01", "by": "Chef"},
            "version": "1",
            "steps": steps,
        }))
        .expect("a valid process")
    }

    #[test]
    fn every_line_fits_its_box_and_lane_labels_their_column() {
        let names = [
            "Lastensuojeluilmoituksen käsittely",
            "Toimeentulotukikäsittelijäharjoittelija",
            "Servicehandledning; Bedömning, utredning, belysning, plan",
            "Barn\u{ad}skydds\u{ad}anmälan",
            "WWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWWW",
        ];
        let roles = [
            "Hälsovårdare/barnmorska",
            "Toimeentulotukikäsittelijäharjoittelija",
            "Yrkespersonal inom mödra- och barnrådgivningen",
        ];
        for language in [Language::Sv, Language::Fi] {
            let process = named(&names, &roles, language.code());
            let layout = Layout::new(&process, language);
            for lines in &layout.step_lines {
                for line in lines {
                    let width = measure::width(line, Weight::Regular, FONT_SIZE);
                    assert!(width <= BOX_WIDTH - 2.0 * PADDING, "{line:?}: {width}");
                    assert!(!line.contains(hyphenate::SOFT_HYPHEN), "{line:?}");
                }
            }
            for lines in &layout.lane_lines {
                for line in lines {
                    let width = measure::width(line, Weight::Bold, FONT_SIZE);
                    assert!(
                        width <= LABEL_WIDTH - 2.0 * LABEL_INSET,
                        "{line:?}: {width}"
                    );
                }
            }
            // The label column's divider is right of every label.
            let chart = swimlane(&process, language, "t", "d");
            assert!(
                chart
                    .labels
                    .iter()
                    .all(|label| label.x + label.width < LABEL_WIDTH)
            );
            assert!(!chart.svg.contains(hyphenate::SOFT_HYPHEN));
        }
        let process = named(&names, &roles, "sv");
        let layout = Layout::new(&process, Language::Sv);
        // Broken after the slash, no hyphen added.
        assert_eq!(layout.lane_lines[0], ["Hälsovårdare/", "barnmorska"]);
        // The author's soft hyphens: broken at one, shown as "-", the other gone.
        assert_eq!(layout.step_lines[3], ["4. Barnskydds-", "anmälan"]);
        // Finnish syllables with a hyphen at each break, and nothing lost.
        let process = named(&names, &roles, "fi");
        let layout = Layout::new(&process, Language::Fi);
        let lines = &layout.step_lines[1];
        assert!(
            lines.len() > 1
                && lines[..lines.len() - 1]
                    .iter()
                    .all(|line| line.ends_with('-'))
        );
        assert_eq!(
            lines.concat().replace('-', ""),
            "2. Toimeentulotukikäsittelijäharjoittelija"
        );
    }

    /// The page scales the chart to its content width (about 1200 px at a 1280 px window) but keeps text at 11 px
    /// or more: 8 steps must fit.
    #[test]
    fn eight_steps_fit_1200_px_with_11_px_text() {
        let names = ["Steg"; 8];
        let chart = swimlane(&named(&names, &["Roll"], "sv"), Language::Sv, "t", "d");
        let scale = 1200.0 / chart.width;
        assert!(
            FONT_SIZE * scale >= 11.0,
            "{} px wide: {:.1} px text",
            chart.width,
            FONT_SIZE * scale
        );
    }

    #[test]
    fn a_part_outside_the_steps_is_empty_not_a_panic() {
        let process = process(5, 2);
        // A reversed range, as a caller's arithmetic might produce.
        #[allow(clippy::reversed_empty_ranges)]
        let reversed = 4..2;
        for steps in [7..9, reversed, 0..0] {
            let part = swimlane_part(&process, Language::Fi, "t", "d", steps);
            assert!(part.boxes.is_empty());
            assert_eq!(part.lanes.len(), 2);
        }
    }

    #[test]
    fn ids_are_unique_per_chart_and_part() {
        let process = process(5, 2);
        let whole = swimlane(&process, Language::Sv, "t", "d");
        assert!(
            whole
                .svg
                .contains(r#"aria-labelledby="chart-delad-title chart-delad-desc""#)
        );
        assert!(whole.svg.contains(r#"<title id="chart-delad-title">"#));
        let part = swimlane_part(&process, Language::Sv, "t", "d", 2..4);
        assert!(part.svg.contains(r#"<desc id="chart-delad-3-4-desc">"#));
        assert!(part.svg.contains(r#"url(#chart-delad-3-4-arrow)"#));
    }

    #[test]
    fn text_wraps_at_spaces_and_cuts_long_words() {
        assert_eq!(
            wrap("Oro för anknytning, bedömning av servicebehov", 19),
            ["Oro för anknytning,", "bedömning av", "servicebehov"]
        );
        // Without a language to hyphenate by: cut where the line is full, with a hyphen.
        assert_eq!(
            wrap("Socialvårdslagstiftningsändring", 10),
            ["Socialvår-", "dslagstif-", "tningsänd-", "ring"]
        );
        assert_eq!(wrap("", 10), [""]);
    }
}
