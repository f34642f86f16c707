//! The edit of a process file that records a review.
//!
//! The file is edited as text at the places the loader's spans point to: the review is added to `reviews` (or a
//! `reviews` list is added after `updated`/`approved`) and the version is changed if asked. Everything else
//! (comments, blank lines, key order, quoting) stays byte for byte, so `git diff` shows only the new lines and the
//! version line. The edited text is returned; [`super::record_review`] checks it and replaces the file.

use jiff::civil::Date;

use crate::load::{Node, Value};
use crate::model::{Process, Version};
use crate::source::SourceFile;
use crate::yaml_text::yaml_text;

/// How the version changes with the review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Bump {
    /// 1.2 → 2.0: the process changed in substance.
    Major,
    /// 1.2 → 1.3 (1 → 1.1): the description was corrected or clarified.
    Minor,
    /// The version stays as it is.
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

/// The version after a bump, keeping the number of parts where it can (1.2.3 → 1.3.0, 2.0). A bump only ever
/// raises a version: a version that cannot be counted up is refused, never wrapped or cut.
pub fn bumped(version: &Version, bump: Bump) -> Result<Version, Refusal> {
    if bump == Bump::None {
        return Ok(version.clone());
    }
    let Some(mut parts) = version.parts() else {
        return Err(Refusal(format!(
            "the version `{version}` is not a version number, so it cannot be counted up"
        )));
    };
    let before = parts.clone();
    let position = match bump {
        Bump::Major => 0,
        _ => {
            if parts.len() == 1 {
                parts.push(0);
            }
            1
        }
    };
    parts[position] = parts[position].checked_add(1).ok_or_else(|| {
        Refusal(format!(
            "the version `{version}` cannot be counted up: {} is the largest number a version part may be",
            Version::MAX_PART
        ))
    })?;
    parts[position + 1..].iter_mut().for_each(|part| *part = 0);
    let padded = |parts: &[u32]| -> Vec<u32> {
        let mut padded = parts.to_vec();
        padded.resize(3, 0);
        padded
    };
    if padded(&parts) <= padded(&before) {
        return Err(Refusal(format!(
            "the version `{version}` would not go up with --bump; this is a bug in proc: please report it"
        )));
    }
    Ok(Version(
        parts
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join("."),
    ))
}

/// Whether a review can be recorded in a process at all: someone made it, not twice, not on a day that has not
/// come, and not before the process's last review (reviews are recorded in order).
pub fn admissible(process: &Process, review: &NewReview, today: Date) -> Result<(), Refusal> {
    let date = review.date;
    if review.by.trim().is_empty() {
        return Err(Refusal("--by must name who made the review".into()));
    }
    if process
        .reviews
        .iter()
        .any(|earlier| earlier.date.0 == date && earlier.by == review.by.trim())
    {
        return Err(Refusal(format!(
            "the file already has a review by {} on {date}",
            review.by.trim()
        )));
    }
    if date > today {
        return Err(Refusal(format!(
            "the review date {date} is in the future (today is {today})"
        )));
    }
    if let Some(retired) = &process.retired {
        return Err(Refusal(format!(
            "the process is retired (on {}): it is no longer in use, so it is not reviewed",
            retired.date
        )));
    }
    let Some(last) = crate::review_status::last_review(process) else {
        return Err(Refusal(
            "the process is a draft (it has no `approved`): a draft is approved, not reviewed"
                .into(),
        ));
    };
    if date < last {
        return Err(Refusal(format!(
            "the review date {date} is before the last review ({last}); reviews are recorded in order"
        )));
    }
    Ok(())
}

