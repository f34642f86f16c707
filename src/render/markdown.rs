//! Markdown in text fields, rendered safely with pulldown-cmark (the CommonMark library of rustdoc and mdBook:
//! maintained, fast, no dependencies we do not already have).
//!
//! Raw HTML in the text is shown as text, never passed through, and links go only to http, https, mailto and
//! relative targets (others keep their text and lose the link), so a process file cannot put a script or an
//! event handler into a page.
//!
//! Two departures from CommonMark, because the authors of process descriptions type their texts line by line
//! (or paste them from Word) and mean every line they typed: a single line break is a line break, not a space,
//! and a line that starts with a bullet such as `•` is a list item, as `- ` is.

use std::borrow::Cow;

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};
use serde_json::{Value, json};

use super::escape;

/// Bullets that a list pasted from Word or typed by hand starts its lines with, besides Markdown's own `-`, `*`
/// and `+`: the round, white, square and triangular bullets, the middle dot, the en dash of Swedish lists and
/// U+F0B7, the private-use character of Word's Symbol-font bullet, which no font here can show.
const TYPED_BULLETS: &[char] = &['•', '◦', '▪', '▫', '‣', '·', '–', '\u{F0B7}'];

/// The text with its typed lines made Markdown that shows them as typed: a line that starts with one of the
/// [`TYPED_BULLETS`] gets a Markdown bullet instead and so becomes a list item (Markdown lets a bullet list start
/// right under a line of text, so "Följande görs:\n• a\n• b" is a paragraph and a list), and a line at the margin
/// without a list marker after a list item starts a paragraph after the list instead of running on in the last
/// item, as it would in Word. Fenced code stays as it is, and so does a text that needs neither change.
fn typed_lines(markdown: &str) -> Cow<'_, str> {
    let mut out = String::with_capacity(markdown.len() + 16);
    let mut changed = false;
    // The fence character and length of the code block the line is in, if it is in one.
    let mut fence: Option<(char, usize)> = None;
    // Whether the lines above are a list item and its lines, and whether the last one was blank.
    let mut in_list = false;
    let mut after_blank = true;
    // The marker of the last item, which a typed bullet takes: Markdown starts a new list where the marker changes.
    let mut bullet = '-';
    for line in markdown.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let run = |ch: char| trimmed.chars().take_while(|c| *c == ch).count();
        if let Some((ch, length)) = fence {
            if run(ch) >= length && trimmed.trim_start_matches(ch).trim().is_empty() {
                fence = None;
            }
            out.push_str(line);
            continue;
        }
        if let Some(ch) = ['`', '~'].into_iter().find(|ch| run(*ch) >= 3) {
            fence = Some((ch, run(ch)));
            out.push_str(line);
            continue;
        }
        if trimmed.is_empty() {
            after_blank = true;
            out.push_str(line);
            continue;
        }
        // Indentation and quote markers stay, so a bullet can be nested or quoted as a `- ` can.
        let (lead, rest) =
            line.split_at(line.len() - line.trim_start_matches([' ', '\t', '>']).len());
        let rest = match typed_item(rest) {
            Some(item) => {
                changed = true;
                Cow::Owned(format!("{bullet} {item}"))
            }
            None => Cow::Borrowed(rest),
        };
        let item = match list_marker(&rest) {
            Some(Marker::Bullet(marker)) => {
                bullet = marker;
                true
            }
            // Markdown starts an ordered list under a line of text only at 1, so that "Mötet hålls den\n15. maj"
            // stays one paragraph: with its line break kept, it reads as typed.
            Some(Marker::Ordered(number)) => in_list || after_blank || number == 1,
            None => false,
        };
        let at_margin = lead.is_empty();
        if in_list && at_margin && !item && !after_blank {
            out.push('\n');
            changed = true;
        }
        if lead.contains('>') || (at_margin && !item) {
            in_list = false;
        } else if item {
            in_list = true;
        }
        after_blank = false;
        out.push_str(lead);
        out.push_str(&rest);
    }
    if changed {
        Cow::Owned(out)
    } else {
        Cow::Borrowed(markdown)
    }
}

/// The text of a line after a typed bullet and the space or tab after it, if the line is such a list item.
fn typed_item(line: &str) -> Option<&str> {
    let mut chars = line.chars();
    let bullet = chars.next().filter(|c| TYPED_BULLETS.contains(c))?;
    chars.next().filter(|c| matches!(c, ' ' | '\t'))?;
    let item = line[bullet.len_utf8()..].trim_start_matches([' ', '\t']);
    (!item.trim().is_empty()).then_some(item)
}

enum Marker {
    Bullet(char),
    Ordered(u64),
}

/// The list marker a line starts with, as Markdown reads it: `-`, `*` or `+`, or up to nine digits and `.` or
/// `)`, then a space or tab.
fn list_marker(line: &str) -> Option<Marker> {
    let digits = line.len() - line.trim_start_matches(|c: char| c.is_ascii_digit()).len();
    let (marker, after) = match digits {
        0 => match line.chars().next() {
            Some(marker @ ('-' | '*' | '+')) => (Marker::Bullet(marker), &line[1..]),
            _ => return None,
        },
        1..=9 => match line[digits..].chars().next() {
            Some('.' | ')') => (
                Marker::Ordered(line[..digits].parse().ok()?),
                &line[digits + 1..],
            ),
            _ => return None,
        },
        _ => return None,
    };
    after.starts_with([' ', '\t']).then_some(marker)
}

