//! How wide a text is drawn in the chart, so that wrapped lines stay inside their boxes in every place the chart is
//! shown.
//!
//! The PDF draws the chart's SVG with the bundled Inter; a browser draws it with its `system-ui` font, which on
//! Linux is usually DejaVu Sans, a much wider font (digits and narrow letters up to 1.4 times Inter's width in bold),
//! and on Windows and macOS Segoe UI or San Francisco, both narrower than DejaVu Sans. No single factor on Inter
//! fits both without wasting a fifth of every line, so each character counts as the wider of its Inter and DejaVu
//! Sans advance widths. Kerning is left out: it only ever makes a line narrower.
//!
//! Inter's widths come from the font compiled into the binary for the PDF; DejaVu Sans's are the table at the end of
//! this file (advance widths in font units of 2048 per em, read from DejaVu Sans 2.37 — the test
//! `dejavu_table_matches_the_installed_font` checks them against the font where it is installed, and prints a new
//! table when they differ). A character in neither table counts as 1.3 times its Inter width, or as 1 em when Inter
//! has no glyph for it.

use std::sync::LazyLock;

/// The weight a text is drawn in: step names regular, lane labels bold (the SVG asks for 600, which both Inter and
/// DejaVu Sans draw with their bold).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    Regular,
    Bold,
}

/// The characters the tables cover: Latin (with Latin-1, Extended-A and -B) and General Punctuation.
const LATIN: std::ops::Range<u32> = 0x20..0x250;
const PUNCTUATION: std::ops::Range<u32> = 0x2000..0x2070;
const DEJAVU_UNITS_PER_EM: f64 = 2048.0;

/// Widths in em of the covered characters (the wider of Inter and DejaVu Sans), and Inter for the rest.
struct Widths {
    latin: Vec<f64>,
    punctuation: Vec<f64>,
    inter: Option<ttf_parser::Face<'static>>,
}

impl Widths {
    fn new(font: &'static [u8], latin: &[u16], punctuation: &[u16]) -> Widths {
        let inter = ttf_parser::Face::parse(font, 0).ok();
        let inter_width = |ch: char| -> Option<f64> {
            let face = inter.as_ref()?;
            let advance = face.glyph_hor_advance(face.glyph_index(ch)?)?;
            Some(f64::from(advance) / f64::from(face.units_per_em()))
        };
        let table = |range: std::ops::Range<u32>, dejavu: &[u16]| -> Vec<f64> {
            range
                .zip(dejavu)
                .map(|(code, &units)| {
                    let dejavu = (units > 0).then(|| f64::from(units) / DEJAVU_UNITS_PER_EM);
                    let inter = char::from_u32(code).and_then(inter_width);
                    match (inter, dejavu) {
                        (Some(inter), Some(dejavu)) => inter.max(dejavu),
                        (Some(one), None) => one * UNKNOWN_FACTOR,
                        (None, Some(one)) => one,
                        (None, None) => 1.0,
                    }
                })
                .collect()
        };
        Widths {
            latin: table(LATIN, latin),
            punctuation: table(PUNCTUATION, punctuation),
            inter,
        }
    }

    fn em(&self, ch: char) -> f64 {
        let code = u32::from(ch);
        let index =
            |range: &std::ops::Range<u32>| (code.checked_sub(range.start)).map(|i| i as usize);
        if LATIN.contains(&code) {
            return index(&LATIN)
                .and_then(|i| self.latin.get(i))
                .copied()
                .unwrap_or(1.0);
        }
        if PUNCTUATION.contains(&code) {
            return index(&PUNCTUATION)
                .and_then(|i| self.punctuation.get(i))
                .copied()
                .unwrap_or(1.0);
        }
        self.inter
            .as_ref()
            .and_then(|face| {
                let advance = face.glyph_hor_advance(face.glyph_index(ch)?)?;
                Some(f64::from(advance) / f64::from(face.units_per_em()) * UNKNOWN_FACTOR)
            })
            .unwrap_or(1.0)
    }
}