/// The text of the file with the review recorded. `process` is the typed form of `root`.
pub fn record(
    source: &SourceFile,
    root: &Node,
    process: &Process,
    review: &NewReview,
) -> Result<String, Refusal> {
    let text = source.text.as_str();
    let newline = source.line_ending();
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    edits.extend(version_edit(source, root, process, review.bump)?);

    match root.entry("reviews") {
        Some(entry) => match &entry.value.value {
            Value::Seq(items) if !items.is_empty() && is_block_sequence(text, &entry.value) => {
                let last = items.last().map_or(&entry.value, |item| item);
                let indent = dash_indent(text, last.span.start);
                let at = after_line(text, content_end(last));
                edits.push((
                    at,
                    0,
                    line_break_if_needed(text, at, newline) + &review_item(review, indent, newline),
                ));
            }
            Value::Null | Value::Seq(_) if is_empty_value(text, &entry.value) => {
                // `reviews:`, `reviews: ~` or `reviews: []`: the value is removed and the entry written below.
                let key_line = source.line_column(entry.key.span.start).line;
                let indent = source.line_text(key_line).len()
                    - source.line_text(key_line).trim_start().len()
                    + 2;
                let value = empty_value_span(text, &entry.value);
                if value.1 > 0 {
                    edits.push((value.0, value.1, String::new()));
                }
                let at = after_line(text, entry.key.span.end());
                edits.push((
                    at,
                    0,
                    line_break_if_needed(text, at, newline) + &review_item(review, indent, newline),
                ));
            }
            _ => {
                return Err(Refusal(
                    "`reviews` is written on one line (`reviews: [...]`); write it as a list with one `- ` entry per \
                     line, and run `proc review` again"
                        .into(),
                ));
            }
        },
        None => {
            let after = ["updated", "approved"]
                .iter()
                .find_map(|key| root.entry(key))
                .ok_or_else(|| Refusal("the file has no `approved`".into()))?;
            let key_line = source.line_column(after.key.span.start).line;
            let indent =
                source.line_text(key_line).len() - source.line_text(key_line).trim_start().len();
            let at = after_line(text, content_end(&after.value).max(after.key.span.end()));
            let pad = " ".repeat(indent);
            let mut block = line_break_if_needed(text, at, newline);
            block.push_str(&format!("{pad}reviews:{newline}"));
            block.push_str(&review_item(review, indent + 2, newline));
            edits.push((at, 0, block));
        }
    }

    edits.sort_by_key(|(start, ..)| std::cmp::Reverse(*start));
    let mut result = text.to_owned();
    for (start, len, replacement) in edits {
        result.replace_range(start..start + len, &replacement);
    }
    verify(&result, process, review).map_err(|refusal| {
        let aliased = crate::load::parse_document(text)
            .is_some_and(|document| !document.notation.aliases.is_empty());
        if aliased {
            Refusal(
                "the file shares values through anchors and aliases (`&name` … `*name`), and the review could not \
                 be added without changing the places that share them, so the file was left as it is; write \
                 those values out in full, then run proc review again"
                    .into(),
            )
        } else {
            refusal
        }
    })?;
    Ok(result)
}

/// The edit of the `version` value a bump makes (none for `Bump::None`), written as the file writes it.
pub(super) fn version_edit(
    source: &SourceFile,
    root: &Node,
    process: &Process,
    bump: Bump,
) -> Result<Option<(usize, usize, String)>, Refusal> {
    if bump == Bump::None {
        return Ok(None);
    }
    let text = source.text.as_str();
    let node = root
        .get("version")
        .ok_or_else(|| Refusal("the file has no `version`".into()))?;
    let new = bumped(&process.version, bump)?.0;
    if let Some(name) = shared_anchor(text, node) {
        return Err(Refusal(format!(
            "the version is shared with other places through the anchor `&{name}` (used as `*{name}`), so a new \
             version would change them too; write the version and those places out in full, or use --bump none"
        )));
    }
    let raw = source.slice(node.span);
    let written = match raw.chars().next() {
        Some(quote @ ('"' | '\'')) => format!("{quote}{new}{quote}"),
        _ if new.matches('.').count() >= 1 && new.ends_with('0') => format!("\"{new}\""),
        _ => new,
    };
    Ok(Some((node.span.start, node.span.len, written)))
}

