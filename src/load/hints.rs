//! Plain-words diagnoses of the YAML mistakes coordinators make, for the loading stage.
//!
//! The YAML parser says where it gave up in the words of the YAML specification ("mapping values are not allowed
//! in this context"), and often on a line next to the mistake. Each diagnosis here recognises one kind of mistake
//! on or next to that line, repairs it in a copy of the text and reads the copy again. It is reported only when
//! the repair makes the file readable, or at least moves the parser's stop to a later line, so that the message
//! names the real mistake, on its line, and the help, copied as it is, fixes it.
//!
//! Invisible characters from Word are looked for in every file, read or not: where YAML needs a normal space (in
//! the indentation, after `key:` or `-`) or in a key they make YAML read the line differently from how it looks.

use std::collections::BTreeSet;
use std::sync::Arc;

use super::{INVALID_YAML, Node, TAB_INDENT, Value, parse};
use crate::finding::{Applicability, Edit, Expect, Finding, Fix};
use crate::source::{SourceFile, Span};

pub use crate::rules::registry::INVISIBLE_CHARACTER;

/// The invisible characters that come with pasted text, with the names the messages use.
const INVISIBLE: &[(char, &str)] = &[
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

/// A space that is not a normal space: written as a normal space by a fix, where the other invisible characters
/// are removed.
fn is_nbsp(c: char) -> bool {
    matches!(c, '\u{A0}' | '\u{202F}')
}

fn name_of(c: char) -> &'static str {
    INVISIBLE
        .iter()
        .find(|(invisible, _)| *invisible == c)
        .map_or("an invisible character", |(_, name)| name)
}

/// What the character is replaced with by a fix.
fn replacement(c: char) -> &'static str {
    if is_nbsp(c) { " " } else { "" }
}

/// One line of the file: its 1-based number, where it starts, and its text without the line ending.
#[derive(Clone, Copy)]
struct Line<'a> {
    number: usize,
    start: usize,
    text: &'a str,
}

impl Line<'_> {
    fn is_blank(&self) -> bool {
        let trimmed = self.text.trim_start_matches([' ', '\t']);
        trimmed.is_empty() || trimmed.starts_with('#')
    }

    /// The number of spaces before the first other character.
    fn indent(&self) -> usize {
        self.text.len() - self.text.trim_start_matches(' ').len()
    }

    /// The columns where keys can start on this line: after the indentation, and after each `- `.
    fn key_columns(&self) -> Vec<usize> {
        let mut columns = vec![self.indent()];
        let mut rest = &self.text[self.indent()..];
        while let Some(after) = rest.strip_prefix("- ") {
            let after = after.trim_start_matches(' ');
            let column = self.text.len() - after.len();
            columns.push(self.text[..column].chars().count());
            rest = after;
        }
        columns
    }

    /// The key that starts at a column of this line (`name` for `  - name: A` at 4), if one does.
    fn key_at(&self, column: usize) -> Option<&str> {
        let rest = self.text.get(column..)?;
        let (key, _) = split_key(rest)?;
        Some(key)
    }
}

/// `key` and what follows `key:` when `text` starts with a key made of letters, digits, `_` and `-`, followed by
/// `:` and a space or the end of the line.
fn split_key(text: &str) -> Option<(&str, &str)> {
    let end = text
        .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
        .unwrap_or(text.len());
    let key = &text[..end];
    let after = text[end..].strip_prefix(':')?;
    if key.is_empty() || !(after.is_empty() || after.starts_with([' ', '\t'])) {
        return None;
    }
    Some((key, after))
}

fn lines(source: &SourceFile, base: usize) -> Vec<Line<'_>> {
    let mut lines = Vec::new();
    let mut start = base;
    for raw in source.text[base..].split_inclusive('\n') {
        let text = raw.strip_suffix('\n').unwrap_or(raw);
        let text = text.strip_suffix('\r').unwrap_or(text);
        lines.push(Line {
            number: source.line_column(start).line,
            start,
            text,
        });
        start += raw.len();
    }
    lines
}