/// A character only Inter has a width for may be wider in the browser's font: DejaVu Sans is up to about 1.3
/// times Inter for the letters of the tables (ignoring the few symbols, like `{`, that no label is made of).
const UNKNOWN_FACTOR: f64 = 1.3;

static REGULAR: LazyLock<Widths> =
    LazyLock::new(|| Widths::new(super::fonts::REGULAR, &REGULAR_LATIN, &REGULAR_PUNCTUATION));
static BOLD: LazyLock<Widths> =
    LazyLock::new(|| Widths::new(super::fonts::BOLD, &BOLD_LATIN, &BOLD_PUNCTUATION));

/// The width of `text` at `size` pixels: at least what Inter and DejaVu Sans each need for it.
pub fn width(text: &str, weight: Weight, size: f64) -> f64 {
    let widths: &Widths = match weight {
        Weight::Regular => &REGULAR,
        Weight::Bold => &BOLD,
    };
    text.chars().map(|ch| widths.em(ch)).sum::<f64>() * size
}

// DejaVu Sans (Book and Bold) advance widths, U+0020–U+024F and U+2000–U+206F; 0 where the font has no glyph.
#[rustfmt::skip]
const REGULAR_LATIN: [u16; 560] = [
    651, 821, 942, 1716, 1303, 1946, 1597, 563, 799, 799, 1024, 1716, 651, 739, 651, 690,
    1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 1303, 690, 690, 1716, 1716, 1716, 1087,
    2048, 1401, 1405, 1430, 1577, 1294, 1178, 1587, 1540, 604, 604, 1343, 1141, 1767, 1532, 1612,
    1235, 1612, 1423, 1300, 1251, 1499, 1401, 2025, 1403, 1251, 1403, 799, 690, 799, 1716, 1024,
    1024, 1255, 1300, 1126, 1300, 1260, 721, 1300, 1298, 569, 569, 1186, 569, 1995, 1298, 1253,
    1300, 1300, 842, 1067, 803, 1298, 1212, 1675, 1212, 1212, 1075, 1303, 690, 1303, 1716, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    651, 821, 1303, 1303, 1303, 1303, 690, 1024, 1024, 2048, 965, 1253, 1716, 739, 2048, 1024,
    1024, 1716, 821, 821, 1024, 1303, 1303, 651, 1024, 821, 965, 1253, 1985, 1985, 1985, 1087,
    1401, 1401, 1401, 1401, 1401, 1401, 1995, 1430, 1294, 1294, 1294, 1294, 604, 604, 604, 604,
    1587, 1532, 1612, 1612, 1612, 1612, 1612, 1716, 1612, 1499, 1499, 1499, 1499, 1251, 1239, 1290,
    1255, 1255, 1255, 1255, 1255, 1255, 2011, 1126, 1260, 1260, 1260, 1260, 569, 569, 569, 569,
    1253, 1298, 1253, 1253, 1253, 1253, 1253, 1716, 1253, 1298, 1298, 1298, 1298, 1212, 1300, 1212,
    1401, 1255, 1401, 1255, 1401, 1255, 1430, 1126, 1430, 1126, 1430, 1126, 1430, 1126, 1577, 1300,
    1587, 1300, 1294, 1260, 1294, 1260, 1294, 1260, 1294, 1260, 1294, 1260, 1587, 1300, 1587, 1300,
    1587, 1300, 1587, 1300, 1540, 1298, 1876, 1423, 604, 569, 604, 569, 604, 569, 604, 569,
    604, 569, 1208, 1138, 604, 569, 1343, 1186, 1186, 1141, 569, 1141, 569, 1141, 768, 1141,
    700, 1151, 582, 1532, 1298, 1532, 1298, 1532, 1298, 1666, 1532, 1298, 1612, 1253, 1612, 1253,
    1612, 1253, 2191, 2095, 1423, 842, 1423, 842, 1423, 842, 1300, 1067, 1300, 1067, 1300, 1067,
    1300, 1067, 1251, 803, 1251, 803, 1251, 803, 1499, 1298, 1499, 1298, 1499, 1298, 1499, 1298,
    1499, 1298, 1499, 1298, 2025, 1675, 1251, 1212, 1251, 1403, 1075, 1403, 1075, 1403, 1075, 721,
    1300, 1505, 1405, 1300, 1405, 1300, 1440, 1430, 1126, 1587, 1677, 1405, 1300, 1253, 1294, 1612,
    1258, 1178, 721, 1587, 1406, 2015, 724, 604, 1527, 1186, 569, 1212, 1995, 1532, 1298, 1612,
    1870, 1253, 1943, 1555, 1335, 1300, 1423, 1300, 1067, 1294, 688, 803, 1251, 803, 1251, 1757,
    1298, 1565, 1476, 1523, 1496, 1403, 1075, 1364, 1364, 1183, 1075, 1303, 1364, 1183, 1045, 1300,
    604, 1008, 940, 605, 2912, 2660, 2364, 1711, 1611, 935, 1907, 1892, 1633, 1401, 1255, 604,
    569, 1612, 1253, 1499, 1298, 1499, 1298, 1499, 1298, 1499, 1298, 1499, 1298, 1260, 1401, 1255,
    1401, 1255, 1995, 2011, 1587, 1300, 1587, 1300, 1343, 1186, 1612, 1253, 1612, 1253, 1364, 1183,
    569, 2912, 2660, 2364, 1587, 1300, 2279, 1397, 1532, 1298, 1401, 1255, 1995, 2011, 1612, 1253,
    1401, 1255, 1401, 1255, 1294, 1260, 1294, 1260, 604, 569, 604, 569, 1612, 1253, 1612, 1253,
    1423, 842, 1423, 842, 1499, 1298, 1499, 1298, 1300, 1067, 1251, 803, 1284, 1068, 1540, 1298,
    1506, 1716, 1430, 1250, 1403, 1075, 1401, 1255, 1294, 1260, 1612, 1253, 1612, 1253, 1612, 1253,
    1612, 1253, 1251, 1212, 972, 1726, 977, 569, 2044, 2044, 1401, 1430, 1126, 1141, 1251, 1067,
    1075, 1235, 981, 1405, 1499, 1401, 1294, 1260, 604, 569, 1600, 1300, 1423, 842, 1251, 1212,
];
#[rustfmt::skip]
const REGULAR_PUNCTUATION: [u16; 112] = [
    1024, 2048, 1024, 2048, 675, 512, 342, 1303, 651, 409, 204, 0, 0, 0, 0, 0,
    739, 739, 1303, 1024, 2048, 2048, 1024, 1024, 651, 651, 651, 651, 1061, 1061, 1061, 1061,
    1024, 1024, 1208, 1208, 685, 1367, 2048, 651, 0, 0, 0, 0, 0, 0, 0, 409,
    2748, 3554, 465, 765, 1065, 465, 765, 1065, 694, 819, 819, 1716, 994, 1087, 1024, 1646,
    1646, 512, 2048, 1024, 342, 799, 799, 1888, 1501, 1501, 1018, 1303, 1024, 1024, 1024, 690,
    1646, 1024, 921, 2048, 1646, 1716, 1200, 1358, 1716, 1716, 651, 1633, 1716, 651, 651, 455,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
];
#[rustfmt::skip]
const BOLD_LATIN: [u16; 560] = [
    713, 934, 1067, 1716, 1425, 2052, 1786, 627, 936, 936, 1071, 1716, 778, 850, 778, 748,
    1425, 1425, 1425, 1425, 1425, 1425, 1425, 1425, 1425, 1425, 819, 819, 1716, 1716, 1716, 1188,
    2048, 1585, 1561, 1503, 1700, 1399, 1399, 1681, 1714, 762, 762, 1587, 1305, 2038, 1714, 1741,
    1501, 1741, 1577, 1475, 1397, 1663, 1585, 2259, 1579, 1483, 1485, 936, 748, 936, 1716, 1024,
    1024, 1382, 1466, 1214, 1466, 1389, 891, 1466, 1458, 702, 702, 1362, 702, 2134, 1458, 1407,
    1466, 1466, 1010, 1219, 979, 1458, 1335, 1892, 1321, 1335, 1192, 1458, 748, 1458, 1716, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
    713, 934, 1425, 1425, 1303, 1425, 748, 1024, 1024, 2048, 1155, 1323, 1716, 850, 2048, 1024,
    1024, 1716, 897, 897, 1024, 1507, 1303, 778, 1024, 897, 1155, 1323, 2120, 2120, 2120, 1188,
    1585, 1585, 1585, 1585, 1585, 1585, 2222, 1503, 1399, 1399, 1399, 1399, 762, 762, 762, 762,
    1716, 1714, 1741, 1741, 1741, 1741, 1741, 1716, 1741, 1663, 1663, 1663, 1663, 1483, 1511, 1473,
    1382, 1382, 1382, 1382, 1382, 1382, 2146, 1214, 1389, 1389, 1389, 1389, 702, 702, 702, 702,
    1407, 1458, 1407, 1407, 1407, 1407, 1407, 1716, 1407, 1458, 1458, 1458, 1458, 1335, 1466, 1335,
    1585, 1382, 1585, 1382, 1585, 1382, 1503, 1214, 1503, 1214, 1503, 1214, 1503, 1214, 1700, 1466,
    1716, 1466, 1399, 1389, 1399, 1389, 1399, 1389, 1399, 1389, 1399, 1389, 1681, 1466, 1681, 1466,
    1681, 1466, 1681, 1466, 1714, 1458, 1994, 1618, 762, 702, 762, 702, 762, 702, 762, 702,
    762, 702, 1524, 1404, 762, 702, 1587, 1362, 1362, 1305, 702, 1305, 702, 1305, 982, 1305,
    1140, 1315, 760, 1714, 1458, 1714, 1458, 1714, 1458, 2013, 1714, 1458, 1741, 1407, 1741, 1407,
    1741, 1407, 2390, 2241, 1577, 1010, 1577, 1010, 1577, 1010, 1475, 1219, 1475, 1219, 1475, 1219,
    1475, 1219, 1397, 979, 1397, 979, 1397, 979, 1663, 1458, 1663, 1458, 1663, 1458, 1663, 1458,
    1663, 1458, 1663, 1458, 2259, 1892, 1483, 1335, 1483, 1485, 1192, 1485, 1192, 1485, 1192, 891,
    1466, 1661, 1561, 1466, 1561, 1466, 1503, 1503, 1214, 1716, 1800, 1550, 1466, 1408, 1399, 1739,
    1425, 1399, 891, 1681, 1624, 2140, 892, 797, 1587, 1362, 738, 1212, 2134, 1714, 1458, 1741,
    1789, 1407, 2217, 1868, 1601, 1466, 1577, 1475, 1219, 1399, 1130, 979, 1447, 979, 1397, 1711,
    1458, 1741, 1666, 1633, 1594, 1485, 1192, 1582, 1582, 1312, 1192, 1425, 1582, 1312, 1173, 1466,
    762, 1349, 1114, 762, 3185, 2892, 2658, 2067, 2007, 1404, 2476, 2416, 2160, 1585, 1382, 762,
    702, 1741, 1407, 1663, 1458, 1663, 1458, 1663, 1458, 1663, 1458, 1663, 1458, 1389, 1585, 1382,
    1585, 1382, 2222, 2146, 1681, 1466, 1681, 1466, 1587, 1362, 1741, 1407, 1741, 1407, 1582, 1192,
    702, 3185, 2892, 2658, 1681, 1466, 2639, 1612, 1714, 1458, 1585, 1382, 2222, 2146, 1741, 1407,
    1585, 1382, 1585, 1382, 1399, 1389, 1399, 1389, 762, 702, 762, 702, 1741, 1407, 1741, 1407,
    1577, 1010, 1577, 1010, 1663, 1458, 1663, 1458, 1475, 1219, 1397, 979, 1414, 1244, 1714, 1458,
    1714, 1771, 1657, 1349, 1485, 1192, 1585, 1382, 1399, 1389, 1741, 1407, 1741, 1407, 1741, 1407,
    1741, 1407, 1483, 1335, 1007, 1775, 1048, 702, 2228, 2228, 1585, 1503, 1214, 1305, 1397, 1219,
    1192, 1601, 1258, 1561, 1663, 1585, 1399, 1389, 762, 702, 1762, 1620, 1577, 1010, 1483, 1335,
];
#[rustfmt::skip]
const BOLD_PUNCTUATION: [u16; 112] = [
    1024, 2048, 1024, 2048, 675, 512, 342, 1425, 778, 409, 204, 0, 0, 0, 0, 0,
    850, 850, 1425, 1024, 2048, 2048, 1024, 1024, 778, 778, 778, 778, 1346, 1346, 1346, 1346,
    1024, 1024, 1309, 1309, 682, 1366, 2048, 713, 0, 0, 0, 0, 0, 0, 0, 409,
    2949, 3864, 540, 915, 1290, 540, 915, 1290, 1501, 844, 844, 1991, 1284, 1188, 1024, 1696,
    1696, 674, 2095, 1024, 342, 936, 936, 2110, 1697, 1697, 1051, 1303, 1024, 1024, 1071, 819,
    1696, 1071, 1139, 2048, 1696, 1716, 1400, 1665, 1716, 1716, 778, 1785, 1716, 778, 778, 455,
    0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wider_of_the_two_fonts_and_bold_wider_than_regular() {
        // DejaVu Sans "1" is 1303 units; Inter's is narrower.
        assert!((width("1", Weight::Regular, 2048.0) - 1303.0).abs() < 0.5);
        // Inter's "J" (0.543 em) is wider than DejaVu Sans's (604 units, 0.295 em).
        assert!(width("J", Weight::Regular, 1.0) > 0.5);
        let label = "Hälsovårdare/barnmorska";
        assert!(width(label, Weight::Bold, 13.0) > width(label, Weight::Regular, 13.0));
        // Chromium on Linux draws it 190.3 px wide in bold at 13 px (DejaVu Sans Bold, getComputedTextLength): far
        // more than the 7.6 px a character the chart used to count (175 px), which ran across the lane divider.
        let bold = width(label, Weight::Bold, 13.0);
        assert!((190.0..192.0).contains(&bold), "{bold}");
        // Text outside the tables still has a width.
        assert!(width("日本", Weight::Regular, 10.0) >= 20.0);
    }

    /// Checks the DejaVu Sans table against the font where it is installed (most Linux machines); prints a new table
    /// when they differ.
    #[test]
    fn dejavu_table_matches_the_installed_font() {
        let dir = std::path::Path::new("/usr/share/fonts/truetype/dejavu");
        for (file, latin, punctuation) in [
            ("DejaVuSans.ttf", &REGULAR_LATIN, &REGULAR_PUNCTUATION),
            ("DejaVuSans-Bold.ttf", &BOLD_LATIN, &BOLD_PUNCTUATION),
        ] {
            let Ok(data) = std::fs::read(dir.join(file)) else {
                eprintln!("{file} is not installed: table not checked");
                continue;
            };
            let face = ttf_parser::Face::parse(&data, 0).expect("DejaVu Sans parses");
            assert_eq!(f64::from(face.units_per_em()), DEJAVU_UNITS_PER_EM);
            let advances = |range: std::ops::Range<u32>| -> Vec<u16> {
                range
                    .map(|code| {
                        char::from_u32(code)
                            .and_then(|ch| face.glyph_index(ch))
                            .and_then(|glyph| face.glyph_hor_advance(glyph))
                            .unwrap_or(0)
                    })
                    .collect()
            };
            let (now_latin, now_punctuation) = (advances(LATIN), advances(PUNCTUATION));
            assert!(
                now_latin == latin[..] && now_punctuation == punctuation[..],
                "{file} has other widths than the table: latin {now_latin:?} punctuation {now_punctuation:?}"
            );
        }
    }
}
