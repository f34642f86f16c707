//! `proc review`: recording a review in a process file.
//!
//! The file is edited as text at the places the loader's spans point to: the review is added to `reviews` (or a
//! `reviews` list is added after `updated`/`approved`) and the version is changed if asked. Everything else
//! (comments, blank lines, key order, quoting) stays byte for byte, so `git diff` shows only the new lines and the
//! version line. The new text must lint clean before it replaces the file, and it replaces it atomically.

use std::io::Write;
use std::path::Path;

use jiff::civil::Date;

use crate::load::{Node, Value};
use crate::model::{Process, Version};
use crate::source::SourceFile;

/// How the version changes with the review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Bump {
    /// 1.2 → 2.0: the process changed in substance.
    Major,
    /// 1.2 → 1.3 (1 → 1.1): the description was corrected or clarified.
    Minor,
    /// The version stays: the review found nothing to change.
    None,
}

/// The review to record.
#[derive(Debug, Clone)]
pub struct NewReview {
    pub date: Date,
    pub by: String,
    pub note: Option<String>,
    pub bump: Bump,
}

/// Why a review cannot be recorded; the file is left untouched.
#[derive(Debug, PartialEq, Eq)]
pub struct Refusal(pub String);

/// The version after a bump, keeping the number of parts where it can (1.2.3 → 1.3.0, 2.0).
pub fn bumped(version: &Version, bump: Bump) -> Version {
    let mut parts: Vec<u64> = version
        .0
        .split('.')
        .filter_map(|part| part.parse().ok())
        .collect();
    if parts.is_empty() {
        parts.push(0);
    }
    match bump {
        Bump::None => return version.clone(),
        Bump::Major => {
            parts[0] += 1;
            parts[1..].iter_mut().for_each(|part| *part = 0);
        }
        Bump::Minor => {
            if parts.len() == 1 {
                parts.push(0);
            }
            parts[1] += 1;
            parts[2..].iter_mut().for_each(|part| *part = 0);
        }
    }
    Version(
        parts
            .iter()
            .map(u64::to_string)
            .collect::<Vec<_>>()
            .join("."),
    )
}

/// A YAML scalar for a text: plain when that is unambiguous, otherwise double-quoted.
pub fn yaml_text(text: &str) -> String {
    let plain_safe = !text.is_empty()
        && text.trim() == text
        && !text.starts_with([
            '-', '?', ':', ',', '[', ']', '{', '}', '#', '&', '*', '!', '|', '>', '\'', '"', '%',
            '@', '`',
        ])
        && !text.contains(": ")
        && !text.contains(" #")
        && !text.ends_with(':')
        && !text.chars().any(char::is_control)
        && !matches!(
            text.to_ascii_lowercase().as_str(),
            "y" | "yes" | "n" | "no" | "on" | "off" | "true" | "false" | "null" | "~"
        )
        && !text.starts_with(|c: char| c.is_ascii_digit());
    if plain_safe {
        return text.to_owned();
    }
    let mut quoted = String::from("\"");
    for ch in text.chars() {
        match ch {
            '"' => quoted.push_str("\\\""),
            '\\' => quoted.push_str("\\\\"),
            '\n' => quoted.push_str("\\n"),
            '\t' => quoted.push_str("\\t"),
            c if c.is_control() => quoted.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => quoted.push(c),
        }
    }
    quoted.push('"');
    quoted
}

