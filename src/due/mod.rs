//! `proc due`: which processes are coming due for review or are overdue, for cron, CI and calendars.

use std::io::{self, Write};

use jiff::civil::Date;
use serde::Serialize;

use crate::model::Language;
use crate::processes::LoadedProcess;
use crate::review_status::{self, ReviewStatus};

pub mod csv;
pub mod email;
pub mod ics;
pub mod json;
pub mod markdown;
pub mod text;

/// The output formats of `proc due`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// Grouped by owner, for people and cron mail; nothing at all when nothing is due.
    Text,
    /// One JSON document, for other tools.
    Json,
    /// A table for a pull-request comment or an issue.
    Markdown,
    /// Values separated by `;` (sv, fi) or `,` (en), for spreadsheets: opens right in Nordic Excel.
    Csv,
    /// An iCalendar feed with one all-day event per process on its due date, to subscribe to in Outlook or
    /// Thunderbird. Holds every process with a review cycle, whatever `--within` says.
    Ics,
    /// One e-mail per owner with something due, to the address `[owners]` in proc.toml gives them, written to
    /// `--out DIR` and/or sent with `--send`.
    Email,
}

/// One process and where it stands.
#[derive(Debug, Clone, Serialize)]
pub struct DueItem {
    pub id: String,
    pub name: String,
    pub owner: String,
    pub file: String,
    pub last_review: Date,
    #[serde(flatten)]
    pub status: ReviewStatus,
    #[serde(skip)]
    pub language: Language,
}

impl DueItem {
    pub fn is_due(&self) -> bool {
        matches!(
            self.status,
            ReviewStatus::Overdue { .. } | ReviewStatus::Upcoming { .. }
        )
    }

    /// Overdue first (most overdue first), then upcoming (soonest first), then the rest; by name within a kind.
    fn order(&self) -> (u8, i64, &str) {
        match self.status {
            ReviewStatus::Overdue { days_overdue, .. } => (0, -i64::from(days_overdue), &self.name),
            ReviewStatus::Upcoming { days_left, .. } => (1, i64::from(days_left), &self.name),
            ReviewStatus::Ok { due } => (
                2,
                i64::from(due.year()) * 400 + i64::from(due.day_of_year()),
                &self.name,
            ),
            ReviewStatus::NoCycle | ReviewStatus::Draft | ReviewStatus::Retired => {
                (3, 0, &self.name)
            }
        }
    }
}

/// What to list.
#[derive(Debug, Clone)]
pub struct DueOptions {
    pub today: Date,
    /// Look-ahead for upcoming reviews, in days.
    pub within_days: i32,
    /// Only processes whose owner contains this text (any case).
    pub owner: Option<String>,
    /// List every process, not only those due.
    pub all: bool,
    pub default_language: Language,
    /// The field separator of `--format csv`.
    pub csv_separator: crate::csv::Separator,
}

/// The review status of every process, ordered as the reports show them.
pub fn items(processes: &[LoadedProcess], options: &DueOptions) -> Vec<DueItem> {
    let owner = options.owner.as_deref().map(str::to_lowercase);
    let mut items: Vec<DueItem> = processes
        .iter()
        .filter(|loaded| {
            owner
                .as_deref()
                .is_none_or(|wanted| loaded.process.owner.to_lowercase().contains(wanted))
        })
        // A draft is not in use yet, and a retired process no longer is: never due, they are not listed, not even
        // with `--all`.
        .filter(|loaded| loaded.process.retired.is_none())
        .filter_map(|loaded| {
            let process = &loaded.process;
            Some(DueItem {
                id: process.id.to_string(),
                name: process.name.clone(),
                owner: process.owner.clone(),
                file: loaded.source.display_path(),
                last_review: review_status::last_review(process)?,
                status: review_status::status(process, options.today, options.within_days),
                language: process.language.unwrap_or(options.default_language),
            })
        })
        .collect();
    items.sort_by(|a, b| a.order().cmp(&b.order()).then_with(|| a.id.cmp(&b.id)));
    items
}

/// Writes the report. `items` are all processes; formats other than ics show only those due unless `all`.
pub fn write(
    items: &[DueItem],
    format: Format,
    options: &DueOptions,
    out: &mut dyn Write,
) -> io::Result<()> {
    let shown: Vec<&DueItem> = items
        .iter()
        .filter(|item| options.all || item.is_due())
        .collect();
    match format {
        Format::Text => text::write(&shown, out),
        Format::Json => json::write(&shown, options, out),
        Format::Markdown => markdown::write(&shown, options, out),
        Format::Csv => csv::write(&shown, options.csv_separator, out),
        Format::Ics => ics::write(items, options, out),
        // Messages are files of their own, one per owner ([`email::messages`]): nothing goes to the output.
        Format::Email => Ok(()),
    }
}

/// "overdue by 1667 days", "due in 12 days", "due today".
pub fn describe(status: ReviewStatus) -> String {
    match status {
        ReviewStatus::Overdue {
            days_overdue: 1, ..
        } => "overdue by 1 day".to_owned(),
        ReviewStatus::Overdue { days_overdue, .. } => format!("overdue by {days_overdue} days"),
        ReviewStatus::Upcoming { days_left: 0, .. } => "due today".to_owned(),
        ReviewStatus::Upcoming { days_left: 1, .. } => "due tomorrow".to_owned(),
        ReviewStatus::Upcoming { days_left, .. } => format!("due in {days_left} days"),
        ReviewStatus::Ok { .. } => "ok".to_owned(),
        ReviewStatus::NoCycle => "no review cycle".to_owned(),
        ReviewStatus::Draft => "draft, not approved".to_owned(),
        ReviewStatus::Retired => "retired".to_owned(),
    }
}

/// Reads a look-ahead such as `30d`, `6w` or `30` (days).
pub fn parse_within(text: &str) -> Result<i32, String> {
    let text = text.trim();
    let (number, unit) = match text.char_indices().find(|(_, c)| !c.is_ascii_digit()) {
        Some((at, _)) => (&text[..at], &text[at..]),
        None => (text, "d"),
    };
    let number: i32 = number
        .parse()
        .map_err(|_| format!("`{text}` is not a length of time: write e.g. 30d or 6w"))?;
    let days = match unit {
        "d" => Some(number),
        "w" => number.checked_mul(7),
        _ => None,
    };
    days.filter(|days| *days <= 3660)
        .ok_or_else(|| format!("`{text}` is not a length of time: write a number of days (30d) or weeks (6w), at most ten years"))
}

#[cfg(test)]
mod tests {
    use super::parse_within;

    #[test]
    fn look_ahead_is_read_in_days_or_weeks() {
        assert_eq!(parse_within("30d"), Ok(30));
        assert_eq!(parse_within("6w"), Ok(42));
        assert_eq!(parse_within("0"), Ok(0));
        assert!(parse_within("2m").is_err());
        assert!(parse_within("d").is_err());
    }
}
