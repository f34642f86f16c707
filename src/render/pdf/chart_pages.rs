//! Where the chart goes in the PDF, and how large, so that no chart text is printed under 8 pt.
//!
//! A swimlane chart of seven lanes scaled to fit a portrait page under the header prints its text at 4.5–6 pt:
//! unreadable on paper. So the size comes from the smallest text in the chart, not from the space left: the chart
//! sits in the flow of the first page only when its text is at least [`MIN_TEXT_PT`] there; else it gets a page of
//! its own (landscape when that shows it larger); and when even a whole page would need smaller text, it is split
//! into parts by steps, every part on a page of its own with all lanes repeated, as printed swimlane charts are.
//!
//! A chart whose lanes alone are taller than a page at 8 pt (some 18 lanes or more) cannot be helped by splitting
//! by steps. It stays on A4 (a larger paper would not come out of most office printers): each part is printed at
//! exactly 8 pt on portrait pages and runs on over as many pages as its height needs, cut between lanes, the lane
//! labels repeated on every page since each page shows whole lanes from the left edge.
//!
//! The decision is made here, in points, from the drawn charts' sizes, rather than by the template, so that the
//! size of the printed text is known (and tested) instead of being whatever the space happened to allow.

use std::ops::Range;

/// The smallest chart text on paper, in points: the usual floor for print that older eyes still read.
pub const MIN_TEXT_PT: f64 = 8.0;
/// SVG pixels are 0.75 pt at the chart's natural size. The chart is never printed larger than that.
pub const POINTS_PER_PIXEL: f64 = 0.75;
/// The A4 text area in points (15 mm side and top margins, 18 mm at the bottom), upright and turned.
pub const PORTRAIT: (f64, f64) = (510.0, 748.0);
pub const LANDSCAPE: (f64, f64) = (757.0, 502.0);
/// About what the title, goal and facts above the chart take on the first page. If they take more, the chart
/// moves to the next page at the same size: its text size never depends on this guess.
const HEADER_HEIGHT: f64 = 240.0;
/// What the caption above a chart on a page of its own takes (a level-2 heading: 12 pt text, its rule and the
/// space below it). Were it more, the picture would not fit under it: the PDF tests would see a caption without
/// its chart.
const CAPTION_HEIGHT: f64 = 32.0;

/// What the placement needs to know of a drawn chart (or part of one), in SVG pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct Drawn {
    pub width: f64,
    pub height: f64,
    /// The smallest `font-size` in the SVG.
    pub min_font_px: f64,
    /// Where each lane ends, from the top: the places a chart too tall for a page may be cut.
    pub lane_bottoms: Vec<f64>,
}

/// How the chart is printed.
#[derive(Debug, Clone, PartialEq)]
pub enum Placement {
    /// Under the header on the first page, this wide (points).
    InFlow { width: f64 },
    /// On pages of its own: one part, or several parts by steps.
    Pages(Vec<Part>),
}

/// One part of the chart on a page (or pages) of its own.
#[derive(Debug, Clone, PartialEq)]
pub struct Part {
    /// The steps drawn (indices into the process's steps): all of them when the chart is not split.
    pub steps: Range<usize>,
    pub landscape: bool,
    /// Points per SVG pixel.
    pub scale: f64,
    /// The printed width in points.
    pub width: f64,
    /// The slices of the part, top and bottom in SVG pixels, one per page: one slice unless the lanes are taller
    /// than a page.
    pub slices: Vec<(f64, f64)>,
}

/// The largest scale (points per pixel) at which a `drawn` chart fits an area of `width` × `height` points.
fn fit(drawn: &Drawn, (width, height): (f64, f64)) -> f64 {
    (width / drawn.width.max(1.0))
        .min(height / drawn.height.max(1.0))
        .min(POINTS_PER_PIXEL)
}

/// What a chart scaled to the minimum is scaled to: a hundredth of a point above it, because Typst writes the
/// picture's scale with a few decimals, and a chart meant for exactly 8 pt came out at 7.9999 pt.
const AIM_PT: f64 = MIN_TEXT_PT + 0.01;

/// The scale at which the smallest text is just above [`MIN_TEXT_PT`].
fn min_scale(drawn: &Drawn) -> f64 {
    AIM_PT / drawn.min_font_px.max(1.0)
}

/// Whether text at `scale` is large enough. A hair of tolerance, so that a chart scaled to exactly 8 pt is not
/// refused for a rounding error.
fn readable(drawn: &Drawn, scale: f64) -> bool {
    scale * drawn.min_font_px >= MIN_TEXT_PT - 1e-9
}

/// The orientation that prints `drawn` alone on a page larger (upright when equal), and its scale.
fn own_page(drawn: &Drawn) -> (bool, f64) {
    let upright = fit(drawn, (PORTRAIT.0, PORTRAIT.1 - CAPTION_HEIGHT));
    let turned = fit(drawn, (LANDSCAPE.0, LANDSCAPE.1 - CAPTION_HEIGHT));
    if turned > upright {
        (true, turned)
    } else {
        (false, upright)
    }
}

