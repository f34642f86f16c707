//! A deterministic mutation fuzzer: the examples and fixtures, mutated the ways real files go wrong (bytes, lines,
//! indentation, Unicode from Word and old editors, YAML anchors, tags, comments and suppressions), run through the
//! library with the promises `proc` makes as oracles:
//!
//! - nothing panics, and every output format of `proc lint` can be written (JSON and SARIF parse);
//! - `proc lint` passes a file exactly when the commands that read processes accept it;
//! - `proc fmt` keeps every value and comment, is stable, and refuses only what it says it cannot keep;
//! - `proc review` changes only its own lines (and the version line), and the result lints clean;
//! - a rendered page has no script, event handler or unsafe address, and files are written inside `--out`;
//! - when lint has nothing to say about a file, every word of its texts is on the rendered page;
//! - `proc import` writes only files that `proc lint` can read.
//!
//! `cargo test` runs a few hundred cases. The long run is `bench/fuzz.sh` (`PROC_FUZZ_CASES`, `PROC_FUZZ_SEED`);
//! a failing input is saved under `target/fuzz-failures/` with the oracle it broke.

use std::collections::BTreeMap;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::common;

/// A small, fast, seeded generator (splitmix64): the same seed gives the same cases on every machine.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// What the mutations start from.
struct Corpus {
    /// Process files: (id the file is saved under, bytes).
    processes: Vec<(String, Vec<u8>)>,
    /// Exported charts for `proc import`.
    exports: Vec<Vec<u8>>,
}

fn files(folder: &Path, extension: &str, found: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries
        .filter_map(|entry| Some(entry.ok()?.path()))
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            files(&path, extension, found);
        } else if path.extension().is_some_and(|ext| ext == extension) {
            found.push(path);
        }
    }
}

fn corpus() -> Corpus {
    let root = common::root();
    let mut yaml = Vec::new();
    files(&root.join("processes"), "yaml", &mut yaml);
    files(&root.join("tests/fixtures"), "yaml", &mut yaml);
    let processes = yaml
        .iter()
        .filter_map(|path| {
            let bytes = std::fs::read(path).ok()?;
            let id = path.file_stem()?.to_string_lossy().into_owned();
            Some((id, bytes))
        })
        .collect();
    let mut texts = Vec::new();
    files(&root.join("tests/fixtures/import"), "txt", &mut texts);
    files(&root.join("tests/fixtures/seeds"), "txt", &mut texts);
    files(&root.join("tests/fixtures/fuzz"), "txt", &mut texts);
    let exports = texts
        .iter()
        .filter_map(|path| std::fs::read(path).ok())
        .collect();
    Corpus { processes, exports }
}

/// Texts that people and tools put into files: Word's characters, invisible ones, YAML notation, suppressions.
const INSERTS: &[&str] = &[
    "\u{FEFF}",
    "\r",
    "\r\n",
    "\n",
    "\t",
    "\u{0}",
    "\u{7}",
    "\u{1b}[31m",
    "\u{202E}",
    "\u{2066}",
    "\u{200B}",
    "\u{2028}",
    "\u{2029}",
    "\u{85}",
    "\u{A0}",
    "\u{FFFE}",
    "”",
    "“",
    "‘",
    "’",
    "•",
    "–",
    "…",
    " #",
    " # kommentar",
    "# rad",
    "## Rubrik",
    ": ",
    ":",
    "- ",
    "-",
    "&a ",
    "*a",
    "&b [1, 2]",
    "!!str ",
    "!!binary ",
    "!custom ",
    "<<: ",
    "---\n",
    "...\n",
    "|\n",
    ">-\n",
    "{",
    "}",
    "[",
    "]",
    "\"",
    "'",
    "\\",
    "~",
    "null",
    "no",
    "08",
    "1.10",
    "1.99999999999999999999",
    "18446744073709551615",
    "4294967295",
    "2018-05-08 ",
    " 2018-05-08",
    "8.5.2018",
    "2023-02-29",
    "javascript:alert(1)",
    "../../escaped",
    "<script>alert(1)</script>",
    "[länk](javascript:alert(1))",
    "<a href=\"x\">y</a>",
    "# proc: allow(invalid-id)",
    "# proc: allow(invalid-yaml)",
    "# proc: allow(unknown-key, empty-text)",
    " # proc: allow(placeholder-link)",
    "# yaml-language-server: $schema=../schemas/process.schema.json",
    "ownr:",
    "datum:",
    "from:gusti",
    "åäöÅÄÖ",
    "😀",
    "Процесс",
];

