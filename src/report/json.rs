//! JSON output: one document with a summary and every finding, positions 1-based (columns count characters).

use std::io::{self, Write};

use serde::Serialize;

use crate::finding::{Finding, Severity};
use crate::lint::LintResult;

#[derive(Serialize)]
struct Document<'a> {
    /// Bumped when a field changes meaning or disappears; new fields may be added without a bump.
    version: u32,
    summary: Summary,
    findings: Vec<JsonFinding<'a>>,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    errors: usize,
    warnings: usize,
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    file: String,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    /// Byte offset and length of the span in the file's own bytes (also when it is not UTF-8); absent for
    /// findings about the whole file.
    #[serde(skip_serializing_if = "Option::is_none")]
    offset: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    length: Option<usize>,
    code: &'static str,
    rule: &'static str,
    severity: Severity,
    message: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    help: Option<&'a str>,
    /// Other places that help to understand the finding, in this file or another (where a duplicate id is also
    /// used).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    related: Vec<JsonRelated<'a>>,
    /// What `proc lint --fix` would do, for editors that offer it as a quick fix.
    #[serde(skip_serializing_if = "Option::is_none")]
    fix: Option<JsonFix<'a>>,
}

#[derive(Serialize)]
struct JsonRelated<'a> {
    file: String,
    line: usize,
    column: usize,
    message: &'a str,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    title: &'a str,
    /// `safe` fixes are made by `--fix`; `unsafe` ones only with `--unsafe-fixes`.
    applicability: crate::finding::Applicability,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    /// Byte offset and length in the file, as `offset` and `length` above.
    offset: usize,
    length: usize,
    replacement: &'a str,
}

fn finding(finding: &Finding) -> JsonFinding<'_> {
    let start = finding.line_column();
    let end = finding.end_line_column();
    JsonFinding {
        file: finding.file.display_path(),
        line: start.line,
        column: start.column,
        end_line: end.line,
        end_column: end.column,
        offset: finding.span.map(|span| finding.file.byte_span(span).start),
        length: finding.span.map(|span| finding.file.byte_span(span).len),
        code: finding.rule.code,
        rule: finding.rule.name,
        severity: finding.severity,
        message: &finding.message,
        help: finding.help.as_deref(),
        related: finding
            .related
            .iter()
            .map(|related| {
                let at = related.line_column();
                JsonRelated {
                    file: related.file.display_path(),
                    line: at.line,
                    column: at.column,
                    message: &related.label,
                }
            })
            .collect(),
        fix: finding.fix.as_ref().map(|fix| JsonFix {
            title: &fix.title,
            applicability: fix.applicability,
            edits: fix
                .edits
                .iter()
                .map(|edit| JsonEdit {
                    offset: finding.file.byte_span(edit.span).start,
                    length: finding.file.byte_span(edit.span).len,
                    replacement: &edit.replacement,
                })
                .collect(),
        }),
    }
}

pub fn write(result: &LintResult, out: &mut dyn Write) -> io::Result<()> {
    let document = Document {
        version: 1,
        summary: Summary {
            files: result.files.len(),
            errors: result.count(Severity::Error),
            warnings: result.count(Severity::Warning),
        },
        findings: result.findings().map(finding).collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}