/// The Markdown events of a text with raw HTML turned into text, unsafe links unlinked, images reduced to their
/// alt text, bidi controls dropped, typed bullets made list items and every line break kept: what both the HTML
/// page and the PDF show.
fn safe_events(markdown: &str) -> impl Iterator<Item = Event<'_>> {
    let mut dropped_links = 0usize;
    let events: Vec<Event<'_>> = match typed_lines(markdown) {
        Cow::Borrowed(text) => Parser::new_ext(text, options()).collect(),
        // The parser borrows the text it reads, and the converted text lives only here.
        Cow::Owned(text) => Parser::new_ext(&text, options())
            .map(Event::into_static)
            .collect(),
    };
    events
        .into_iter()
        .filter_map(move |event| match event {
            Event::Html(raw) | Event::InlineHtml(raw) => Some(Event::Text(raw)),
            // The author typed this line break and means it.
            Event::SoftBreak => Some(Event::HardBreak),
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

fn options() -> Options {
    Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES
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
    use super::{to_html, to_tree};
    use serde_json::json;

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

    #[test]
    fn a_typed_line_break_is_a_line_break_and_one_line_is_as_before() {
        let text = "Anmälan tas emot\nBehovet bedöms\nBeslut fattas\n";
        assert_eq!(
            to_html(text),
            "<p>Anmälan tas emot<br />\nBehovet bedöms<br />\nBeslut fattas</p>\n"
        );
        assert_eq!(
            to_tree(text),
            json!([{"p": ["Anmälan tas emot", {"br": true}, "Behovet bedöms", {"br": true}, "Beslut fattas"]}])
        );
        assert_eq!(
            to_html("Anmälan *registreras*."),
            "<p>Anmälan <em>registreras</em>.</p>\n"
        );
        assert_eq!(
            to_html("Ett stycke\n\nett till"),
            "<p>Ett stycke</p>\n<p>ett till</p>\n"
        );
    }

    #[test]
    fn word_bullets_under_a_line_of_text_are_a_paragraph_and_a_list() {
        let text = "Följande görs:\n• Stödsamtal\n•\tHembesök\n◦ [Filmning](https://example.fi)\nSedan följs läget upp.\n";
        assert_eq!(
            to_html(text),
            "<p>Följande görs:</p>\n<ul>\n<li>Stödsamtal</li>\n<li>Hembesök</li>\n\
             <li><a href=\"https://example.fi\">Filmning</a></li>\n</ul>\n<p>Sedan följs läget upp.</p>\n"
        );
        assert_eq!(
            to_tree(text),
            json!([
                {"p": ["Följande görs:"]},
                {"list": {"ordered": false, "items": [
                    ["Stödsamtal"],
                    ["Hembesök"],
                    [{"link": {"url": "https://example.fi", "c": ["Filmning"]}}]
                ]}},
                {"p": ["Sedan följs läget upp."]}
            ])
        );
        // Markdown's own bullets right under a line, the other typed bullets, and a typed bullet that continues a
        // `*` list rather than starting a list of its own.
        for text in [
            "Följande görs:\n- a\n- b",
            "Följande görs:\n* a\n* b",
            "Följande görs:\n▪ a\n– b",
            "Följande görs:\n* a\n· b",
        ] {
            assert_eq!(
                to_html(text),
                "<p>Följande görs:</p>\n<ul>\n<li>a</li>\n<li>b</li>\n</ul>\n",
                "{text:?}"
            );
        }
        // Indented, a typed bullet nests as `- ` does.
        assert_eq!(
            to_tree("• a\n  ◦ b\n• c"),
            json!([{"list": {"ordered": false, "items": [
                ["a", {"list": {"ordered": false, "items": [["b"]]}}],
                ["c"]
            ]}}])
        );
    }

    #[test]
    fn what_is_not_a_typed_list_stays_as_it_was() {
        // Numbered lines under a line of text: a list from 1, as Markdown has it; any other number is a line.
        assert_eq!(
            to_html("Steg:\n1. a\n2. b"),
            "<p>Steg:</p>\n<ol>\n<li>a</li>\n<li>b</li>\n</ol>\n"
        );
        assert_eq!(
            to_html("Mötet hålls den\n15. maj"),
            "<p>Mötet hålls den<br />\n15. maj</p>\n"
        );
        // A bullet alone is no item, code is code, and raw HTML on a line of its own is still text.
        assert_eq!(to_html("•\n• "), "<p>•<br />\n•</p>\n");
        assert_eq!(
            to_html("```\n• kod\n```"),
            "<pre><code>• kod\n</code></pre>\n"
        );
        let out = to_html("Följande:\n• <script>alert(1)</script>\n<img src=x onerror=alert(1)>");
        assert!(!out.contains("<script") && !out.contains("<img"), "{out}");
        assert!(out.contains("<li>&lt;script&gt;"), "{out}");
    }
}
