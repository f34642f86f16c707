//! Markdown in text fields, rendered safely with pulldown-cmark (the CommonMark library of rustdoc and mdBook:
//! maintained, fast, no dependencies we do not already have).
//!
//! Raw HTML in the text is shown as text, never passed through, and links go only to http, https, mailto and
//! relative targets (others keep their text and lose the link), so a process file cannot put a script or an
//! event handler into a page.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};
use serde_json::{Value, json};

use super::escape;

/// The Markdown events of a text with raw HTML turned into text, unsafe links unlinked, images reduced to their
/// alt text and bidi controls dropped: what both the HTML page and the PDF show.
fn safe_events(markdown: &str) -> impl Iterator<Item = Event<'_>> {
    let mut dropped_links = 0usize;
    Parser::new_ext(
        markdown,
        Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES,
    )
    .filter_map(move |event| match event {
        Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
        Event::Start(Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        }) => match escape::safe_url(&dest_url) {
            Some(_) => Some(Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            })),
            None => {
                dropped_links += 1;
                None
            }
        },
        Event::End(TagEnd::Link) if dropped_links > 0 => {
            dropped_links -= 1;
            None
        }
        // Images would load from elsewhere; the page is self-contained. Their alt text stays.
        Event::Start(Tag::Image { .. }) | Event::End(TagEnd::Image) => None,
        other => Some(other),
    })
    .map(|event| match event {
        Event::Text(text) => Event::Text(CowStr::from(escape::plain(&text))),
        other => other,
    })
}

/// Renders Markdown to HTML that holds no raw HTML and no unsafe link.
pub fn to_html(markdown: &str) -> String {
    let mut out = String::new();
    html::push_html(&mut out, safe_events(markdown));
    out
}

/// Markdown as a tree of plain data for the PDF template, which builds the document from it with Typst's own
/// functions: text stays text there, so nothing in a process file can become Typst markup.
///
/// Blocks are `{"p": [...]}`, `{"h": [...]}`, `{"quote": [...]}`, `{"codeblock": "..."}` and
/// `{"list": {"ordered": bool, "items": [[...], ...]}}`; inline parts are strings, `{"strong": [...]}`,
/// `{"emph": [...]}`, `{"strike": [...]}`, `{"code": "..."}`, `{"link": {"url": "...", "c": [...]}}` and
/// `{"br": true}`. Anything else (a table, say) gives its content without its structure.
pub fn to_tree(markdown: &str) -> Value {
    let mut stack: Vec<(Option<Tag<'_>>, Vec<Value>)> = vec![(None, Vec::new())];
    for event in safe_events(markdown) {
        match event {
            Event::Start(tag) => stack.push((Some(tag), Vec::new())),
            Event::End(_) => {
                let Some((tag, children)) = stack.pop() else {
                    break;
                };
                let Some(parent) = stack.last_mut() else {
                    break;
                };
                match tag.map(|tag| node(tag, children)) {
                    Some(Node::One(value)) => parent.1.push(value),
                    Some(Node::Spread(values)) => {
                        for value in values {
                            push_inline(&mut parent.1, value);
                        }
                    }
                    None => {}
                }
            }
            Event::Text(text) => {
                if let Some(top) = stack.last_mut() {
                    push_inline(&mut top.1, Value::String(text.into_string()));
                }
            }
            Event::Code(code) => {
                if let Some(top) = stack.last_mut() {
                    top.1.push(json!({ "code": code.into_string() }));
                }
            }
            Event::SoftBreak => {
                if let Some(top) = stack.last_mut() {
                    push_inline(&mut top.1, Value::String(" ".into()));
                }
            }
            Event::HardBreak => {
                if let Some(top) = stack.last_mut() {
                    top.1.push(json!({ "br": true }));
                }
            }
            Event::TaskListMarker(done) => {
                if let Some(top) = stack.last_mut() {
                    push_inline(
                        &mut top.1,
                        Value::String(if done { "☑ " } else { "☐ " }.into()),
                    );
                }
            }
            _ => {}
        }
    }
    Value::Array(
        stack
            .into_iter()
            .next()
            .map(|(_, root)| root)
            .unwrap_or_default(),
    )
}

enum Node {
    One(Value),
    Spread(Vec<Value>),
}

fn node(tag: Tag<'_>, children: Vec<Value>) -> Node {
    match tag {
        Tag::Paragraph | Tag::TableRow | Tag::TableHead => {
            Node::One(json!({ "p": Value::Array(children) }))
        }
        Tag::Heading { .. } => Node::One(json!({ "h": Value::Array(children) })),
        Tag::BlockQuote(_) => Node::One(json!({ "quote": Value::Array(children) })),
        Tag::CodeBlock(_) => Node::One(json!({
            "codeblock": children
                .iter()
                .filter_map(Value::as_str)
                .collect::<String>()
        })),
        Tag::List(start) => Node::One(json!({
            "list": { "ordered": start.is_some(), "items": Value::Array(children) }
        })),
        Tag::Item => Node::One(Value::Array(children)),
        Tag::Emphasis => Node::One(json!({ "emph": Value::Array(children) })),
        Tag::Strong => Node::One(json!({ "strong": Value::Array(children) })),
        Tag::Strikethrough => Node::One(json!({ "strike": Value::Array(children) })),
        Tag::Link { dest_url, .. } => Node::One(json!({
            "link": { "url": dest_url.into_string(), "c": Value::Array(children) }
        })),
        Tag::TableCell => {
            let mut cell = children;
            cell.push(Value::String(" ".into()));
            Node::Spread(cell)
        }
        _ => Node::Spread(children),
    }
}

/// Appends a part, joining neighbouring strings so the tree stays small.
fn push_inline(parts: &mut Vec<Value>, value: Value) {
    if let (Some(Value::String(last)), Value::String(next)) = (parts.last_mut(), &value) {
        last.push_str(next);
        return;
    }
    parts.push(value);
}

#[cfg(test)]
mod tests {
    use super::to_html;

    #[test]
    fn raw_html_is_text_and_unsafe_links_lose_their_target() {
        let out = to_html("<script>alert(1)</script> and <img src=x onerror=alert(1)>");
        assert!(!out.contains("<script") && !out.contains("<img"), "{out}");
        let out = to_html("[klicka](javascript:alert(1)) och [lag](https://finlex.fi)");
        assert!(!out.contains("javascript"), "{out}");
        assert!(
            out.contains("klicka") && out.contains(r#"<a href="https://finlex.fi">lag</a>"#),
            "{out}"
        );
        let out = to_html("- Stödsamtal\n- Hembesök\n");
        assert!(out.contains("<li>Stödsamtal</li>"), "{out}");
    }

    #[test]
    fn the_tree_keeps_structure_and_drops_what_is_unsafe() {
        let tree = super::to_tree(
            "Ring **socialjouren** [här](https://example.fi) och [inte](javascript:x)\n\n- ett\n- två\n\n<b>x</b>",
        );
        assert_eq!(
            tree,
            serde_json::json!([
                {"p": ["Ring ", {"strong": ["socialjouren"]}, " ",
                       {"link": {"url": "https://example.fi", "c": ["här"]}}, " och inte"]},
                {"list": {"ordered": false, "items": [["ett"], ["två"]]}},
                {"p": ["<b>x</b>"]}
            ])
        );
    }
}