/// `count` steps in `parts` runs of consecutive steps whose lengths differ by at most one, longer ones first.
pub fn balanced(count: usize, parts: usize) -> Vec<Range<usize>> {
    let parts = parts.clamp(1, count.max(1));
    let (size, extra) = (count / parts, count % parts);
    let mut start = 0;
    (0..parts)
        .map(|index| {
            let end = start + size + usize::from(index < extra);
            let range = start..end;
            start = end;
            range
        })
        .collect()
}

/// Decides where the chart of a process with `steps` steps goes. `draw` draws the chart of a range of steps (all
/// lanes, every time).
pub fn place(steps: usize, mut draw: impl FnMut(Range<usize>) -> Drawn) -> Placement {
    let whole = draw(0..steps);
    let in_flow = fit(&whole, (PORTRAIT.0, PORTRAIT.1 - HEADER_HEIGHT));
    if readable(&whole, in_flow) {
        return Placement::InFlow {
            width: whole.width * in_flow,
        };
    }
    let (landscape, scale) = own_page(&whole);
    if readable(&whole, scale) {
        return Placement::Pages(vec![Part {
            steps: 0..steps,
            landscape,
            scale,
            width: whole.width * scale,
            slices: vec![(0.0, whole.height)],
        }]);
    }
    // The fewest parts that all print readable, each in the orientation that shows it larger.
    for count in 2..=steps {
        let mut parts = Vec::with_capacity(count);
        for range in balanced(steps, count) {
            let drawn = draw(range.clone());
            let (landscape, scale) = own_page(&drawn);
            if !readable(&drawn, scale) {
                break;
            }
            parts.push(Part {
                steps: range,
                landscape,
                scale,
                width: drawn.width * scale,
                slices: vec![(0.0, drawn.height)],
            });
        }
        if parts.len() == count {
            return Placement::Pages(parts);
        }
    }
    Placement::Pages(too_tall(steps, &whole, &mut draw))
}

/// Parts for a chart whose lanes are taller than a page at the smallest text: upright pages, text at exactly
/// [`MIN_TEXT_PT`], as many steps a part as the width allows, each part cut between lanes into page-high slices.
fn too_tall(
    steps: usize,
    whole: &Drawn,
    draw: &mut impl FnMut(Range<usize>) -> Drawn,
) -> Vec<Part> {
    let fits_width =
        |drawn: &Drawn| drawn.width * min_scale(drawn).min(POINTS_PER_PIXEL) <= PORTRAIT.0;
    let mut chosen = vec![(0..steps, whole.clone())];
    for count in 1..=steps.max(1) {
        let parts: Vec<(Range<usize>, Drawn)> = balanced(steps, count)
            .into_iter()
            .map(|range| {
                let drawn = draw(range.clone());
                (range, drawn)
            })
            .collect();
        let fits = parts.iter().all(|(_, drawn)| fits_width(drawn));
        chosen = parts;
        if fits {
            break;
        }
    }
    chosen
        .into_iter()
        .map(|(range, drawn)| {
            // Exactly 8 pt, or smaller only if even one step column is wider than the page at 8 pt (it is not:
            // a column is a few hundred pixels), so that it is never cut at the side.
            let scale = min_scale(&drawn)
                .min(POINTS_PER_PIXEL)
                .min(PORTRAIT.0 / drawn.width.max(1.0));
            let page = (PORTRAIT.1 - CAPTION_HEIGHT) / scale;
            Part {
                steps: range,
                landscape: false,
                scale,
                width: drawn.width * scale,
                slices: slices(&drawn, page),
            }
        })
        .collect()
}

/// Cuts a chart into slices at most `page` pixels high, between lanes where a lane ends inside the slice, else
/// (a single lane taller than a page) at the page's height.
fn slices(drawn: &Drawn, page: f64) -> Vec<(f64, f64)> {
    let mut slices = Vec::new();
    let mut top = 0.0;
    while drawn.height - top > 0.5 {
        let limit = top + page;
        let bottom = if drawn.height <= limit {
            drawn.height
        } else {
            drawn
                .lane_bottoms
                .iter()
                .copied()
                .filter(|&bottom| bottom > top + 0.5 && bottom <= limit)
                .fold(None, |best: Option<f64>, bottom| {
                    Some(best.map_or(bottom, |best| best.max(bottom)))
                })
                .unwrap_or(limit)
        };
        slices.push((top, bottom));
        top = bottom;
    }
    if slices.is_empty() {
        slices.push((0.0, drawn.height));
    }
    slices
}