/// Applies one mutation, sometimes a few: one is what a person usually gets wrong, and keeps most mutants close
/// enough to a process for the later oracles (fmt, review, render) to be reached.
fn mutate(rng: &mut Rng, input: &[u8]) -> Vec<u8> {
    let mut bytes = input.to_vec();
    let count = match rng.below(20) {
        0..=11 => 1,
        12..=16 => 2,
        _ => 3 + rng.below(3),
    };
    for _ in 0..count {
        bytes = mutate_once(rng, bytes);
    }
    bytes
}

fn line_spans(bytes: &[u8]) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut start = 0;
    for (at, byte) in bytes.iter().enumerate() {
        if *byte == b'\n' {
            spans.push((start, at + 1));
            start = at + 1;
        }
    }
    if start < bytes.len() {
        spans.push((start, bytes.len()));
    }
    spans
}

fn mutate_once(rng: &mut Rng, mut bytes: Vec<u8>) -> Vec<u8> {
    let lines = line_spans(&bytes);
    let at = rng.below(bytes.len() + 1);
    // A place at a character boundary when the text is UTF-8, so most mutants stay readable.
    let boundary = |bytes: &[u8], mut at: usize| {
        while at < bytes.len() && (bytes[at] & 0xC0) == 0x80 {
            at += 1;
        }
        at.min(bytes.len())
    };
    match rng.below(14) {
        // Bytes: flip, insert, delete.
        0 => {
            if !bytes.is_empty() {
                let at = rng.below(bytes.len());
                bytes[at] ^= 1 << rng.below(8);
            }
        }
        1 => {
            let byte = (rng.next() & 0xFF) as u8;
            bytes.insert(at, byte);
        }
        2 => {
            if !bytes.is_empty() {
                let at = rng.below(bytes.len());
                let len = 1 + rng.below(8.min(bytes.len() - at));
                bytes.drain(at..at + len);
            }
        }
        // Texts people paste, anywhere or at a line's end.
        3 | 4 => {
            let insert = rng.pick(INSERTS).as_bytes();
            let at = boundary(&bytes, at);
            bytes.splice(at..at, insert.iter().copied());
        }
        5 => {
            if let Some(&(_, end)) = lines.get(rng.below(lines.len())) {
                let end = if bytes[..end].ends_with(b"\n") {
                    end - 1
                } else {
                    end
                };
                let insert = rng.pick(&[
                    " # kommentar",
                    " #tavoite",
                    " # proc: allow(empty-text)",
                    ":",
                    " ",
                ]);
                bytes.splice(end..end, insert.bytes());
            }
        }
        // Lines: duplicate, delete, swap, a new comment or suppression line.
        6 => {
            if let Some(&(start, end)) = lines.get(rng.below(lines.len())) {
                let line = bytes[start..end].to_vec();
                bytes.splice(end..end, line);
            }
        }
        7 => {
            if let Some(&(start, end)) = lines.get(rng.below(lines.len())) {
                bytes.drain(start..end);
            }
        }
        8 => {
            if lines.len() >= 2 {
                let a = rng.below(lines.len() - 1);
                let (first, second) = (lines[a], lines[a + 1]);
                let mut swapped = bytes[second.0..second.1].to_vec();
                if !swapped.ends_with(b"\n") {
                    swapped.push(b'\n');
                }
                swapped.extend_from_slice(&bytes[first.0..first.1]);
                bytes.splice(first.0..second.1, swapped);
            }
        }
        // Indentation off by one, or a tab.
        9 => {
            if let Some(&(start, _)) = lines.get(rng.below(lines.len())) {
                match rng.below(3) {
                    0 => bytes.insert(start, b' '),
                    1 if bytes.get(start) == Some(&b' ') => {
                        bytes.remove(start);
                    }
                    _ => bytes.insert(start, b'\t'),
                }
            }
        }
        // Line endings of other systems, a byte order mark.
        10 => {
            let text = String::from_utf8_lossy(&bytes).into_owned();
            bytes = match rng.below(3) {
                0 => text.replace('\n', "\r\n").into_bytes(),
                1 => text.replace('\n', "\r").into_bytes(),
                _ => {
                    let mut with = "\u{FEFF}".as_bytes().to_vec();
                    with.extend_from_slice(text.as_bytes());
                    with
                }
            };
        }
        // An anchor on one value and an alias elsewhere.
        11 => {
            if lines.len() >= 2 {
                let (start, end) = lines[rng.below(lines.len())];
                if let Some(colon) = bytes[start..end].windows(2).position(|w| w == b": ") {
                    let at = start + colon + 2;
                    bytes.splice(at..at, b"&x ".iter().copied());
                    let (start, end) = lines[rng.below(lines.len())];
                    if let Some(colon) = bytes[start..end].windows(2).position(|w| w == b": ") {
                        let from = start + colon + 2;
                        let to = bytes[from..]
                            .iter()
                            .position(|b| *b == b'\n')
                            .map_or(bytes.len(), |p| from + p);
                        bytes.splice(from..to, b"*x".iter().copied());
                    }
                }
            }
        }
        // A value replaced by an edge case.
        12 => {
            if let Some(&(start, end)) = lines.get(rng.below(lines.len()))
                && let Some(colon) = bytes[start..end].windows(2).position(|w| w == b": ")
            {
                let from = start + colon + 2;
                let to = if bytes[..end].ends_with(b"\n") {
                    end - 1
                } else {
                    end
                };
                if from <= to {
                    let value = rng.pick(INSERTS);
                    bytes.splice(from..to, value.bytes());
                }
            }
        }
        // A long line.
        _ => {
            let at = boundary(&bytes, at);
            let long = "a".repeat(1 + rng.below(70_000));
            bytes.splice(at..at, long.bytes());
        }
    }
    bytes
}

