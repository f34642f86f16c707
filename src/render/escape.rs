//! Escaping user text for HTML and SVG. Every text from a process file goes through here, so nothing a file
//! holds can become markup.

/// Escapes text for an HTML or SVG text node or a double-quoted attribute value. Unicode bidirectional controls
/// are dropped: in a page they can make a line read differently from what it says.
pub fn text(value: &str) -> String {
    let mut escaped = String::with_capacity(value.len());
    for ch in value.chars() {
        match ch {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c if is_hidden(c) => {}
            c => escaped.push(c),
        }
    }
    escaped
}

/// Text with the bidi and control characters dropped that [`text`] drops, for output that is not HTML (the PDF).
pub fn plain(value: &str) -> String {
    value.chars().filter(|c| !is_hidden(*c)).collect()
}

/// [`plain`] text on one line, for the PDF's fields that are not Markdown (names, the goal, roles): the page shows
/// their line breaks as spaces, as HTML does, and so must the PDF, where a break would also split the footer. The
/// trailing line break of a YAML `|` block goes with them.
pub fn line(value: &str) -> String {
    if !value.contains(['\n', '\r']) {
        return plain(value);
    }
    let lines: Vec<&str> = value
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect();
    plain(&lines.join(" "))
}

/// Bidi controls, which can make a line read differently from what it says, control characters other than
/// line breaks and tabs, and U+FFFE and U+FFFF, which YAML lets through but XML forbids (`ID.svg` would not open).
fn is_hidden(c: char) -> bool {
    matches!(c, '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FFFE}' | '\u{FFFF}')
        || (c.is_control() && !matches!(c, '\n' | '\t'))
}

/// A link target that may be published: http, https, mailto or relative; anything else is `None`.
pub fn safe_url(url: &str) -> Option<&str> {
    let url = url.trim();
    if url.is_empty() || crate::rules::links::link_problem(url).is_some() {
        return None;
    }
    Some(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_and_bidi_controls_cannot_pass() {
        assert_eq!(
            text("<script>a&b</script>"),
            "&lt;script&gt;a&amp;b&lt;/script&gt;"
        );
        assert_eq!(text("\" onerror=\"x"), "&quot; onerror=&quot;x");
        assert_eq!(text("abc\u{202E}def"), "abcdef");
        // Noncharacters YAML allows and XML forbids: a standalone ID.svg with one would not open.
        assert_eq!(text("A\u{FFFE}B\u{FFFF}"), "AB");
        assert_eq!(line("Anmälan\n  tas emot\n\n"), "Anmälan tas emot");
        assert_eq!(line(" Anmälan  tas\u{202E} emot "), " Anmälan  tas emot ");
        assert_eq!(safe_url("javascript:alert(1)"), None);
        assert_eq!(safe_url(" JaVa\tScript:alert(1)"), None);
        assert_eq!(safe_url("#"), None);
        assert_eq!(safe_url("https://finlex.fi"), Some("https://finlex.fi"));
        assert_eq!(safe_url("andra.html"), Some("andra.html"));
    }
}
