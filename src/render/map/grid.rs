//! The processes without interfaces: a compact grid grouped by owner, below the layered map.

use super::*;

/// The processes without interfaces, below `top`: a block per owner (its name, then its boxes in rows), the
/// blocks side by side as far as the width allows.
pub(super) fn grid(
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