/// A promise broken by one input.
#[derive(Debug)]
struct Failure {
    oracle: &'static str,
    detail: String,
    input: Vec<u8>,
}

/// What the run did, for its report.
#[derive(Debug, Default)]
struct Counts {
    cases: usize,
    process_cases: usize,
    export_cases: usize,
    parsed: usize,
    clean: usize,
    formatted: usize,
    fmt_refused: usize,
    reviewed: usize,
    rendered: usize,
    pdfs: usize,
    imported: usize,
    /// Rendered files with no finding at all, whose words were looked for on the page.
    words_checked: usize,
}

impl Counts {
    fn add(&mut self, other: &Counts) {
        self.cases += other.cases;
        self.process_cases += other.process_cases;
        self.export_cases += other.export_cases;
        self.parsed += other.parsed;
        self.clean += other.clean;
        self.formatted += other.formatted;
        self.fmt_refused += other.fmt_refused;
        self.reviewed += other.reviewed;
        self.rendered += other.rendered;
        self.pdfs += other.pdfs;
        self.words_checked += other.words_checked;
        self.imported += other.imported;
    }
}

fn today() -> jiff::civil::Date {
    jiff::civil::date(2026, 11, 23)
}

fn options(processes: &Path) -> proc::lint::LintOptions {
    let mut config = proc::config::Config::default();
    config.processes = processes.to_path_buf();
    proc::lint::LintOptions {
        config,
        today: today(),
    }
}

