//! GitHub Actions workflow commands (`::error file=…,line=…,col=…::message`): each finding becomes an annotation
//! on the changed line of the pull request.

use std::io::{self, Write};

use crate::finding::Severity;
use crate::lint::LintResult;

/// Escapes a message as the workflow-command syntax requires.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a property value (file names, titles), where `:` and `,` also separate fields.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

pub fn write(result: &LintResult, out: &mut dyn Write) -> io::Result<()> {
    for finding in result.findings() {
        let command = match finding.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        let start = finding.line_column();
        let end = finding.end_line_column();
        let mut message = finding.message_with_help();
        for note in finding.related_notes() {
            message.push_str(&format!("\nnote: {note}"));
        }
        writeln!(
            out,
            "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
            escape_property(&finding.file.display_path()),
            start.line,
            start.column,
            end.line,
            end.column,
            escape_property(&format!("{} {}", finding.rule.code, finding.rule.name)),
            escape_data(&message),
        )?;
    }
    writeln!(out, "{}", super::summary(result))
}
