//! Dates: real, written YYYY-MM-DD, not in the future, and in a sensible order.

use jiff::civil::Date;

use super::{FileContext, select};
use crate::finding::{Applicability, Expect, Finding, Fix};
use crate::load::{Node, Value};
use crate::model::{Language, Month};

pub use crate::rules::registry::{DATE_ORDER, FUTURE_DATE, INVALID_DATE, LEGACY_DATE};

/// How a date was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateText {
    /// YYYY-MM-DD and a real date.
    Iso(Date),
    /// day.month.year (8.5.2018), a real date.
    Legacy(Date),
    /// Not a usable date; the reason in plain words.
    Invalid(String),
}

/// The English name of a month number 1–12, for messages.
fn english_month(number: i32) -> &'static str {
    u8::try_from(number)
        .ok()
        .and_then(Month::new)
        .map_or("?", |month| month.name(Language::En))
}

/// Reads a date as a coordinator may have written it.
pub fn read_date(text: &str) -> DateText {
    let text = text.trim();
    let numbers = |parts: &[&str]| -> Option<Vec<i32>> {
        parts
            .iter()
            .map(|part| {
                (!part.is_empty() && part.len() <= 4 && part.bytes().all(|b| b.is_ascii_digit()))
                    .then(|| part.parse().ok())
                    .flatten()
            })
            .collect()
    };
    let iso: Vec<&str> = text.split('-').collect();
    if iso.len() == 3 && iso[0].len() == 4 {
        let Some(n) = numbers(&iso) else {
            return DateText::Invalid(format!("`{text}` is not a date: write it as YYYY-MM-DD"));
        };
        return match real_date(n[0], n[1], n[2]) {
            Ok(date) if iso[1].len() == 2 && iso[2].len() == 2 => DateText::Iso(date),
            Ok(date) => DateText::Invalid(format!(
                "`{text}` must be written with two-digit months and days: {date}"
            )),
            Err(reason) => DateText::Invalid(reason),
        };
    }
    let legacy: Vec<&str> = text.split('.').collect();
    if legacy.len() == 3
        && legacy[2].len() == 4
        && let Some(n) = numbers(&legacy)
    {
        return match real_date(n[2], n[1], n[0]) {
            Ok(date) => DateText::Legacy(date),
            Err(reason) => DateText::Invalid(reason),
        };
    }
    DateText::Invalid(format!(
        "`{text}` is not a date: write it as YYYY-MM-DD, e.g. 2018-05-08"
    ))
}

fn real_date(year: i32, month: i32, day: i32) -> Result<Date, String> {
    if !(1..=12).contains(&month) {
        return Err(format!(
            "there is no month {month}: months run from 1 to 12"
        ));
    }
    let (Ok(y), Ok(m)) = (i16::try_from(year), i8::try_from(month)) else {
        return Err(format!("the year {year} is out of range"));
    };
    let Ok(first) = Date::new(y, m, 1) else {
        return Err(format!("the year {year} is out of range"));
    };
    let days = i32::from(first.days_in_month());
    let month_name = english_month(month);
    if day < 1 || day > days {
        return Err(format!(
            "{month_name} {year} has {days} days, so there is no day {day}"
        ));
    }
    Date::new(y, m, i8::try_from(day).unwrap_or(1)).map_err(|error| error.to_string())
}

fn long_date(date: Date) -> String {
    format!(
        "{} {} {}",
        date.day(),
        english_month(i32::from(date.month())),
        date.year()
    )
}

/// What surrounds a value that should stand alone, in the words of a message: "a space after it", "a line break
/// before and after it".
pub fn what_surrounds(text: &str) -> String {
    let kind = |part: &str| -> Option<&'static str> {
        if part.is_empty() {
            None
        } else if part.contains(['\n', '\r']) {
            Some("a line break")
        } else if part.contains('\t') {
            Some("a tab")
        } else {
            Some("a space")
        }
    };
    let before = kind(&text[..text.len() - text.trim_start().len()]);
    let after = kind(&text[text.trim_end().len()..]);
    match (before, after) {
        (Some(before), Some(after)) if before == after => format!("{before} before and after it"),
        (Some(before), Some(after)) => format!("{before} before it and {after} after it"),
        (Some(before), None) => format!("{before} before it"),
        (None, Some(after)) => format!("{after} after it"),
        (None, None) => "nothing around it".to_owned(),
    }
}

/// A date value of the file with where it is and what it records.
struct DateValue<'a> {
    node: &'a Node,
    what: String,
    date: Option<Date>,
}

