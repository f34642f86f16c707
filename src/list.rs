//! `proc list`: one line per process — id, name, owner, version, last review and review status — for a quick
//! look at a repository, and as JSON or CSV for other tools.

use std::io::{self, Write};

use jiff::civil::Date;
use serde::Serialize;

use crate::processes::LoadedProcess;
use crate::review_status::{self, ReviewStatus};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Aligned columns, for people.
    Text,
    /// A JSON array, for other tools.
    Json,
    /// Values separated by `;` (sv, fi) or `,` (en), for spreadsheets: opens right in Nordic Excel.
    Csv,
}

#[derive(Debug, Clone, Serialize)]
pub struct ListItem {
    pub id: String,
    pub name: String,
    pub owner: String,
    pub version: String,
    /// `None` for a draft.
    pub last_review: Option<Date>,
    #[serde(flatten)]
    pub status: ReviewStatus,
    pub file: String,
}

/// The processes sorted by id, with their review status on `today`.
pub fn items(processes: &[LoadedProcess], today: Date, within_days: i32) -> Vec<ListItem> {
    let mut items: Vec<ListItem> = processes
        .iter()
        .map(|loaded| {
            let process = &loaded.process;
            ListItem {
                id: process.id.to_string(),
                name: process.name.clone(),
                owner: process.owner.clone(),
                version: process.version.0.clone(),
                last_review: review_status::last_review(process),
                status: review_status::status(process, today, within_days),
                file: loaded.source.display_path(),
            }
        })
        .collect();
    items.sort_by(|a, b| a.id.cmp(&b.id));
    items
}

fn status_text(status: ReviewStatus) -> String {
    match status {
        ReviewStatus::Ok { due } => format!("ok, due {due}"),
        ReviewStatus::Upcoming { due, days_left } => {
            format!("upcoming, due {due} (in {days_left} days)")
        }
        ReviewStatus::Overdue { due, days_overdue } => {
            format!("overdue since {due} ({days_overdue} days)")
        }
        ReviewStatus::NoCycle => "no review cycle".to_owned(),
        ReviewStatus::Draft => "draft, not approved".to_owned(),
        ReviewStatus::Retired => "retired".to_owned(),
    }
}

/// Writes the list; `separator` is the field separator of CSV.
pub fn write(
    items: &[ListItem],
    format: Format,
    separator: crate::csv::Separator,
    out: &mut dyn Write,
) -> io::Result<()> {
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, items)?;
            writeln!(out)
        }
        Format::Csv => {
            use crate::csv::{Cell, CsvWriter};
            let mut csv = CsvWriter::new(out, separator)?;
            csv.header(&[
                "id",
                "name",
                "owner",
                "version",
                "last_review",
                "status",
                "due",
                "file",
            ])?;
            for item in items {
                let due = item
                    .status
                    .due()
                    .map(|due| due.to_string())
                    .unwrap_or_default();
                csv.line(&[
                    Cell::Text(&item.id),
                    Cell::Text(&item.name),
                    Cell::Text(&item.owner),
                    Cell::Version(&item.version),
                    Cell::Value(
                        item.last_review
                            .map(|date| date.to_string())
                            .unwrap_or_default(),
                    ),
                    Cell::Value(item.status.name().to_owned()),
                    Cell::Value(due),
                    Cell::Text(&item.file),
                ])?;
            }
            Ok(())
        }
        Format::Text => {
            let header = ["ID", "NAME", "OWNER", "VERSION", "LAST REVIEW", "STATUS"];
            let rows: Vec<[String; 6]> = items
                .iter()
                .map(|item| {
                    [
                        item.id.clone(),
                        item.name.clone(),
                        item.owner.clone(),
                        item.version.clone(),
                        item.last_review
                            .map_or_else(|| "-".to_owned(), |date| date.to_string()),
                        status_text(item.status),
                    ]
                })
                .collect();
            let mut widths = header.map(|title| title.chars().count());
            for row in &rows {
                for (width, cell) in widths.iter_mut().zip(row) {
                    *width = (*width).max(cell.chars().count());
                }
            }
            let line = |cells: [&str; 6]| {
                let mut line = String::new();
                for (index, cell) in cells.iter().enumerate() {
                    line.push_str(cell);
                    if index + 1 < cells.len() {
                        let pad = widths[index] - cell.chars().count() + 2;
                        line.extend(std::iter::repeat_n(' ', pad));
                    }
                }
                line
            };
            writeln!(out, "{}", line(header))?;
            for row in &rows {
                writeln!(out, "{}", line(row.each_ref().map(String::as_str)))?;
            }
            Ok(())
        }
    }
}
