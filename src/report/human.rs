//! Human output: each finding as a miette report with the source line underlined, then a summary line.

use std::borrow::Cow;
use std::fmt;
use std::io::{self, Write};

use miette::{
    Diagnostic, GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError,
    MietteSpanContents, SourceCode, SourceSpan, SpanContents,
};

use super::Style;
use crate::finding::{Finding, Severity};
use crate::lint::{FileResult, LintResult};
use crate::source::{SourceFile, Span};

/// A finding as miette sees it.
struct Report<'a> {
    finding: &'a Finding,
    source: ViewSource<'a>,
}

/// The text miette is shown of one file: every line ends with `\n` (a CR-only or CRLF file shows the same lines as
/// an editor), control characters are made visible, and a very long line is cut to windows around the places
/// findings point at, joined by `…`. A minified line of 100,000 characters is thus shown as a few dozen columns
/// around its finding, not as a screenful per line (and miette is never asked for a column it cannot draw).
struct View {
    name: String,
    text: String,
    /// The pieces of the file's text copied into `text`, in order.
    pieces: Vec<Piece>,
}

/// A run of the file's text copied into the view: `len` bytes from `source` in the file to `shown` in the view.
#[derive(Debug, Clone, Copy)]
struct Piece {
    source: usize,
    shown: usize,
    len: usize,
}

/// Lines longer than this many characters are cut to windows.
const LONG_LINE: usize = 160;
/// Characters kept on each side of a place a finding points at, in a long line.
const WINDOW: usize = 32;
/// Characters kept at the start of a long line, so the key it begins with stays in view.
const LINE_HEAD: usize = 24;
/// At most this many windows of one long line are shown; places beyond them are shown at the last one.
const MAX_WINDOWS: usize = 6;
const ELLIPSIS: &str = "…";

impl View {
    fn new(source: &SourceFile, points: &[usize]) -> View {
        let mut points: Vec<usize> = points.to_vec();
        points.sort_unstable();
        let text = source.text.as_str();
        let mut view = View {
            name: printable(&source.display_path()).into_owned(),
            text: String::with_capacity(text.len().min(1 << 16)),
            pieces: Vec::new(),
        };
        for line in 1..=source.line_count() {
            let start = source.line_start(line);
            let content = source.line_text(line);
            let end = start + content.len();
            if content.chars().count() <= LONG_LINE {
                view.copy(text, start, end);
            } else {
                let first = points.partition_point(|point| *point < start);
                let last = points.partition_point(|point| *point <= end);
                view.windows(text, start, end, &points[first..last]);
            }
            if line < source.line_count() || text[end..].starts_with(['\n', '\r']) {
                view.text.push('\n');
            }
        }
        view.text = printable(&view.text).into_owned();
        view
    }

    fn copy(&mut self, text: &str, start: usize, end: usize) {
        if end > start {
            self.pieces.push(Piece {
                source: start,
                shown: self.text.len(),
                len: end - start,
            });
            self.text.push_str(&text[start..end]);
        }
    }

    /// A long line as windows around `points` (byte offsets within it), after its first characters.
    fn windows(&mut self, text: &str, start: usize, end: usize, points: &[usize]) {
        let line = &text[start..end];
        // Character boundaries, so that windows are counted in characters and cut between them.
        let boundaries: Vec<usize> = line
            .char_indices()
            .map(|(at, _)| start + at)
            .chain(std::iter::once(end))
            .collect();
        let char_at = |offset: usize| boundaries.partition_point(|b| *b < offset);
        let mut ranges: Vec<(usize, usize)> = vec![(0, LINE_HEAD)];
        for point in points {
            let at = char_at(*point);
            ranges.push((at.saturating_sub(WINDOW), at + WINDOW));
        }
        ranges.sort_unstable();
        let mut merged: Vec<(usize, usize)> = Vec::new();
        for (from, to) in ranges {
            let to = to.min(boundaries.len() - 1);
            match merged.last_mut() {
                Some(last) if from <= last.1 + ELLIPSIS.chars().count() => last.1 = last.1.max(to),
                _ => merged.push((from, to)),
            }
        }
        merged.truncate(MAX_WINDOWS);
        for (index, (from, to)) in merged.iter().enumerate() {
            if index > 0 || *from > 0 {
                self.text.push_str(ELLIPSIS);
            }
            self.copy(text, boundaries[*from], boundaries[*to]);
        }
        if merged
            .last()
            .is_some_and(|(_, to)| *to < boundaries.len() - 1)
        {
            self.text.push_str(ELLIPSIS);
        }
    }

