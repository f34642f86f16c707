//! The process map of the site index: which processes name which others as interfaces, and who owns them.
//!
//! The processes that have interfaces are drawn as a layered graph (Sugiyama's method), because a reader follows
//! an interface from one process to the next, and layers make every arrow point the same way (down):
//!
//! 1. cycles are broken by laying out the back edges of a depth-first search reversed (their arrowhead still
//!    points the way the interface goes);
//! 2. layers by longest path from the bottom, with at most [`LAYER_WIDTH`] processes in a layer (Coffman–Graham
//!    style), so that 200 processes make a tall map that fits the page width rather than one row of 80 boxes;
//! 3. edges that span several layers get a dummy node in each layer between, so that they run in gaps between
//!    boxes rather than through them;
//! 4. the order within the layers by alternating barycentre sweeps, keeping the order with the fewest crossings,
//!    and owner as the tie-breaker, so that one owner's processes sit together where the graph allows;
//! 5. x coordinates: each node as near the mean of its neighbours as the order and spacing allow (an isotonic
//!    regression per layer), sweeping down and up, which straightens long edges;
//! 6. edges as smooth curves that cross the gap between two layers and run straight down through a layer at their
//!    dummy node: no part of an edge is ever inside a box.
//!
//! The processes without interfaces are shown apart, below, in a compact grid grouped by owner. Every box is
//! tinted in its owner's colour, and in the layered part also names its owner in text, so the colour is never
//! the only sign.
//!
//! Why not a crate: `rust-sugiyama` (0.4, MIT) gives coordinates for the vertices only, not for the dummy nodes
//! of long edges (so an edge drawn between its ends can cross boxes), takes one size for all vertices, and pulls in
//! petgraph; `layout-rs` (0.1.3) is a Graphviz-like renderer with its own SVG output and no grouping. The steps
//! above are small, and their tests check the properties the map needs.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::chart::{Rect, text_block, wrap};
use super::escape;
use super::labels::Labels;

mod grid;
mod layered;
mod svg;
#[cfg(test)]
mod tests;

pub use layered::layers;
pub use svg::svg;

/// Box width: a process name of about 20 characters a line at 13 px.
pub const BOX_WIDTH: f64 = 168.0;
const PADDING: f64 = 8.0;
const NAME_SIZE: f64 = 13.0;
const NAME_LINE: f64 = 16.0;
const OWNER_SIZE: f64 = 11.0;
const OWNER_LINE: f64 = 14.0;
const HEADER_SIZE: f64 = 12.0;
const HEADER_LINE: f64 = 15.0;
/// Characters of a name on one line of a box ((168 − 2 × 8) / 7.6 px, the width of an average character).
const NAME_CHARS: usize = 20;
const OWNER_CHARS: usize = 24;
/// Gap between two boxes of a layer, and between a box or a passing edge and another passing edge.
const BOX_GAP: f64 = 28.0;
const EDGE_GAP: f64 = 9.0;
/// Height of the gap between two layers, where edges cross.
const CHANNEL: f64 = 56.0;
const MARGIN: f64 = 16.0;
/// The content width of the index page (75rem less padding); the grid wraps to it.
const PAGE_WIDTH: f64 = 1160.0;
/// At most this many processes in one layer: five boxes and room for the edges passing between them fill the
/// page width.
pub const LAYER_WIDTH: usize = 5;
const GRID_GAP: f64 = 12.0;
const BLOCK_GAP: f64 = 28.0;
const HEADING_SIZE: f64 = 15.0;

/// Box fills and borders per owner, in the order of the owners' names. Text on every fill meets WCAG AA (tested),
/// and every border stands out from the white page at 3:1 (non-text contrast).
pub const OWNER_COLOURS: [(&str, &str); 10] = [
    ("#e3effb", "#2f6db5"),
    ("#e4f3e8", "#2e7d46"),
    ("#fcefe0", "#a85f14"),
    ("#f1e7fa", "#7b45a6"),
    ("#fbe6eb", "#b8354f"),
    ("#e1f3f3", "#1b7777"),
    ("#f4f1d8", "#7a6c10"),
    ("#e9ecf1", "#566275"),
    ("#e6e8fa", "#4352b0"),
    ("#f6e6de", "#9a4f2b"),
];
/// Name and owner text in the boxes, and the edges.
pub const NAME_COLOUR: &str = "#0b3d6e";
pub const OWNER_COLOUR: &str = "#33415c";
pub const TEXT_COLOUR: &str = "#1a1a1a";
pub const EDGE_COLOUR: &str = "#55657a";

/// A process as the map sees it.
#[derive(Debug, Clone)]
pub struct Item<'a> {
    pub name: &'a str,
    pub owner: &'a str,
    /// The processes (indices into the same list) it names as interfaces.
    pub targets: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

/// A piece of an edge: a straight line, or a cubic Bézier curve (start, two control points, end).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Segment {
    Line(Point, Point),
    Curve(Point, Point, Point, Point),
}

