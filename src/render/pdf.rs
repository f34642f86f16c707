//! The print-ready PDF of a process, made in-process with Typst used as a library.
//!
//! Why Typst: it lays out a real document (a table whose header row repeats on every page, rows kept whole where
//! they fit, "page x of y", hyphenation for Swedish and Finnish), embeds the SVG chart as vector graphics, subsets
//! and embeds fonts, and needs no browser, external program or network. A PDF-drawing crate would have meant
//! writing a layout engine.
//!
//! The layout is a fixed template (`process.typ`) compiled in a small [`World`] of our own. The process reaches it
//! only as data: a JSON file the template reads with `json()`, and the chart as an SVG file. No user text is ever
//! pasted into Typst source, so none can become markup. The fonts are Inter (SIL Open Font License, in
//! `assets/fonts/`), compiled into the binary, so the PDF looks the same on every machine.

mod chart_pages;

use std::ops::Range;
use std::sync::LazyLock;

use serde_json::{Value, json};
use typst::diag::{FileError, FileResult, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::syntax::{DiagSpanKind, FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World};
use typst_layout::PagedDocument;

use super::labels::badge;
use super::labels::labels;
pub use super::output::PdfDate;
use super::{PageOptions, escape, markdown};
use crate::model::{Instruction, Interface, Language, Process};
use crate::review_status;

const TEMPLATE: &str = include_str!("process.typ");

/// What every PDF shares: the standard library, the fonts and the template, made once per run.
struct Shared {
    library: LazyHash<Library>,
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
    main: FileId,
    data: FileId,
}

static SHARED: LazyLock<Shared> = LazyLock::new(|| {
    let fonts: Vec<Font> = super::fonts::FONT_FILES
        .iter()
        .flat_map(|file| Font::iter(Bytes::new(*file)))
        .collect();
    let file = |path: &str| match VirtualPath::new(path) {
        Ok(path) => RootedPath::new(VirtualRoot::Project, path).intern(),
        // The paths are constants of this file; a bad one is caught by every PDF test.
        Err(_) => unreachable!("invalid template path {path}"),
    };
    Shared {
        library: LazyHash::new(Library::builder().build()),
        book: LazyHash::new(FontBook::from_fonts(&fonts)),
        fonts,
        main: file("/process.typ"),
        data: file("/data.json"),
    }
});

/// The world one PDF is compiled in: the template, this process's data and chart (or its parts), nothing else.
struct ProcessWorld {
    shared: &'static Shared,
    source: Source,
    data: Bytes,
    charts: Vec<(FileId, Bytes)>,
}

/// The path of the `index`th chart file (the whole chart, or one part of it) in the template's world.
fn chart_path(index: usize) -> String {
    format!("/chart-{index}.svg")
}

fn chart_id(index: usize) -> Result<FileId, String> {
    let path = VirtualPath::new(chart_path(index)).map_err(|error| error.to_string())?;
    Ok(RootedPath::new(VirtualRoot::Project, path).intern())
}

impl World for ProcessWorld {
    fn library(&self) -> &LazyHash<Library> {
        &self.shared.library
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.shared.book
    }

    fn main(&self) -> FileId {
        self.shared.main
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.shared.main {
            Ok(self.source.clone())
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.shared.data {
            Ok(self.data.clone())
        } else if let Some((_, chart)) = self.charts.iter().find(|(chart, _)| *chart == id) {
            Ok(chart.clone())
        } else if id == self.shared.main {
            Ok(Bytes::from_string(self.source.clone()))
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.shared.fonts.get(index).cloned()
    }

    /// The template never asks for today; a PDF must not depend on the day it was made.
    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        None
    }
}

/// The PDF's creation date (see [`PdfDate`]).
fn timestamp(
    date: PdfDate,
    process: &Process,
    today: jiff::civil::Date,
) -> Option<typst_pdf::Timestamp> {
    let datetime = match date
        .source_date_epoch
        .and_then(|seconds| jiff::Timestamp::from_second(seconds).ok())
    {
        Some(timestamp) => {
            let utc = timestamp
                .to_zoned_datetime(jiff::tz::TimeZone::UTC)
                .datetime();
            Datetime::from_ymd_hms(
                i32::from(utc.year()),
                u8::try_from(utc.month()).ok()?,
                u8::try_from(utc.day()).ok()?,
                u8::try_from(utc.hour()).ok()?,
                u8::try_from(utc.minute()).ok()?,
                u8::try_from(utc.second()).ok()?,
            )?
        }
        None => {
            // A draft has no review yet: the day it was last updated, or the day the page is made for (the
            // page says the review status on that day already); PDF/A needs a date.
            let date = review_status::last_review(process)
                .or_else(|| process.updated.as_ref().map(|updated| updated.date.0))
                .unwrap_or(today);
            Datetime::from_ymd_hms(
                i32::from(date.year()),
                u8::try_from(date.month()).ok()?,
                u8::try_from(date.day()).ok()?,
                0,
                0,
                0,
            )?
        }
    };
    Some(typst_pdf::Timestamp::new_utc(datetime))
}

/// A step row with more text than this may be split between pages; shorter rows are kept whole.
const LONGEST_UNBROKEN_ROW: usize = 1_200;

/// What the placement needs of a drawn chart.
fn drawn(chart: &super::chart::Chart) -> chart_pages::Drawn {
    chart_pages::Drawn {
        width: chart.width,
        height: chart.height,
        // The smallest text the SVG has (continuation labels may be smaller than the boxes' text).
        min_font_px: chart_pages::min_font_px(&chart.svg).unwrap_or(super::chart::FONT_SIZE),
        lane_bottoms: chart
            .lanes
            .iter()
            .map(|lane| lane.y + lane.height)
            .collect(),
    }
}

/// The standards every PDF claims and Typst checks it against: PDF/A-2a (archival, with the document's logical
/// structure and Unicode text, as public records are kept) and PDF/UA-1 (accessible: tagged, alt texts, language,
/// title, headings in order), which the Finnish Act on the Provision of Digital Services (306/2019) asks of
/// published documents. Typst refuses the export when a requirement is not met, so the check is built in.
fn standards() -> Result<typst_pdf::PdfStandards, String> {
    use typst_pdf::PdfStandard;
    typst_pdf::PdfStandards::new(&[PdfStandard::A_2a, PdfStandard::Ua_1])
        .map_err(|error| format!("the PDF standards cannot be combined: {}", error.message()))
}

/// The PDF of one process.
pub fn pdf(process: &Process, options: &PageOptions, date: PdfDate) -> Result<Vec<u8>, String> {
    let language = options
        .language
        .or(process.language)
        .unwrap_or(options.default_language);
    let words = labels(language);
    let title = format!("{}: {}", words.chart, process.name);
    let count = process.steps.len();
    let layout = super::chart::Layout::new(process, language);
    let placement = chart_pages::place(count, |steps| {
        drawn(&super::chart::part_of(&layout, process, &title, "", steps))
    });

    // The charts the template shows, each as a file of its own, with its caption and text alternative.
    let mut charts = Vec::new();
    let mut shown = Vec::new();
    let parts = match &placement {
        chart_pages::Placement::InFlow { .. } => vec![],
        chart_pages::Placement::Pages(parts) => parts.clone(),
    };
    let ranges: Vec<Range<usize>> = if parts.is_empty() {
        std::iter::once(0..count).collect()
    } else {
        parts.iter().map(|part| part.steps.clone()).collect()
    };
    for (index, steps) in ranges.iter().enumerate() {
        let caption = if ranges.len() > 1 {
            words.chart_part_caption(index + 1, ranges.len(), steps.start + 1, steps.end)
        } else {
            words.chart.to_owned()
        };
        let description = super::labels::chart_description(process, steps.clone());
        let svg_title = if ranges.len() > 1 {
            format!("{caption}: {}", process.name)
        } else {
            title.clone()
        };
        let chart =
            super::chart::part_of(&layout, process, &svg_title, &description, steps.clone());
        let alt = shortened(&format!("{svg_title}. {description}"), LONGEST_PDF_STRING);
        let id = chart_id(index)?;
        charts.push((id, Bytes::new(chart.svg.into_bytes())));
        shown.push((chart_path(index), caption, alt));
    }
    let chart = chart_data(words, &placement, &shown);
    let mut data = document_data(process, options, language, chart);
    break_long_words(&mut data);

    let world = ProcessWorld {
        shared: &SHARED,
        source: Source::new(SHARED.main, TEMPLATE.to_owned()),
        data: Bytes::new(serde_json::to_vec(&data).map_err(|error| error.to_string())?),
        charts,
    };
    let document = typst::compile::<PagedDocument>(&world)
        .output
        .map_err(|errors| diagnostics(&world, &errors));
    forget_old_layouts();
    let document = document?;
    let stamp = timestamp(date, process, options.today);
    let options = typst_pdf::PdfOptions {
        ident: Smart::Custom(process.id.to_string()),
        creator: Smart::Custom(Some(format!("proc {}", env!("CARGO_PKG_VERSION")))),
        timestamp: stamp,
        standards: standards()?,
        ..typst_pdf::PdfOptions::default()
    };
    typst_pdf::pdf(&document, &options).map_err(|errors| diagnostics(&world, &errors))
}

/// The chart as the template places it: in the flow, or on pages of its own (`shown`: file, caption and text
/// alternative of each part).
fn chart_data(
    words: &super::labels::Labels,
    placement: &chart_pages::Placement,
    shown: &[(String, String, String)],
) -> Value {
    match placement {
        chart_pages::Placement::InFlow { width } => {
            let (file, _, alt) = shown.first().cloned().unwrap_or_default();
            json!({
                "title": words.chart,
                "flow": { "file": file, "width": width, "alt": escape::line(&alt) },
                "pages": [],
            })
        }
        chart_pages::Placement::Pages(parts) => {
            let pages: usize = parts.iter().map(|part| part.slices.len()).sum();
            let pointer = if parts.len() > 1 {
                format!(
                    "{} {} {}",
                    words.chart_in_parts.0,
                    parts.len(),
                    words.chart_in_parts.1
                )
            } else if pages > 1 {
                words.chart_on_pages.to_owned()
            } else {
                words.chart_on_page.to_owned()
            };
            let pages: Vec<Value> = parts
                .iter()
                .zip(shown)
                .map(|(part, (file, caption, alt))| {
                    json!({
                        "file": file,
                        "caption": caption,
                        "continued": words.continued,
                        "alt": escape::line(alt),
                        "landscape": part.landscape,
                        "width": part.width,
                        "height": part.slices.last().map_or(0.0, |slice| slice.1 * part.scale),
                        "slices": part.slices.iter().map(|(top, bottom)| json!({
                            "top": top * part.scale,
                            "height": (bottom - top) * part.scale,
                        })).collect::<Vec<_>>(),
                    })
                })
                .collect();
            json!({
                "title": words.chart,
                "flow": null,
                "pointer": pointer,
                "pages": pages,
            })
        }
    }
}

/// Typst remembers what it computed, to reuse it in the next document. Without a limit that memory grows with
/// every process (3 GB for a thousand); every few documents, what has not been reused lately is dropped (0.8 GB
/// for a thousand: some of Typst's memory is not in that cache and stays until the run ends).
fn forget_old_layouts() {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static COMPILED: AtomicUsize = AtomicUsize::new(0);
    const EVERY: usize = 16;
    if COMPILED.fetch_add(1, Ordering::Relaxed) % EVERY == EVERY - 1 {
        typst::comemo::evict(1);
    }
}

/// Typst's messages, for the rare PDF that cannot be made: a layout error, or a requirement of PDF/UA-1 or PDF/A-2a
/// not met (they point into the template, not the process file).
fn diagnostics(world: &ProcessWorld, errors: &[SourceDiagnostic]) -> String {
    let messages: Vec<String> = errors
        .iter()
        .map(|error| {
            let start = match error.span.get() {
                DiagSpanKind::Number { num, .. } => {
                    world.source.range(num, None).map(|range| range.start)
                }
                DiagSpanKind::Range { range, .. } => Some(range.start),
                DiagSpanKind::Detached => None,
            };
            let line = start.and_then(|start| world.source.lines().byte_to_line(start));
            match line {
                Some(line) => format!("{} (process.typ line {})", error.message, line + 1),
                None => error.message.to_string(),
            }
        })
        .collect();
    format!("the PDF could not be made: {}", messages.join("; "))
}

/// How long a text may be where it becomes one PDF string (the text alternative, the heading that is also a
/// bookmark, the title and author in the metadata), in bytes: PDF/A-2 allows 32,767, and some room is left.
const LONGEST_PDF_STRING: usize = 30_000;

/// What a character can take in a PDF string: its UTF-8 bytes, or its UTF-16 bytes, whichever is more (a
/// character outside the Basic Multilingual Plane is four bytes either way; "ä" two in UTF-16).
fn pdf_bytes(c: char) -> usize {
    c.len_utf8().max(2 * c.len_utf16())
}

/// `text`, cut to at most `limit` bytes (as [`pdf_bytes`] counts them) with "…" at the end when it was longer.
fn shortened(text: &str, limit: usize) -> String {
    if text.chars().map(pdf_bytes).sum::<usize>() <= limit {
        return text.to_owned();
    }
    let room = limit.saturating_sub(pdf_bytes('…'));
    let mut used = 0;
    let mut short: String = text
        .chars()
        .take_while(|&c| {
            used += pdf_bytes(c);
            used <= room
        })
        .collect();
    short.push('…');
    short
}

/// The heading of the PDF: the name, or the id when nothing of the name is left once bidi and control
/// characters are taken out (PDF/UA refuses an empty heading, and the file would not be made at all).
fn heading(process: &Process) -> String {
    let name = escape::line(&process.name);
    let name = if name.trim().is_empty() {
        process.id.to_string()
    } else {
        name
    };
    shortened(&name, LONGEST_PDF_STRING)
}

/// A word this long is no word but a pasted run (a long address, a key held down); it gets a break opportunity
/// every [`LONGEST_WORD`] characters. Unbroken it would run off the page, and as one run of glyphs it would
/// become a PDF string longer than PDF/A allows, so the PDF could not be made at all.
const LONGEST_WORD: usize = 100;

/// Puts a zero-width space into every word longer than [`LONGEST_WORD`] in the texts of the data, leaving
/// addresses and file names alone.
fn break_long_words(value: &mut Value) {
    match value {
        Value::String(text)
            if text
                .split_whitespace()
                .any(|word| word.chars().count() > LONGEST_WORD) =>
        {
            let mut broken = String::with_capacity(text.len() + text.len() / LONGEST_WORD * 3);
            let mut run = 0;
            for ch in text.chars() {
                if ch.is_whitespace() {
                    run = 0;
                } else if run == LONGEST_WORD {
                    broken.push('\u{200b}');
                    run = 0;
                }
                if !ch.is_whitespace() {
                    run += 1;
                }
                broken.push(ch);
            }
            *text = broken;
        }
        Value::Array(items) => items.iter_mut().for_each(break_long_words),
        Value::Object(object) => {
            for (key, item) in object.iter_mut() {
                if !matches!(key.as_str(), "url" | "file" | "lang" | "class") {
                    break_long_words(item);
                }
            }
        }
        _ => {}
    }
}

/// Plain text for the template, on one line as on the page.
fn text(value: &str) -> Value {
    Value::String(escape::line(value))
}

fn list(items: impl IntoIterator<Item = Value>) -> Value {
    json!({ "list": items.into_iter().collect::<Vec<_>>() })
}

fn markdown_value(text: Option<&str>) -> Value {
    markdown::to_tree(text.unwrap_or_default())
}

fn fact(rows: &mut Vec<Value>, label: &str, value: Value) {
    let empty = match &value {
        Value::String(text) => text.trim().is_empty(),
        Value::Object(object) => match object.get("list") {
            Some(Value::Array(items)) => items.is_empty(),
            _ => object
                .get("md")
                .and_then(Value::as_array)
                .is_some_and(Vec::is_empty),
        },
        _ => false,
    };
    if !empty {
        rows.push(json!({ "label": label, "value": value }));
    }
}

fn instruction(instruction: &Instruction) -> Value {
    match instruction {
        Instruction::Text(value) => text(value),
        Instruction::Link { title, url } => match escape::safe_url(url) {
            Some(url) => json!({ "title": escape::line(title), "url": url }),
            None => text(title),
        },
    }
}

/// Everything the template shows, as data.
fn document_data(
    process: &Process,
    options: &PageOptions,
    language: Language,
    chart: Value,
) -> Value {
    let words = labels(language);
    let status = review_status::status(process, options.today, options.within_days);
    let (badge_class, badge_text) = badge(status, words);

    let mut facts = Vec::new();
    if let Some(scope) = &process.scope {
        fact(&mut facts, words.scope, text(scope));
    }
    fact(&mut facts, words.owner, text(&process.owner));
    fact(
        &mut facts,
        words.users,
        text(process.users.as_deref().unwrap_or_default()),
    );
    fact(
        &mut facts,
        words.target_group,
        text(process.target_group.as_deref().unwrap_or_default()),
    );
    fact(&mut facts, words.version, text(&process.version.0));
    // A draft has no approval to show: the banner under the title says so.
    if let Some(approval) = &process.approved {
        fact(
            &mut facts,
            words.approved,
            text(&format!("{} · {}", approval.date, approval.by)),
        );
    }
    if let Some(updated) = &process.updated {
        fact(
            &mut facts,
            words.updated,
            text(&format!("{} · {}", updated.date, updated.by.join(", "))),
        );
    }

    let steps: Vec<Value> = process
        .steps
        .iter()
        .enumerate()
        .map(|(index, step)| {
            let size = step.name.len()
                + step.what.len()
                + step.metrics.as_deref().map_or(0, str::len)
                + step.evaluation.as_deref().map_or(0, str::len)
                + step.responsible.iter().map(String::len).sum::<usize>();
            json!({
                "name": escape::line(&format!("{}. {}", index + 1, step.name)),
                "what": markdown::to_tree(&step.what),
                "responsible": list(step.responsible.iter().map(|role| text(role))),
                "metrics": markdown_value(step.metrics.as_deref()),
                "evaluation": markdown_value(step.evaluation.as_deref()),
                "instructions": list(step.instructions.iter().map(instruction)),
                "breakable": size > LONGEST_UNBROKEN_ROW,
            })
        })
        .collect();

    let mut basic = Vec::new();
    fact(&mut basic, words.owner, text(&process.owner));
    fact(
        &mut basic,
        words.authors,
        list(process.authors.iter().map(|author| text(author))),
    );
    fact(
        &mut basic,
        words.partners,
        list(process.partners.iter().map(|partner| text(partner))),
    );
    if let Some(prerequisites) = &process.prerequisites {
        fact(
            &mut basic,
            words.prerequisites,
            json!({ "md": markdown::to_tree(prerequisites) }),
        );
    }
    fact(
        &mut basic,
        words.key_figures,
        list(process.metrics.iter().map(|metric| text(metric))),
    );
    fact(
        &mut basic,
        words.interfaces,
        list(process.interfaces.iter().map(|interface| match interface {
            Interface::Text(value) => text(value),
            Interface::Process { process: id, note } => {
                let known = options.known.get_key_value(id.as_str());
                let name = known.map_or(id.as_str(), |(_, name)| name.as_str());
                let shown = match note {
                    Some(note) => format!("{name} – {note}"),
                    None => name.to_owned(),
                };
                if let Some((known, _)) = known {
                    json!({ "title": escape::line(&shown), "url": known.href("pdf") })
                } else {
                    text(&shown)
                }
            }
        })),
    );
    if let Some(cycle) = &process.review_cycle {
        let (windows, description) = super::labels::review_cycle_text(cycle, language);
        let mut parts = vec![text(&windows)];
        parts.extend(description.as_deref().map(text));
        fact(&mut basic, words.review_months, list(parts));
    }
    let history: Vec<Value> = super::history::rows(process, options, language, words)
        .into_iter()
        .map(|row| {
            // Each change as parts, the names in italics as on the page.
            let mut changes: Vec<Value> = row
                .changes
                .iter()
                .map(|change| {
                    change
                        .parts()
                        .map(|(name, text)| json!({ "name": name, "text": escape::line(&text) }))
                        .collect()
                })
                .collect();
            changes.extend(
                row.more
                    .as_deref()
                    .map(|more| json!([{ "name": false, "text": escape::line(more) }])),
            );
            json!({
                "version": escape::line(&row.version),
                "date": row.date,
                "who": escape::line(&row.who),
                "summary": escape::line(&row.summary),
                "changes": changes,
            })
        })
        .collect();

    json!({
        "lang": language.code(),
        "title": heading(process),
        "meta_title": heading(process),
        "author": shortened(&escape::line(&process.owner), LONGEST_PDF_STRING),
        "keywords": [escape::line(&process.id)],
        // Said under the title and on every page's foot, so that no printed page passes for the approved process.
        "draft": (process.approved.is_none() && process.retired.is_none()).then_some(words.draft),
        "retired": process.retired.as_ref().map(|retired| {
            let replacement = retired.replaced_by.as_deref().map(|id| {
                let name = super::known_name(options, id).map_or(id, |(_, name)| name);
                format!(" {} {}.", words.replaced_by, escape::line(name))
            });
            format!(
                "{} ({}, {}).{}{}",
                words.retired,
                retired.date,
                escape::line(&retired.by),
                replacement.unwrap_or_default(),
                retired
                    .note
                    .as_deref()
                    .map(|note| format!(" {}", escape::line(note)))
                    .unwrap_or_default()
            )
        }),
        "retired_short": words.retired_short,
        "goal_label": words.goal,
        "goal": escape::line(&process.goal),
        "facts": facts,
        "status_label": words.status,
        "badge": { "class": badge_class, "text": badge_text },
        "chart": chart,
        "steps_title": words.steps,
        "headers": [words.step, words.what, words.responsible, words.metrics, words.evaluation, words.instructions],
        "steps": steps,
        "basic_title": words.basic_data,
        "basic": basic,
        "history_title": words.version_history,
        "history_headers": words.history_columns,
        "history": history,
        "footer": {
            "name": escape::line(&process.name),
            "version": format!("{} {}", words.version, escape::line(&process.version.0)),
            "page": words.page,
            "of": words.of,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_longer_than_a_word_get_break_opportunities_and_addresses_do_not() {
        let long = "a".repeat(250);
        let mut data =
            json!({ "goal": format!("Mål {long} slut"), "link": { "url": long.clone() } });
        break_long_words(&mut data);
        let goal = data["goal"].as_str().unwrap_or_default();
        assert_eq!(goal.matches('\u{200b}').count(), 2);
        assert_eq!(goal.replace('\u{200b}', ""), format!("Mål {long} slut"));
        assert_eq!(data["link"]["url"], json!(long));
        // Counted in bytes, the more of UTF-8 and UTF-16: "a" 2, "ä" 2, "…" 3, "𝐀" 4.
        assert_eq!(shortened("abcdef", 9), "abc…");
        assert_eq!(shortened("abc", 6), "abc");
        assert_eq!(shortened("ääää", 7), "ää…");
        let long = "𝐀".repeat(8_500);
        let short = shortened(&long, LONGEST_PDF_STRING);
        assert!(
            short.len() <= LONGEST_PDF_STRING
                && short.encode_utf16().count() * 2 <= LONGEST_PDF_STRING
        );
        assert!(short.ends_with('…'));
    }
}