/// Runs `work`, turning a panic into a failure of `oracle`.
fn guarded<T>(
    oracle: &'static str,
    input: &[u8],
    failures: &mut Vec<Failure>,
    work: impl FnOnce() -> T,
) -> Option<T> {
    match std::panic::catch_unwind(AssertUnwindSafe(work)) {
        Ok(value) => Some(value),
        Err(payload) => {
            let detail = payload
                .downcast_ref::<&str>()
                .map(|text| (*text).to_owned())
                .or_else(|| payload.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            failures.push(Failure {
                oracle,
                detail: format!("panic: {detail}"),
                input: input.to_vec(),
            });
            None
        }
    }
}

fn fail(failures: &mut Vec<Failure>, oracle: &'static str, input: &[u8], detail: String) {
    failures.push(Failure {
        oracle,
        detail,
        input: input.to_vec(),
    });
}

/// Every oracle on one process file.
fn check_process(
    id: &str,
    input: &[u8],
    work: &Path,
    pdf: bool,
    counts: &mut Counts,
    failures: &mut Vec<Failure>,
) {
    counts.process_cases += 1;
    let processes = work.join("processes");
    let _ = std::fs::remove_dir_all(work);
    if std::fs::create_dir_all(&processes).is_err() {
        return;
    }
    let path = processes.join(format!("{id}.yaml"));
    if std::fs::write(&path, input).is_err() {
        return;
    }
    let options = options(&processes);
    let paths = [path.clone()];

    // lint, and every output format.
    let Some(result) = guarded("lint", input, failures, || {
        proc::lint::lint(&paths, &options)
    }) else {
        return;
    };
    for format in [
        proc::report::Format::Human,
        proc::report::Format::Json,
        proc::report::Format::Github,
        proc::report::Format::Sarif,
        proc::report::Format::Junit,
    ] {
        let written = guarded("lint output", input, failures, || {
            let mut out = Vec::new();
            let style = proc::report::Style::default();
            proc::report::write(&result, format, style, &mut out).map(|()| out)
        });
        let Some(Ok(out)) = written else {
            if matches!(written, Some(Err(_))) {
                fail(
                    failures,
                    "lint output",
                    input,
                    format!("{format:?} could not be written"),
                );
            }
            continue;
        };
        if matches!(
            format,
            proc::report::Format::Json | proc::report::Format::Sarif
        ) && serde_json::from_slice::<serde_json::Value>(&out).is_err()
        {
            fail(
                failures,
                "lint output",
                input,
                format!("{format:?} is not valid JSON"),
            );
        }
        if format == proc::report::Format::Human
            && String::from_utf8_lossy(&out)
                .lines()
                .any(|line| line.chars().count() > 400)
        {
            fail(
                failures,
                "lint output",
                input,
                "a human output line of over 400 characters".into(),
            );
        }
    }
    let clean = result.errors.is_empty() && result.count(proc::finding::Severity::Error) == 0;
    if result
        .findings()
        .any(|finding| finding.rule.name == "internal-error")
    {
        let message = result
            .findings()
            .find(|finding| finding.rule.name == "internal-error")
            .map(|finding| finding.message.clone())
            .unwrap_or_default();
        fail(
            failures,
            "lint",
            input,
            format!("internal-error: {message}"),
        );
    }

    // One verdict: lint passes exactly what the other commands accept.
    let Some(loaded) = guarded("load", input, failures, || {
        proc::processes::load(&paths, &options)
    }) else {
        return;
    };
    let accepted =
        loaded.errors.is_empty() && loaded.skipped.is_empty() && loaded.processes.len() == 1;
    if clean != accepted {
        fail(
            failures,
            "lint agrees with due/review",
            input,
            format!("lint clean: {clean}, accepted by the other commands: {accepted}"),
        );
    }

    // fmt keeps every value and comment and is stable.
    let file = proc::load::load_bytes(path.clone(), input.to_vec());
    if let Some(root) = &file.root {
        counts.parsed += 1;
        let formatted = guarded("fmt", input, failures, || {
            proc::format::format(&file.source, root, &file.notation)
        });
        match formatted {
            Some(Ok(text)) => {
                counts.formatted += 1;
                check_formatted(&file, root, &text, input, failures);
            }
            Some(Err(proc::format::FormatError::Unsupported { .. })) => counts.fmt_refused += 1,
            Some(Err(error)) => fail(failures, "fmt", input, error.to_string()),
            None => {}
        }
    }

    let Some(process) = loaded.processes.first() else {
        return;
    };
    counts.clean += 1;
    check_review(process, &path, &options, input, counts, failures);
    let html = check_render(&process.process, work, pdf, input, counts, failures);
    // Nothing the author wrote vanishes without a finding: when lint has nothing at all to say, every word of
    // the texts is on the page.
    if let (Some(html), Some(root), 0) = (html, &file.root, result.findings().count()) {
        counts.words_checked += 1;
        let lost = lost_words(&file, root, &html);
        if !lost.is_empty() {
            fail(
                failures,
                "every word is on the page",
                input,
                format!("not on the page, and no finding: {lost:?}"),
            );
        }
    }
}

/// The words of the file's texts, as written in the file, that the rendered page does not hold. Keys, values that
/// are not text (ids, dates, versions, months, addresses), comments that are comments (on their own line, or
/// after something that is not a text) and escapes (`\u00e4`) are not words of the text.
fn lost_words(file: &proc::load::LoadedFile, root: &proc::load::Node, html: &str) -> Vec<String> {
    let text = &file.source.text;
    let mut skip = vec![false; text.len() + 1];
    let mut mark = |start: usize, end: usize| {
        for slot in skip.iter_mut().take(end.min(text.len())).skip(start) {
            *slot = true;
        }
    };
    let texts = proc::rules::text_values(root);
    // Only a plain text goes on into a comment: after a quoted text, the quote has ended it.
    let text_ends: Vec<usize> = texts
        .iter()
        .filter(|(_, node)| {
            node.as_scalar()
                .is_some_and(|scalar| scalar.style == proc::load::ScalarStyle::Plain)
        })
        .map(|(_, node)| node.span.end())
        .collect();
    for comment in &file.notation.comments {
        let before = text[..comment.start].trim_end_matches([' ', '\t']);
        let after_text = text_ends.contains(&before.len()) && before.len() < comment.start;
        if !after_text {
            mark(comment.start, comment.end());
        }
    }
    // Everything outside the text values is structure: keys, other values, punctuation.
    let mut inside = vec![false; text.len() + 1];
    for (_, node) in &texts {
        for slot in inside
            .iter_mut()
            .take(node.span.end().min(text.len()))
            .skip(node.span.start)
        {
            *slot = true;
        }
    }
    // A comment at the end of a text value is where text is lost: its words count.
    for comment in &file.notation.comments {
        if !skip[comment.start] {
            for slot in inside
                .iter_mut()
                .take(comment.end().min(text.len()))
                .skip(comment.start)
            {
                *slot = true;
            }
        }
    }
    let page = html
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'");
    let mut lost = Vec::new();
    let mut word = String::new();
    let mut start = 0;
    for (at, ch) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if ch.is_alphanumeric() {
            if word.is_empty() {
                start = at;
            }
            word.push(ch);
            continue;
        }
        if word.chars().count() >= 2
            && inside[start]
            && !skip[start]
            && !text[..start].ends_with('\\')
            && !page.contains(word.as_str())
            && !lost.contains(&word)
        {
            lost.push(word.clone());
        }
        word.clear();
    }
    lost
}