/// A process's box.
#[derive(Debug, Clone)]
pub struct MapBox {
    /// Index into the items.
    pub item: usize,
    pub rect: Rect,
    /// The name, wrapped.
    pub lines: Vec<String>,
    /// The owner, wrapped, in a box of the layered part (in the grid, the owner's heading names it).
    pub owner_lines: Vec<String>,
    /// Index into [`Layout::owners`].
    pub owner: usize,
    /// The layer of a process with interfaces (0 at the top); `None` in the grid.
    pub layer: Option<usize>,
}

/// An edge between two processes with interfaces.
#[derive(Debug, Clone)]
pub struct Edge {
    /// The process that names the other as its interface, and the other (item indices).
    pub from: usize,
    pub to: usize,
    /// Both name each other: one line with an arrowhead at each end.
    pub both: bool,
    /// The path, from the upper box down to the lower one.
    pub path: Vec<Segment>,
    /// The path runs from `to` down to `from` (a cycle was broken here), so the arrowhead is at its start.
    pub upward: bool,
}

/// A text of the map that is not in a box: the grid's heading or an owner's heading.
#[derive(Debug, Clone)]
pub struct Label {
    pub lines: Vec<String>,
    pub x: f64,
    /// The top of the first line.
    pub y: f64,
    pub heading: bool,
}

#[derive(Debug, Clone)]
pub struct Layout {
    pub boxes: Vec<MapBox>,
    pub edges: Vec<Edge>,
    pub labels: Vec<Label>,
    /// The owners, sorted as the index sorts them.
    pub owners: Vec<String>,
    pub width: f64,
    pub height: f64,
}

/// A node of the layered graph: a process, or a dummy on a long edge.
#[derive(Debug, Clone)]
struct Node {
    item: Option<usize>,
    layer: usize,
    width: f64,
    height: f64,
    owner: usize,
    up: Vec<usize>,
    down: Vec<usize>,
}

/// A name is shown whole, however many lines it takes: the link's accessible name is the text in its box (WCAG
/// 2.5.3: what a sighted user reads is what a voice-control user says), so a name cut short would be cut for
/// screen readers too.
fn name_lines(name: &str) -> Vec<String> {
    wrap(name.trim(), NAME_CHARS)
}

/// The owner as a box in the layered part shows it: at most two lines.
fn owner_lines(owner: &str) -> Vec<String> {
    let mut lines = wrap(owner.trim(), OWNER_CHARS);
    if lines.len() > 2 {
        lines.truncate(2);
        if let Some(last) = lines.last_mut() {
            let kept: String = last.chars().take(OWNER_CHARS - 1).collect();
            *last = format!("{}…", kept.trim_end());
        }
    }
    lines
}

fn box_height(name_lines: usize, owner_lines: usize) -> f64 {
    name_lines as f64 * NAME_LINE + 2.0 * PADDING + owner_lines as f64 * OWNER_LINE
}

/// Lays out the map. `heading` is the grid's heading ("Processes without interfaces").
pub fn layout(items: &[Item], heading: &str) -> Layout {
    let owners: Vec<String> = super::owners(items.iter().map(|item| item.owner))
        .into_iter()
        .map(str::to_owned)
        .collect();
    let owner_of: Vec<usize> = items
        .iter()
        .map(|item| {
            owners
                .iter()
                .position(|owner| owner == item.owner)
                .unwrap_or(0)
        })
        .collect();

    // Edges between two different processes, once each; a pair that names each other is one edge both ways.
    let mut named: BTreeSet<(usize, usize)> = BTreeSet::new();
    for (from, item) in items.iter().enumerate() {
        for &to in &item.targets {
            if to != from && to < items.len() {
                named.insert((from, to));
            }
        }
    }
    let mut pairs: Vec<(usize, usize, bool)> = Vec::new();
    for &(from, to) in &named {
        let back = named.contains(&(to, from));
        if back && to < from {
            continue;
        }
        pairs.push((from, to, back));
    }

    let mut connected: Vec<bool> = vec![false; items.len()];
    for &(from, to, _) in &pairs {
        connected[from] = true;
        connected[to] = true;
    }
    // Processes in a stable order: by owner, then by name.
    let mut sorted: Vec<usize> = (0..items.len()).collect();
    sorted.sort_by(|&a, &b| {
        owner_of[a]
            .cmp(&owner_of[b])
            .then_with(|| {
                items[a]
                    .name
                    .to_lowercase()
                    .cmp(&items[b].name.to_lowercase())
            })
            .then(a.cmp(&b))
    });

    let mut layout = Layout {
        boxes: Vec::new(),
        edges: Vec::new(),
        labels: Vec::new(),
        owners,
        width: 0.0,
        height: 0.0,
    };
    let bottom = layered::layered(items, &owner_of, &sorted, &connected, &pairs, &mut layout);
    grid::grid(
        items,
        &owner_of,
        &sorted,
        &connected,
        heading,
        bottom,
        &mut layout,
    );
    layout.width = layout
        .boxes
        .iter()
        .map(|b| b.rect.x + b.rect.width)
        .fold(0.0, f64::max)
        + MARGIN;
    layout.height += MARGIN;
    layout
}