/// The text of the file with the review recorded. `process` is the typed form of `root`.
pub fn record(
    source: &SourceFile,
    root: &Node,
    process: &Process,
    review: &NewReview,
) -> Result<String, Refusal> {
    let text = source.text.as_str();
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let mut edits: Vec<(usize, usize, String)> = Vec::new();

    if review.bump != Bump::None {
        let node = root
            .get("version")
            .ok_or_else(|| Refusal("the file has no `version`".into()))?;
        let new = bumped(&process.version, review.bump).0;
        let raw = source.slice(node.span);
        let written = match raw.chars().next() {
            Some(quote @ ('"' | '\'')) => format!("{quote}{new}{quote}"),
            _ if new.matches('.').count() >= 1 && new.ends_with('0') => format!("\"{new}\""),
            _ => new,
        };
        edits.push((node.span.start, node.span.len, written));
    }

    match root.entry("reviews") {
        Some(entry) => match &entry.value.value {
            Value::Seq(items) if !items.is_empty() && is_block_sequence(text, &entry.value) => {
                let last = items
                    .last()
                    .map(|item| item.span.start)
                    .unwrap_or(entry.value.span.start);
                let line = source.line_column(last).line;
                let dash_line = source.line_text(line);
                let indent = dash_line.len() - dash_line.trim_start().len();
                let at = end_of_entry(source, line);
                edits.push((at, 0, review_item(review, indent, newline)));
            }
            Value::Null => {
                // `reviews:` with nothing after it: the entry goes on the lines below the key.
                let at = end_of_entry(source, source.line_column(entry.key.span.start).line);
                let key_line = source.line_text(source.line_column(entry.key.span.start).line);
                let indent = key_line.len() - key_line.trim_start().len() + 2;
                if !text[..at].ends_with('\n') {
                    edits.push((at, 0, newline.to_owned()));
                }
                edits.push((at, 0, review_item(review, indent, newline)));
            }
            _ => {
                return Err(Refusal(
                    "`reviews` is not written as a list with one `- ` entry per line; write it that way first".into(),
                ));
            }
        },
        None => {
            let after = ["updated", "approved"]
                .iter()
                .find_map(|key| root.entry(key))
                .ok_or_else(|| Refusal("the file has no `approved`".into()))?;
            let at = end_of_entry(source, source.line_column(after.key.span.start).line);
            let mut block = format!("reviews:{newline}");
            block.push_str(&review_item(review, 2, newline));
            edits.push((at, 0, block));
        }
    }

    edits.sort_by_key(|(start, ..)| std::cmp::Reverse(*start));
    let mut result = text.to_owned();
    for (start, len, replacement) in edits {
        result.replace_range(start..start + len, &replacement);
    }
    Ok(result)
}

fn review_item(review: &NewReview, indent: usize, newline: &str) -> String {
    let pad = " ".repeat(indent);
    let mut item = format!(
        "{pad}- date: {}{newline}{pad}  by: {}{newline}",
        review.date,
        yaml_text(&review.by)
    );
    if let Some(note) = review
        .note
        .as_deref()
        .filter(|note| !note.trim().is_empty())
    {
        item.push_str(&format!("{pad}  note: {}{newline}", yaml_text(note)));
    }
    item
}

/// A block list has its first item on a later line than the key, starting with `- `.
fn is_block_sequence(text: &str, node: &Node) -> bool {
    let Value::Seq(items) = &node.value else {
        return false;
    };
    items.first().is_some_and(|first| {
        let line_start = text[..first.span.start].rfind('\n').map_or(0, |at| at + 1);
        let before = text[line_start..first.span.start].trim_start();
        before.starts_with("- ") || before == "-"
    })
}

/// The byte offset just after the entry that starts on `line` (the entry and everything indented under it, and
/// not the blank lines or comments that follow it).
fn end_of_entry(source: &SourceFile, line: usize) -> usize {
    let indent = |text: &str| text.len() - text.trim_start().len();
    // For a list item this is the indentation of its dash; its keys are indented past it.
    let own = indent(source.line_text(line));
    let mut last = line;
    for next in line + 1..=source.line_count() {
        let text = source.line_text(next);
        let trimmed = text.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if indent(text) <= own {
            break;
        }
        last = next;
    }
    source.line_start(last + 1)
}

/// Writes `contents` to `path` so that the file is always either the old or the new version: a temporary file
/// in the same folder is written, flushed to disk and renamed over the original. `before_rename` runs between
/// the two (tests use it to simulate a crash there).
pub fn write_atomically(
    path: &Path,
    contents: &str,
    before_rename: impl FnOnce() -> std::io::Result<()>,
) -> std::io::Result<()> {
    let folder = path
        .parent()
        .filter(|folder| !folder.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut temporary = tempfile::Builder::new()
        .prefix(".proc-")
        .suffix(".tmp")
        .tempfile_in(folder)?;
    temporary.write_all(contents.as_bytes())?;
    temporary.as_file().sync_all()?;
    if let Ok(metadata) = std::fs::metadata(path) {
        temporary
            .as_file()
            .set_permissions(metadata.permissions())?;
    }
    before_rename()?;
    temporary.persist(path).map_err(|error| error.error)?;
    // The rename itself is durable only once the folder is flushed too.
    #[cfg(unix)]
    std::fs::File::open(folder)?.sync_all()?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_bump_by_policy() {
        let v = |text: &str| Version(text.to_owned());
        assert_eq!(bumped(&v("1"), Bump::Minor).0, "1.1");
        assert_eq!(bumped(&v("1.9"), Bump::Minor).0, "1.10");
        assert_eq!(bumped(&v("1.2.3"), Bump::Minor).0, "1.3.0");
        assert_eq!(bumped(&v("1"), Bump::Major).0, "2");
        assert_eq!(bumped(&v("1.2"), Bump::Major).0, "2.0");
        assert_eq!(bumped(&v("1.2"), Bump::None).0, "1.2");
    }

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
}
