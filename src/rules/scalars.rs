//! Values that YAML tools read differently from how they look.

use super::FileContext;
use crate::finding::{Applicability, Expect, Finding, Fix};
use crate::load::{Node, ScalarKind, ScalarStyle, Value};

pub use crate::rules::registry::{AMBIGUOUS_SCALAR, YAML_TAG};

const YAML11_BOOLEANS: &[&str] = &["y", "yes", "n", "no", "on", "off"];

/// What another YAML reader makes of a plain value, when that differs from its text.
fn surprise(node: &Node) -> Option<String> {
    let scalar = node.as_scalar()?;
    if scalar.style != ScalarStyle::Plain {
        return None;
    }
    let text = scalar.text.as_str();
    let lower = text.to_ascii_lowercase();
    match scalar.kind {
        ScalarKind::Bool | ScalarKind::String if YAML11_BOOLEANS.contains(&lower.as_str()) => {
            let value = if ["y", "yes", "on"].contains(&lower.as_str()) {
                "true"
            } else {
                "false"
            };
            Some(format!(
                "`{text}` is read as the yes/no value {value} by many YAML tools"
            ))
        }
        ScalarKind::Integer | ScalarKind::Float => {
            let digits = text.trim_start_matches(['-', '+']);
            if digits.len() > 1 && digits.starts_with('0') && !digits.starts_with("0.") {
                return Some(format!(
                    "`{text}` starts with a zero, so YAML tools read it as a number ({})",
                    number_value(text)
                ));
            }
            if scalar.kind == ScalarKind::Float && number_value(text) != text {
                return Some(format!(
                    "`{text}` is read as the number {} by YAML tools",
                    number_value(text)
                ));
            }
            None
        }
        _ => None,
    }
}

fn number_value(text: &str) -> String {
    if let Ok(integer) = text.parse::<i64>() {
        return integer.to_string();
    }
    text.parse::<f64>()
        .map_or_else(|_| text.to_owned(), |number| number.to_string())
}

pub fn check(context: &FileContext<'_>, findings: &mut Vec<Finding>) {
    visit(context, context.root, findings);
    for (value, tag) in &context.notation.tags {
        // The tag is written just before its value: underline the tag itself when it can be found there.
        let text = &context.source.text;
        let span = text
            .get(..value.start)
            .and_then(|before| before.rfind(tag.as_str()))
            .filter(|at| !text[*at..value.start].contains(['\n', '\r']) || value.len == 0)
            .map_or(*value, |at| crate::source::Span::new(at, tag.len()));
        findings.push(
            crate::finding::Finding::new(
                &YAML_TAG,
                context.source,
                Some(span),
                format!("the YAML tag `{tag}` makes other tools read this value differently from proc"),
            )
            .label("tag")
            .help(format!(
                "remove `{tag}`: process files need no YAML tags, and proc reads the value as the text after it"
            )),
        );
    }
}

fn visit(context: &FileContext<'_>, node: &Node, findings: &mut Vec<Finding>) {
    match &node.value {
        Value::Map(entries) => {
            for entry in entries {
                // `language` takes only the codes sv, fi and en: anything else, `no` included, is reported by
                // invalid-value, which names them; quoting `no` would not make it a language.
                if entry.key.as_text() == Some("language") {
                    continue;
                }
                visit(context, &entry.value, findings);
            }
        }
        Value::Seq(items) => items.iter().for_each(|item| visit(context, item, findings)),
        Value::Scalar(scalar) => {
            if let Some(message) = surprise(node) {
                findings.push(
                    context
                        .finding(&AMBIGUOUS_SCALAR, node, message)
                        .label("write this in quotes")
                        .help(format!(
                            "put the value in quotes so every tool reads it as written: \"{}\"",
                            scalar.text
                        ))
                        .fix(Fix::replace(
                            Applicability::Safe,
                            "put the value in quotes",
                            node.span,
                            crate::yaml_text::double_quoted(&scalar.text),
                            Expect::Same,
                        )),
                );
            }
        }
        Value::Null => {}
    }
}
