//! The edit of a process file that records an approval (`proc approve`).
//!
//! A draft gets an `approved` entry, written above the `updated`, `reviews` or `version` entry (above the comments
//! that belong to that entry). Everything else stays byte for byte, as with `proc review`.
//!
//! An approved process is not approved again here: its `updated` and `reviews` must come after its approval
//! (rule `date-order`), so a new approval date would put the file's history out of order. Its reviews are recorded
//! with `proc review`; the approval of each version will be read from git's history (issue 15, version history).

use jiff::civil::Date;

use super::edit::{Bump, Refusal, bumped, reads_as, version_edit};
use crate::load::Node;
use crate::model::{Approval, Process};
use crate::source::SourceFile;
use crate::yaml_text::yaml_text;

/// The approval to record.
#[derive(Debug, Clone)]
pub struct NewApproval {
    pub date: Date,
    pub by: String,
    pub bump: Bump,
}

/// Whether an approval can be recorded: someone gave it, the process is a draft, the day has come, and it is not
/// before what the file already records (an update written before the approval).
pub fn approvable(process: &Process, approval: &NewApproval, today: Date) -> Result<(), Refusal> {
    let date = approval.date;
    let by = approval.by.trim();
    if by.is_empty() {
        return Err(Refusal("--by must name who approved the process".into()));
    }
    if date > today {
        return Err(Refusal(format!(
            "the approval date {date} is in the future (today is {today})"
        )));
    }
    if let Some(current) = &process.approved {
        return Err(Refusal(format!(
            "the process is already approved (on {} by {}); a review is recorded with `proc review`",
            current.date, current.by
        )));
    }
    let recorded = process
        .updated
        .iter()
        .map(|updated| updated.date.0)
        .chain(process.reviews.iter().map(|review| review.date.0))
        .max();
    if let Some(last) = recorded.filter(|last| date < *last) {
        return Err(Refusal(format!(
            "the approval date {date} is before the last update or review in the file ({last})"
        )));
    }
    Ok(())
}

/// The text of the file with the approval recorded. `process` is the typed form of `root`.
pub fn approve(
    source: &SourceFile,
    root: &Node,
    process: &Process,
    approval: &NewApproval,
) -> Result<String, Refusal> {
    let text = source.text.as_str();
    let newline = source.line_ending();
    let by = approval.by.trim();
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    edits.extend(version_edit(source, root, process, approval.bump)?);
    if root.get("approved").is_some() {
        return Err(Refusal("the file has `approved` already".into()));
    }
    let before = ["updated", "reviews", "version"]
        .iter()
        .find_map(|key| root.entry(key))
        .ok_or_else(|| Refusal("the file has no `version`".into()))?;
    let key_line = source.line_column(before.key.span.start).line;
    let indent = source.line_text(key_line).len() - source.line_text(key_line).trim_start().len();
    // The comments right above the entry are about it: the approval goes above them.
    let mut line = key_line;
    while line > 1 && source.line_text(line - 1).trim_start().starts_with('#') {
        line -= 1;
    }
    let pad = " ".repeat(indent);
    let block = format!(
        "{pad}approved:{newline}{pad}  date: {}{newline}{pad}  by: {}{newline}",
        approval.date,
        yaml_text(by)
    );
    edits.push((source.line_start(line), 0, block));
    edits.sort_by_key(|(start, ..)| std::cmp::Reverse(*start));
    let mut result = text.to_owned();
    for (start, len, replacement) in edits {
        result.replace_range(start..start + len, &replacement);
    }
    verify(&result, process, approval)?;
    Ok(result)
}

/// Reads the edited text back: it must say exactly what the file said, with the approval (and the new version).
fn verify(edited: &str, process: &Process, approval: &NewApproval) -> Result<(), Refusal> {
    let mut expected = process.clone();
    expected.version = bumped(&process.version, approval.bump)?;
    expected.approved = Some(Approval {
        date: crate::model::Date(approval.date),
        by: approval.by.trim().to_owned(),
    });
    if reads_as(edited, &expected) {
        Ok(())
    } else {
        Err(Refusal(
            "the approval could not be recorded without changing something else in the file (values shared \
             through anchors and aliases, say), so the file was left as it is"
                .into(),
        ))
    }
}