fn comment_texts(text: &str, notation: &proc::load::Notation) -> Vec<String> {
    let mut texts: Vec<String> = notation
        .comments
        .iter()
        .filter_map(|span| text.get(span.start..span.start + span.len))
        .map(|comment| comment.trim_end().to_owned())
        .collect();
    texts.sort();
    texts
}

fn check_formatted(
    file: &proc::load::LoadedFile,
    root: &proc::load::Node,
    text: &str,
    input: &[u8],
    failures: &mut Vec<Failure>,
) {
    let again = proc::load::load_text(file.source.path.clone(), text.to_owned());
    let Some(again_root) = &again.root else {
        fail(
            failures,
            "fmt keeps values",
            input,
            format!("the result does not parse:\n{text}"),
        );
        return;
    };
    if !proc::format::same(root, again_root) {
        fail(
            failures,
            "fmt keeps values",
            input,
            format!("a value changed:\n{text}"),
        );
    }
    if comment_texts(&file.source.text, &file.notation) != comment_texts(text, &again.notation) {
        fail(
            failures,
            "fmt keeps comments",
            input,
            format!("a comment was lost:\n{text}"),
        );
    }
    if file.source.text.starts_with('\u{FEFF}') != text.starts_with('\u{FEFF}') {
        fail(failures, "fmt keeps the BOM", input, text.to_owned());
    }
    match proc::format::format(&again.source, again_root, &again.notation) {
        Ok(twice) if twice == text => {}
        Ok(twice) => fail(
            failures,
            "fmt is stable",
            input,
            format!(
                "{}",
                similar::TextDiff::from_lines(text, &twice).unified_diff()
            ),
        ),
        Err(error) => fail(
            failures,
            "fmt is stable",
            input,
            format!("second run: {error}"),
        ),
    }
}

