//! Invisible characters from Word (non-breaking and zero-width spaces, soft hyphens, a stray byte order mark),
//! looked for in every file, read or not: where YAML needs a normal space or in a key they make YAML read the line
//! differently from how it looks.

use super::*;

/// The invisible characters that come with pasted text, with the names the messages use.
pub(super) const INVISIBLE: &[(char, &str)] = &[
    ('\u{A0}', "a non-breaking space"),
    ('\u{202F}', "a narrow non-breaking space"),
    ('\u{200B}', "a zero-width space"),
    ('\u{200C}', "a zero-width non-joiner"),
    ('\u{200D}', "a zero-width joiner"),
    ('\u{2060}', "a word joiner"),
    ('\u{AD}', "a soft hyphen"),
    ('\u{FEFF}', "a byte order mark (BOM)"),
];

/// Whether `c` is one of the invisible characters pasted text brings.
pub fn is_invisible(c: char) -> bool {
    INVISIBLE.iter().any(|(invisible, _)| *invisible == c)
}

/// Whether the text holds any of [`INVISIBLE`]. Every file is scanned, so only the characters that can start one
/// are decoded: each invisible character is written in UTF-8 with a first byte of 0xC2, 0xE2 or 0xEF, and the
/// Nordic letters (0xC3…) never are.
fn has_invisible(text: &str) -> bool {
    let bytes = text.as_bytes();
    memchr::memchr3_iter(0xC2, 0xE2, 0xEF, bytes).any(|at| {
        text.get(at..)
            .and_then(|rest| rest.chars().next())
            .is_some_and(is_invisible)
    })
}

/// A space that is not a normal space: written as a normal space by a fix, where the other invisible characters
/// are removed.
pub(super) fn is_nbsp(c: char) -> bool {
    matches!(c, '\u{A0}' | '\u{202F}')
}

pub(super) fn name_of(c: char) -> &'static str {
    INVISIBLE
        .iter()
        .find(|(invisible, _)| *invisible == c)
        .map_or("an invisible character", |(_, name)| name)
}

/// What the character is replaced with by a fix.
pub(super) fn replacement(c: char) -> &'static str {
    if is_nbsp(c) { " " } else { "" }
}

/// Where on a line an invisible character is, which decides what YAML made of it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Place {
    /// Before the first visible character (or after a list's `- `).
    Indent,
    /// Right after the `-` of a list entry, instead of the space.
    AfterDash,
    /// Inside a key.
    InKey,
    /// Right after `key:`, instead of the space.
    AfterColon,
    /// Anywhere else: only a byte order mark is reported there.
    Elsewhere,
}

/// Invisible characters where YAML needs a normal space or in a key: one finding per line, with a fix for the
/// whole line. `root` is the file's tree when it could be read (its texts are then skipped exactly).
pub fn invisible_characters(
    source: &Arc<SourceFile>,
    base: usize,
    root: Option<&Node>,
) -> Vec<Finding> {
    let text = &source.text[base..];
    if !has_invisible(text) {
        return Vec::new();
    }
    let lines = lines(source, base);
    let inside = content_lines(&lines, root);
    let mut findings = Vec::new();
    for line in &lines {
        let found = if inside.contains(&line.number) {
            // Inside a text only a byte order mark is wrong: YAML refuses it there.
            line.text
                .char_indices()
                .filter(|(_, c)| *c == '\u{FEFF}')
                .map(|(at, c)| (at, c, Place::Elsewhere))
                .collect()
        } else {
            structural_invisibles(line.text, root.is_some())
        };
        if let Some(finding) = invisible_finding(source, line, &found) {
            findings.push(finding);
        }
    }
    findings
}

