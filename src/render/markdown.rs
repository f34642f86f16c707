//! Markdown in text fields, rendered safely with pulldown-cmark (the CommonMark library of rustdoc and mdBook:
//! maintained, fast, no dependencies we do not already have).
//!
//! Raw HTML in the text is shown as text, never passed through, and links go only to http, https, mailto and
//! relative targets (others keep their text and lose the link), so a process file cannot put a script or an
//! event handler into a page.

use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd, html};

use super::escape;

/// Renders Markdown to HTML that holds no raw HTML and no unsafe link.
pub fn to_html(markdown: &str) -> String {
    let mut dropped_links = 0usize;
    let events = Parser::new_ext(
        markdown,
        Options::ENABLE_STRIKETHROUGH | Options::ENABLE_TABLES,
    )
    .filter_map(|event| match event {
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
    });
    let mut out = String::new();
    html::push_html(
        &mut out,
        events.map(|event| match event {
            Event::Text(text) => Event::Text(CowStr::from(text.replace(
                [
                    '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}',
                    '\u{2067}', '\u{2068}', '\u{2069}',
                ],
                "",
            ))),
            other => other,
        }),
    );
    out
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
}
