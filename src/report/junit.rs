//! JUnit XML: one test case per file, failed when the file has findings that fail the run.

use std::io::{self, Write};

use crate::finding::Severity;
use crate::lint::LintResult;

/// Escapes text for XML, dropping the control characters XML 1.0 cannot hold.
fn xml(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&apos;"),
            '\t' | '\n' | '\r' => escaped.push(ch),
            c if c.is_control() => {}
            c => escaped.push(c),
        }
    }
    escaped
}

pub fn write(result: &LintResult, deny_warnings: bool, out: &mut dyn Write) -> io::Result<()> {
    let fails = |severity: Severity| severity == Severity::Error || deny_warnings;
    let failed_files = result
        .files
        .iter()
        .filter(|file| file.findings.iter().any(|finding| fails(finding.severity)))
        .count();
    let tests = result.files.len();
    writeln!(out, r#"<?xml version="1.0" encoding="UTF-8"?>"#)?;
    writeln!(
        out,
        r#"<testsuites name="proc lint" tests="{tests}" failures="{failed_files}" errors="0">"#
    )?;
    writeln!(
        out,
        r#"  <testsuite name="proc lint" tests="{tests}" failures="{failed_files}" errors="0" skipped="0">"#
    )?;
    for file in &result.files {
        let path = xml(&file.source.display_path());
        let lines: Vec<String> = file
            .findings
            .iter()
            .map(|finding| {
                let at = finding.line_column();
                let mut line = format!(
                    "{path}:{}:{}: {} {} [{}] {}",
                    at.line,
                    at.column,
                    finding.severity,
                    finding.rule.code,
                    finding.rule.name,
                    finding.message
                );
                if let Some(help) = &finding.help {
                    line.push_str(&format!("\n    help: {}", help.replace('\n', "\n    ")));
                }
                for note in finding.related_notes() {
                    line.push_str(&format!("\n    note: {note}"));
                }
                line
            })
            .collect();
        let failing = file
            .findings
            .iter()
            .filter(|finding| fails(finding.severity))
            .count();
        write!(
            out,
            r#"    <testcase name="{path}" classname="proc.lint" file="{path}""#
        )?;
        if file.findings.is_empty() {
            writeln!(out, " />")?;
            continue;
        }
        writeln!(out, ">")?;
        let body = xml(&lines.join("\n"));
        if failing > 0 {
            let count = |severity: Severity| {
                file.findings
                    .iter()
                    .filter(|finding| finding.severity == severity)
                    .count()
            };
            let message = super::counts(count(Severity::Error), count(Severity::Warning));
            writeln!(
                out,
                r#"      <failure message="{message}" type="lint">{body}</failure>"#
            )?;
        } else {
            writeln!(out, "      <system-out>{body}</system-out>")?;
        }
        writeln!(out, "    </testcase>")?;
    }
    writeln!(out, "  </testsuite>")?;
    writeln!(out, "</testsuites>")
}
