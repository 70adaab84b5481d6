//! What the athlete pages accept from the keyboard and the periods they read, checked the way
//! the API checks them; pure so they are tested on the host.

use chrono::{Days, NaiveDate};

use crate::format::monday_of;

/// The longest period the API reads at once (statistics, estimates, bodyweights).
pub const MAX_DAYS: i64 = 366;

/// A load or bodyweight as typed: `102,5` or `102.5`; `None` when it is not a positive number.
pub fn kg(raw: &str) -> Option<f64> {
    raw.trim().replace(',', ".").parse::<f64>().ok().filter(|v| v.is_finite() && *v > 0.0)
}

/// An optional load: empty is `Ok(None)`, a bad number is `Err`.
pub fn optional_kg(raw: &str) -> Result<Option<f64>, ()> {
    if raw.trim().is_empty() { Ok(None) } else { kg(raw).map(Some).ok_or(()) }
}

/// A bar is 5 to 25 kg, as the API's profile rule says.
pub fn bar_ok(raw: &str) -> bool {
    optional_kg(raw).is_ok_and(|bar| bar.is_none_or(|kg| (5.0..=25.0).contains(&kg)))
}

/// A date as a date input gives it, `YYYY-MM-DD`.
pub fn date(raw: &str) -> Option<NaiveDate> {
    raw.trim().parse::<NaiveDate>().ok()
}

/// A birth date is empty, or a day from 1900-01-02 up to today.
pub fn birth_date_ok(raw: &str, today: NaiveDate) -> bool {
    let oldest = NaiveDate::from_ymd_opt(1900, 1, 2).unwrap_or(NaiveDate::MIN);
    raw.trim().is_empty() || date(raw).is_some_and(|d| d >= oldest && d <= today)
}

/// A day that has happened: records and weigh-ins are never in the future.
pub fn past_date_ok(raw: &str, today: NaiveDate) -> bool {
    date(raw).is_some_and(|d| d <= today)
}

/// The last `weeks` weeks up to today, starting on a Monday.
pub fn last_weeks(today: NaiveDate, weeks: u32) -> (NaiveDate, NaiveDate) {
    let from = monday_of(today) - Days::new(7 * u64::from(weeks.saturating_sub(1)));
    (from, today)
}

/// The year up to today, as long as the API reads at once.
pub fn last_year(today: NaiveDate) -> (NaiveDate, NaiveDate) {
    (today - Days::new(365), today)
}

/// Why a period cannot be read.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PeriodProblem {
    Invalid,
    Reversed,
    TooLong,
}

/// A period typed as two dates, in order and at most a year long.
pub fn period(from: &str, to: &str) -> Result<(NaiveDate, NaiveDate), PeriodProblem> {
    let (Some(from), Some(to)) = (date(from), date(to)) else { return Err(PeriodProblem::Invalid) };
    if to < from {
        Err(PeriodProblem::Reversed)
    } else if (to - from).num_days() > MAX_DAYS {
        Err(PeriodProblem::TooLong)
    } else {
        Ok((from, to))
    }
}

/// How many pages `total` items make.
pub fn page_count(total: u64, per_page: u32) -> u32 {
    u32::try_from(total.div_ceil(u64::from(per_page.max(1)))).unwrap_or(u32::MAX).max(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    #[test]
    fn loads_read_both_decimal_marks() {
        assert_eq!(kg("102,5"), Some(102.5));
        assert_eq!(kg(" 80.25 "), Some(80.25));
        assert_eq!(kg("0"), None);
        assert_eq!(kg("abc"), None);
        assert_eq!(optional_kg(""), Ok(None));
        assert_eq!(optional_kg("x"), Err(()));
        assert!(bar_ok("") && bar_ok("15") && bar_ok("20,0"));
        assert!(!bar_ok("40") && !bar_ok("2") && !bar_ok("bar"));
    }

    #[test]
    fn dates_are_checked_against_today() {
        let today = day(2026, 12, 1);
        assert!(birth_date_ok("", today));
        assert!(birth_date_ok("2008-04-02", today));
        assert!(!birth_date_ok("2027-01-01", today));
        assert!(!birth_date_ok("1899-12-31", today));
        assert!(!birth_date_ok("02/04/2008", today));
        assert!(past_date_ok("2026-12-01", today));
        assert!(!past_date_ok("2026-12-02", today));
        assert!(!past_date_ok("", today));
    }

    #[test]
    fn periods_end_today_and_start_on_a_monday() {
        // 2026-12-03 is a Thursday; its Monday is 2026-11-30.
        let today = day(2026, 12, 3);
        assert_eq!(last_weeks(today, 12), (day(2026, 9, 14), today));
        assert_eq!(last_weeks(today, 1), (day(2026, 11, 30), today));
        let (from, to) = last_weeks(today, 52);
        assert!((to - from).num_days() <= MAX_DAYS);
        assert_eq!(last_year(today), (day(2025, 12, 3), today));
    }

    #[test]
    fn a_typed_period_is_in_order_and_short_enough() {
        assert_eq!(period("2026-01-01", "2026-03-01"), Ok((day(2026, 1, 1), day(2026, 3, 1))));
        assert_eq!(period("2026-03-01", "2026-01-01"), Err(PeriodProblem::Reversed));
        assert_eq!(period("2025-01-01", "2026-03-01"), Err(PeriodProblem::TooLong));
        assert_eq!(period("", "2026-03-01"), Err(PeriodProblem::Invalid));
    }

    #[test]
    fn pages_round_up() {
        assert_eq!(page_count(0, 25), 1);
        assert_eq!(page_count(25, 25), 1);
        assert_eq!(page_count(26, 25), 2);
    }
}
