//! The version number.

use super::FileContext;
use super::dates::what_surrounds;
use crate::finding::{Applicability, Expect, Finding, Fix};
use crate::load::Value;
use crate::model::Version;

pub use crate::rules::registry::INVALID_VERSION;

pub fn check(context: &FileContext<'_>, findings: &mut Vec<Finding>) {
    let Some(node) = context.root.get("version") else {
        return;
    };
    let text = match &node.value {
        Value::Scalar(scalar) => scalar.text.as_str(),
        Value::Null => return, // reported as an empty required value
        _ => {
            findings.push(
                context
                    .finding(
                        &INVALID_VERSION,
                        node,
                        format!(
                            "the version should be a number like 1 or 1.2, but here it is {}",
                            node.kind_name()
                        ),
                    )
                    .help("write the version on the same line: `version: 1`"),
            );
            return;
        }
    };
    if Version::is_valid(text) {
        return;
    }
    let trimmed = text.trim();
    if trimmed != text && Version::is_valid(trimmed) {
        findings.push(
            context
                .finding(
                    &INVALID_VERSION,
                    node,
                    format!(
                        "the version `{}` has {}",
                        text.escape_debug(),
                        what_surrounds(text)
                    ),
                )
                .label("not only the number")
                .help(format!(
                    "write only the number: `version: {}`",
                    quoted_version(trimmed)
                )),
        );
        return;
    }
    if let Some(part) = Version::too_large_part(trimmed) {
        findings.push(
            context
                .finding(
                    &INVALID_VERSION,
                    node,
                    format!("the version part `{part}` is too large to count up from"),
                )
                .label("too large")
                .help(format!(
                    "each part of a version is a number up to {}: write the version the process really has",
                    Version::MAX_PART
                )),
        );
        return;
    }
    if let Some(dotted) = decimal_comma(trimmed) {
        let written = quoted_version(&dotted);
        findings.push(
            context
                .finding(
                    &INVALID_VERSION,
                    node,
                    format!(
                        "`{trimmed}` is written with a decimal comma: a version number is written with a point, `{dotted}`"
                    ),
                )
                .label("comma instead of a point")
                .help(format!("write the version with a point: `version: {written}`"))
                .fix(Fix::replace(
                    Applicability::Safe,
                    "write the version with a point",
                    node.span,
                    written,
                    Expect::Values(vec![("/version".to_owned(), serde_json::Value::String(dotted))]),
                )),
        );
        return;
    }
    let text = trimmed;
    let digits: String = text
        .trim_start_matches(|c: char| !c.is_ascii_digit())
        .chars()
        .take_while(|c| c.is_ascii_digit() || *c == '.')
        .collect();
    let digits = digits.trim_end_matches('.');
    let help = if Version::is_valid(digits) {
        format!("write only the number: `version: {digits}`")
    } else {
        "write a version number of one to three parts: `1`, `1.2` or `1.2.3`".to_owned()
    };
    findings.push(
        context
            .finding(
                &INVALID_VERSION,
                node,
                format!("`{text}` is not a version number"),
            )
            .label("not a version")
            .help(help),
    );
}

/// `1,1` (a decimal comma, as Swedish and Finnish write numbers) as the version it means, `1.1`; `None` for
/// anything else, so that `1, 2` or `1,a` is not taken for a version.
fn decimal_comma(text: &str) -> Option<String> {
    if !text.contains(',') {
        return None;
    }
    let dotted = text.replace(',', ".");
    Version::is_valid(&dotted).then_some(dotted)
}

/// A version as it is best written: quoted when a YAML reader would take it for a number that loses a zero (1.10).
pub fn quoted_version(version: &str) -> String {
    if version.contains('.') && version.ends_with('0') {
        format!("\"{version}\"")
    } else {
        version.to_owned()
    }
}
