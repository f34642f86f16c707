//! Printing lint results, one module per output format.

use std::io::{self, Write};

use crate::lint::LintResult;

pub mod github;
pub mod human;
pub mod json;
pub mod junit;
pub mod sarif;

/// The output formats of `proc lint`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Findings with the source line underlined, for people.
    Human,
    /// One JSON document with every finding, for other tools.
    Json,
    /// GitHub Actions workflow commands: findings appear as annotations on the pull request.
    Github,
    /// SARIF 2.1.0, for code-scanning dashboards (GitHub code scanning, GitLab, Azure DevOps).
    Sarif,
    /// JUnit XML, one test case per file, for CI systems that show test reports.
    Junit,
}

/// Options that affect how results look, not what they are.
#[derive(Debug, Clone, Copy, Default)]
pub struct Style {
    pub color: bool,
    /// Terminal width for wrapping human output.
    pub width: Option<usize>,
    /// Whether warnings fail the run (`--deny warnings`), so that formats with a pass/fail notion agree with the
    /// exit code.
    pub deny_warnings: bool,
}

pub fn write(
    result: &LintResult,
    format: Format,
    style: Style,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Human => human::write(result, style, out),
        Format::Json => json::write(result, out),
        Format::Github => github::write(result, out),
        Format::Sarif => sarif::write(result, out),
        Format::Junit => junit::write(result, style.deny_warnings, out),
    }
}

/// "1 PDF", "2 PDFs": a count and its noun, for every message that counts something.
pub fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

/// "2 errors, 1 warning".
pub fn counts(errors: usize, warnings: usize) -> String {
    format!(
        "{}, {}",
        plural(errors, "error", "errors"),
        plural(warnings, "warning", "warnings")
    )
}

/// The one-line summary: how many files were checked and what was found.
pub fn summary(result: &LintResult) -> String {
    let files = result.files.len();
    let errors = result.count(crate::finding::Severity::Error);
    let warnings = result.count(crate::finding::Severity::Warning);
    let noun = if files == 1 { "file" } else { "files" };
    format!("Checked {files} {noun}: {}.", counts(errors, warnings))
}