fn check_review(
    loaded: &proc::processes::LoadedProcess,
    path: &Path,
    options: &proc::lint::LintOptions,
    input: &[u8],
    counts: &mut Counts,
    failures: &mut Vec<Failure>,
) {
    let bump = [
        proc::record::Bump::None,
        proc::record::Bump::Minor,
        proc::record::Bump::Major,
    ][input.len() % 3];
    let review = proc::record::NewReview {
        date: today(),
        by: "Fuzz Granskare".into(),
        note: Some("Inga ändringar".into()),
        bump,
    };
    if proc::record::admissible(&loaded.process, &review, today()).is_err() {
        return;
    }
    let recorded = guarded("review", input, failures, || {
        proc::record::record(&loaded.source, &loaded.root, &loaded.process, &review)
    });
    let text = match recorded {
        Some(Ok(text)) => text,
        Some(Err(proc::record::Refusal(reason))) => {
            if reason.contains("bug in proc") {
                fail(failures, "review", input, reason);
            }
            return;
        }
        None => return,
    };
    counts.reviewed += 1;
    // Only lines were added, besides the version line (found by its span: it may read `!!str version: 1`).
    let version_line = loaded.root.get("version").map(|node| {
        let source = &loaded.source;
        let line = source.line_column(node.span.start).line;
        let start = source.line_start(line);
        (
            source.line_text(line).trim().to_owned(),
            source.text[start..node.span.start].trim().to_owned(),
        )
    });
    let is_version_line = |line: &str, changed: bool| {
        version_line.as_ref().is_some_and(|(whole, before_value)| {
            if changed {
                // The value alone on its line (`version:` above it) is a version: digits, dots, quotes.
                line.starts_with(before_value.as_str())
                    && (!before_value.is_empty()
                        || line
                            .chars()
                            .all(|c| c.is_ascii_digit() || matches!(c, '.' | '"' | '\'')))
            } else {
                line == whole
            }
        })
    };
    let diff = similar::TextDiff::from_lines(loaded.source.text.as_str(), text.as_str());
    for change in diff.iter_all_changes() {
        let line = change.value();
        let allowed = match change.tag() {
            similar::ChangeTag::Equal => true,
            similar::ChangeTag::Delete => {
                is_version_line(line.trim(), false) || line.trim().is_empty()
            }
            similar::ChangeTag::Insert => {
                let line = line.trim();
                is_version_line(line, true)
                    || line.starts_with("reviews:")
                    || line.starts_with("- date: ")
                    || line.starts_with("by: ")
                    || line.starts_with("note: ")
                    || line.is_empty()
                    // The original last line, now with a line break (a file that did not end with one).
                    || loaded.source.text.trim_end().ends_with(line)
            }
        };
        if !allowed {
            fail(
                failures,
                "review changes only its lines",
                input,
                format!("{:?} {line:?}\n{}", change.tag(), diff.unified_diff()),
            );
            return;
        }
    }
    if let Err(errors) = proc::processes::check_text(path, text.clone(), options) {
        let messages: Vec<String> = errors
            .iter()
            .map(|finding| finding.message.clone())
            .collect();
        fail(
            failures,
            "review result lints clean",
            input,
            format!("{messages:?}\n{text}"),
        );
    }
}