pub fn check(context: &FileContext<'_>, findings: &mut Vec<Finding>) {
    let mut values = Vec::new();
    for (pattern, what) in [
        ("approved/date", "the approval date"),
        ("updated/date", "the update date"),
        ("reviews/*/date", "the review date"),
        ("retired/date", "the retirement date"),
    ] {
        for (path, node) in select(context.root, pattern) {
            let what = match path.get(1) {
                Some(crate::load::PathSegment::Index(index)) => {
                    format!("the date of review {}", index + 1)
                }
                _ => what.to_owned(),
            };
            let date = check_value(context, node, &what, &super::pointer(&path), findings);
            values.push(DateValue { node, what, date });
        }
    }
    let approved = values
        .iter()
        .find(|value| value.what == "the approval date")
        .and_then(|value| value.date.map(|date| (value, date)));
    if let Some((approval, approved)) = approved {
        for value in &values {
            if let Some(date) = value.date
                && date < approved
            {
                findings.push(
                    context
                        .finding(&DATE_ORDER, value.node, format!("{} ({date}) is before the approval date ({approved})", value.what))
                        .label("before the approval")
                        .related(approval.node.span, "approved on this date")
                        .help("an update or review comes after the approval: check the year and month of both dates"),
                );
            }
        }
    }
}

fn check_value(
    context: &FileContext<'_>,
    node: &Node,
    what: &str,
    at: &str,
    findings: &mut Vec<Finding>,
) -> Option<Date> {
    let text = match &node.value {
        // The template's `<fyll i: ÅÅÅÅ-MM-DD>` is one thing to fill in, and `placeholder` says so already.
        Value::Scalar(scalar) if super::text::is_placeholder(&scalar.text) => return None,
        Value::Scalar(scalar) => scalar.text.as_str(),
        Value::Null => return None, // reported as an empty required value
        _ => {
            findings.push(
                context
                    .finding(
                        &INVALID_DATE,
                        node,
                        format!(
                            "{what} should be a date, but here it is {}",
                            node.kind_name()
                        ),
                    )
                    .help("write the date on the same line, as YYYY-MM-DD: `date: 2018-05-08`"),
            );
            return None;
        }
    };
    let date = match read_date(text) {
        DateText::Iso(date) if text.trim() != text => {
            findings.push(
                context
                    .finding(
                        &INVALID_DATE,
                        node,
                        format!("{what} has {}", what_surrounds(text)),
                    )
                    .label("not only the date")
                    .help(format!(
                        "write only the date, on the same line as the key: `date: {date}`"
                    )),
            );
            return None;
        }
        DateText::Iso(date) => date,
        DateText::Legacy(date) => {
            findings.push(
                context
                    .finding(
                        &LEGACY_DATE,
                        node,
                        format!(
                            "`{}` is written day.month.year; it means {}, written {date}",
                            text.trim(),
                            long_date(date)
                        ),
                    )
                    .label(format!("write {date}"))
                    .help(format!("write dates as YYYY-MM-DD: `date: {date}`"))
                    .fix(Fix::replace(
                        Applicability::Safe,
                        format!("write the date as {date}"),
                        node.span,
                        date.to_string(),
                        Expect::Values(vec![(
                            at.to_owned(),
                            serde_json::Value::String(date.to_string()),
                        )]),
                    )),
            );
            date
        }
        DateText::Invalid(reason) => {
            findings.push(
                context
                    .finding(
                        &INVALID_DATE,
                        node,
                        format!("{what} is not a real date: {reason}"),
                    )
                    .label("not a date")
                    .help("write the date as YYYY-MM-DD, e.g. 2018-05-08"),
            );
            return None;
        }
    };
    if date > context.today {
        findings.push(
            context
                .finding(
                    &FUTURE_DATE,
                    node,
                    format!(
                        "{what} ({date}) is in the future: today is {}",
                        context.today
                    ),
                )
                .label("in the future")
                .help("check the year and the month: this cannot have happened yet"),
        );
    }
    Some(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_read_in_both_notations() {
        assert_eq!(
            read_date("2018-05-08"),
            DateText::Iso(jiff::civil::date(2018, 5, 8))
        );
        assert_eq!(
            read_date("8.5.2018"),
            DateText::Legacy(jiff::civil::date(2018, 5, 8))
        );
        assert_eq!(
            read_date("29.2.2024"),
            DateText::Legacy(jiff::civil::date(2024, 2, 29))
        );
        assert!(
            matches!(read_date("2023-02-29"), DateText::Invalid(reason) if reason.contains("February 2023 has 28 days"))
        );
        assert!(
            matches!(read_date("2018-13-01"), DateText::Invalid(reason) if reason.contains("no month 13"))
        );
        assert!(
            matches!(read_date("2018-5-8"), DateText::Invalid(reason) if reason.contains("2018-05-08"))
        );
        assert!(matches!(read_date("maj 2018"), DateText::Invalid(_)));
        assert!(
            matches!(read_date("31.4.2018"), DateText::Invalid(reason) if reason.contains("April 2018 has 30 days"))
        );
    }
}
