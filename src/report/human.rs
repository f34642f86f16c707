//! Human output: each finding as a miette report with the source line underlined, then a summary line.

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
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            contents.data(),
            *contents.span(),
            contents.line(),
            contents.column(),
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
            write!(f, "{}: ", finding.file.display_path())?;
        }
        f.write_str(&finding.message)
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
            .map(|help| Box::new(help) as Box<dyn fmt::Display>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        self.finding.span.map(|_| &self.source as &dyn SourceCode)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let span = self.finding.span?;
        let primary = LabeledSpan::new_primary_with_span(self.finding.label.clone(), span);
        let related =
            self.finding.related.iter().map(|related| {
                LabeledSpan::new_with_span(Some(related.label.clone()), related.span)
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
        // Dates and ids contain hyphens; splitting at them ("2018-\n05-08") makes them unreadable.
        .with_word_splitter(textwrap::WordSplitter::NoHyphenation)
}

pub fn write(result: &LintResult, style: Style, out: &mut dyn Write) -> io::Result<()> {
    let handler = handler(style);
    for finding in result.findings() {
        let report = Report {
            finding,
            source: FileSource {
                name: finding.file.display_path(),
                text: &finding.file.text,
            },
        };
        let mut rendered = String::new();
        if handler.render_report(&mut rendered, &report).is_err() {
            rendered = format!("{}: {}\n", finding.file.display_path(), finding.message);
        }
        writeln!(out, "{rendered}")?;
    }
    writeln!(out, "{}", super::summary(result))
}