/// Renders the process and checks the files; the page's HTML when it was written.
fn check_render(
    process: &proc::model::Process,
    work: &Path,
    pdf: bool,
    input: &[u8],
    counts: &mut Counts,
    failures: &mut Vec<Failure>,
) -> Option<String> {
    let options = proc::render::PageOptions {
        today: today(),
        within_days: 30,
        language: None,
        default_language: proc::model::Language::Sv,
        known: std::iter::once((process.id.clone(), process.name.clone())).collect(),
        site: false,
        pdf,
        history: Default::default(),
    };
    let out = work.join("out");
    if std::fs::create_dir_all(&out).is_err() {
        return None;
    }
    let formats = proc::render::output::Formats { html: true, pdf };
    let written = guarded("render", input, failures, || {
        proc::render::output::write_process(
            process,
            &out,
            &options,
            formats,
            proc::render::output::PdfDate::default(),
        )
    })?;
    counts.rendered += 1;
    let resolved_out = out.canonicalize().ok()?;
    let mut page = None;
    for file in &written {
        if let Err(message) = &file.result {
            fail(failures, "render", input, message.clone());
            continue;
        }
        let parent = file
            .path
            .parent()
            .and_then(|parent| parent.canonicalize().ok());
        if parent.as_deref() != Some(resolved_out.as_path()) {
            fail(
                failures,
                "render writes inside --out",
                input,
                file.path.display().to_string(),
            );
        }
        if file.kind == "html" {
            let html = std::fs::read_to_string(&file.path).unwrap_or_default();
            if let Err(problem) = common::active_html(&html) {
                fail(failures, "render is inert", input, problem);
            }
            page = Some(html);
        } else {
            counts.pdfs += 1;
            let bytes = std::fs::read(&file.path).unwrap_or_default();
            if lopdf::Document::load_mem(&bytes).is_err() {
                fail(
                    failures,
                    "render pdf",
                    input,
                    "the PDF does not load".into(),
                );
            }
            let lower = String::from_utf8_lossy(&bytes).to_lowercase();
            if lower.contains("/javascript")
                || lower.contains("/launch")
                || lower.contains("(javascript:")
            {
                fail(
                    failures,
                    "render pdf is inert",
                    input,
                    "script or launch action in the PDF".into(),
                );
            }
        }
    }
    page
}

fn check_export(input: &[u8], counts: &mut Counts, failures: &mut Vec<Failure>) {
    counts.export_cases += 1;
    let Some(result) = guarded("import", input, failures, || {
        proc::import::import(input, None)
    }) else {
        return;
    };
    let Ok(imported) = result else {
        return;
    };
    counts.imported += 1;
    let loaded = proc::load::load_text(
        PathBuf::from(imported.id.file_name("yaml")),
        imported.yaml.clone(),
    );
    if let Some(finding) = loaded
        .findings
        .iter()
        .find(|finding| proc::load::RULES.contains(&finding.rule))
    {
        fail(
            failures,
            "import output lints",
            input,
            format!(
                "{}: {}\n{}",
                finding.rule.name, finding.message, imported.yaml
            ),
        );
    }
}

