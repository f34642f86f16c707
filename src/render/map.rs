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
    let mut owners: Vec<String> = items.iter().map(|item| item.owner.to_owned()).collect();
    // Case first ignored, then not: the same owner written alike always ends up side by side for `dedup`.
    owners.sort_by(|a, b| {
        a.to_lowercase()
            .cmp(&b.to_lowercase())
            .then_with(|| a.cmp(b))
    });
    owners.dedup();
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
    let bottom = layered(items, &owner_of, &sorted, &connected, &pairs, &mut layout);
    grid(
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

/// Lays out the processes with interfaces; returns the bottom of what it drew (0 when nothing).
fn layered(
    items: &[Item],
    owner_of: &[usize],
    sorted: &[usize],
    connected: &[bool],
    pairs: &[(usize, usize, bool)],
    layout: &mut Layout,
) -> f64 {
    let members: Vec<usize> = sorted.iter().copied().filter(|&i| connected[i]).collect();
    if members.is_empty() {
        return 0.0;
    }
    // Node index of each member item.
    let mut node_of = vec![usize::MAX; items.len()];
    for (node, &item) in members.iter().enumerate() {
        node_of[item] = node;
    }
    let count = members.len();
    let mut successors: Vec<Vec<usize>> = vec![Vec::new(); count];
    for &(from, to, _) in pairs {
        successors[node_of[from]].push(node_of[to]);
    }

    // 1. Break cycles: an edge to a node on the depth-first search's stack is laid out reversed.
    let reversed = back_edges(&successors);
    let mut down: Vec<Vec<usize>> = vec![Vec::new(); count];
    let mut oriented: Vec<(usize, usize, bool)> = Vec::new(); // (upper, lower, laid out against its direction)
    for &(from, to, _) in pairs {
        let (a, b) = (node_of[from], node_of[to]);
        let (upper, lower, upward) = if reversed.contains(&(a, b)) {
            (b, a, true)
        } else {
            (a, b, false)
        };
        if !down[upper].contains(&lower) {
            down[upper].push(lower);
        }
        oriented.push((upper, lower, upward));
    }

    // 2. Layers.
    let layer_of = layers(&down, LAYER_WIDTH);
    let layer_count = layer_of.iter().copied().max().unwrap_or(0) + 1;

    // 3. Nodes, with a dummy in every layer a long edge passes.
    let mut nodes: Vec<Node> = members
        .iter()
        .enumerate()
        .map(|(node, &item)| {
            let lines = name_lines(items[item].name);
            Node {
                item: Some(item),
                layer: layer_of[node],
                width: BOX_WIDTH,
                height: box_height(lines.len(), owner_lines(items[item].owner).len()),
                owner: owner_of[item],
                up: Vec::new(),
                down: Vec::new(),
            }
        })
        .collect();
    let mut chains: Vec<Vec<usize>> = Vec::with_capacity(oriented.len());
    for &(upper, lower, _) in &oriented {
        let mut chain = vec![upper];
        let mut previous = upper;
        for layer in layer_of[upper] + 1..layer_of[lower] {
            let dummy = nodes.len();
            nodes.push(Node {
                item: None,
                layer,
                width: 0.0,
                height: 0.0,
                owner: nodes[upper].owner,
                up: vec![previous],
                down: Vec::new(),
            });
            nodes[previous].down.push(dummy);
            chain.push(dummy);
            previous = dummy;
        }
        nodes[previous].down.push(lower);
        nodes[lower].up.push(previous);
        chain.push(lower);
        chains.push(chain);
    }

    // 4. Order within the layers.
    let mut order: Vec<Vec<usize>> = vec![Vec::new(); layer_count];
    for (index, node) in nodes.iter().enumerate() {
        order[node.layer].push(index);
    }
    let order = reduce_crossings(&nodes, order);

    // 5. Coordinates.
    let x = coordinates(&nodes, &order);
    let mut top = vec![0.0; layer_count];
    let mut row = vec![0.0_f64; layer_count];
    let mut y = MARGIN;
    for layer in 0..layer_count {
        top[layer] = y;
        row[layer] = order[layer]
            .iter()
            .map(|&n| nodes[n].height)
            .fold(0.0, f64::max);
        y += row[layer] + CHANNEL;
    }
    let bottom = y - CHANNEL;

    for (index, node) in nodes.iter().enumerate() {
        if let Some(item) = node.item {
            layout.boxes.push(MapBox {
                item,
                rect: Rect {
                    x: x[index] - node.width / 2.0,
                    y: top[node.layer],
                    width: node.width,
                    height: node.height,
                },
                lines: name_lines(items[item].name),
                owner_lines: owner_lines(items[item].owner),
                owner: node.owner,
                layer: Some(node.layer),
            });
        }
    }

    // 6. Edges: ports spread along the bottom and top of the boxes in the order of where the edges go.
    let mut exits: Vec<Vec<(usize, f64)>> = vec![Vec::new(); nodes.len()]; // (chain, x of the next node)
    let mut entries: Vec<Vec<(usize, f64)>> = vec![Vec::new(); nodes.len()];
    for (index, chain) in chains.iter().enumerate() {
        let (first, second) = (chain[0], chain[1]);
        let (last, before) = (chain[chain.len() - 1], chain[chain.len() - 2]);
        exits[first].push((index, x[second]));
        entries[last].push((index, x[before]));
    }
    let port = |ports: &mut Vec<(usize, f64)>, node: usize, chain: usize| -> f64 {
        ports.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
        let slot = ports.iter().position(|p| p.0 == chain).unwrap_or(0);
        let inner = nodes[node].width - 2.0 * 16.0;
        x[node] - inner / 2.0 + inner * (slot as f64 + 1.0) / (ports.len() as f64 + 1.0)
    };
    let mut exit_x = vec![0.0; chains.len()];
    let mut entry_x = vec![0.0; chains.len()];
    for (index, chain) in chains.iter().enumerate() {
        let (first, last) = (chain[0], chain[chain.len() - 1]);
        exit_x[index] = port(&mut exits[first], first, index);
        entry_x[index] = port(&mut entries[last], last, index);
    }
    for (index, chain) in chains.iter().enumerate() {
        let (upper, _, upward) = oriented[index];
        let mut path = Vec::new();
        let first = chain[0];
        let mut at = Point {
            x: exit_x[index],
            y: top[nodes[first].layer] + nodes[first].height,
        };
        let row_bottom = top[nodes[first].layer] + row[nodes[first].layer];
        if row_bottom > at.y {
            let next = Point {
                x: at.x,
                y: row_bottom,
            };
            path.push(Segment::Line(at, next));
            at = next;
        }
        for (step, &node) in chain.iter().enumerate().skip(1) {
            let layer = nodes[node].layer;
            let end_x = if step == chain.len() - 1 {
                entry_x[index]
            } else {
                x[node]
            };
            let end = Point {
                x: end_x,
                y: top[layer],
            };
            let middle = (at.y + end.y) / 2.0;
            path.push(Segment::Curve(
                at,
                Point { x: at.x, y: middle },
                Point {
                    x: end.x,
                    y: middle,
                },
                end,
            ));
            at = end;
            if step < chain.len() - 1 {
                let next = Point {
                    x: at.x,
                    y: top[layer] + row[layer],
                };
                if next.y > at.y {
                    path.push(Segment::Line(at, next));
                }
                at = next;
            }
        }
        let (from, to) = match (nodes[upper].item, nodes[chain[chain.len() - 1]].item) {
            (Some(a), Some(b)) if upward => (b, a),
            (Some(a), Some(b)) => (a, b),
            _ => continue,
        };
        let both = pairs
            .iter()
            .any(|&(a, b, both)| both && ((a, b) == (from, to) || (b, a) == (from, to)));
        layout.edges.push(Edge {
            from,
            to,
            both,
            path,
            upward,
        });
    }
    layout.height = bottom;
    bottom
}

/// The edges that close a cycle, as found by a depth-first search in node order: laid out reversed, the graph
/// has no cycle.
fn back_edges(successors: &[Vec<usize>]) -> BTreeSet<(usize, usize)> {
    #[derive(Clone, Copy, PartialEq)]
    enum State {
        New,
        OnStack,
        Done,
    }
    let mut state = vec![State::New; successors.len()];
    let mut back = BTreeSet::new();
    for start in 0..successors.len() {
        if state[start] != State::New {
            continue;
        }
        // (node, index of the next successor to visit)
        let mut stack = vec![(start, 0)];
        state[start] = State::OnStack;
        while let Some(&mut (node, ref mut next)) = stack.last_mut() {
            if let Some(&successor) = successors[node].get(*next) {
                *next += 1;
                match state[successor] {
                    State::New => {
                        state[successor] = State::OnStack;
                        stack.push((successor, 0));
                    }
                    State::OnStack => {
                        back.insert((node, successor));
                    }
                    State::Done => {}
                }
            } else {
                state[node] = State::Done;
                stack.pop();
            }
        }
    }
    back
}

/// Layers of an acyclic graph (0 at the top): longest path from the bottom, with at most `width` nodes a layer,
/// and no more than fit the page with the edges that pass the layer (Coffman–Graham and Healy–Nikolov's MinWidth
/// in spirit). Filled from the bottom up: a node can go into the layer being filled once all its successors are
/// in layers below it; the one whose successors are nearest goes first, which keeps edges short, then the one
/// that ends most passing edges.
pub fn layers(down: &[Vec<usize>], width: usize) -> Vec<usize> {
    let count = down.len();
    let mut indegree = vec![0; count];
    for successors in down {
        for &successor in successors {
            indegree[successor] += 1;
        }
    }
    let mut rank: Vec<Option<usize>> = vec![None; count];
    let mut placed = 0;
    let mut current = 0;
    let mut in_layer: Vec<usize> = Vec::new();
    // Edges from a node not yet placed to one below the current layer: they pass the current layer.
    let mut passing: usize = 0;
    let width = width.max(1);
    while placed < count {
        // (highest successor or −1, out-degree, node)
        let mut best: Option<(i64, usize, usize)> = None;
        for node in 0..count {
            if rank[node].is_some() {
                continue;
            }
            let mut highest: i64 = -1;
            let mut ready = true;
            for &successor in &down[node] {
                match rank[successor] {
                    Some(r) if r < current => highest = highest.max(r as i64),
                    _ => {
                        ready = false;
                        break;
                    }
                }
            }
            let key = (highest, down[node].len());
            if ready && best.is_none_or(|(h, o, _)| key > (h, o)) {
                best = Some((highest, down[node].len(), node));
            }
        }
        let fits = |out: usize| {
            let boxes = (in_layer.len() + 1) as f64 * (BOX_WIDTH + BOX_GAP);
            let edges = passing.saturating_sub(out) as f64 * EDGE_GAP;
            in_layer.is_empty() || (in_layer.len() < width && boxes + edges <= PAGE_WIDTH)
        };
        match best {
            Some((_, out, node)) if fits(out) => {
                rank[node] = Some(current);
                placed += 1;
                passing -= out.min(passing);
                in_layer.push(node);
            }
            None if in_layer.is_empty() => {
                // Only a cycle leaves no candidate in an empty layer; the caller breaks cycles, but never loop.
                for r in rank.iter_mut().filter(|r| r.is_none()) {
                    *r = Some(current);
                }
                break;
            }
            _ => {
                current += 1;
                passing += in_layer.drain(..).map(|node| indegree[node]).sum::<usize>();
            }
        }
    }
    let ranks: Vec<usize> = rank.into_iter().map(|r| r.unwrap_or(0)).collect();
    let highest = ranks.iter().copied().max().unwrap_or(0);
    let mut layer: Vec<usize> = ranks.into_iter().map(|r| highest - r).collect();
    shorten(down, &mut layer, width);
    layer
}

/// Filling from the bottom puts every process that names no other at the bottom, however high the processes are
/// that name it. A node with more edges in than out moves up, as near its predecessors as a layer with room
/// allows, which makes the edges shorter in total; repeated until nothing moves.
fn shorten(down: &[Vec<usize>], layer: &mut [usize], width: usize) {
    let mut up: Vec<Vec<usize>> = vec![Vec::new(); down.len()];
    for (node, successors) in down.iter().enumerate() {
        for &successor in successors {
            up[successor].push(node);
        }
    }
    let layers = layer.iter().copied().max().unwrap_or(0) + 1;
    let mut filled = vec![0; layers];
    for &l in layer.iter() {
        filled[l] += 1;
    }
    for _ in 0..layers {
        let mut moved = false;
        for node in 0..down.len() {
            if up[node].len() <= down[node].len() {
                continue;
            }
            let Some(lowest) = up[node].iter().map(|&p| layer[p]).max() else {
                continue;
            };
            let current = layer[node];
            if let Some(target) = (lowest + 1..current).find(|&l| filled[l] < width) {
                filled[current] -= 1;
                filled[target] += 1;
                layer[node] = target;
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
}

/// Crossings between two neighbouring layers: inversions among the edges sorted by their upper ends.
fn crossings_between(nodes: &[Node], upper: &[usize], position: &[usize]) -> usize {
    let mut ends: Vec<(usize, usize)> = Vec::new();
    for &node in upper {
        for &below in &nodes[node].down {
            ends.push((position[node], position[below]));
        }
    }
    ends.sort_unstable();
    let mut lower: Vec<usize> = ends.into_iter().map(|(_, below)| below).collect();
    inversions(&mut lower)
}

/// Pairs out of order, counted while merge-sorting.
fn inversions(values: &mut [usize]) -> usize {
    if values.len() < 2 {
        return 0;
    }
    let middle = values.len() / 2;
    let mut count = inversions(&mut values[..middle]) + inversions(&mut values[middle..]);
    let mut merged = Vec::with_capacity(values.len());
    let (mut i, mut j) = (0, middle);
    while i < middle && j < values.len() {
        if values[j] < values[i] {
            count += middle - i;
            merged.push(values[j]);
            j += 1;
        } else {
            merged.push(values[i]);
            i += 1;
        }
    }
    merged.extend_from_slice(&values[i..middle]);
    merged.extend_from_slice(&values[j..]);
    values.copy_from_slice(&merged);
    count
}

fn positions(nodes: &[Node], order: &[Vec<usize>]) -> Vec<usize> {
    let mut position = vec![0; nodes.len()];
    for layer in order {
        for (index, &node) in layer.iter().enumerate() {
            position[node] = index;
        }
    }
    position
}

/// Total crossings of an ordering.
fn crossings(nodes: &[Node], order: &[Vec<usize>]) -> usize {
    let position = positions(nodes, order);
    order
        .iter()
        .map(|layer| crossings_between(nodes, layer, &position))
        .sum()
}

/// Barycentre sweeps, down and up, keeping the best ordering seen.
fn reduce_crossings(nodes: &[Node], mut order: Vec<Vec<usize>>) -> Vec<Vec<usize>> {
    let mut best = order.clone();
    let mut fewest = crossings(nodes, &order);
    for round in 0..12 {
        let downward = round % 2 == 0;
        let layers: Vec<usize> = if downward {
            (1..order.len()).collect()
        } else {
            (0..order.len().saturating_sub(1)).rev().collect()
        };
        for layer in layers {
            let position = positions(nodes, &order);
            let mut keyed: Vec<(f64, usize, usize, usize)> = order[layer]
                .iter()
                .map(|&node| {
                    let neighbours = if downward {
                        &nodes[node].up
                    } else {
                        &nodes[node].down
                    };
                    let centre = if neighbours.is_empty() {
                        position[node] as f64
                    } else {
                        neighbours.iter().map(|&n| position[n] as f64).sum::<f64>()
                            / neighbours.len() as f64
                    };
                    (centre, nodes[node].owner, position[node], node)
                })
                .collect();
            keyed.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
            order[layer] = keyed.into_iter().map(|k| k.3).collect();
        }
        let now = crossings(nodes, &order);
        if now < fewest {
            fewest = now;
            best = order.clone();
        }
        if fewest == 0 {
            break;
        }
    }
    best
}

/// The smallest distance between the centres of two neighbours in a layer.
fn separation(a: &Node, b: &Node) -> f64 {
    let gap = if a.item.is_some() && b.item.is_some() {
        BOX_GAP
    } else {
        EDGE_GAP
    };
    (a.width + b.width) / 2.0 + gap
}

/// Places a layer's nodes as near their wished-for centres as their order and separations allow (least squares:
/// the pool-adjacent-violators algorithm on the centres less their minimal offsets).
fn place(nodes: &[Node], layer: &[usize], wished: &[f64]) -> Vec<f64> {
    let mut offsets = Vec::with_capacity(layer.len());
    let mut offset = 0.0;
    for (index, &node) in layer.iter().enumerate() {
        if index > 0 {
            offset += separation(&nodes[layer[index - 1]], &nodes[node]);
        }
        offsets.push(offset);
    }
    // Blocks of (sum, count).
    let mut blocks: Vec<(f64, usize)> = Vec::new();
    for (index, wish) in wished.iter().enumerate() {
        blocks.push((wish - offsets[index], 1));
        while blocks.len() >= 2 {
            let (sum, count) = blocks[blocks.len() - 1];
            let (previous_sum, previous_count) = blocks[blocks.len() - 2];
            if previous_sum / previous_count as f64 > sum / count as f64 {
                blocks.pop();
                if let Some(last) = blocks.last_mut() {
                    *last = (previous_sum + sum, previous_count + count);
                }
            } else {
                break;
            }
        }
    }
    let mut placed = Vec::with_capacity(layer.len());
    for (sum, count) in blocks {
        for _ in 0..count {
            placed.push(sum / count as f64 + offsets[placed.len()]);
        }
    }
    placed
}

/// x of every node's centre, with the leftmost box edge at the margin.
fn coordinates(nodes: &[Node], order: &[Vec<usize>]) -> Vec<f64> {
    let mut x = vec![0.0; nodes.len()];
    for layer in order {
        let wished = vec![0.0; layer.len()];
        for (node, value) in layer.iter().zip(place(nodes, layer, &wished)) {
            x[*node] = value;
        }
    }
    // A long edge's dummies pull harder on each other, so it runs straight.
    let weight = |a: usize, b: usize| {
        if nodes[a].item.is_none() && nodes[b].item.is_none() {
            4.0
        } else if nodes[a].item.is_none() || nodes[b].item.is_none() {
            2.0
        } else {
            1.0
        }
    };
    let sweep = |x: &mut Vec<f64>, layer: &[usize], up: bool, down: bool| {
        let wished: Vec<f64> = layer
            .iter()
            .map(|&node| {
                let mut total = 0.0;
                let mut weights = 0.0;
                let neighbours = nodes[node]
                    .up
                    .iter()
                    .filter(|_| up)
                    .chain(nodes[node].down.iter().filter(|_| down));
                for &other in neighbours {
                    total += weight(node, other) * x[other];
                    weights += weight(node, other);
                }
                if weights > 0.0 {
                    total / weights
                } else {
                    x[node]
                }
            })
            .collect();
        for (node, value) in layer.iter().zip(place(nodes, layer, &wished)) {
            x[*node] = value;
        }
    };
    for _ in 0..6 {
        for layer in order.iter() {
            sweep(&mut x, layer, true, false);
        }
        for layer in order.iter().rev() {
            sweep(&mut x, layer, false, true);
        }
    }
    for layer in order.iter() {
        sweep(&mut x, layer, true, true);
    }
    // Neighbours far apart pull the layers wide; squeezed to the page width where the layers' own widths allow,
    // each node as near its squeezed place as its layer's order and spacing allow.
    let (left, right) = nodes.iter().zip(&x).fold(
        (f64::INFINITY, f64::NEG_INFINITY),
        |(left, right), (node, x)| {
            (
                left.min(x - node.width / 2.0),
                right.max(x + node.width / 2.0),
            )
        },
    );
    let room = PAGE_WIDTH - 2.0 * MARGIN;
    if right - left > room {
        let factor = room / (right - left);
        let centre = (left + right) / 2.0;
        for layer in order {
            let wished: Vec<f64> = layer
                .iter()
                .map(|&node| centre + (x[node] - centre) * factor)
                .collect();
            for (node, value) in layer.iter().zip(place(nodes, layer, &wished)) {
                x[*node] = value;
            }
        }
    }
    let left = nodes
        .iter()
        .zip(&x)
        .map(|(node, x)| x - node.width / 2.0)
        .fold(f64::INFINITY, f64::min);
    if left.is_finite() {
        for value in x.iter_mut() {
            *value += MARGIN - left;
        }
    }
    x
}

/// The processes without interfaces, below `top`: a block per owner (its name, then its boxes in rows), the
/// blocks side by side as far as the width allows.
fn grid(
    items: &[Item],
    owner_of: &[usize],
    sorted: &[usize],
    connected: &[bool],
    heading: &str,
    top: f64,
    layout: &mut Layout,
) {
    let alone: Vec<usize> = sorted.iter().copied().filter(|&i| !connected[i]).collect();
    if alone.is_empty() {
        layout.height = top;
        return;
    }
    let right = layout
        .boxes
        .iter()
        .map(|b| b.rect.x + b.rect.width)
        .fold(PAGE_WIDTH - MARGIN, f64::max);
    let columns = (((right - MARGIN + GRID_GAP) / (BOX_WIDTH + GRID_GAP)).floor() as usize).max(1);
    let mut y = if top > 0.0 { top + 40.0 } else { MARGIN };
    layout.labels.push(Label {
        lines: vec![heading.to_owned()],
        x: MARGIN,
        y,
        heading: true,
    });
    y += HEADING_SIZE + 14.0;

    // The owners' blocks, then shelves of blocks side by side. Every block of a shelf starts its boxes at the
    // same height (under the tallest owner name of the shelf), so the boxes line up across the owners.
    struct Block<'a> {
        owner: usize,
        group: &'a [usize],
        columns: usize,
        width: f64,
        header: Vec<String>,
    }
    let mut blocks = Vec::new();
    let mut start = 0;
    while start < alone.len() {
        let owner = owner_of[alone[start]];
        let end = alone[start..]
            .iter()
            .position(|&i| owner_of[i] != owner)
            .map_or(alone.len(), |offset| start + offset);
        let group = &alone[start..end];
        start = end;
        let block_columns = group.len().min(columns);
        let width = block_columns as f64 * BOX_WIDTH + (block_columns as f64 - 1.0) * GRID_GAP;
        let chars = ((width / 7.2).floor() as usize).max(8);
        blocks.push(Block {
            owner,
            group,
            columns: block_columns,
            width,
            header: wrap(&layout.owners[owner], chars),
        });
    }
    let mut shelves: Vec<Vec<Block>> = Vec::new();
    let mut x = MARGIN;
    for block in blocks {
        if x > MARGIN && x + block.width > right {
            x = MARGIN;
        }
        if x == MARGIN {
            shelves.push(Vec::new());
        }
        x += block.width + BLOCK_GAP;
        if let Some(shelf) = shelves.last_mut() {
            shelf.push(block);
        }
    }
    let mut shelf_height: f64 = 0.0;
    for (index, shelf) in shelves.into_iter().enumerate() {
        if index > 0 {
            y += shelf_height + BLOCK_GAP;
        }
        shelf_height = 0.0;
        let header_lines = shelf.iter().map(|b| b.header.len()).max().unwrap_or(0);
        let mut x = MARGIN;
        for block in shelf {
            let mut block_y = y + header_lines as f64 * HEADER_LINE + 6.0;
            layout.labels.push(Label {
                lines: block.header,
                x,
                y,
                heading: false,
            });
            for row in block.group.chunks(block.columns) {
                let lines: Vec<Vec<String>> =
                    row.iter().map(|&i| name_lines(items[i].name)).collect();
                let height = lines
                    .iter()
                    .map(|l| box_height(l.len(), 0))
                    .fold(0.0, f64::max);
                for (column, (&item, lines)) in row.iter().zip(lines).enumerate() {
                    layout.boxes.push(MapBox {
                        item,
                        rect: Rect {
                            x: x + column as f64 * (BOX_WIDTH + GRID_GAP),
                            y: block_y,
                            width: BOX_WIDTH,
                            height: box_height(lines.len(), 0),
                        },
                        lines,
                        owner_lines: Vec::new(),
                        owner: block.owner,
                        layer: None,
                    });
                }
                block_y += height + GRID_GAP;
            }
            shelf_height = shelf_height.max(block_y - GRID_GAP - y);
            x += block.width + BLOCK_GAP;
        }
    }
    layout.height = y + shelf_height;
}

fn point(p: Point) -> String {
    format!("{:.1} {:.1}", p.x, p.y)
}

/// The map as SVG. `hrefs` and `titles` are per item: the link to its page and its tooltip. The SVG scales to
/// the page width (viewBox, `max-width: 100%`). It is a `group`, not an `img`: an image's content is
/// presentational, so the links in its boxes would be hidden from screen readers.
pub fn svg(layout: &Layout, items: &[Item], hrefs: &[String], words: &Labels) -> String {
    let (width, height) = (layout.width.max(1.0), layout.height.max(1.0));
    // Scaled to the page, but never so far that a name falls under the page's smallest chart text; a wider map
    // scrolls in its frame instead.
    let min_width = (width * super::html::MIN_CHART_TEXT / NAME_SIZE).min(width);
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

#[cfg(test)]
mod tests {
    use super::super::wcag::contrast;
    use super::*;

    /// A deterministic stream of numbers (a linear congruential generator), so the generated maps are the same on
    /// every run.
    struct Numbers(u64);

    impl Numbers {
        fn below(&mut self, bound: usize) -> usize {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            ((self.0 >> 33) % bound as u64) as usize
        }
    }

    const OWNERS: [&str; 12] = [
        "Socialdirektören",
        "Barnrådgivningen",
        "Familjecentralen i Grästorp (socialtjänsten och Capio BHV)",
        "Äldreomsorgen",
        "Hemvården",
        "Handikappservice",
        "Mentalvårdsenheten",
        "Missbrukarvården",
        "Barnskyddet",
        "Vuxensocialarbetet",
        "Hälsocentralen",
        "Tandvården",
    ];

    /// `count` processes; about half name one to three others, mostly of the same owner.
    fn generated(count: usize, seed: u64) -> (Vec<String>, Vec<Item<'static>>) {
        let mut numbers = Numbers(seed);
        let names: Vec<String> = (0..count)
            .map(|index| {
                format!(
                    "Process {index} om långvariga vård- och servicebehov{}",
                    " inom hemmet".repeat(numbers.below(3))
                )
            })
            .collect();
        let owners: Vec<usize> = (0..count).map(|_| numbers.below(OWNERS.len())).collect();
        let items = (0..count)
            .map(|index| {
                let mut targets = Vec::new();
                if numbers.below(100) < 55 {
                    for _ in 0..=numbers.below(3) {
                        let same: Vec<usize> = (0..count)
                            .filter(|&other| owners[other] == owners[index] && other != index)
                            .collect();
                        if numbers.below(10) < 6 && !same.is_empty() {
                            targets.push(same[numbers.below(same.len())]);
                        } else {
                            targets.push(numbers.below(count));
                        }
                    }
                }
                Item {
                    name: "",
                    owner: OWNERS[owners[index]],
                    targets,
                }
            })
            .collect();
        (names, items)
    }

    fn named<'a>(names: &'a [String], items: &[Item<'static>]) -> Vec<Item<'a>> {
        items
            .iter()
            .zip(names)
            .map(|(item, name)| Item {
                name,
                owner: item.owner,
                targets: item.targets.clone(),
            })
            .collect()
    }

    fn item<'a>(name: &'a str, owner: &'a str, targets: &[usize]) -> Item<'a> {
        Item {
            name,
            owner,
            targets: targets.to_vec(),
        }
    }

    fn sample(segment: &Segment) -> Vec<Point> {
        match *segment {
            Segment::Line(a, b) => vec![a, b],
            Segment::Curve(a, c1, c2, b) => (0..=32)
                .map(|step| {
                    let t = f64::from(step) / 32.0;
                    let u = 1.0 - t;
                    let mix = |p: f64, q: f64, r: f64, s: f64| {
                        u * u * u * p + 3.0 * u * u * t * q + 3.0 * u * t * t * r + t * t * t * s
                    };
                    Point {
                        x: mix(a.x, c1.x, c2.x, b.x),
                        y: mix(a.y, c1.y, c2.y, b.y),
                    }
                })
                .collect(),
        }
    }

    /// Whether the straight line from `a` to `b` passes through the inside of `rect` (Liang–Barsky clipping).
    fn crosses(a: Point, b: Point, rect: &Rect) -> bool {
        let (inner_left, inner_top) = (rect.x + 0.5, rect.y + 0.5);
        let (inner_right, inner_bottom) = (rect.x + rect.width - 0.5, rect.y + rect.height - 0.5);
        let (dx, dy) = (b.x - a.x, b.y - a.y);
        let mut low: f64 = 0.0;
        let mut high: f64 = 1.0;
        for (p, q) in [
            (-dx, a.x - inner_left),
            (dx, inner_right - a.x),
            (-dy, a.y - inner_top),
            (dy, inner_bottom - a.y),
        ] {
            if p == 0.0 {
                if q < 0.0 {
                    return false;
                }
            } else {
                let r = q / p;
                if p < 0.0 {
                    low = low.max(r);
                } else {
                    high = high.min(r);
                }
            }
        }
        low < high
    }

    /// Everything the map promises, checked on one layout.
    fn check(items: &[Item], layout: &Layout) {
        // Every process once.
        let mut seen: Vec<usize> = layout.boxes.iter().map(|b| b.item).collect();
        seen.sort_unstable();
        assert_eq!(seen, (0..items.len()).collect::<Vec<_>>());
        // No two boxes overlap, and all are inside the drawing.
        for (index, a) in layout.boxes.iter().enumerate() {
            assert!(a.rect.x >= 0.0 && a.rect.y >= 0.0, "{:?}", a.rect);
            assert!(a.rect.x + a.rect.width <= layout.width);
            assert!(a.rect.y + a.rect.height <= layout.height);
            for b in &layout.boxes[index + 1..] {
                assert!(!a.rect.overlaps(&b.rect), "{:?} and {:?}", a.rect, b.rect);
            }
        }
        let place = |item: usize| {
            layout
                .boxes
                .iter()
                .find(|b| b.item == item)
                .unwrap_or_else(|| panic!("no box for {item}"))
        };
        // Processes with interfaces to others are in layers, the others in the grid below them all.
        let linked: BTreeSet<usize> = items
            .iter()
            .enumerate()
            .flat_map(|(from, item)| {
                item.targets
                    .iter()
                    .filter(move |&&to| to != from && to < items.len())
                    .flat_map(move |&to| [from, to])
            })
            .collect();
        let layered_bottom = layout
            .boxes
            .iter()
            .filter(|b| b.layer.is_some())
            .map(|b| b.rect.y + b.rect.height)
            .fold(0.0, f64::max);
        for placed in &layout.boxes {
            assert_eq!(placed.layer.is_some(), linked.contains(&placed.item));
            if placed.layer.is_none() {
                assert!(placed.rect.y > layered_bottom);
            }
        }
        // One edge per linked pair, each from an upper layer down to a lower one, touching no other box.
        let pairs: BTreeSet<(usize, usize)> = items
            .iter()
            .enumerate()
            .flat_map(|(from, item)| {
                item.targets
                    .iter()
                    .filter(move |&&to| to != from && to < items.len())
                    .map(move |&to| (from.min(to), from.max(to)))
            })
            .collect();
        assert_eq!(layout.edges.len(), pairs.len());
        for edge in &layout.edges {
            assert!(items[edge.from].targets.contains(&edge.to));
            assert_eq!(edge.both, items[edge.to].targets.contains(&edge.from));
            let (upper, lower) = if edge.upward {
                (place(edge.to), place(edge.from))
            } else {
                (place(edge.from), place(edge.to))
            };
            let (Some(top_layer), Some(bottom_layer)) = (upper.layer, lower.layer) else {
                panic!("an edge between boxes not in layers");
            };
            assert!(top_layer < bottom_layer, "{edge:?}");
            let points: Vec<Point> = edge.path.iter().flat_map(sample).collect();
            let (Some(first), Some(last)) = (points.first(), points.last()) else {
                panic!("an empty path");
            };
            assert_eq!(first.y, upper.rect.y + upper.rect.height);
            assert!(first.x > upper.rect.x && first.x < upper.rect.x + upper.rect.width);
            assert_eq!(last.y, lower.rect.y);
            assert!(last.x > lower.rect.x && last.x < lower.rect.x + lower.rect.width);
            for pair in points.windows(2) {
                for other in &layout.boxes {
                    if other.item == upper.item || other.item == lower.item {
                        continue;
                    }
                    assert!(
                        !crosses(pair[0], pair[1], &other.rect),
                        "edge {}→{} crosses the box of {} at {:?}",
                        edge.from,
                        edge.to,
                        other.item,
                        pair
                    );
                }
            }
        }
    }

    #[test]
    fn a_chain_is_laid_out_top_down_in_three_layers() {
        let items = [
            item("Anmälan", "A", &[1]),
            item("Utredning", "A", &[2]),
            item("Uppföljning", "B", &[]),
        ];
        let layout = layout(&items, "Utan kontaktytor");
        check(&items, &layout);
        let layers: Vec<Option<usize>> = (0..3)
            .map(|item| {
                layout
                    .boxes
                    .iter()
                    .find(|b| b.item == item)
                    .and_then(|b| b.layer)
            })
            .collect();
        assert_eq!(layers, [Some(0), Some(1), Some(2)]);
        assert!(layout.labels.is_empty(), "no grid without lone processes");
    }

    #[test]
    fn a_long_edge_goes_around_the_boxes_between() {
        // 0→1→2→3 and 0→3: the long edge passes layers 1 and 2 beside their boxes.
        let items = [
            item("Första", "A", &[1, 3]),
            item("Andra", "A", &[2]),
            item("Tredje", "A", &[3]),
            item("Fjärde", "A", &[]),
        ];
        let layout = layout(&items, "");
        check(&items, &layout);
        let long = layout
            .edges
            .iter()
            .find(|edge| edge.from == 0 && edge.to == 3)
            .unwrap_or_else(|| panic!("no edge 0→3"));
        // Down through two layers: a straight piece in each.
        assert_eq!(
            long.path
                .iter()
                .filter(|s| matches!(s, Segment::Line(..)))
                .count(),
            2,
            "{long:?}"
        );
    }

    #[test]
    fn a_cycle_and_a_mutual_pair_keep_their_directions() {
        let items = [
            item("Ett", "A", &[1]),
            item("Två", "A", &[2]),
            item("Tre", "B", &[0]),
            item("Fyra", "B", &[4, 4, 3]),
            item("Fem", "C", &[3]),
        ];
        let layout = layout(&items, "");
        check(&items, &layout);
        assert_eq!(layout.edges.iter().filter(|e| e.upward).count(), 1);
        let mutual: Vec<&Edge> = layout.edges.iter().filter(|e| e.both).collect();
        assert_eq!(mutual.len(), 1);
        let svg = svg(
            &layout,
            &items,
            &vec![String::new(); 5],
            super::super::labels::labels(crate::model::Language::Sv),
        );
        // One arrow each for the three edges of the cycle, two for the pair.
        assert_eq!(
            svg.matches("marker-end=").count() + svg.matches("marker-start=").count(),
            5
        );
    }

    #[test]
    fn processes_without_interfaces_are_in_a_grid_by_owner() {
        let items = [
            item("Bokning", "Hemvården", &[]),
            item("Anmälan", "Barnskyddet", &[2]),
            item("Utredning", "Barnskyddet", &[]),
            item("Avslut", "Hemvården", &[]),
            item("Tandvård", "Tandvården", &[99]),
        ];
        let layout = layout(&items, "Processer utan kontaktytor");
        check(&items, &layout);
        let headings: Vec<String> = layout.labels.iter().map(|l| l.lines.join(" ")).collect();
        assert_eq!(
            headings,
            ["Processer utan kontaktytor", "Hemvården", "Tandvården"]
        );
        // An owner's boxes side by side under its heading, in the order of their names.
        let hemvarden: Vec<&MapBox> = layout.boxes.iter().filter(|b| b.owner == 1).collect();
        assert_eq!(hemvarden.iter().map(|b| b.item).collect::<Vec<_>>(), [3, 0]);
        assert_eq!(hemvarden[0].rect.y, hemvarden[1].rect.y);
        assert!(hemvarden[0].rect.y > layout.labels[1].y);
    }

    #[test]
    fn two_hundred_generated_processes_keep_every_promise() {
        for seed in [1, 2, 3] {
            let (names, items) = generated(200, seed);
            let items = named(&names, &items);
            let layout = layout(&items, "Processer utan kontaktytor");
            check(&items, &layout);
            assert!(layout.edges.len() > 100, "{}", layout.edges.len());
            // Layers are never more than LAYER_WIDTH processes wide.
            let mut per_layer = std::collections::BTreeMap::new();
            for placed in &layout.boxes {
                if let Some(layer) = placed.layer {
                    *per_layer.entry(layer).or_insert(0) += 1;
                }
            }
            assert!(per_layer.values().all(|&count| count <= LAYER_WIDTH));
            // Squeezed to about the page width, at most a layer's own width more.
            assert!(layout.width < 2.0 * PAGE_WIDTH, "{}", layout.width);
        }
    }

    #[test]
    fn the_layout_is_the_same_every_time() {
        let (names, items) = generated(60, 7);
        let items = named(&names, &items);
        let hrefs = vec![String::from("./p.html"); items.len()];
        let words = super::super::labels::labels(crate::model::Language::Fi);
        let once = svg(&layout(&items, "x"), &items, &hrefs, words);
        let again = svg(&layout(&items, "x"), &items, &hrefs, words);
        assert_eq!(once, again);
    }

    #[test]
    fn layers_respect_the_width_and_edges_point_down() {
        // A star: one process names twelve others; they cannot all be in one layer of five.
        let mut down = vec![(1..13).collect::<Vec<usize>>()];
        down.extend((1..13).map(|_| Vec::new()));
        let layer = layers(&down, 5);
        for successor in 1..13 {
            assert!(layer[0] < layer[successor]);
        }
        for value in 0..=layer.iter().copied().max().unwrap_or(0) {
            assert!(layer.iter().filter(|&&l| l == value).count() <= 5);
        }
    }

    #[test]
    fn an_owner_written_alike_is_one_owner_whatever_else_sorts_between() {
        let items = [
            item("Ett", "a", &[]),
            item("Två", "A", &[]),
            item("Tre", "a", &[]),
        ];
        let layout = layout(&items, "Utan");
        assert_eq!(layout.owners, ["A", "a"]);
    }

    #[test]
    fn owners_side_by_side_in_the_grid_start_their_boxes_level() {
        let items = [
            item("Oro för anknytning", "Elina Sandkulla", &[]),
            item(
                "Utökade hembesök",
                "Familjecentralen i Grästorp (socialtjänsten och Capio BHV)",
                &[],
            ),
            item("Barn och unga", "Social- och hälsovårdsdirektören", &[]),
        ];
        let layout = layout(&items, "Utan");
        let tops: Vec<f64> = layout.boxes.iter().map(|b| b.rect.y).collect();
        assert_eq!(tops.len(), 3);
        assert!(tops.iter().all(|top| *top == tops[0]), "{tops:?}");
        // Under the tallest owner name (four lines), not into it.
        let tallest = layout.labels.iter().map(|label| label.lines.len()).max();
        assert!(tallest > Some(1), "{:?}", layout.labels);
        assert!(tops[0] > layout.labels[1].y + 2.0 * HEADER_LINE);
    }

    #[test]
    fn long_names_are_shown_whole_and_name_their_link() {
        let name = "Barn, unga och familjer med långvariga vård- och/ eller servicebehov inom hemmet och skolan";
        let items = [item(name, "<Ägare & co>", &[])];
        let layout = layout(&items, "Utan");
        assert_eq!(layout.boxes[0].lines.join(" "), name);
        let svg = svg(
            &layout,
            &items,
            &[String::from("./barn.html")],
            super::super::labels::labels(crate::model::Language::Sv),
        );
        // No aria-label: the text in the box is the link's name, as axe's label-content-name-mismatch wants.
        assert!(svg.contains(r#"<a href="./barn.html"><title>"#));
        assert!(!svg.contains("aria-label=\"Barn"));
        assert!(svg.contains("&lt;Ägare &amp; co&gt;"));
        assert!(svg.contains(r#"role="group" aria-label="Processernas kontaktytor""#));
        assert!(svg.contains(r#"viewBox="0 0 "#));
    }

    #[test]
    fn map_colours_meet_wcag_aa() {
        for (fill, border) in OWNER_COLOURS {
            for text in [NAME_COLOUR, OWNER_COLOUR, TEXT_COLOUR] {
                let ratio = contrast(text, fill);
                assert!(ratio >= 4.5, "{text} on {fill}: {ratio:.2}");
            }
            let ratio = contrast(border, "#ffffff");
            assert!(ratio >= 3.0, "border {border} on white: {ratio:.2}");
        }
        assert!(contrast(TEXT_COLOUR, "#ffffff") >= 4.5);
        assert!(contrast(EDGE_COLOUR, "#ffffff") >= 3.0);
    }

    #[test]
    fn a_small_map_draws_as_before() {
        let items = [
            item("Oro för anknytning", "Elina Sandkulla", &[1]),
            item(
                "Utökade hembesök för nyblivna föräldrar",
                "Familjecentralen i Grästorp",
                &[0, 2],
            ),
            item(
                "Barn, unga och familjer med långvariga vård- och/ eller servicebehov",
                "Social- och hälsovårdsdirektören",
                &[],
            ),
            item("EPDS-screening", "Elina Sandkulla", &[]),
        ];
        let hrefs: Vec<String> = [
            "./oro.html",
            "./hembesok.html",
            "./barn.html",
            "./epds.html",
        ]
        .map(String::from)
        .to_vec();
        let layout = layout(&items, "Processer utan kontaktytor till andra");
        check(&items, &layout);
        let svg = svg(
            &layout,
            &items,
            &hrefs,
            super::super::labels::labels(crate::model::Language::Sv),
        );
        insta::assert_snapshot!(svg.replace("><", ">\n<"));
    }
}