/// The smallest `font-size` given in an SVG (as an attribute, in pixels); `None` when it gives none.
pub fn min_font_px(svg: &str) -> Option<f64> {
    svg.match_indices("font-size=\"")
        .filter_map(|(at, key)| {
            let rest = &svg[at + key.len()..];
            let value = &rest[..rest.find('"')?];
            value.trim_end_matches("px").trim().parse::<f64>().ok()
        })
        .filter(|size| *size > 0.0)
        .fold(None, |min: Option<f64>, size| {
            Some(min.map_or(size, |min| min.min(size)))
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A chart like the swimlane: a 200 px label column, 234 px a step, lanes of 80 px, 13 px text.
    fn chart(lanes: usize) -> impl FnMut(Range<usize>) -> Drawn {
        move |range: Range<usize>| Drawn {
            width: 208.0 + 234.0 * range.len() as f64,
            height: 80.0 * lanes as f64,
            min_font_px: 13.0,
            lane_bottoms: (1..=lanes).map(|lane| 80.0 * lane as f64).collect(),
        }
    }

    fn text_pt(placement: &Placement, min_font_px: f64) -> Vec<f64> {
        match placement {
            Placement::InFlow { .. } => vec![],
            Placement::Pages(parts) => parts.iter().map(|part| part.scale * min_font_px).collect(),
        }
    }

    #[test]
    fn a_small_chart_stays_in_the_flow_at_its_natural_size() {
        assert_eq!(
            place(1, chart(2)),
            Placement::InFlow {
                width: 442.0 * POINTS_PER_PIXEL
            }
        );
    }

    #[test]
    fn a_chart_too_small_in_the_flow_gets_a_landscape_page_of_its_own() {
        // 3 steps of 3 lanes: 910 px wide; in the flow (or on a portrait page) 510/910 × 13 = 7.3 pt, on a
        // landscape page its natural 9.75 pt.
        let placement = place(3, chart(3));
        let Placement::Pages(parts) = &placement else {
            panic!("{placement:?}")
        };
        assert_eq!(parts.len(), 1);
        assert!(parts[0].landscape);
        assert!(
            text_pt(&placement, 13.0)
                .iter()
                .all(|pt| *pt >= MIN_TEXT_PT)
        );
    }

    #[test]
    fn a_wide_chart_is_split_into_balanced_parts_all_readable() {
        let placement = place(30, chart(12));
        let Placement::Pages(parts) = &placement else {
            panic!("{placement:?}")
        };
        assert!(parts.len() > 1);
        let lengths: Vec<usize> = parts.iter().map(|part| part.steps.len()).collect();
        assert!(
            lengths.iter().max().unwrap_or(&0) - lengths.iter().min().unwrap_or(&0) <= 1,
            "{lengths:?}"
        );
        assert_eq!(lengths.iter().sum::<usize>(), 30);
        assert!(
            text_pt(&placement, 13.0)
                .iter()
                .all(|pt| *pt >= MIN_TEXT_PT),
            "{placement:?}"
        );
        // One part fewer would not be readable: the widest part of that split is too wide for a landscape page.
        let fewer = balanced(30, parts.len() - 1);
        let widest = chart(12)(fewer[0].clone());
        assert!(!readable(&widest, own_page(&widest).1));
    }

    #[test]
    fn lanes_taller_than_a_page_run_on_cut_between_lanes() {
        let placement = place(4, chart(30));
        let Placement::Pages(parts) = &placement else {
            panic!("{placement:?}")
        };
        for part in parts {
            assert!(!part.landscape);
            assert!((part.scale * 13.0 - AIM_PT).abs() < 1e-9);
            assert!(part.slices.len() > 1);
            assert_eq!(part.slices.first().map(|slice| slice.0), Some(0.0));
            assert_eq!(part.slices.last().map(|slice| slice.1), Some(2400.0));
            for pair in part.slices.windows(2) {
                assert_eq!(pair[0].1, pair[1].0);
            }
            for (top, bottom) in &part.slices {
                assert!((bottom - top) * part.scale <= PORTRAIT.1 - CAPTION_HEIGHT + 1e-9);
                assert_eq!(bottom % 80.0, 0.0, "cut inside a lane at {bottom}");
            }
        }
    }

    #[test]
    fn balanced_parts_differ_by_at_most_one_step() {
        assert_eq!(balanced(30, 4), vec![0..8, 8..16, 16..23, 23..30]);
        assert_eq!(balanced(3, 5), vec![0..1, 1..2, 2..3]);
        assert_eq!(balanced(0, 2), vec![0..0]);
    }

    #[test]
    fn the_smallest_font_size_of_an_svg() {
        let svg = r#"<svg font-size="13"><text font-size="11">a</text><text font-size="12px">b</text></svg>"#;
        assert_eq!(min_font_px(svg), Some(11.0));
        assert_eq!(min_font_px("<svg/>"), None);
    }
}
