//! Values that YAML tools read differently from how they look.

use super::FileContext;
use crate::finding::{Finding, Rule, declare_rule};
use crate::load::{Node, ScalarKind, ScalarStyle, Value};

declare_rule! {
    /// A value written without quotes that other YAML tools read as something else.
    ///
    /// Older YAML (1.1, still used by many tools) reads `no`, `yes`, `on` and `off` as true/false, `08` as a
    /// number, and `1.10` as the number 1.1. `proc` reads the text as written, but an editor, a converter or a
    /// script may not. Put such values in quotes: `version: "1.10"`.
    pub const AMBIGUOUS_SCALAR = ("P109", "ambiguous-scalar", Warning);
}

pub const RULES: &[&Rule] = &[&AMBIGUOUS_SCALAR];

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
}

fn visit(context: &FileContext<'_>, node: &Node, findings: &mut Vec<Finding>) {
    match &node.value {
        Value::Map(entries) => {
            for entry in entries {
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
                        )),
                );
            }
        }
        Value::Null => {}
    }
}