/// Runs `cases` cases from `seed`, in parallel; returns the counts and the failures.
fn run(cases: usize, seed: u64, pdf_every: usize) -> (Counts, Vec<Failure>) {
    let corpus = corpus();
    assert!(corpus.processes.len() > 50 && !corpus.exports.is_empty());
    let scratch = tempfile::tempdir().expect("a temporary directory");
    let results = Mutex::new((Counts::default(), Vec::new()));
    (0..cases).into_par_iter().for_each(|case| {
        let mut rng = Rng::new(seed ^ (case as u64).wrapping_mul(0x2545_F491_4F6C_DD1D));
        let mut counts = Counts {
            cases: 1,
            ..Counts::default()
        };
        let mut failures = Vec::new();
        let work = scratch.path().join(format!("case-{case}"));
        if rng.below(8) == 0 {
            let original = &corpus.exports[rng.below(corpus.exports.len())];
            let input = mutate(&mut rng, original);
            check_export(&input, &mut counts, &mut failures);
        } else {
            let (id, original) = &corpus.processes[rng.below(corpus.processes.len())];
            let input = mutate(&mut rng, original);
            let pdf = cfg!(feature = "pdf") && pdf_every > 0 && case % pdf_every == 0;
            check_process(id, &input, &work, pdf, &mut counts, &mut failures);
        }
        let _ = std::fs::remove_dir_all(&work);
        if let Ok(mut results) = results.lock() {
            results.0.add(&counts);
            results.1.extend(failures);
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// Saves failing inputs under `target/fuzz-failures/` and describes them.
fn report(failures: &[Failure]) -> String {
    let folder = common::root().join("target/fuzz-failures");
    let _ = std::fs::create_dir_all(&folder);
    let mut by_oracle: BTreeMap<&str, Vec<&Failure>> = BTreeMap::new();
    for failure in failures {
        by_oracle.entry(failure.oracle).or_default().push(failure);
    }
    let mut text = String::new();
    for (oracle, failures) in &by_oracle {
        text.push_str(&format!("{oracle}: {} cases\n", failures.len()));
        for (index, failure) in failures.iter().take(3).enumerate() {
            let name = format!(
                "{}-{index}.yaml",
                oracle.replace(|c: char| !c.is_ascii_alphanumeric(), "-")
            );
            let _ = std::fs::write(folder.join(&name), &failure.input);
            let detail: String = failure.detail.chars().take(1500).collect();
            text.push_str(&format!("  target/fuzz-failures/{name}: {detail}\n"));
        }
    }
    text
}

fn summary(counts: &Counts) -> String {
    format!(
        "{} cases: {} process files ({} parsed, {} lint-clean; {} formatted, {} refused by fmt; {} reviewed; {} \
         rendered, {} PDFs; {} without findings, every word looked for on the page), {} exports ({} imported)",
        counts.cases,
        counts.process_cases,
        counts.parsed,
        counts.clean,
        counts.formatted,
        counts.fmt_refused,
        counts.reviewed,
        counts.rendered,
        counts.pdfs,
        counts.words_checked,
        counts.export_cases,
        counts.imported
    )
}

#[test]
fn a_few_hundred_mutants_break_no_promise() {
    let (counts, failures) = run(300, 20_261_202, 100);
    assert!(
        failures.is_empty(),
        "{}\n{}",
        summary(&counts),
        report(&failures)
    );
    // The oracles were reached, not skipped: enough mutants stay clean enough to be formatted, reviewed and
    // rendered.
    assert!(
        counts.formatted > 50
            && counts.reviewed > 10
            && counts.rendered > 10
            && counts.words_checked > 5,
        "{}",
        summary(&counts)
    );
}

/// The long run: `PROC_FUZZ_CASES` cases (100,000 by default) from `PROC_FUZZ_SEED`. Run by `bench/fuzz.sh`.
#[test]
#[ignore = "long: run with bench/fuzz.sh"]
fn long_run() {
    let cases = std::env::var("PROC_FUZZ_CASES")
        .ok()
        .and_then(|text| text.parse().ok())
        .unwrap_or(100_000);
    let seed = std::env::var("PROC_FUZZ_SEED")
        .ok()
        .and_then(|text| text.parse().ok())
        .unwrap_or(1);
    let started = std::time::Instant::now();
    let (counts, failures) = run(cases, seed, 200);
    println!(
        "seed {seed}: {} in {:.0} s; {} failures",
        summary(&counts),
        started.elapsed().as_secs_f64(),
        failures.len()
    );
    assert!(failures.is_empty(), "{}", report(&failures));
}