    /// Where an offset of the file is shown. An offset in text that was cut is shown at the nearest piece: a
    /// start at the next piece, an end at the previous one.
    fn shown(&self, offset: usize, is_end: bool) -> usize {
        let index = self
            .pieces
            .partition_point(|piece| piece.source + piece.len < offset);
        match self.pieces.get(index) {
            Some(piece) if offset >= piece.source => piece.shown + (offset - piece.source),
            Some(piece) if !is_end || index == 0 => piece.shown,
            _ => self
                .pieces
                .get(index.wrapping_sub(1))
                .map_or(self.text.len(), |piece| piece.shown + piece.len),
        }
    }

    /// A span of the file as a span of the view.
    fn span(&self, span: Span) -> SourceSpan {
        let start = self.shown(span.start, false);
        let end = self.shown(span.end(), true).max(start);
        (start, end - start).into()
    }

    /// The file offset shown at a view offset.
    fn source_offset(&self, shown: usize) -> usize {
        let index = self
            .pieces
            .partition_point(|piece| piece.shown + piece.len < shown);
        match self.pieces.get(index) {
            Some(piece) => piece.source + shown.saturating_sub(piece.shown).min(piece.len),
            None => self
                .pieces
                .last()
                .map_or(0, |piece| piece.source + piece.len),
        }
    }
}

/// The view with the file's text beside it, for the header's column (counted in the file, not in the view).
struct ViewSource<'a> {
    view: &'a View,
    source: &'a SourceFile,
}

impl SourceCode for ViewSource<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let contents = self
            .view
            .text
            .read_span(span, context_lines_before, context_lines_after)?;
        // miette counts columns in bytes of what it is shown; editors and the other output formats count
        // characters of the file.
        let offset = self.view.source_offset(contents.span().offset());
        let column = self.source.line_column(offset).column - 1;
        Ok(Box::new(MietteSpanContents::new_named(
            self.view.name.clone(),
            contents.data(),
            *contents.span(),
            contents.line(),
            column,
            contents.line_count(),
        )))
    }
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.finding.message)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let finding = self.finding;
        write!(f, "{}[{}]: ", finding.severity, finding.rule.name)?;
        if finding.span.is_none() {
            write!(f, "{}: ", printable(&finding.file.display_path()))?;
        }
        f.write_str(&shown_text(&finding.message))
    }
}

impl std::error::Error for Report<'_> {}

impl Diagnostic for Report<'_> {
    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.finding.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        let help = self.finding.help.as_deref()?;
        let help = shown_text(help);
        Some(match fix_note(self.finding) {
            Some(note) => Box::new(format!("{help}\n{note}")) as Box<dyn fmt::Display>,
            None => Box::new(help),
        })
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.finding.span.map(|_| &self.source as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.finding.span?;
        let view = self.source.view;
        let label = self.finding.label.as_deref().map(shown_text);
        let primary = LabeledSpan::new_primary_with_span(label, view.span(span));
        // A place in another file cannot be underlined in this file's snippet: it is a note line instead.
        let related = self
            .finding
            .related
            .iter()
            .filter(|related| related.is_in(self.source.source))
            .map(|related| {
                LabeledSpan::new_with_span(
                    Some(shown_text(&related.label)),
                    view.span(related.span),
                )
            });
        Some(Box::new(std::iter::once(primary).chain(related)))
    }
}

pub fn handler(style: Style) -> GraphicalReportHandler {
    let theme = if style.color {
        GraphicalTheme::unicode()
    } else {
        GraphicalTheme::unicode_nocolor()
    };
    GraphicalReportHandler::new_themed(theme)
        .with_width(style.width.unwrap_or(100))
        .with_context_lines(1)
        .with_links(false)
        // Lines break only at spaces: dates, ids, paths and `code` stay whole ("2018-05-08", "a/b.yaml:1:5").
        .with_word_separator(textwrap::WordSeparator::AsciiSpace)
        .with_word_splitter(textwrap::WordSplitter::NoHyphenation)
        .with_break_words(false)
}

/// Text from a file made safe to print on a terminal: control characters (which could move the cursor, change
/// colours or hide text) and Unicode bidirectional controls (which can make the shown line differ from the real
/// one) are replaced by visible placeholders of the same length in bytes, so spans still line up.
pub fn printable(text: &str) -> Cow<'_, str> {
    let unsafe_char = |c: char| {
        (c.is_control() && !matches!(c, '\n' | '\t' | '\r'))
            || matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(unsafe_char) {
        return Cow::Borrowed(text);
    }
    Cow::Owned(
        text.chars()
            .map(|c| match c {
                c if !unsafe_char(c) => c.to_string(),
                // Same UTF-8 length as the character replaced: 1, 2 or 3 bytes.
                c => match c.len_utf8() {
                    1 => "?".to_owned(),
                    2 => "\u{00BF}".to_owned(),
                    _ => "\u{FFFD}".to_owned(),
                },
            })
            .collect(),
    )
}