/// The invisible characters in the structure of a line (indentation, list dashes, key, the space after `:`), and
/// byte order marks anywhere on it. Where the character may as well be part of a text (at the start of a list
/// entry's text, or `- Huom:` and a non-breaking space in a file that reads), it is left alone: only what
/// changes how YAML reads the line is reported.
pub(super) fn structural_invisibles(text: &str, parsed: bool) -> Vec<(usize, char, Place)> {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let mut found = Vec::new();
    // Characters before the first visible one, and whether a `-` came before them.
    let mut leading = Vec::new();
    let mut after_dash = false;
    let mut i = 0;
    loop {
        while let Some(&(at, c)) = chars.get(i) {
            if c == ' ' || c == '\t' {
                i += 1;
            } else if is_invisible(c) {
                leading.push((at, c, after_dash));
                i += 1;
            } else {
                break;
            }
        }
        match (chars.get(i), chars.get(i + 1)) {
            (Some((_, '-')), Some(&(at, next))) if is_nbsp(next) => {
                found.push((at, next, Place::AfterDash));
                after_dash = true;
                i += 2;
            }
            (Some((_, '-')), Some((_, ' '))) => {
                after_dash = true;
                i += 2;
            }
            _ => break,
        }
    }
    // A key: letters, digits, `_`, `-` and invisible characters (but not a non-breaking space) up to `:`.
    let key_start = i;
    while let Some(&(_, c)) = chars.get(i) {
        if c.is_alphanumeric() || c == '_' || c == '-' || (is_invisible(c) && !is_nbsp(c)) {
            i += 1;
        } else {
            break;
        }
    }
    let colon = i > key_start && chars.get(i).is_some_and(|(_, c)| *c == ':');
    let after = chars.get(i + 1).map(|(_, c)| *c);
    let is_key = colon && after.is_none_or(|c| c == ' ' || c == '\t');
    let nbsp_after = colon && after.is_some_and(is_nbsp);
    if is_key {
        found.extend(
            chars[key_start..i]
                .iter()
                .filter(|(_, c)| is_invisible(*c))
                .map(|&(at, c)| (at, c, Place::InKey)),
        );
    }
    if nbsp_after
        && (!parsed || !after_dash)
        && let Some(&(at, c)) = chars.get(i + 1)
    {
        found.push((at, c, Place::AfterColon));
    }
    found.extend(
        leading
            .into_iter()
            .filter(|&(_, c, dash)| is_key || nbsp_after || (is_nbsp(c) && !dash))
            .map(|(at, c, _)| (at, c, Place::Indent)),
    );
    let taken: Vec<usize> = found.iter().map(|(at, _, _)| *at).collect();
    found.extend(
        chars
            .iter()
            .filter(|(at, c)| *c == '\u{FEFF}' && !taken.contains(at))
            .map(|&(at, c)| (at, c, Place::Elsewhere)),
    );
    found.sort_by_key(|(at, _, _)| *at);
    found
}