/// The name of the anchor on `node` (`version: &v 1.0`) when an alias (`*v`) uses it elsewhere in the file.
fn shared_anchor(text: &str, node: &Node) -> Option<String> {
    let document = crate::load::parse_document(text)?;
    let notation = &document.notation;
    let name_of = |span: &crate::source::Span, sigil: char| {
        text.get(span.start..span.end())
            .and_then(|written| written.trim().strip_prefix(sigil))
            .map(str::to_owned)
    };
    let anchor = notation.anchors.iter().find(|anchor| {
        anchor.end() <= node.span.start
            && text
                .get(anchor.end()..node.span.start)
                .is_some_and(|between| between.trim().is_empty())
    })?;
    let name = name_of(anchor, '&')?;
    notation
        .aliases
        .iter()
        .any(|alias| name_of(alias, '*').as_deref() == Some(&name))
        .then_some(name)
}

/// Reads the edited text back: it must say exactly what the file said, plus the review (and the new version).
/// Whatever the file's layout, an edit that would change or lose anything else is refused here, never written.
fn verify(edited: &str, process: &Process, review: &NewReview) -> Result<(), Refusal> {
    let mut expected = process.clone();
    expected.version = bumped(&process.version, review.bump)?;
    expected.reviews.push(crate::model::Review {
        date: crate::model::Date(review.date),
        by: review.by.clone(),
        note: review.note.clone().filter(|note| !note.trim().is_empty()),
    });
    if reads_as(edited, &expected) {
        Ok(())
    } else {
        // A note or name that breaks a rule (an unsafe link, say) is reported by the caller's lint of the result,
        // in the rule's own words; this is only reached when the edit itself went wrong.
        Err(Refusal(
            "the review could not be added without changing something else in the file, so the file was left \
             as it is (this is a bug in proc: please report it with the file)"
                .into(),
        ))
    }
}

/// Whether an edited text reads back as exactly `expected`: what `proc review` and `proc approve` check before
/// they write.
pub(super) fn reads_as(edited: &str, expected: &Process) -> bool {
    let read = crate::load::parse_text(edited).map(|root| Process::from_node(&root));
    matches!(read, Some(Ok(read)) if read == *expected)
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
    items
        .first()
        .is_some_and(|first| dash_before(text, first.span.start).is_some())
}

/// The offset of the `- ` that introduces the list item starting at `start` (the dash may stand alone on the
/// line before the item's first key).
fn dash_before(text: &str, start: usize) -> Option<usize> {
    let blank = [' ', '\t', '\r', '\n'];
    let mut before = text[..start].trim_end_matches(blank);
    // An anchor or a tag between the dash and the item (`- &first`, `- !!map`) belongs to the item.
    for _ in 0..2 {
        let token_start = before.rfind(blank).map_or(0, |at| at + 1);
        if before[token_start..].starts_with(['&', '!']) {
            before = before[..token_start].trim_end_matches(blank);
        }
    }
    before.ends_with('-').then(|| before.len() - 1)
}

/// The column of an item's dash: new items are written at the same indentation.
fn dash_indent(text: &str, item_start: usize) -> usize {
    let dash = dash_before(text, item_start).unwrap_or(item_start);
    let line_start = text[..dash].rfind(['\n', '\r']).map_or(0, |at| at + 1);
    text[line_start..dash].chars().count()
}

/// Where a value's text ends: the largest end of any span inside it (keys and scalars, including multi-line
/// quoted and block texts), so that an insertion after it can never land inside one of them.
fn content_end(node: &Node) -> usize {
    let own = node.span.end();
    match &node.value {
        Value::Seq(items) => items.iter().map(content_end).fold(own, usize::max),
        Value::Map(entries) => entries
            .iter()
            .map(|entry| content_end(&entry.key).max(content_end(&entry.value)))
            .fold(own, usize::max),
        _ => own,
    }
}

