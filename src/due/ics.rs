//! iCalendar (RFC 5545): one all-day event per process on its due date. The UID is derived from the process id
//! alone, so when a review moves the due date, a calendar that re-reads the feed moves the event instead of adding
//! a second one.

use std::io::{self, Write};

use super::{DueItem, DueOptions};
use crate::model::Language;

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
}

fn labels(language: Language) -> Labels {
    match language {
        Language::Sv => Labels {
            review: "Granska",
            owner: "Ägare",
            last_review: "Senaste granskning",
            file: "Fil",
        },
        Language::Fi => Labels {
            review: "Arvioi",
            owner: "Omistaja",
            last_review: "Edellinen arviointi",
            file: "Tiedosto",
        },
        Language::En => Labels {
            review: "Review",
            owner: "Owner",
            last_review: "Last review",
            file: "File",
        },
    }
}

pub fn write(items: &[DueItem], options: &DueOptions, out: &mut dyn Write) -> io::Result<()> {
    line(out, "BEGIN:VCALENDAR")?;
    line(out, "VERSION:2.0")?;
    line(out, "PRODID:-//proc//process reviews//EN")?;
    line(out, "CALSCALE:GREGORIAN")?;
    line(out, "METHOD:PUBLISH")?;
    line(out, "X-WR-CALNAME:Process reviews")?;
    // Deterministic: the same files and --today give the same feed, byte for byte.
    let stamp = format!("{}T000000Z", compact(options.today));
    for item in items {
        let Some(due) = item.status.due() else {
            continue;
        };
        let labels = labels(item.language);
        line(out, "BEGIN:VEVENT")?;
        line(out, &format!("UID:{}@proc-review", item.id))?;
        line(out, &format!("DTSTAMP:{stamp}"))?;
        line(out, &format!("DTSTART;VALUE=DATE:{}", compact(due)))?;
        line(
            out,
            &format!(
                "DTEND;VALUE=DATE:{}",
                compact(due.tomorrow().unwrap_or(due))
            ),
        )?;
        line(
            out,
            &format!(
                "SUMMARY:{}",
                text(&format!("{}: {}", labels.review, item.name))
            ),
        )?;
        let description = format!(
            "{}: {}\n{}: {}\n{}: {}",
            labels.owner, item.owner, labels.last_review, item.last_review, labels.file, item.file
        );
        line(out, &format!("DESCRIPTION:{}", text(&description)))?;
        line(out, &format!("CATEGORIES:{}", item.status.name()))?;
        line(out, "TRANSP:TRANSPARENT")?;
        line(out, "END:VEVENT")?;
    }
    line(out, "END:VCALENDAR")
}

#[cfg(test)]
mod tests {
    use super::*;

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
