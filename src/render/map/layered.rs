//! Steps 1–6 of the layered map: cycles, layers, dummy nodes, order, coordinates and edges.

use super::*;

/// Lays out the processes with interfaces; returns the bottom of what it drew (0 when nothing).
pub(super) fn layered(
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
pub(super) fn back_edges(successors: &[Vec<usize>]) -> BTreeSet<(usize, usize)> {
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
pub(super) fn shorten(down: &[Vec<usize>], layer: &mut [usize], width: usize) {
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
pub(super) fn crossings_between(nodes: &[Node], upper: &[usize], position: &[usize]) -> usize {
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
pub(super) fn inversions(values: &mut [usize]) -> usize {
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

pub(super) fn positions(nodes: &[Node], order: &[Vec<usize>]) -> Vec<usize> {
    let mut position = vec![0; nodes.len()];
    for layer in order {
        for (index, &node) in layer.iter().enumerate() {
            position[node] = index;
        }
    }
    position
}

/// Total crossings of an ordering.
pub(super) fn crossings(nodes: &[Node], order: &[Vec<usize>]) -> usize {
    let position = positions(nodes, order);
    order
        .iter()
        .map(|layer| crossings_between(nodes, layer, &position))
        .sum()
}

/// Barycentre sweeps, down and up, keeping the best ordering seen.
pub(super) fn reduce_crossings(nodes: &[Node], mut order: Vec<Vec<usize>>) -> Vec<Vec<usize>> {
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
pub(super) fn separation(a: &Node, b: &Node) -> f64 {
    let gap = if a.item.is_some() && b.item.is_some() {
        BOX_GAP
    } else {
        EDGE_GAP
    };
    (a.width + b.width) / 2.0 + gap
}

/// Places a layer's nodes as near their wished-for centres as their order and separations allow (least squares:
/// the pool-adjacent-violators algorithm on the centres less their minimal offsets).
pub(super) fn place(nodes: &[Node], layer: &[usize], wished: &[f64]) -> Vec<f64> {
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
pub(super) fn coordinates(nodes: &[Node], order: &[Vec<usize>]) -> Vec<f64> {
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
