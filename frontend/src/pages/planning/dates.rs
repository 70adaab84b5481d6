//! The calendar's date arithmetic: which days a week or a month view shows, and where the
//! previous and next buttons lead. Weeks start on Monday, as in France.

use chrono::{Datelike, Days, Months, NaiveDate};

use crate::format::monday_of;

/// How much of the calendar is on screen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Span {
    Week,
    Month,
}

/// The first and last day shown (inclusive) when `anchor` is in view.
pub fn shown(span: Span, anchor: NaiveDate) -> (NaiveDate, NaiveDate) {
    match span {
        Span::Week => {
            let monday = monday_of(anchor);
            (monday, monday + Days::new(6))
        }
        Span::Month => {
            // Whole weeks, so the grid has seven columns from Monday to Sunday.
            let first = first_of_month(anchor);
            let last = first + Months::new(1) - Days::new(1);
            (monday_of(first), monday_of(last) + Days::new(6))
        }
    }
}

/// Every day from `from` to `to`, inclusive.
pub fn days(from: NaiveDate, to: NaiveDate) -> Vec<NaiveDate> {
    from.iter_days().take_while(|d| *d <= to).collect()
}

/// Where "previous" (`step = -1`) or "next" (`step = 1`) leads.
pub fn step(span: Span, anchor: NaiveDate, step: i32) -> NaiveDate {
    match (span, step >= 0) {
        (Span::Week, true) => anchor + Days::new(7),
        (Span::Week, false) => anchor - Days::new(7),
        // From the first of the month, so 31 January does not skip February.
        (Span::Month, true) => first_of_month(anchor) + Months::new(1),
        (Span::Month, false) => first_of_month(anchor) - Months::new(1),
    }
}

pub fn first_of_month(day: NaiveDate) -> NaiveDate {
    day.with_day(1).unwrap_or(day)
}

/// A `YYYY-MM-DD` date as the API and `<input type="date">` write it.
pub fn parse(raw: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").ok()
}

pub fn iso(day: NaiveDate) -> String {
    day.format("%Y-%m-%d").to_string()
}

/// `days` before `day` (for "the last four weeks").
pub fn days_before(day: NaiveDate, days: u64) -> NaiveDate {
    day - Days::new(days)
}

pub fn days_after(day: NaiveDate, days: u64) -> NaiveDate {
    day + Days::new(days)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(raw: &str) -> NaiveDate {
        parse(raw).unwrap()
    }

    #[test]
    fn a_week_runs_from_monday_to_sunday() {
        // 1 December 2026 is a Tuesday.
        assert_eq!(shown(Span::Week, d("2026-12-01")), (d("2026-11-30"), d("2026-12-06")));
        assert_eq!(shown(Span::Week, d("2026-12-06")), (d("2026-11-30"), d("2026-12-06")));
        assert_eq!(days(d("2026-11-30"), d("2026-12-06")).len(), 7);
    }

    #[test]
    fn a_month_is_whole_weeks_around_it() {
        let (from, to) = shown(Span::Month, d("2026-12-15"));
        assert_eq!((from, to), (d("2026-11-30"), d("2027-01-03")));
        assert_eq!(days(from, to).len() % 7, 0);
        // February 2027 starts on a Monday and ends on a Sunday: exactly four weeks.
        assert_eq!(shown(Span::Month, d("2027-02-10")), (d("2027-02-01"), d("2027-02-28")));
    }

    #[test]
    fn stepping_moves_by_a_week_or_a_month() {
        assert_eq!(step(Span::Week, d("2026-12-01"), 1), d("2026-12-08"));
        assert_eq!(step(Span::Week, d("2026-12-01"), -1), d("2026-11-24"));
        assert_eq!(step(Span::Month, d("2027-01-31"), 1), d("2027-02-01"));
        assert_eq!(step(Span::Month, d("2027-03-31"), -1), d("2027-02-01"));
        assert_eq!(step(Span::Month, d("2027-01-15"), -1), d("2026-12-01"));
    }

    #[test]
    fn dates_read_and_write_as_the_api_does() {
        assert_eq!(iso(d(" 2026-03-05 ")), "2026-03-05");
        assert!(parse("2026-02-30").is_none());
        assert_eq!(days_before(d("2026-12-01"), 27), d("2026-11-04"));
    }
}