/// A message, label or help as shown: printable, with any word longer than a line cut in the middle (a message
/// quoting a 60,000-character key shows its start and end, not a screenful).
fn shown_text(text: &str) -> String {
    const LONGEST_WORD: usize = 80;
    let text = printable(text);
    if !text
        .split_whitespace()
        .any(|word| word.chars().count() > LONGEST_WORD)
    {
        return text.into_owned();
    }
    let mut shown = String::with_capacity(text.len().min(4096));
    for (index, part) in text.split(' ').enumerate() {
        if index > 0 {
            shown.push(' ');
        }
        let count = part.chars().count();
        if count > LONGEST_WORD {
            shown.extend(part.chars().take(40));
            shown.push_str(ELLIPSIS);
            shown.extend(part.chars().skip(count - 20));
        } else {
            shown.push_str(part);
        }
    }
    shown
}

pub fn write(result: &LintResult, style: Style, out: &mut dyn Write) -> io::Result<()> {
    use rayon::prelude::*;
    // Drawing the findings is most of the time of a run with thousands of them: the files are drawn in parallel,
    // a batch at a time (so that a reader that stops early stops the work, and memory stays bounded), and written
    // in order.
    const BATCH: usize = 256;
    let with_findings: Vec<&FileResult> = result
        .files
        .iter()
        .filter(|file| !file.findings.is_empty())
        .collect();
    for batch in with_findings.chunks(BATCH) {
        let drawn: Vec<String> = batch
            .par_iter()
            .map_init(|| handler(style), |handler, file| draw_file(handler, file))
            .collect();
        for text in drawn {
            out.write_all(text.as_bytes())?;
        }
    }
    // A run that could not check anything (a path that does not exist) says why on stderr; "Checked 0 files"
    // would only add noise.
    if !result.files.is_empty() || result.errors.is_empty() {
        writeln!(out, "{}", super::summary(result))?;
        if let Some(hint) = fix_hint(result) {
            writeln!(out, "{hint}")?;
        }
    }
    Ok(())
}

/// Every finding of one file, each drawn with its source lines and followed by a newline.
fn draw_file(handler: &GraphicalReportHandler, file: &FileResult) -> String {
    let source = file.source.as_ref();
    let points: Vec<usize> = file
        .findings
        .iter()
        .flat_map(|finding| {
            let here = finding
                .related
                .iter()
                .filter(|related| related.is_in(source));
            let spans = finding
                .span
                .into_iter()
                .chain(here.map(|related| related.span));
            spans.flat_map(|span| [span.start, span.end()])
        })
        .collect();
    let view = crate::internal::contain(|| View::new(source, &points)).ok();
    let mut drawn = String::new();
    for finding in &file.findings {
        // A bug in drawing one finding must not hide it, or the findings after it: it is then printed plainly.
        let rendered = view.as_ref().and_then(|view| {
            let report = Report {
                finding,
                source: ViewSource { view, source },
            };
            let mut rendered = String::new();
            let drawn = crate::internal::contain(|| handler.render_report(&mut rendered, &report));
            matches!(drawn, Ok(Ok(()))).then_some(rendered)
        });
        drawn.push_str(&rendered.unwrap_or_else(|| plain(finding)));
        drawn.push_str(&elsewhere(finding, source));
        drawn.push('\n');
    }
    drawn
}

/// A note line for each related place in another file than the finding's (`  note: the same id: b.yaml:1:5`).
fn elsewhere(finding: &Finding, source: &SourceFile) -> String {
    finding
        .related
        .iter()
        .filter(|related| !related.is_in(source))
        .map(|related| {
            format!(
                "  note: {}: {}\n",
                shown_text(&related.label),
                printable(&related.location())
            )
        })
        .collect()
}

/// The line under a help that says what `proc lint --fix` can do here.
fn fix_note(finding: &Finding) -> Option<String> {
    let fix = finding.fix.as_ref()?;
    Some(match fix.applicability {
        crate::finding::Applicability::Safe => {
            format!("`proc lint --fix` can do this: {}", fix.title)
        }
        crate::finding::Applicability::Unsafe => format!(
            "`proc lint --fix --unsafe-fixes` can do this: {} (a guess: check the result)",
            fix.title
        ),
    })
}

