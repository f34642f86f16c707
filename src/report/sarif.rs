//! SARIF 2.1.0 output, with the metadata of every rule, for code-scanning dashboards.

use std::io::{self, Write};

use serde_json::{Value, json};

use crate::finding::{Finding, Severity};
use crate::lint::LintResult;
use crate::rules::all_rules;

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// The explanation as prose: the one-space indent of doc comments removed, and the lines of each paragraph
/// joined (doc comments wrap at the source's line width, viewers wrap at theirs).
pub fn explanation(text: &str) -> String {
    text.split("\n\n")
        .map(|paragraph| {
            paragraph
                .lines()
                .map(|line| line.strip_prefix(' ').unwrap_or(line).trim_end())
                .filter(|line| !line.is_empty())
                .collect::<Vec<_>>()
                .join(" ")
        })
        .filter(|paragraph| !paragraph.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

fn result(finding: &Finding, rule_index: usize) -> Value {
    let start = finding.line_column();
    let end = finding.end_line_column();
    let message = finding.message_with_help();
    let mut region = json!({ "startLine": start.line, "startColumn": start.column });
    if finding.span.is_some() {
        region["endLine"] = json!(end.line);
        region["endColumn"] = json!(end.column);
        if let Some(span) = finding.span.map(|span| finding.file.byte_span(span)) {
            region["byteOffset"] = json!(span.start);
            region["byteLength"] = json!(span.len);
        }
    }
    json!({
        "ruleId": finding.rule.code,
        "ruleIndex": rule_index,
        "level": level(finding.severity),
        "message": { "text": message },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": { "uri": finding.file.display_path() },
                "region": region,
            }
        }],
    })
}

pub fn write(result_set: &LintResult, out: &mut dyn Write) -> io::Result<()> {
    let rules = all_rules();
    let descriptors: Vec<Value> = rules
        .iter()
        .map(|rule| {
            json!({
                "id": rule.code,
                "name": rule.name,
                "shortDescription": { "text": rule.summary() },
                "fullDescription": { "text": explanation(rule.explanation) },
                "help": { "text": explanation(rule.explanation) },
                "defaultConfiguration": { "level": level(rule.default_severity) },
            })
        })
        .collect();
    let results: Vec<Value> = result_set
        .findings()
        .map(|finding| {
            let index = rules
                .iter()
                .position(|rule| rule.code == finding.rule.code)
                .unwrap_or(0);
            result(finding, index)
        })
        .collect();
    let document = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "proc",
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": descriptors,
                }
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}
