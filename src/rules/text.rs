//! Text fields: not empty, lists written as lists, no pasted HTML.

use super::{FileContext, path_text};
use crate::finding::{Applicability, Expect, Finding, Fix};
use crate::load::{Node, PathSegment, ScalarKind, ScalarStyle, Value};
use crate::schema::{self, Shape};
use crate::source::Span;

pub use crate::rules::registry::{
    EMPTY_TEXT, INLINE_LIST, PLACEHOLDER, RAW_HTML, UNMAPPED_CONTENT,
};

/// How the template's placeholders begin, in each language.
const PLACEHOLDER_STARTS: [&str; 3] = ["<fyll i", "<täytä", "<fill in"];

/// Keys whose values have rules of their own that report them when empty.
fn reported_elsewhere(key: &str) -> bool {
    matches!(key, "responsible")
}

pub fn check(context: &FileContext<'_>, findings: &mut Vec<Finding>) {
    visit(
        context,
        context.root,
        Some(schema::shape()),
        &mut Vec::new(),
        findings,
    );
}

fn visit<'a>(
    context: &FileContext<'_>,
    node: &'a Node,
    shape: Option<&Shape>,
    path: &mut Vec<PathSegment<'a>>,
    findings: &mut Vec<Finding>,
) {
    match &node.value {
        Value::Map(entries) => {
            let required = shape.map_or(&[][..], |shape| &shape.required[..]);
            for entry in entries {
                let Some(key) = entry.key.as_text() else {
                    continue;
                };
                path.push(PathSegment::Key(key));
                // Only entries with text are left to place: `unmapped: []` and empty entries hold nothing.
                let unplaced = match entry.value.as_seq() {
                    Some(items) => items.iter().filter(|item| !item.is_blank()).count(),
                    None => usize::from(!entry.value.is_blank()),
                };
                if key == "unmapped" && path.len() == 1 && unplaced > 0 {
                    let count = unplaced;
                    findings.push(
                        context
                            .finding(
                                &UNMAPPED_CONTENT,
                                &entry.key,
                                if count == 1 {
                                    "a text from the imported chart is not in any field yet".to_owned()
                                } else {
                                    format!("{count} texts from the imported chart are not in any field yet")
                                },
                            )
                            .label("not placed")
                            .help("move each entry under `unmapped` to the field where it belongs, then delete `unmapped`"),
                    );
                }
                let blank_text = matches!(&entry.value.value, Value::Scalar(s) if s.kind == ScalarKind::String && s.text.trim().is_empty());
                let is_null = entry.value.value == Value::Null;
                if !reported_elsewhere(key) && ((is_null && required.contains(&key)) || blank_text)
                {
                    let anchor = if is_null { &entry.key } else { &entry.value };
                    findings.push(
                        context
                            .finding(
                                &EMPTY_TEXT,
                                anchor,
                                format!("`{}` is empty", path_text(path)),
                            )
                            .label("empty")
                            .help(match schema::description_at(path) {
                                Some(about) => format!("write it: {about}"),
                                None => format!("write the {key}, or remove the line"),
                            }),
                    );
                }
                visit(
                    context,
                    &entry.value,
                    shape.and_then(|shape| shape.child(key)),
                    path,
                    findings,
                );
                path.pop();
            }
        }
        Value::Seq(items) => {
            // A list of only empty entries under `responsible` is no-responsible's; one empty entry among
            // others is an empty entry.
            let owned_elsewhere = items.iter().all(Node::is_blank)
                && matches!(path.last(), Some(PathSegment::Key(key)) if reported_elsewhere(key));
            for (index, item) in items.iter().enumerate() {
                path.push(PathSegment::Index(index));
                if item.is_blank() && path.len() >= 2 && !owned_elsewhere {
                    findings.push(
                        context
                            .finding(
                                &EMPTY_TEXT,
                                item,
                                format!(
                                    "entry {} of `{}` is empty",
                                    index + 1,
                                    path_text(&path[..path.len() - 1])
                                ),
                            )
                            .label("empty entry")
                            .help("write the entry, or delete the line"),
                    );
                }
                visit(context, item, shape.and_then(Shape::items), path, findings);
                path.pop();
            }
        }
        Value::Scalar(scalar) if scalar.kind == ScalarKind::String => {
            let key = path.iter().rev().find_map(|segment| match segment {
                PathSegment::Key(key) => Some(*key),
                PathSegment::Index(_) => None,
            });
            inline_list(context, node, key.unwrap_or(""), path, findings);
            raw_html(context, node, findings);
            placeholder(context, node, findings);
        }
        _ => {}
    }
}

/// Keys whose values are YAML lists of names; elsewhere text is Markdown.
fn is_list_key(key: &str) -> bool {
    matches!(
        key,
        "responsible" | "authors" | "partners" | "metrics" | "instructions" | "by"
    )
}

