//! CSV for spreadsheets (see [`crate::csv`] for what makes it open right in Nordic Excel).

use std::io::{self, Write};

use super::DueItem;
use crate::csv::{Cell, CsvWriter, Separator};
use crate::review_status::ReviewStatus;

/// The columns say the same as the JSON: `days_overdue` and `days_left` are positive, each empty when it does
/// not apply.
pub fn write(items: &[&DueItem], separator: Separator, out: &mut dyn Write) -> io::Result<()> {
    let mut csv = CsvWriter::new(out, separator)?;
    csv.header(&[
        "id",
        "name",
        "owner",
        "status",
        "due",
        "days_overdue",
        "days_left",
        "last_review",
        "file",
    ])?;
    for item in items {
        let (overdue, left) = match item.status {
            ReviewStatus::Overdue { days_overdue, .. } => (days_overdue.to_string(), String::new()),
            ReviewStatus::Upcoming { days_left, .. } => (String::new(), days_left.to_string()),
            _ => (String::new(), String::new()),
        };
        let due = item
            .status
            .due()
            .map(|due| due.to_string())
            .unwrap_or_default();
        csv.line(&[
            Cell::Text(&item.id),
            Cell::Text(&item.name),
            Cell::Text(&item.owner),
            Cell::Value(item.status.name().to_owned()),
            Cell::Value(due),
            Cell::Value(overdue),
            Cell::Value(left),
            Cell::Value(item.last_review.to_string()),
            Cell::Text(&item.file),
        ])?;
    }
    Ok(())
}
