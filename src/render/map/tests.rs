//! The properties the map promises, checked on small hand-made maps and on generated ones of 200 processes.

use super::layered::*;
use super::svg::*;
use super::*;
use crate::render::wcag::contrast;

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
        crate::render::labels::labels(crate::model::Language::Sv),
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
    let words = crate::render::labels::labels(crate::model::Language::Fi);
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
        crate::render::labels::labels(crate::model::Language::Sv),
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
        crate::render::labels::labels(crate::model::Language::Sv),
    );
    insta::assert_snapshot!(svg.replace("><", ">\n<"));
}
