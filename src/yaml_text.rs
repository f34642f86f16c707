//! Writing a text as a YAML scalar that reads back as the same text: what `proc` uses whenever it writes a value
//! into a file (`proc review`, `proc new`, `proc import`, `proc fmt` and the fixes of `proc lint --fix`).

/// Whether a character must be written as an escape in a YAML text: what YAML does not allow in a file (control
/// characters, U+FFFE, U+FFFF), what YAML 1.1 readers take for a line break (U+0085, U+2028, U+2029), and a byte
/// order mark, which a YAML reader takes for the start of a new stream.
pub fn needs_escape(ch: char) -> bool {
    ch.is_control()
        || matches!(
            ch,
            '\u{2028}' | '\u{2029}' | '\u{FEFF}' | '\u{FFFE}' | '\u{FFFF}'
        )
}

/// A YAML scalar for a text: plain when that is unambiguous, otherwise double-quoted (with every character that
/// [`needs_escape`] escaped, so the result reads back as the same text in every YAML reader).
pub fn yaml_text(text: &str) -> String {
    let plain_safe = !text.is_empty()
        && text.trim() == text
        && !text.starts_with([
            '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%',
            '@', '`', '+', '.', '<', '=',
        ])
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.ends_with(':')
        && !text.chars().any(|ch| needs_escape(ch) || ch == '\u{A0}')
        && !matches!(
            text.to_ascii_lowercase().as_str(),
            "y" | "yes" | "n" | "no" | "on" | "off" | "true" | "false" | "null" | "~"
        )
        && !text.starts_with(|c: char| c.is_ascii_digit());
    if plain_safe {
        return text.to_owned();
    }
    double_quoted(text)
}

/// A text as a double-quoted YAML scalar that reads back as the same text in every YAML reader.
pub fn double_quoted(text: &str) -> String {
    let mut quoted = String::from("\"");
    for ch in text.chars() {
        match ch {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\t' => quoted.push_str("\\t"),
            '\r' => quoted.push_str("\\r"),
            '\u{85}' => quoted.push_str("\\N"),
            '\u{2028}' => quoted.push_str("\\L"),
            '\u{2029}' => quoted.push_str("\\P"),
            c if needs_escape(c) => quoted.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_are_quoted_only_when_yaml_would_misread_them() {
        assert_eq!(yaml_text("Elina Sandkulla"), "Elina Sandkulla");
        assert_eq!(yaml_text("Obs: inga ändringar"), "\"Obs: inga ändringar\"");
        assert_eq!(yaml_text("no"), "\"no\"");
        assert_eq!(yaml_text("- punkt"), "\"- punkt\"");
        assert_eq!(yaml_text("säg \"hej\""), "säg \"hej\"");
        assert_eq!(yaml_text("\"hej\""), "\"\\\"hej\\\"\"");
        assert_eq!(yaml_text("2 ändringar"), "\"2 ändringar\"");
    }
    #[test]
    fn characters_yaml_readers_misread_are_escaped() {
        assert_eq!(yaml_text("rad\u{2028}två"), "\"rad\\Ltvå\"");
        assert_eq!(yaml_text("a\u{2029}b"), "\"a\\Pb\"");
        assert_eq!(yaml_text("a\u{85}b"), "\"a\\Nb\"");
        assert_eq!(yaml_text("\u{FEFF}Besök"), "\"\\uFEFFBesök\"");
        assert_eq!(yaml_text("a\u{FFFE}b"), "\"a\\uFFFEb\"");
        assert_eq!(yaml_text("a\rb"), "\"a\\rb\"");
        for text in [
            "rad\u{2028}två",
            "\u{FEFF}Besök",
            "a\u{FFFE}\u{FFFF}b",
            "a\u{85}b\u{7}",
        ] {
            let document = format!("key: {}\n", yaml_text(text));
            let read = crate::load::parse_text(&document);
            assert_eq!(
                read.as_ref()
                    .and_then(|root| root.get("key"))
                    .and_then(|node| node.as_text()),
                Some(text),
                "{document}"
            );
        }
    }
}