fn inline_list(
    context: &FileContext<'_>,
    node: &Node,
    key: &str,
    path: &[PathSegment<'_>],
    findings: &mut Vec<Finding>,
) {
    let Some(scalar) = node.as_scalar() else {
        return;
    };
    let text = scalar.text.trim();
    if scalar.style == ScalarStyle::Block || text.contains('\n') || !text.starts_with('-') {
        return;
    }
    // `-5 - 10 procent` is a number or a range, not a list: a list's dash is never followed by a digit.
    if text[1..].starts_with(|c: char| c.is_ascii_digit()) {
        return;
    }
    if super::structure::wants_list_of_text(path) {
        // A text where a list of names belongs is reported by wrong-type, with the list to write: once is enough.
        return;
    }
    let items: Vec<&str> = text
        .split(" -")
        .map(|item| item.trim().trim_start_matches('-').trim())
        .filter(|item| !item.is_empty())
        .collect();
    if items.len() < 2 {
        return;
    }
    let help = if is_list_key(key) {
        let lines: Vec<String> = items.iter().map(|item| format!("  - {item}")).collect();
        format!(
            "write each item on its own line:\n{key}:\n{}",
            lines.join("\n")
        )
    } else {
        let lines: Vec<String> = items.iter().map(|item| format!("  - {item}")).collect();
        format!(
            "write it as a Markdown list, one item per line:\n{key}: |\n{}",
            lines.join("\n")
        )
    };
    findings.push(
        context
            .finding(
                &INLINE_LIST,
                node,
                format!(
                    "this looks like a list of {} items written on one line",
                    items.len()
                ),
            )
            .label("one line")
            .help(help)
            .fix_if(inline_list_fix(context, node, key, path, &items)),
    );
}

/// The list written out, one item per line: a YAML list where the field is a list of names, a Markdown list in a
/// `|` block where it is text.
fn inline_list_fix(
    context: &FileContext<'_>,
    node: &Node,
    key: &str,
    path: &[PathSegment<'_>],
    items: &[&str],
) -> Option<Fix> {
    let source = context.source;
    let text = &source.text;
    // The edit starts right after the key's colon, so no space is left at the end of the line.
    let before = text.get(..node.span.start)?;
    let colon = before.trim_end_matches([' ', '\t']);
    let start = if colon.ends_with(':') {
        colon.len()
    } else {
        node.span.start
    };
    let column = super::key_column(source, node);
    let indent = " ".repeat(column + 2);
    let (last, parent) = path.split_last()?;
    if is_list_key(key) {
        let mut written = String::new();
        if matches!(last, PathSegment::Index(_)) {
            // An entry of a list becomes several entries of the same list.
            let dash = " ".repeat(column.saturating_sub(2));
            for (index, item) in items.iter().enumerate() {
                if index > 0 {
                    written.push('\n');
                    written.push_str(&dash);
                    written.push_str("- ");
                }
                written.push_str(&crate::yaml_text::yaml_text(item));
            }
            let PathSegment::Index(at) = last else {
                return None;
            };
            let list = context.root.at_path(parent.iter().copied())?.to_json_text();
            let mut entries = list.as_array()?.clone();
            entries.splice(
                *at..=*at,
                items
                    .iter()
                    .map(|item| serde_json::Value::String((*item).to_owned())),
            );
            return Some(Fix::replace(
                Applicability::Safe,
                "write one entry per line",
                Span::new(node.span.start, node.span.len),
                written,
                Expect::Values(vec![(
                    super::pointer(parent),
                    serde_json::Value::Array(entries),
                )]),
            ));
        }
        for item in items {
            written.push('\n');
            written.push_str(&indent);
            written.push_str("- ");
            written.push_str(&crate::yaml_text::yaml_text(item));
        }
        let value = items
            .iter()
            .map(|item| serde_json::Value::String((*item).to_owned()));
        return Some(Fix::replace(
            Applicability::Safe,
            "write one entry per line",
            Span::new(start, node.span.end() - start),
            written,
            Expect::Values(vec![(super::pointer(path), value.collect())]),
        ));
    }
    if matches!(last, PathSegment::Index(_)) || items.iter().any(|item| item.contains('\n')) {
        return None;
    }
    let mut written = String::from(" |");
    let mut value = String::new();
    for item in items {
        written.push('\n');
        written.push_str(&indent);
        written.push_str("- ");
        written.push_str(item);
        value.push_str(&format!("- {item}\n"));
    }
    Some(Fix::replace(
        Applicability::Safe,
        "write one item per line",
        Span::new(start, node.span.end() - start),
        written,
        Expect::Values(vec![(
            super::pointer(path),
            serde_json::Value::String(value),
        )]),
    ))
}

/// Whether a text holds a placeholder of the `proc new` template.
pub fn is_placeholder(text: &str) -> bool {
    // Every placeholder starts with `<`, which lowercasing neither makes nor removes: most texts need no more.
    if !text.contains('<') {
        return false;
    }
    let lower = text.to_lowercase();
    PLACEHOLDER_STARTS.iter().any(|start| lower.contains(start))
}

fn placeholder(context: &FileContext<'_>, node: &Node, findings: &mut Vec<Finding>) {
    let Some(text) = node.as_text() else {
        return;
    };
    if !text.contains('<') {
        return;
    }
    let lower = text.to_lowercase();
    if let Some(start) = PLACEHOLDER_STARTS
        .iter()
        .find_map(|start| lower.find(start))
    {
        let shown: String = text[start..]
            .chars()
            .take_while(|c| *c != '>')
            .chain(std::iter::once('>'))
            .collect();
        findings.push(
            context
                .finding(
                    &PLACEHOLDER,
                    node,
                    format!("`{shown}` is a placeholder of the template"),
                )
                .label("fill in")
                .help("replace the placeholder, angle brackets included, with the real text"),
        );
    }
}

fn raw_html(context: &FileContext<'_>, node: &Node, findings: &mut Vec<Finding>) {
    let Some(text) = node.as_text() else {
        return;
    };
    let Some(tag) = first_html_tag(text) else {
        return;
    };
    let message = format!("the text contains the HTML tag `{tag}`, which is shown as plain text");
    // Underline the tag itself where it is written as it reads (not a whole long paragraph around it).
    let finding = match context.source.slice(node.span).find(tag) {
        Some(at) => Finding::new(
            &RAW_HTML,
            context.source,
            Some(Span::new(node.span.start + at, tag.len())),
            message,
        ),
        None => context.finding(&RAW_HTML, node, message),
    };
    findings.push(
        finding
            .label("HTML")
            .help("write an instruction link as `title:` and `url:`, and other links as Markdown: [title](https://…)"),
    );
}

/// HTML elements a pasted text is likely to hold; a `<` followed by anything else is not taken for a tag.
const HTML_TAGS: &[&str] = &[
    "a",
    "abbr",
    "b",
    "blockquote",
    "br",
    "button",
    "center",
    "code",
    "dd",
    "div",
    "dl",
    "dt",
    "em",
    "embed",
    "font",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "i",
    "iframe",
    "img",
    "input",
    "li",
    "link",
    "meta",
    "object",
    "ol",
    "p",
    "pre",
    "s",
    "script",
    "small",
    "span",
    "strong",
    "style",
    "sub",
    "sup",
    "svg",
    "table",
    "tbody",
    "td",
    "th",
    "thead",
    "tr",
    "u",
    "ul",
];

/// The first HTML tag in a text (`<a href="#">`, `</p>`, `<br/>`), but not an autolink (`<https://…>`), an
/// e-mail address in angle brackets, or a comparison (`x < 5`). A tag that is never closed with `>` is taken to
/// the end of its line.
fn first_html_tag(text: &str) -> Option<&str> {
    for (at, _) in text.match_indices('<') {
        let rest = &text[at + 1..];
        let name_part = rest.strip_prefix('/').unwrap_or(rest);
        let name_len = name_part
            .bytes()
            .take_while(u8::is_ascii_alphanumeric)
            .count();
        let name = name_part[..name_len].to_ascii_lowercase();
        let after = name_part[name_len..].chars().next();
        let ends_name = matches!(after, None | Some(' ' | '\t' | '\n' | '>' | '/'));
        if !ends_name || !HTML_TAGS.contains(&name.as_str()) {
            continue;
        }
        let end = rest
            .find('>')
            .map(|close| at + 1 + close + 1)
            .unwrap_or_else(|| at + 1 + rest.find('\n').unwrap_or(rest.len()));
        return Some(&text[at..end]);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::first_html_tag;

    #[test]
    fn html_tags_are_told_from_autolinks_and_comparisons() {
        assert_eq!(
            first_html_tag(r##"<a href="#">Lag</a>"##),
            Some(r##"<a href="#">"##)
        );
        assert_eq!(first_html_tag("rad<br/>rad"), Some("<br/>"));
        assert_eq!(first_html_tag("se <https://example.org>"), None);
        assert_eq!(first_html_tag("x < 5 and y > 3"), None);
        assert_eq!(first_html_tag("mail <a@b.fi>"), None);
        assert_eq!(
            first_html_tag(r#"Se <a href="https://finlex.fi">lagen</a>"#),
            Some(r#"<a href="https://finlex.fi">"#)
        );
        assert_eq!(
            first_html_tag(r#"Se <a href="https://finlex.fi" lagen"#),
            Some(r#"<a href="https://finlex.fi" lagen"#)
        );
        assert_eq!(first_html_tag("a <b and c>"), Some("<b and c>"));
    }
}