/// How many of the findings `proc lint --fix` can fix, as ruff says under its summary.
fn fix_hint(result: &LintResult) -> Option<String> {
    let (safe, guesses) = crate::fix::fixable(result.findings());
    let problems = |n: usize| {
        if n == 1 {
            "1 problem".to_owned()
        } else {
            format!("{n} problems")
        }
    };
    match (safe, guesses) {
        (0, 0) => None,
        (0, _) => Some(format!(
            "{} can be fixed with `proc lint --fix --unsafe-fixes` (a guess: check the result).",
            problems(guesses)
        )),
        (_, 0) => Some(format!(
            "{} can be fixed with `proc lint --fix`.",
            problems(safe)
        )),
        _ => Some(format!(
            "{} can be fixed with `proc lint --fix`, {} more with `--unsafe-fixes` (guesses: check the result).",
            problems(safe),
            guesses
        )),
    }
}

/// A finding on one line, for when it cannot be drawn with its source.
fn plain(finding: &Finding) -> String {
    let at = finding.line_column();
    let mut text = format!(
        "{}[{}]: {}:{}:{}: {}\n",
        finding.severity,
        finding.rule.name,
        printable(&finding.file.display_path()),
        at.line,
        at.column,
        shown_text(&finding.message)
    );
    if let Some(help) = &finding.help {
        text.push_str(&format!("  help: {}\n", shown_text(help)));
        if let Some(note) = fix_note(finding) {
            text.push_str(&format!("        {note}\n"));
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lint::FileResult;
    use std::sync::Arc;

    fn shown(path: &str, text: &str, span: Span) -> String {
        let source = Arc::new(SourceFile::new(path.into(), text.to_owned()));
        let finding = Finding::new(
            &crate::rules::structure::UNKNOWN_KEY,
            &source,
            Some(span),
            "not a key",
        )
        .label("here")
        .help("rename it");
        let result = LintResult {
            files: vec![FileResult {
                source,
                findings: vec![finding],
            }],
            errors: Vec::new(),
        };
        let mut out = Vec::new();
        let written = write(&result, Style::default(), &mut out);
        assert!(written.is_ok());
        String::from_utf8_lossy(&out).into_owned()
    }

    #[test]
    fn a_finding_far_out_in_a_long_line_shows_a_window_and_the_real_column() {
        let text = format!("id: x\ngoal: {}ownr: y\nname: z\n", "a".repeat(70_000));
        let at = text.find("ownr").unwrap_or_default();
        let output = shown("x.yaml", &text, Span::new(at, 4));
        assert!(output.contains("[x.yaml:2:70007]"), "{output}");
        assert!(
            output.lines().all(|line| line.chars().count() < 200),
            "{output}"
        );
        assert!(output.contains("goal: aaaa"), "{output}");
        assert!(output.contains("…aaaa"), "{output}");
        assert!(output.contains("ownr: y"), "{output}");
        assert!(output.contains("name: z"), "{output}");
    }

    #[test]
    fn a_file_with_cr_line_endings_shows_its_lines() {
        let text = "id: x\rownr: y\rname: z\r";
        let at = text.find("ownr").unwrap_or_default();
        let output = shown("x.yaml", text, Span::new(at, 4));
        assert!(output.contains("[x.yaml:2:1]"), "{output}");
        assert!(output.contains(" 1 │ id: x\n"), "{output}");
        assert!(output.contains(" 2 │ ownr: y\n"), "{output}");
        assert!(output.contains(" 3 │ name: z\n"), "{output}");
    }

    #[test]
    fn a_long_word_in_a_message_is_cut_in_the_middle() {
        let key = format!("{}end", "k".repeat(5_000));
        let message = shown_text(&format!("`{key}` is not a key"));
        assert!(message.chars().count() < 100, "{message}");
        assert!(message.ends_with("kend` is not a key"), "{message}");
    }

    #[test]
    fn control_characters_become_placeholders_of_the_same_length() {
        let text = "röd \u{1b}[31m och \u{202E}txet\u{7f}";
        let shown = printable(text);
        assert_eq!(shown.len(), text.len());
        assert!(
            !shown.contains('\u{1b}') && !shown.contains('\u{202E}') && !shown.contains('\u{7f}')
        );
        assert!(matches!(
            printable("å\tä\nö"),
            std::borrow::Cow::Borrowed(_)
        ));
    }
}
