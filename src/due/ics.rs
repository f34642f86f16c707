//! iCalendar (RFC 5545): one all-day event per process on its due date. The UID is derived from the process id
//! alone, so when a review moves the due date, a calendar that re-reads the feed moves the event instead of adding
//! a second one.
//!
//! An overdue review is not left on its due date, weeks back where nobody looks: its event is on today (the next
//! working day on a weekend) with "overdue since …" in its summary, so a calendar that re-reads the feed shows it
//! where its owner will see it, every day until the review is recorded. Texts are in the process's language, the
//! calendar's name in the language of `proc.toml`.

use std::io::{self, Write};

use super::{DueItem, DueOptions};
use crate::model::Language;
use crate::review_status::ReviewStatus;

/// Escapes a TEXT value (RFC 5545 §3.3.11).
fn text(value: &str) -> String {
    value
        .replace('\\', "\\\\")
        .replace(';', "\\;")
        .replace(',', "\\,")
        .replace("\r\n", "\\n")
        .replace(['\n', '\r'], "\\n")
}

/// Writes one content line, folded at 75 octets without splitting a character (RFC 5545 §3.1).
fn line(out: &mut dyn Write, content: &str) -> io::Result<()> {
    let mut width = 0;
    for ch in content.chars() {
        let len = ch.len_utf8();
        if width + len > 75 {
            out.write_all(b"\r\n ")?;
            width = 1;
        }
        let mut buffer = [0; 4];
        out.write_all(ch.encode_utf8(&mut buffer).as_bytes())?;
        width += len;
    }
    out.write_all(b"\r\n")
}

fn compact(date: jiff::civil::Date) -> String {
    date.strftime("%Y%m%d").to_string()
}

struct Labels {
    review: &'static str,
    owner: &'static str,
    last_review: &'static str,
    file: &'static str,
    /// "overdue since" before the due date.
    overdue_since: &'static str,
    due: &'static str,
    calendar: &'static str,
    /// The categories of an event: what it is, and its status.
    category: &'static str,
    overdue: &'static str,
    upcoming: &'static str,
    ok: &'static str,
}

fn labels(language: Language) -> Labels {
    match language {
        Language::Sv => Labels {
            review: "Granska",
            owner: "Ägare",
            last_review: "Senaste granskning",
            file: "Fil",
            overdue_since: "försenad sedan",
            due: "Skulle granskas senast",
            calendar: "Granskning av processer",
            category: "Processgranskning",
            overdue: "Försenad",
            upcoming: "Kommande",
            ok: "I tid",
        },
        Language::Fi => Labels {
            review: "Arvioi",
            owner: "Omistaja",
            last_review: "Edellinen arviointi",
            file: "Tiedosto",
            overdue_since: "myöhässä, eräpäivä",
            due: "Arvioitava viimeistään",
            calendar: "Prosessien arvioinnit",
            category: "Prosessin arviointi",
            overdue: "Myöhässä",
            upcoming: "Tulossa",
            ok: "Ajallaan",
        },
        Language::En => Labels {
            review: "Review",
            owner: "Owner",
            last_review: "Last review",
            file: "File",
            overdue_since: "overdue since",
            due: "Due",
            calendar: "Process reviews",
            category: "Process review",
            overdue: "Overdue",
            upcoming: "Upcoming",
            ok: "On time",
        },
    }
}

pub fn write(items: &[DueItem], options: &DueOptions, out: &mut dyn Write) -> io::Result<()> {
    line(out, "BEGIN:VCALENDAR")?;
    line(out, "VERSION:2.0")?;
    line(out, "PRODID:-//proc//process reviews//EN")?;
    line(out, "CALSCALE:GREGORIAN")?;
    line(out, "METHOD:PUBLISH")?;
    line(
        out,
        &format!(
            "X-WR-CALNAME:{}",
            text(labels(options.default_language).calendar)
        ),
    )?;
    // Deterministic: the same files and --today give the same feed, byte for byte.
    let stamp = format!("{}T000000Z", compact(options.today));
    for item in items {
        let Some(due) = item.status.due() else {
            continue;
        };
        let labels = labels(item.language);
        let overdue = matches!(item.status, ReviewStatus::Overdue { .. });
        let day = if overdue {
            working_day_from(options.today)
        } else {
            due
        };
        line(out, "BEGIN:VEVENT")?;
        line(out, &format!("UID:{}@proc-review", item.id))?;
        line(out, &format!("DTSTAMP:{stamp}"))?;
        line(out, &format!("DTSTART;VALUE=DATE:{}", compact(day)))?;
        line(
            out,
            &format!(
                "DTEND;VALUE=DATE:{}",
                compact(day.tomorrow().unwrap_or(day))
            ),
        )?;
        let summary = if overdue {
            format!(
                "{} ({} {due}): {}",
                labels.review, labels.overdue_since, item.name
            )
        } else {
            format!("{}: {}", labels.review, item.name)
        };
        line(out, &format!("SUMMARY:{}", text(&summary)))?;
        let description = format!(
            "{}: {due}\n{}: {}\n{}: {}\n{}: {}",
            labels.due,
            labels.owner,
            item.owner,
            labels.last_review,
            item.last_review,
            labels.file,
            item.file
        );
        line(out, &format!("DESCRIPTION:{}", text(&description)))?;
        let status = match item.status {
            ReviewStatus::Overdue { .. } => labels.overdue,
            ReviewStatus::Upcoming { .. } => labels.upcoming,
            _ => labels.ok,
        };
        line(
            out,
            &format!("CATEGORIES:{},{}", text(labels.category), text(status)),
        )?;
        line(out, "TRANSP:TRANSPARENT")?;
        line(out, "END:VEVENT")?;
    }
    line(out, "END:VCALENDAR")
}

/// The day itself, or the Monday after it when it falls on a weekend.
fn working_day_from(day: jiff::civil::Date) -> jiff::civil::Date {
    let skip = match day.weekday() {
        jiff::civil::Weekday::Saturday => 2,
        jiff::civil::Weekday::Sunday => 1,
        _ => 0,
    };
    day.checked_add(jiff::Span::new().days(skip)).unwrap_or(day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_overdue_event_goes_to_the_next_working_day() {
        let monday = jiff::civil::date(2026, 11, 23);
        assert_eq!(working_day_from(monday), monday);
        assert_eq!(
            working_day_from(jiff::civil::date(2026, 11, 28)),
            jiff::civil::date(2026, 11, 30)
        );
        assert_eq!(
            working_day_from(jiff::civil::date(2026, 11, 29)),
            jiff::civil::date(2026, 11, 30)
        );
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let mut out = Vec::new();
        let content = format!("SUMMARY:{}", "ä".repeat(60));
        line(&mut out, &content).expect("write");
        let text = String::from_utf8(out).expect("whole characters");
        for physical in text.split("\r\n") {
            assert!(physical.len() <= 75, "{physical}");
        }
        assert_eq!(text.replace("\r\n ", ""), format!("{content}\r\n"));
    }

    #[test]
    fn text_values_are_escaped() {
        assert_eq!(text("a, b; c\\d\ne"), "a\\, b\\; c\\\\d\\ne");
    }
}
