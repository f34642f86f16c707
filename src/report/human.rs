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
use crate::lint::LintResult;

/// A finding as miette sees it.
struct Report<'a> {
    finding: &'a Finding,
    source: FileSource<'a>,
}

/// The text of a file with its path, for the header of the snippet (`╭─[processes/x.yaml:3:1]`).
struct FileSource<'a> {
    name: String,
    text: &'a str,
}

impl SourceCode for FileSource<'_> {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let contents = self
            .text
            .read_span(span, context_lines_before, context_lines_after)?;
        // miette counts columns in bytes; editors and the other output formats count characters.
        let start = contents.span().offset().min(self.text.len());
        let line_start = self.text[..start].rfind('\n').map_or(0, |at| at + 1);
        let column = self
            .text
            .get(line_start..start)
            .map_or(contents.column(), |prefix| prefix.chars().count());
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
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
        f.write_str(&printable(&finding.message))
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
        self.finding
            .help
            .as_ref()
            .map(|help| Box::new(printable(help).into_owned()) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.finding.span.map(|_| &self.source as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.finding.span?;
        let label = self
            .finding
            .label
            .as_deref()
            .map(|label| printable(label).into_owned());
        let primary = LabeledSpan::new_primary_with_span(label, span);
        let related = self.finding.related.iter().map(|related| {
            LabeledSpan::new_with_span(Some(printable(&related.label).into_owned()), related.span)
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

pub fn write(result: &LintResult, style: Style, out: &mut dyn Write) -> io::Result<()> {
    let handler = handler(style);
    for file in result.files.iter().filter(|file| !file.findings.is_empty()) {
        let name = printable(&file.source.display_path()).into_owned();
        let text = printable(&file.source.text);
        for finding in &file.findings {
            let report = Report {
                finding,
                source: FileSource {
                    name: name.clone(),
                    text: &text,
                },
            };
            let mut rendered = String::new();
            if handler.render_report(&mut rendered, &report).is_err() {
                rendered = format!("{name}: {}\n", printable(&finding.message));
            }
            writeln!(out, "{rendered}")?;
        }
    }
    // A run that could not check anything (a path that does not exist) says why on stderr; "Checked 0 files"
    // would only add noise.
    if !result.files.is_empty() || result.errors.is_empty() {
        writeln!(out, "{}", super::summary(result))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::printable;

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
