//! Plain-words diagnoses of the YAML mistakes coordinators make, for the loading stage: the lines of a file as
//! the diagnoses see them (here), the diagnoses of a file YAML cannot read ([`diagnoses`]), and the invisible
//! characters pasted from Word ([`invisible`]).
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

mod diagnoses;
mod invisible;

pub use crate::rules::registry::INVISIBLE_CHARACTER;
use diagnoses::{misindented, missing_space, needs_quotes, tabs};
pub use invisible::{invisible_characters, is_invisible};

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
