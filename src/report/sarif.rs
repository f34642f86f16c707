//! SARIF 2.1.0 output, with the metadata of every rule, for code-scanning dashboards.

use std::io::{self, Write};

use serde_json::{Value, json};

use crate::finding::{Finding, Related, Severity};
use crate::lint::LintResult;
use crate::rules::all_rules;

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// The explanation as prose: the one-space indent of doc comments removed, and the lines of each paragraph
/// joined (doc comments wrap at the source's line width, viewers wrap at theirs). The YAML of the examples keeps
/// its lines.
pub fn explanation(text: &str) -> String {
    text.split("\n\n")
        .map(|paragraph| {
            let lines = paragraph
                .lines()
                .map(|line| line.strip_prefix(' ').unwrap_or(line).trim_end())
                .filter(|line| !line.is_empty());
            let separator = if paragraph.trim_start().starts_with("```") {
                "\n"
            } else {
                " "
            };
            lines.collect::<Vec<_>>().join(separator)
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
    let mut result = json!({
        "ruleId": finding.rule.code,
        "ruleIndex": rule_index,
        "level": level(finding.severity),
        "message": { "text": message },
        "locations": [{
            "physicalLocation": {
                "artifactLocation": { "uri": uri(&finding.file.display_path()) },
                "region": region,
            }
        }],
    });
    if !finding.related.is_empty() {
        result["relatedLocations"] = finding
            .related
            .iter()
            .enumerate()
            .map(|(id, related)| related_location(id, related))
            .collect();
    }
    result
}

/// A path as the URI reference SARIF requires (RFC 3986): every byte but the unreserved characters and `/`
/// percent-encoded, so `Hembesök i Grästorp.yaml` becomes `Hembes%C3%B6k%20i%20Gr%C3%A4storp.yaml` and a drive
/// letter's `:` cannot be read as a scheme. Code-scanning tools decode it back to the path.
fn uri(path: &str) -> String {
    let mut uri = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'/') {
            uri.push(char::from(byte));
        } else {
            uri.push_str(&format!("%{byte:02X}"));
        }
    }
    uri
}

fn related_location(id: usize, related: &Related) -> Value {
    let start = related.line_column();
    let end = related.file.line_column(related.span.end());
    let span = related.file.byte_span(related.span);
    json!({
        "id": id,
        "message": { "text": related.label },
        "physicalLocation": {
            "artifactLocation": { "uri": uri(&related.file.display_path()) },
            "region": {
                "startLine": start.line,
                "startColumn": start.column,
                "endLine": end.line,
                "endColumn": end.column,
                "byteOffset": span.start,
                "byteLength": span.len,
            },
        },
    })
}

/// Where readers of a code-scanning dashboard learn about `proc`: the `homepage` of Cargo.toml, else its
/// `repository`. Both are unset while the project has no public address, and an invented one would send readers
/// to someone else's page, so the field is then left out (the SARIF multitool warns SARIF2005 about it).
const INFORMATION_URI: &str = first_set(env!("CARGO_PKG_HOMEPAGE"), env!("CARGO_PKG_REPOSITORY"));

const fn first_set(first: &'static str, second: &'static str) -> &'static str {
    if first.is_empty() { second } else { first }
}

fn driver(rules: Vec<Value>) -> Value {
    let mut driver = json!({
        "name": "proc",
        "version": env!("CARGO_PKG_VERSION"),
        "rules": rules,
    });
    if !INFORMATION_URI.is_empty() {
        driver["informationUri"] = json!(INFORMATION_URI);
    }
    driver
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
                "fullDescription": { "text": explanation(&crate::rules::docs::prose(rule)) },
                "help": { "text": explanation(rule.explanation) },
                "defaultConfiguration": { "level": level(rule.default_severity) },
            })
        })
        .collect();
    let results: Vec<Value> = result_set
        .findings()
        .map(|finding| result(finding, finding.rule.index()))
        .collect();
    let document = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": driver(descriptors),
            },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    serde_json::to_writer_pretty(&mut *out, &document)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::uri;

    #[test]
    fn paths_become_uri_references() {
        assert_eq!(
            uri("processes/oro-for-anknytning.yaml"),
            "processes/oro-for-anknytning.yaml"
        );
        assert_eq!(
            uri("p401/Hembesök i Grästorp.yaml"),
            "p401/Hembes%C3%B6k%20i%20Gr%C3%A4storp.yaml"
        );
        assert_eq!(
            uri("C:/processes/a#1?.yaml"),
            "C%3A/processes/a%231%3F.yaml"
        );
        assert_eq!(uri("/tmp/50%.yaml"), "/tmp/50%25.yaml");
    }
}