pub(super) fn invisible_finding(
    source: &Arc<SourceFile>,
    line: &Line<'_>,
    found: &[(usize, char, Place)],
) -> Option<Finding> {
    let &(at, c, place) = found.first()?;
    let name = name_of(c);
    let mut fixed = line.text.to_owned();
    for &(at, c, _) in found.iter().rev() {
        fixed.replace_range(at..at + c.len_utf8(), replacement(c));
    }
    // The key or text right after the character, as the reader sees it.
    let word = |from: usize| -> String {
        let rest = &line.text[from..];
        let rest: String = rest
            .chars()
            .filter(|c| !is_invisible(*c))
            .collect::<String>();
        let rest = rest.trim_start();
        match split_key(rest) {
            Some((key, _)) => format!("`{key}:`"),
            None => format!("`{}`", rest.chars().take(30).collect::<String>().trim_end()),
        }
    };
    let after = at + c.len_utf8();
    let (message, label) = match place {
        Place::Indent if is_nbsp(c) => (
            format!(
                "this line is indented with {name}, invisible here: YAML indents only with normal spaces, so it does not read {} as indented the way it looks",
                word(after)
            ),
            "non-breaking space".to_owned(),
        ),
        _ if c == '\u{FEFF}' => (
            format!(
                "there is {name}, invisible here, in the middle of the file: it belongs only at the very start of a file, and YAML refuses it anywhere else"
            ),
            "byte order mark".to_owned(),
        ),
        Place::Indent => {
            let rest: String = line.text[after..]
                .chars()
                .filter(|c| !is_invisible(*c))
                .collect();
            let message = match split_key(rest.trim_start()) {
                Some((key, _)) => format!(
                    "there is {name}, invisible here, before `{key}`: YAML reads it as part of the key, so the key is not `{key}`"
                ),
                None => format!(
                    "there is {name}, invisible here, before {}: YAML reads it as part of the text",
                    word(after)
                ),
            };
            (message, name.trim_start_matches("a ").to_owned())
        }
        Place::AfterDash => (
            format!(
                "after `-` comes {name}, invisible here, instead of a normal space: YAML needs a normal space after `-`, so it reads `{}` as a text rather than as an entry of a list",
                line.text[at - 1..].trim_end()
            ),
            "not a normal space".to_owned(),
        ),
        Place::AfterColon => {
            let key = line.text[..at]
                .trim_start_matches([' ', '-'])
                .trim_end_matches(':');
            (
                format!(
                    "after `{key}:` comes {name}, invisible here, instead of a normal space: YAML needs a normal space after the colon, so it does not read `{key}` as a key but the whole line as one text"
                ),
                "not a normal space".to_owned(),
            )
        }
        Place::InKey => {
            let written = &line.text[..at];
            let start = written.len() - written.trim_start_matches([' ', '-']).len();
            let key_end = line.text[start..]
                .find(':')
                .map_or(line.text.len(), |end| start + end);
            let key: String = line.text[start..key_end]
                .chars()
                .filter(|c| !is_invisible(*c))
                .collect();
            (
                format!(
                    "the key `{key}` has {name} in it, invisible here: YAML reads it as another key than `{key}`"
                ),
                name.trim_start_matches("a ").to_owned(),
            )
        }
        Place::Elsewhere => (
            format!(
                "there is {name}, invisible here, in the middle of the file: it belongs only at the very start of a file, and YAML refuses it anywhere else"
            ),
            "byte order mark".to_owned(),
        ),
    };
    let what = if found.iter().all(|(_, c, _)| is_nbsp(*c)) {
        "write a normal space instead"
    } else if found.iter().any(|(_, c, _)| is_nbsp(*c)) {
        "write normal spaces and delete the invisible characters"
    } else {
        "delete the invisible character"
    };
    let all_spaces = found.iter().all(|(_, c, _)| is_nbsp(*c));
    let title = match (all_spaces, found.len()) {
        (true, 1) => "replace the non-breaking space with a normal space",
        (true, _) => "replace the non-breaking spaces with normal spaces",
        (false, 1) => "remove the invisible character",
        _ => "replace the invisible characters",
    };
    let edits = found
        .iter()
        .map(|&(at, c, _)| Edit {
            span: Span::new(line.start + at, c.len_utf8()),
            replacement: replacement(c).to_owned(),
        })
        .collect();
    Some(
        Finding::new(
            &INVISIBLE_CHARACTER,
            source,
            Some(Span::new(line.start + at, c.len_utf8())),
            message,
        )
        .label(label)
        .help(format!("{what}; the line then reads:\n{fixed}"))
        .fix(Fix {
            title: title.into(),
            applicability: Applicability::Safe,
            edits,
            expect: Expect::Invisible,
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_invisible_character_is_found_and_visible_non_ascii_text_is_not() {
        for (c, name) in INVISIBLE {
            assert!(has_invisible(&format!("namn: a{c}b")), "{name} not found");
            assert!(has_invisible(&format!("{c}")), "{name} alone not found");
        }
        assert!(!has_invisible(
            "namn: Åsa Öberg – “citat” ‘x’ • punkt … ä ö é ü € ™"
        ));
        assert!(!has_invisible(""));
    }
}
