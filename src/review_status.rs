//! When a process is due for review under its annual review cycle.
//!
//! The rule, in the words of the README: a process's last review is the latest of its approval, its update and
//! the reviews in its history. It falls due at the end of the first review window that begins after that day (a
//! single review month is a window of one month); a process reviewed every N years, at the end of the first
//! window that begins once N − 1 whole years have passed since that day. It is overdue once that day has passed, and upcoming when that
//! day is within the look-ahead. Every window counts: a process evaluated in February–March and updated in
//! August–September is due twice a year.

use jiff::civil::Date;
use serde::Serialize;

use crate::model::{Month, Process, ReviewWindow};

/// A window of the annual clock as calendar dates in one particular year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Occurrence {
    start: Date,
    end: Date,
}

fn first_day(year: i16, month: Month) -> Option<Date> {
    Date::new(year, i8::try_from(month.number()).ok()?, 1).ok()
}

fn last_day(year: i16, month: Month) -> Option<Date> {
    Some(first_day(year, month)?.last_of_month())
}

/// The window as it falls in `year`; a window that runs over the new year (November–January) ends in the next.
fn occurrence(window: &ReviewWindow, year: i16) -> Option<Occurrence> {
    let start = first_day(year, window.from)?;
    let end_year = if window.last() < window.from {
        year.checked_add(1)?
    } else {
        year
    };
    let end = last_day(end_year, window.last())?;
    Some(Occurrence { start, end })
}

/// The day a process with these review windows, reviewed every `every` years, is due when it was last reviewed
/// on `last_review`: the end of the first window that begins once `every - 1` whole years have passed since that
/// day. Every year, that is the first window that begins after the review; every third April, reviewed
/// 2021-05-14, it is 2024-04-30 (the first April after 2023-05-14). `None` when there are no windows.
pub fn due_date(windows: &[ReviewWindow], last_review: Date, every: u8) -> Option<Date> {
    // From 29 February, whole years end on 28 February.
    let years = jiff::Span::new().years(i64::from(every.max(1)) - 1);
    let from = last_review.checked_add(years).ok()?;
    let year = from.year();
    (year..=year.saturating_add(1))
        .flat_map(|year| {
            windows
                .iter()
                .filter_map(move |window| occurrence(window, year))
        })
        .filter(|occurrence| occurrence.start > from)
        .min_by_key(|occurrence| (occurrence.start, occurrence.end))
        .map(|occurrence| occurrence.end)
}

/// The latest of the approval, the update and the reviews in the history; `None` for a draft, which has not been
/// approved and so is not reviewed either.
pub fn last_review(process: &Process) -> Option<Date> {
    let mut last = process.approved.as_ref()?.date.0;
    if let Some(updated) = &process.updated {
        last = last.max(updated.date.0);
    }
    for review in &process.reviews {
        last = last.max(review.date.0);
    }
    Some(last)
}

/// Where a process stands on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase", tag = "status")]
pub enum ReviewStatus {
    /// Not due within the look-ahead.
    Ok { due: Date },
    /// Due within the look-ahead (or today).
    Upcoming { due: Date, days_left: i32 },
    /// The due day has passed.
    Overdue { due: Date, days_overdue: i32 },
    /// The process has no review cycle, so it is never due.
    #[serde(rename = "no-cycle")]
    NoCycle,
    /// The process is a draft, not yet approved: it is not in use, so it is not due for review.
    Draft,
    /// The process is retired: no longer in use, so never due for review.
    Retired,
}

impl ReviewStatus {
    pub fn due(self) -> Option<Date> {
        match self {
            ReviewStatus::Ok { due }
            | ReviewStatus::Upcoming { due, .. }
            | ReviewStatus::Overdue { due, .. } => Some(due),
            ReviewStatus::NoCycle | ReviewStatus::Draft | ReviewStatus::Retired => None,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            ReviewStatus::Ok { .. } => "ok",
            ReviewStatus::Upcoming { .. } => "upcoming",
            ReviewStatus::Overdue { .. } => "overdue",
            ReviewStatus::NoCycle => "no-cycle",
            ReviewStatus::Draft => "draft",
            ReviewStatus::Retired => "retired",
        }
    }
}

/// Days from `from` to `to` (negative when `to` is earlier).
fn days_between(from: Date, to: Date) -> i32 {
    from.until(to).map_or(0, |span| span.get_days())
}