/// The lines that are the inside of a text rather than YAML structure: the lines of a `|` or `>` block, and the
/// continuation lines of a text written over several lines. From the tree when the file could be read; otherwise
/// the `|` and `>` blocks, found by their header and indentation.
fn content_lines(lines: &[Line<'_>], root: Option<&Node>) -> BTreeSet<usize> {
    let mut inside = BTreeSet::new();
    if let Some(root) = root {
        let mut spans = Vec::new();
        let mut stack = vec![root];
        while let Some(node) = stack.pop() {
            match &node.value {
                Value::Scalar(_) => spans.push(node.span),
                Value::Seq(items) => stack.extend(items),
                Value::Map(entries) => {
                    for entry in entries {
                        spans.push(entry.key.span);
                        stack.push(&entry.value);
                    }
                }
                Value::Null => {}
            }
        }
        for line in lines {
            if spans
                .iter()
                .any(|span| span.start < line.start && line.start < span.end())
            {
                inside.insert(line.number);
            }
        }
        return inside;
    }
    let mut block: Option<usize> = None;
    for line in lines {
        if let Some(header) = block {
            if line.text.trim().is_empty() || line.indent() > header {
                inside.insert(line.number);
                continue;
            }
            block = None;
        }
        if is_block_header(line.text) {
            block = Some(line.indent());
        }
    }
    inside
}

/// Whether a line ends with `|` or `>` (with a chomping or indentation indicator) after `key:` or `-`: the lines
/// below it are a text.
fn is_block_header(text: &str) -> bool {
    let text = match text.find(" #") {
        Some(comment) => &text[..comment],
        None => text,
    };
    let text = text.trim_end();
    let head = text.trim_end_matches(['-', '+', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
    let Some(head) = head.strip_suffix(['|', '>']) else {
        return false;
    };
    head.ends_with(": ") || head.ends_with("- ") || head.trim().is_empty() || head.ends_with(':')
}

/// Where on a line an invisible character is, which decides what YAML made of it.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
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
    if !text.chars().any(is_invisible) {
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
fn structural_invisibles(text: &str, parsed: bool) -> Vec<(usize, char, Place)> {
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

fn invisible_finding(
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

/// What reading a repaired copy of the file gave.
#[derive(Debug, PartialEq)]
enum Trial {
    /// It reads: the values, for comparing repairs.
    Reads(serde_json::Value),
    /// It still does not read: the 1-based line where the parser stopped.
    StopsAt(usize),
}

/// Reads the file with `edits` made (edits that add no line breaks, so line numbers stay comparable).
fn trial(source: &SourceFile, base: usize, edits: &[Edit]) -> Trial {
    let mut text = source.text.clone();
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|edit| std::cmp::Reverse(edit.span.start));
    for edit in sorted {
        let range = edit.span.start..edit.span.end();
        if text.get(range.clone()).is_none() {
            return Trial::StopsAt(0);
        }
        text.replace_range(range, &edit.replacement);
    }
    let line_of = |offset: usize| {
        text.get(..offset)
            .map_or(usize::MAX, |before| before.matches('\n').count() + 1)
    };
    match parse::parse(&text[base..], base) {
        Ok(Some(document)) => Trial::Reads(document.root.to_json_text()),
        Ok(None) => Trial::Reads(serde_json::Value::Null),
        Err(
            parse::ParseError::Syntax { offset, .. }
            | parse::ParseError::Limit { offset, .. }
            | parse::ParseError::SecondDocument { offset },
        ) => Trial::StopsAt(line_of(offset)),
    }
}

/// A repair judged by reading the file with it: it makes the file read, or gets the parser past `failed_line`.
fn helps(trial: &Trial, failed_line: usize) -> bool {
    match trial {
        Trial::Reads(_) => true,
        Trial::StopsAt(line) => *line > failed_line,
    }
}

/// A better finding than the parser's message for a file that cannot be read, when one of the diagnoses
/// recognises the mistake on or next to the line where the parser stopped.
pub fn syntax(source: &Arc<SourceFile>, base: usize, offset: usize) -> Option<Vec<Finding>> {
    let failed_line = source.line_column(offset).line;
    let lines = lines(source, base);
    let near: Vec<&Line<'_>> = lines
        .iter()
        .filter(|line| line.number == failed_line || line.number + 1 == failed_line)
        .rev()
        .collect();
    if let Some(findings) = tabs(source, base, &lines, failed_line) {
        return Some(findings);
    }
    for line in &near {
        if let Some(finding) = missing_space(source, base, line, failed_line) {
            return Some(vec![finding]);
        }
    }
    for line in &near {
        if let Some(finding) = needs_quotes(source, base, line, failed_line) {
            return Some(vec![finding]);
        }
    }
    for line in &near {
        if let Some(finding) = misindented(source, base, &lines, line, failed_line) {
            return Some(vec![finding]);
        }
    }
    None
}

/// Lines indented with a tab, where the tab stands for indentation (not a tab inside a `|` text, further right
/// than the text's own indentation). All of them are fixed together: the file reads only when every one is.
fn tabs(
    source: &Arc<SourceFile>,
    base: usize,
    lines: &[Line<'_>],
    failed_line: usize,
) -> Option<Vec<Finding>> {
    let mut tabbed = Vec::new();
    let mut previous: Option<&Line<'_>> = None;
    for line in lines {
        let leading = line.text.len() - line.text.trim_start_matches([' ', '\t']).len();
        if leading == line.text.len() {
            continue;
        }
        if let Some(tab) = line.text[..leading].find('\t') {
            let above = previous.map_or(0, |line| {
                line.text.len() - line.text.trim_start_matches([' ', '\t']).len()
            });
            if tab <= above {
                tabbed.push((*line, leading, previous.copied()));
            }
        }
        previous = Some(line);
    }
    if tabbed.is_empty() {
        return None;
    }
    // Ways to write the indentation with spaces: a tab as 2, 4 or 8 spaces, as editors show it, or lined up with
    // a key on the line above.
    let mut candidates: Vec<Vec<Edit>> = Vec::new();
    let expand = |width: usize| -> Vec<Edit> {
        tabbed
            .iter()
            .map(|(line, leading, _)| Edit {
                span: Span::new(line.start, *leading),
                replacement: line.text[..*leading].replace('\t', &" ".repeat(width)),
            })
            .collect()
    };
    if let [(line, leading, Some(above))] = tabbed.as_slice() {
        for column in above.key_columns() {
            candidates.push(vec![Edit {
                span: Span::new(line.start, *leading),
                replacement: " ".repeat(column),
            }]);
        }
    }
    for width in [2, 4, 8] {
        candidates.push(expand(width));
    }
    let outcomes: Vec<(Vec<Edit>, Trial)> = candidates
        .into_iter()
        .map(|edits| {
            let outcome = trial(source, base, &edits);
            (edits, outcome)
        })
        .collect();
    let reads: Vec<&(Vec<Edit>, Trial)> = outcomes
        .iter()
        .filter(|(_, outcome)| matches!(outcome, Trial::Reads(_)))
        .collect();
    let fix = reads.first().map(|(edits, _)| {
        let trees: Vec<&Trial> = reads.iter().map(|(_, outcome)| outcome).collect();
        let same = trees.windows(2).all(|pair| pair[0] == pair[1]);
        Fix {
            title: if tabbed.len() == 1 {
                "replace the tab with spaces".into()
            } else {
                "replace the tabs with spaces".into()
            },
            applicability: if same {
                Applicability::Safe
            } else {
                Applicability::Unsafe
            },
            edits: edits.clone(),
            expect: Expect::Whitespace,
        }
    });
    let near_failure = tabbed
        .iter()
        .any(|(line, _, _)| line.number + 1 >= failed_line && line.number <= failed_line + 1);
    if fix.is_none() && !near_failure {
        return None;
    }
    let blocks = content_lines(lines, None);
    let findings = tabbed
        .iter()
        .map(|(line, leading, above)| {
            let tab = line.text.find('\t').unwrap_or(0);
            let in_text = above.is_some_and(|above| {
                blocks.contains(&above.number) || is_block_header(above.text)
            });
            let fixed = fix.as_ref().and_then(|fix| {
                fix.edits
                    .iter()
                    .find(|edit| edit.span.start == line.start)
                    .map(|edit| format!("{}{}", edit.replacement, &line.text[*leading..]))
            });
            let message = if in_text {
                "this line of the text is indented with a tab: YAML allows tabs inside a `|` text, but not before it, in the indentation"
            } else {
                "this line is indented with a tab: YAML allows only spaces for indentation"
            };
            let help = match &fixed {
                Some(fixed) => format!(
                    "replace the tab with spaces; the line then reads:\n{fixed}"
                ),
                None => "replace the tab with spaces, as many as the lines around it are indented".to_owned(),
            };
            Finding::new(
                &TAB_INDENT,
                source,
                Some(Span::new(line.start + tab, 1)),
                message,
            )
            .label("tab")
            .help(help)
            .fix_if(fix.clone())
        })
        .collect();
    Some(findings)
}

/// `key:text` with no space after the colon: YAML reads it as one text, not as a key.
fn missing_space(
    source: &Arc<SourceFile>,
    base: usize,
    line: &Line<'_>,
    failed_line: usize,
) -> Option<Finding> {
    let column = *line.key_columns().last()?;
    let rest = line.text.get(column..)?;
    let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))?;
    let key = &rest[..end];
    let after = rest[end..].strip_prefix(':')?;
    let first = after.chars().next()?;
    // `http://…` and `08:30` are texts with a colon in them, not keys.
    if key.is_empty()
        || first == ' '
        || first == '\t'
        || first == '/'
        || first == ':'
        || key.chars().all(|c| c.is_ascii_digit())
        || ["http", "https", "mailto"].contains(&key)
    {
        return None;
    }
    let colon = line.start + column + end + 1;
    let edit = Edit {
        span: Span::new(colon, 0),
        replacement: " ".to_owned(),
    };
    let outcome = trial(source, base, std::slice::from_ref(&edit));
    if !helps(&outcome, failed_line) {
        return None;
    }
    let fixed = format!(
        "{}: {}",
        &line.text[..column + end],
        &line.text[column + end + 1..]
    );
    let fix = matches!(outcome, Trial::Reads(_)).then(|| Fix {
        title: "put a space after the colon".into(),
        applicability: Applicability::Safe,
        edits: vec![edit],
        expect: Expect::Whitespace,
    });
    let value = after.trim_end();
    Some(
        Finding::new(
            &INVALID_YAML,
            source,
            Some(Span::new(colon - 1, 1)),
            format!(
                "there is no space after `{key}:`, so YAML does not read `{key}` as a key: it reads `{key}:{value}` as one text"
            ),
        )
        .label("no space after the colon")
        .help(format!(
            "put a space after the colon; the line then reads:\n{fixed}"
        ))
        .fix_if(fix),
    )
}

/// What YAML makes of a text that starts with `first`, when it is not quoted.
fn indicator_meaning(first: char) -> Option<&'static str> {
    Some(match first {
        '*' => {
            "YAML reads `*` at the start of a value as a reference to another value (an alias), not as text"
        }
        '&' => "YAML reads `&` at the start of a value as the name of an anchor, not as text",
        '[' => {
            "YAML reads `[` at the start of a value as the start of a list written in brackets, not as text"
        }
        '{' => {
            "YAML reads `{` at the start of a value as the start of keys written in braces, not as text"
        }
        '@' | '`' => {
            "YAML reserves this character at the start of a value: a text cannot start with it unless it is quoted"
        }
        '%' => "YAML reads `%` at the start of a value as a directive, not as text",
        '|' | '>' => {
            "YAML reads `|` or `>` after a key as the start of a text written on the lines below, so nothing may follow it on this line"
        }
        '"' | '\'' => {
            "the text starts with a quote, so YAML reads only the quoted part as the value, and the rest of the line cannot follow it"
        }
        '”' | '“' | '„' | '‘' | '’' => {
            "curly quotes from Word do not quote a text in YAML, so the `: ` inside it reads as the start of another key"
        }
        _ => return None,
    })
}

/// A text on a `key: text` or `- text` line that YAML cannot read as it is: it starts with a character YAML
/// gives a meaning (`*`, `[`, `@`, a quote) or holds `: `. Quoting the whole text fixes it.
fn needs_quotes(
    source: &Arc<SourceFile>,
    base: usize,
    line: &Line<'_>,
    failed_line: usize,
) -> Option<Finding> {
    let column = *line.key_columns().last()?;
    let rest = line.text.get(column..)?;
    let (value_at, key) = match split_key(rest) {
        Some((key, after)) => {
            let value = after.trim_start_matches(' ');
            (line.text.len() - value.len(), Some(key))
        }
        None if column > line.indent() => (column, None),
        None => return None,
    };
    let value = line.text[value_at..].trim_end();
    let first = value.chars().next()?;
    let meaning = match indicator_meaning(first) {
        Some(meaning) => meaning,
        None if value.contains(": ") => {
            "the text holds `: `, which YAML reads as the start of another key"
        }
        None => return None,
    };
    let curly = ['”', '“', '„', '‘', '’'];
    if curly.contains(&first) && !value.contains(": ") {
        return None;
    }
    // A quote that is never closed is not text that starts with a quote: the generic hint says to close it.
    if matches!(first, '"' | '\'') && !value[1..].contains(first) {
        return None;
    }
    // Where YAML went wrong: at the character it gave a meaning, or at the `: ` it read as a key.
    let (at, len) = match (indicator_meaning(first), value.find(": ")) {
        (Some(_), _) if !curly.contains(&first) => (value_at, first.len_utf8()),
        (_, Some(colon)) => (value_at + colon, 1),
        _ => (value_at, first.len_utf8()),
    };
    // A text wrapped in curly quotes gets straight ones instead, so that it does not keep the curly ones.
    let last = value.chars().next_back().unwrap_or(first);
    let inner = value
        .get(first.len_utf8()..value.len().saturating_sub(last.len_utf8()))
        .unwrap_or_default();
    let (text, instead) = if curly.contains(&first)
        && curly.contains(&last)
        && value.chars().count() > 1
        && !inner.contains(curly)
    {
        (inner, "write straight quotes instead of the curly ones")
    } else {
        (value, "put the whole text in straight quotes")
    };
    let quoted = crate::yaml_text::double_quoted(text);
    let edit = Edit {
        span: Span::new(line.start + value_at, value.len()),
        replacement: quoted.clone(),
    };
    let outcome = trial(source, base, std::slice::from_ref(&edit));
    if !helps(&outcome, failed_line) {
        return None;
    }
    let fix = matches!(outcome, Trial::Reads(_)).then(|| Fix {
        title: if text.len() == value.len() {
            "put the text in quotes".into()
        } else {
            "write straight quotes".into()
        },
        applicability: Applicability::Safe,
        edits: vec![edit],
        expect: Expect::Reads(text.to_owned()),
    });
    let whose = key.map_or("this list entry".to_owned(), |key| format!("`{key}`"));
    Some(
        Finding::new(
            &INVALID_YAML,
            source,
            Some(Span::new(line.start + at, len)),
            format!("the text of {whose} cannot be read as it is written: {meaning}"),
        )
        .label("read as YAML, not as text")
        .help(format!(
            "{instead}; the line then reads:\n{}{quoted}",
            &line.text[..value_at]
        ))
        .fix_if(fix),
    )
}

/// A key line indented more or less than the keys it belongs with.
fn misindented(
    source: &Arc<SourceFile>,
    base: usize,
    lines: &[Line<'_>],
    line: &Line<'_>,
    failed_line: usize,
) -> Option<Finding> {
    let indent = line.indent();
    let rest = &line.text[indent..];
    if rest.starts_with('\t') || !(split_key(rest).is_some() || rest.starts_with("- ")) {
        return None;
    }
    let blocks = content_lines(lines, None);
    let above: Vec<&Line<'_>> = lines
        .iter()
        .filter(|other| {
            other.number < line.number && !other.is_blank() && !blocks.contains(&other.number)
        })
        .collect();
    let previous = above.last()?;
    // The columns a key here could belong to: those of the line above first, then of the lines that hold it.
    let mut columns: Vec<(usize, usize)> = Vec::new();
    let mut add = |column: usize, number: usize| {
        if column != indent && !columns.iter().any(|(c, _)| *c == column) {
            columns.push((column, number));
        }
    };
    let mut near: Vec<usize> = previous.key_columns();
    near.sort_by_key(|column| column.abs_diff(indent));
    for column in near {
        add(column, previous.number);
    }
    let mut limit = previous.indent();
    for other in above.iter().rev().skip(1) {
        if other.indent() < limit {
            limit = other.indent();
            for column in other.key_columns() {
                add(column, other.number);
            }
        }
        if limit == 0 {
            break;
        }
    }
    let outcomes: Vec<(usize, usize, Trial)> = columns
        .into_iter()
        .map(|(column, number)| {
            let edit = Edit {
                span: Span::new(line.start, indent),
                replacement: " ".repeat(column),
            };
            (column, number, trial(source, base, &[edit]))
        })
        .collect();
    let (column, number, chosen) = outcomes
        .iter()
        .find(|(_, _, outcome)| matches!(outcome, Trial::Reads(_)))
        .or_else(|| {
            outcomes
                .iter()
                .find(|(_, _, outcome)| helps(outcome, failed_line))
        })?;
    // The guess is safe when no other indentation as close to the one written reads as something else: one space
    // too many next to a sibling is plain, one too few between two levels is not.
    let distance = column.abs_diff(indent);
    let same = outcomes.iter().all(|(other, _, outcome)| {
        !matches!(outcome, Trial::Reads(_))
            || outcome == chosen
            || other.abs_diff(indent) > distance
    });
    let reference = lines.iter().find(|other| other.number == *number)?;
    let key = reference.key_at(*column);
    let like = match key {
        Some(key) => format!("`{key}:` on line {number}"),
        None => format!("line {number}"),
    };
    let spaces = |n: usize| {
        if n == 1 {
            "1 space".to_owned()
        } else {
            format!("{n} spaces")
        }
    };
    let in_entry = reference.indent() < *column;
    let message = if in_entry && reference.key_columns().contains(&indent) {
        format!(
            "this line is indented {}, like the `-` on line {number}, but the keys of that list entry are indented {}",
            spaces(indent),
            spaces(*column)
        )
    } else {
        format!(
            "this line is indented {}, but the keys around it are indented {}",
            spaces(indent),
            spaces(*column)
        )
    };
    let fixed = format!("{}{rest}", " ".repeat(*column));
    let fix = matches!(chosen, Trial::Reads(_)).then(|| Fix {
        title: format!("indent the line by {}", spaces(*column)),
        applicability: if same {
            Applicability::Safe
        } else {
            Applicability::Unsafe
        },
        edits: vec![Edit {
            span: Span::new(line.start, indent),
            replacement: " ".repeat(*column),
        }],
        expect: Expect::Whitespace,
    });
    Some(
        Finding::new(
            &INVALID_YAML,
            source,
            Some(Span::new(
                line.start + indent,
                rest.chars().next().map_or(0, char::len_utf8),
            )),
            message,
        )
        .label(format!("indented {}", spaces(indent)))
        .help(format!(
            "indent it by {}, like {like}:\n{fixed}",
            spaces(*column)
        ))
        .fix_if(fix),
    )
}

/// The encoding of a file saved as UTF-16, with or without a byte order mark.
pub fn utf16(bytes: &[u8]) -> Option<&'static str> {
    if bytes.starts_with(&[0xFF, 0xFE]) {
        return Some("UTF-16 LE");
    }
    if bytes.starts_with(&[0xFE, 0xFF]) {
        return Some("UTF-16 BE");
    }
    // Without a byte order mark: text of mostly Latin letters has a zero byte in every other place.
    let sample = &bytes[..bytes.len().min(4096)];
    let pairs = sample.len() / 2;
    if pairs < 4 {
        return None;
    }
    let zeros = |first: usize| {
        sample
            .iter()
            .skip(first)
            .step_by(2)
            .filter(|byte| **byte == 0)
            .count()
    };
    let (even, odd) = (zeros(0), zeros(1));
    if odd * 2 >= pairs && even * 20 <= pairs {
        Some("UTF-16 LE")
    } else if even * 2 >= pairs && odd * 20 <= pairs {
        Some("UTF-16 BE")
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_is_told_from_utf8_by_its_zero_bytes() {
        let le: Vec<u8> = "id: x\nname: y\n"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        assert_eq!(utf16(&le), Some("UTF-16 LE"));
        assert_eq!(utf16("id: x\nname: å\n".as_bytes()), None);
        assert_eq!(utf16(&[0xFF, 0xFE, b'i', 0]), Some("UTF-16 LE"));
        assert_eq!(utf16(&[0xFE, 0xFF, 0, b'i']), Some("UTF-16 BE"));
    }

    #[test]
    fn block_headers_are_recognised() {
        for header in [
            "what: |",
            "what: >-",
            "  - |",
            "what: |2 # note",
            "what: |+",
        ] {
            assert!(is_block_header(header), "{header}");
        }
        for line in ["what: a | b", "what: x", "- a"] {
            assert!(!is_block_header(line), "{line}");
        }
    }
}
