//! Rendering processes for readers: an HTML page ([`html`]) and a print-ready PDF (`pdf`) per process, and a site
//! index with the process map ([`site`], [`map`]).
//!
//! The renderer reads the typed model only (never the YAML), the way mdBook keeps its renderers apart from the
//! book model. Every user text is escaped or rendered through the safe Markdown renderer.

use std::collections::BTreeMap;

use jiff::civil::Date;

use crate::model::Language;

pub mod chart;
pub mod escape;
pub mod fonts;
pub(crate) mod history;
pub mod html;
pub mod hyphenate;
pub mod labels;
pub mod map;
pub mod markdown;
pub mod measure;
pub mod output;
#[cfg(feature = "pdf")]
pub mod pdf;
pub mod site;

/// What a page depends on besides the process.
#[derive(Debug, Clone)]
pub struct PageOptions {
    pub today: Date,
    /// Look-ahead for "review due soon", in days.
    pub within_days: i32,
    /// The language of the fixed labels; the process's own language when `None`.
    pub language: Option<Language>,
    pub default_language: Language,
    /// The processes that have pages, with their names, for links from `interfaces`: a link is made only to one
    /// of these, from the validated id, never from the text of the interface, and shows the target's name.
    pub known: BTreeMap<crate::model::ProcessId, String>,
    /// Whether `index.html` is written next to the pages (each page then links back to it).
    pub site: bool,
    /// Whether a PDF is written next to each page (pages, interfaces and the index then link to it).
    pub pdf: bool,
    /// The earlier committed states of each process, for the version history of its page; a process without an
    /// entry shows the records of its file only.
    pub history: BTreeMap<crate::model::ProcessId, crate::history::FileHistory>,
}

/// The owners of the processes, each once, in the order of the index and the map: case ignored first, then not,
/// so the same owner written alike is always side by side and listed once.
pub(crate) fn owners<'a>(owners: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut owners: Vec<&str> = owners.collect();
    owners.sort_by(|a, b| {
        a.to_lowercase()
            .cmp(&b.to_lowercase())
            .then_with(|| a.cmp(b))
    });
    owners.dedup();
    owners
}

/// The name of a process with a page, to show instead of its id.
pub(crate) fn known_name<'a>(
    options: &'a PageOptions,
    id: &str,
) -> Option<(&'a crate::model::ProcessId, &'a str)> {
    options
        .known
        .get_key_value(id)
        .map(|(id, name)| (id, name.as_str()))
}

/// WCAG 2.1 contrast, for the tests of every colour the page, the chart and the map use.
#[cfg(test)]
pub(crate) mod wcag {
    /// The relative luminance of an sRGB colour written `#rrggbb`, as WCAG 2.1 defines it.
    fn luminance(hex: &str) -> f64 {
        let channel = |index: usize| {
            let value = u8::from_str_radix(&hex[1 + 2 * index..3 + 2 * index], 16)
                .unwrap_or_else(|_| panic!("{hex} is not #rrggbb"));
            let c = f64::from(value) / 255.0;
            if c <= 0.04045 {
                c / 12.92
            } else {
                ((c + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2)
    }

    pub(crate) fn contrast(a: &str, b: &str) -> f64 {
        let (a, b) = (luminance(a), luminance(b));
        (a.max(b) + 0.05) / (a.min(b) + 0.05)
    }
}
