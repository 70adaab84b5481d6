//! The date ranges the exports start with, and the limit the printable sheet keeps to.

use chrono::{Days, NaiveDate};

/// The longest span the API prints on one sheet, in days between the first and the last.
pub const SHEET_MAX_DAYS: i64 = 31;

/// The last four weeks up to `today`, both ends included.
pub fn last_four_weeks(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    (today - Days::new(27), today)
}

/// Monday to Sunday of the week holding `today`.
pub fn this_week(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    let monday = crate::format::monday_of(today);
    (monday, monday + Days::new(6))
}

/// Two `YYYY-MM-DD` dates in order.
pub fn parsed(from: &str, to: &str) -> Option<(NaiveDate, NaiveDate)> {
    let from = NaiveDate::parse_from_str(from.trim(), "%Y-%m-%d").ok()?;
    let to = NaiveDate::parse_from_str(to.trim(), "%Y-%m-%d").ok()?;
    (from <= to).then_some((from, to))
}

/// Whether a sheet may cover `from..=to`.
pub fn printable(from: NaiveDate, to: NaiveDate) -> bool {
    (to - from).num_days() <= SHEET_MAX_DAYS
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(raw: &str) -> NaiveDate {
        NaiveDate::parse_from_str(raw, "%Y-%m-%d").expect("a date")
    }

    #[test]
    fn four_weeks_end_today_and_hold_twenty_eight_days() {
        let (from, to) = last_four_weeks(day("2026-12-01"));
        assert_eq!((from, to), (day("2026-11-04"), day("2026-12-01")));
        assert_eq!((to - from).num_days() + 1, 28);
    }

    #[test]
    fn a_week_runs_monday_to_sunday() {
        // 2026-12-01 is a Tuesday; 2026-12-06 a Sunday.
        assert_eq!(this_week(day("2026-12-01")), (day("2026-11-30"), day("2026-12-06")));
        assert_eq!(this_week(day("2026-12-06")), (day("2026-11-30"), day("2026-12-06")));
        assert_eq!(this_week(day("2026-11-30")), (day("2026-11-30"), day("2026-12-06")));
    }

    #[test]
    fn ranges_are_read_in_order_and_sheets_kept_to_a_month() {
        assert_eq!(parsed("2026-12-01", "2026-12-07"), Some((day("2026-12-01"), day("2026-12-07"))));
        assert_eq!(parsed("2026-12-07", "2026-12-01"), None);
        assert_eq!(parsed("", "2026-12-01"), None);
        assert!(printable(day("2026-12-01"), day("2027-01-01")));
        assert!(!printable(day("2026-12-01"), day("2027-01-02")));
    }
}
