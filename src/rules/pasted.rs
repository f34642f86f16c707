//! Characters that come with text pasted from Word and that mean something else than they seem.

use super::{FileContext, pointer, written_before};
use crate::finding::{Applicability, Expect, Finding, Fix};
use crate::load::ScalarStyle;

pub use crate::rules::registry::CURLY_QUOTES;

/// Quotation marks a word processor writes: the first and last character of a wrapped value.
const OPENING: &[char] = &['“', '”', '„', '‘', '’', '‚', '«', '»', '″'];
const CLOSING: &[char] = &['”', '“', '’', '‘', '»', '«', '″'];

pub fn check(context: &FileContext<'_>, findings: &mut Vec<Finding>) {
    for (path, node) in context.text_values.iter().map(|(path, node)| (path, *node)) {
        let Some(scalar) = node.as_scalar() else {
            continue;
        };
        if scalar.style != ScalarStyle::Plain {
            continue;
        }
        let text = scalar.text.as_str();
        let mut chars = text.chars();
        let (Some(first), Some(last)) = (chars.next(), chars.next_back()) else {
            continue;
        };
        if !OPENING.contains(&first) || !CLOSING.contains(&last) {
            continue;
        }
        let inner = &text[first.len_utf8()..text.len() - last.len_utf8()];
        if inner.contains([first, last]) || inner.trim().is_empty() {
            // `”Trygg” och ”säker”` is a text with quoted words in it, not a quoted text.
            continue;
        }
        let straight = crate::yaml_text::double_quoted(inner);
        findings.push(
            context
                .finding(
                    &CURLY_QUOTES,
                    node,
                    format!(
                        "the curly quotes `{first}` and `{last}` are part of the text: only straight quotes quote a YAML value"
                    ),
                )
                .label("curly quotes from Word")
                .help(format!(
                    "write straight quotes:\n  {}{straight}",
                    written_before(context.source, node)
                ))
                .fix(Fix::replace(
                    Applicability::Safe,
                    "write straight quotes",
                    node.span,
                    straight,
                    Expect::Values(vec![(
                        pointer(path),
                        serde_json::Value::String(inner.to_owned()),
                    )]),
                )),
        );
    }
}
