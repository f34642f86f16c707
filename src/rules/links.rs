//! Links: they must go somewhere, and only to safe places.

use super::{FileContext, select};
use crate::finding::Finding;
use crate::load::{Node, Value};
use crate::source::Span;

pub use crate::rules::registry::{PLACEHOLDER_LINK, UNSAFE_LINK};

/// Why a link target cannot be published, if it cannot.
pub enum LinkProblem {
    Placeholder,
    Unsafe(String),
}

/// Checks a link target: placeholders and schemes other than http, https and mailto are refused.
pub fn link_problem(url: &str) -> Option<LinkProblem> {
    let url = url.trim();
    if url.is_empty()
        || url == "#"
        || url.eq_ignore_ascii_case("todo")
        || url == "http://"
        || url == "https://"
    {
        return Some(LinkProblem::Placeholder);
    }
    // Browsers ignore control characters and whitespace inside a scheme (`java\tscript:`), so must we.
    let compact: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    let scheme_end = compact.find(':')?;
    let before = &compact[..scheme_end];
    if before.contains(['/', '?', '#']) {
        return None; // a relative path with a colon later on
    }
    let scheme = before.to_ascii_lowercase();
    if matches!(scheme.as_str(), "http" | "https" | "mailto") {
        None
    } else {
        Some(LinkProblem::Unsafe(scheme))
    }
}

pub fn check(context: &FileContext<'_>, findings: &mut Vec<Finding>) {
    for (_, node) in select(context.root, "steps/*/instructions/*") {
        if let Some(url) = node.get("url") {
            check_target(
                context,
                url.span,
                url.as_text().unwrap_or(""),
                Where::UrlKey,
                findings,
            );
        }
    }
    markdown_links(context, context.root, findings);
}

/// Where a link target is written, for advice on how to fix it.
#[derive(Clone, Copy)]
enum Where {
    UrlKey,
    Markdown,
}

fn check_target(
    context: &FileContext<'_>,
    span: Span,
    url: &str,
    place: Where,
    findings: &mut Vec<Finding>,
) {
    // A placeholder of the `proc new` template is reported as such, not as a bad address.
    if super::text::is_placeholder(url) {
        return;
    }
    match link_problem(url) {
        Some(LinkProblem::Placeholder) => findings.push(
            Finding::new(&PLACEHOLDER_LINK, context.source, Some(span), format!("this link points nowhere (`{}`)", url.trim()))
                .label("placeholder")
                .help(match place {
                    Where::UrlKey => "write the real address (https://…), or remove `url` and write the instruction as plain text",
                    Where::Markdown => "write the real address between the parentheses, or remove the link and keep its text",
                }),
        ),
        Some(LinkProblem::Unsafe(scheme)) => findings.push(
            Finding::new(&UNSAFE_LINK, context.source, Some(span), format!("`{scheme}:` links are not allowed"))
                .label("unsafe link")
                .help("link only to https://, http:// or mailto: addresses, or to a relative path"),
        ),
        None => {}
    }
}

/// Markdown links (`[text](target)`) inside text fields.
fn markdown_links(context: &FileContext<'_>, node: &Node, findings: &mut Vec<Finding>) {
    match &node.value {
        Value::Map(entries) => entries
            .iter()
            .for_each(|entry| markdown_links(context, &entry.value, findings)),
        Value::Seq(items) => items
            .iter()
            .for_each(|item| markdown_links(context, item, findings)),
        Value::Scalar(scalar) if scalar.text.contains("](") => {
            let raw = context.source.slice(node.span);
            let mut rest = scalar.text.as_str();
            while let Some(at) = rest.find("](") {
                let after = &rest[at + 2..];
                let Some(end) = after.find(')') else {
                    break;
                };
                let target = after[..end].split_whitespace().next().unwrap_or("");
                // Point at the target itself when it is written in the file as it reads (plain text, or quoted
                // text without escapes); otherwise at the whole text.
                let written = format!("]({target}");
                let span = match raw.find(&written) {
                    Some(pos) if !target.is_empty() => {
                        Span::new(node.span.start + pos + 2, target.len())
                    }
                    Some(pos) => Span::new(node.span.start + pos, 3),
                    None => node.span,
                };
                check_target(context, span, target, Where::Markdown, findings);
                rest = &after[end..];
            }
        }
        Value::Scalar(_) | Value::Null => {}
    }
}