/// The start of the line after the one holding the byte before `end` (the end of the file if there is none). Lines
/// end at LF, CRLF or a lone CR.
fn after_line(text: &str, end: usize) -> usize {
    // A block text's span ends after its final line break: the next line has already begun.
    if end > 0
        && (text[..end].ends_with('\n')
            || (text[..end].ends_with('\r') && !text[end..].starts_with('\n')))
    {
        return end;
    }
    let mut last = end.saturating_sub(1).min(text.len());
    // The byte before `end` may be inside a character (a value ending in `ä`): search from that character's start.
    while !text.is_char_boundary(last) {
        last -= 1;
    }
    match text[last..].find(['\n', '\r']) {
        None => text.len(),
        Some(at) => {
            let at = last + at;
            if text[at..].starts_with("\r\n") {
                at + 2
            } else {
                at + 1
            }
        }
    }
}

/// A line break to write first when inserting at the end of a file that does not end with one.
fn line_break_if_needed(text: &str, at: usize, newline: &str) -> String {
    if at == text.len() && !text.is_empty() && !text.ends_with(['\n', '\r']) {
        newline.to_owned()
    } else {
        String::new()
    }
}

/// `reviews:`, `reviews: ~`, `reviews: null` or `reviews: []`.
fn is_empty_value(text: &str, node: &Node) -> bool {
    match &node.value {
        Value::Null => true,
        Value::Seq(items) => items.is_empty() && text[node.span.start..].starts_with('['),
        _ => false,
    }
}

/// The text of an empty value to remove (`~`, `null`, `[]`): start and length; nothing for a bare `reviews:`.
fn empty_value_span(text: &str, node: &Node) -> (usize, usize) {
    if let Value::Seq(_) = node.value {
        let close = text[node.span.start..].find(']').map_or(0, |at| at + 1);
        return (node.span.start, close);
    }
    (node.span.start, node.span.len)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn versions_bump_by_policy() {
        let v = |text: &str| Version(text.to_owned());
        let bump = |text: &str, bump: Bump| bumped(&v(text), bump).map(|version| version.0);
        assert_eq!(bump("1", Bump::Minor), Ok("1.1".into()));
        assert_eq!(bump("1.9", Bump::Minor), Ok("1.10".into()));
        assert_eq!(bump("1.2.3", Bump::Minor), Ok("1.3.0".into()));
        assert_eq!(bump("1", Bump::Major), Ok("2".into()));
        assert_eq!(bump("1.2", Bump::Major), Ok("2.0".into()));
        assert_eq!(bump("1.2", Bump::None), Ok("1.2".into()));
    }

    #[test]
    fn a_bump_never_lowers_or_wraps_a_version() {
        let v = |text: &str| Version(text.to_owned());
        // Parts too large to be a version are refused, not dropped (1.99999999999999999999 once became 1.1).
        assert!(bumped(&v("1.99999999999999999999"), Bump::Minor).is_err());
        assert!(bumped(&v("18446744073709551615"), Bump::Major).is_err());
        // The largest part cannot be counted up (it once wrapped to 0).
        let largest = Version::MAX_PART.to_string();
        assert!(bumped(&v(&largest), Bump::Major).is_err());
        assert!(bumped(&v(&format!("1.{largest}")), Bump::Minor).is_err());
        assert_eq!(
            bumped(&v(&format!("1.{largest}")), Bump::Major).map(|version| version.0),
            Ok("2.0".to_owned())
        );
    }

    #[test]
    fn the_next_line_is_found_after_a_value_ending_in_a_multibyte_character() {
        // `updated: 2024-01-01 # ändrad ö` — a span ending after `ö` once sliced inside it and panicked.
        let text = "id: a\nowner: Åsa Ö\nnext: 1\n";
        let end = text.find("\nnext").unwrap_or_default();
        assert_eq!(after_line(text, end), end + 1);
        let text = "owner: Åsa Ö";
        assert_eq!(after_line(text, text.len()), text.len());
        assert_eq!(after_line("a: ä\r\nb: 1", "a: ä".len()), "a: ä\r\n".len());
    }
}