/// The review status of a process on `today`, looking `within_days` ahead for upcoming reviews.
pub fn status(process: &Process, today: Date, within_days: i32) -> ReviewStatus {
    if process.retired.is_some() {
        return ReviewStatus::Retired;
    }
    let Some(last) = last_review(process) else {
        return ReviewStatus::Draft;
    };
    let Some(cycle) = &process.review_cycle else {
        return ReviewStatus::NoCycle;
    };
    let Some(due) = due_date(&cycle.windows(), last, cycle.every()) else {
        return ReviewStatus::NoCycle;
    };
    let days_left = days_between(today, due);
    if days_left < 0 {
        ReviewStatus::Overdue {
            due,
            days_overdue: -days_left,
        }
    } else if days_left <= within_days {
        ReviewStatus::Upcoming { due, days_left }
    } else {
        ReviewStatus::Ok { due }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    fn month(name: &str) -> Month {
        Month::parse(name).unwrap_or_else(|| panic!("{name} is a month"))
    }

    fn window(from: &str, to: &str) -> ReviewWindow {
        ReviewWindow {
            name: None,
            from: month(from),
            to: Some(month(to)),
            note: None,
        }
    }

    #[test]
    fn a_single_month_is_due_at_its_end_in_the_first_year_it_begins_after_the_last_review() {
        let april = [window("april", "april")];
        assert_eq!(
            due_date(&april, date(2021, 5, 14), 1),
            Some(date(2022, 4, 30))
        );
        // Reviewed in the review month itself: that month has begun already, so the next one is a year later.
        assert_eq!(
            due_date(&april, date(2023, 4, 10), 1),
            Some(date(2024, 4, 30))
        );
        // Reviewed early, before the month: the review month is still ahead and still due.
        assert_eq!(
            due_date(&april, date(2023, 3, 15), 1),
            Some(date(2023, 4, 30))
        );
    }

    #[test]
    fn every_window_counts_and_the_earliest_one_ahead_is_due() {
        let windows = [window("februari", "mars"), window("augusti", "september")];
        assert_eq!(
            due_date(&windows, date(2017, 4, 7), 1),
            Some(date(2017, 9, 30))
        );
        assert_eq!(
            due_date(&windows, date(2017, 9, 1), 1),
            Some(date(2018, 3, 31))
        );
        assert_eq!(
            due_date(&windows, date(2017, 1, 15), 1),
            Some(date(2017, 3, 31))
        );
    }

    #[test]
    fn windows_cross_the_new_year_and_february_ends_on_the_leap_day() {
        assert_eq!(
            due_date(&[window("december", "december")], date(2025, 12, 5), 1),
            Some(date(2026, 12, 31))
        );
        assert_eq!(
            due_date(&[window("november", "januari")], date(2025, 6, 1), 1),
            Some(date(2026, 1, 31))
        );
        assert_eq!(
            due_date(&[window("februari", "februari")], date(2023, 6, 1), 1),
            Some(date(2024, 2, 29))
        );
        assert_eq!(
            due_date(&[window("februari", "februari")], date(2024, 6, 1), 1),
            Some(date(2025, 2, 28))
        );
        assert_eq!(due_date(&[], date(2024, 6, 1), 1), None);
    }

    #[test]
    fn a_longer_interval_counts_whole_years_from_the_last_review() {
        let april = [window("april", "april")];
        // The example: reviewed 2021-05-14, every third April.
        assert_eq!(
            due_date(&april, date(2021, 5, 14), 3),
            Some(date(2024, 4, 30))
        );
        // Every year, as the annual rule; 0 counts as 1.
        assert_eq!(
            due_date(&april, date(2021, 5, 14), 1),
            Some(date(2022, 4, 30))
        );
        assert_eq!(
            due_date(&april, date(2021, 5, 14), 0),
            Some(date(2022, 4, 30))
        );
        // Reviewed in the review month itself, or just before it.
        assert_eq!(
            due_date(&april, date(2023, 4, 10), 2),
            Some(date(2025, 4, 30))
        );
        assert_eq!(
            due_date(&april, date(2023, 3, 15), 2),
            Some(date(2024, 4, 30))
        );
        // Two windows a year, every second year: the first window once a whole year has passed.
        let windows = [window("februari", "mars"), window("augusti", "september")];
        assert_eq!(
            due_date(&windows, date(2017, 4, 7), 2),
            Some(date(2018, 9, 30))
        );
        // From a leap day a whole year ends on 28 February; a window of February then begins after it.
        let february = [window("februari", "februari")];
        assert_eq!(
            due_date(&february, date(2024, 2, 29), 2),
            Some(date(2026, 2, 28))
        );
        // A window over the new year.
        let winter = [window("november", "januari")];
        assert_eq!(
            due_date(&winter, date(2025, 12, 1), 3),
            Some(date(2029, 1, 31))
        );
    }

    #[test]
    fn days_overdue_count_whole_days_over_leap_years() {
        // Seed 000: last reviewed 2021-05-14, due 2022-04-30; on 2026-11-22 overdue by 1,667 days.
        assert_eq!(days_between(date(2022, 4, 30), date(2026, 11, 22)), 1667);
    }
}
