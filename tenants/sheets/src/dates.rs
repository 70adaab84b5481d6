//! Dates as coaches write them: day first, with or without the year, often after the weekday.

use chrono::{Datelike, Days, NaiveDate};

/// What a text says about a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DateText {
    Found(NaiveDate),
    /// Something shaped like a date that is not one (`31/02/2026`, `7/13`).
    Invalid,
    Absent,
}

/// Finds the first date in `text`: `2026-12-07`, `07/12/2026`, `7/12/26`, `07.12.2026`, `Lundi 7/12/2026 - Force`,
/// `lundi 7/12`. A date without a year is the next one on or after a week before `today`, so last Monday's
/// session written late still lands in the past week rather than next year.
pub(crate) fn find_date(text: &str, today: NaiveDate) -> DateText {
    for word in text.split(|c: char| !(c.is_ascii_digit() || matches!(c, '/' | '.' | '-'))) {
        let word = word.trim_matches(|c: char| !c.is_ascii_digit());
        let Some(separator) = word.chars().find(|c| !c.is_ascii_digit()) else { continue };
        let groups: Vec<&str> = word.split(separator).collect();
        if groups.iter().any(|g| g.is_empty() || g.len() > 4)
            || word.chars().any(|c| !c.is_ascii_digit() && c != separator)
        {
            continue;
        }
        let numbers: Vec<u32> = groups.iter().filter_map(|g| g.parse().ok()).collect();
        let found = match (numbers.as_slice(), groups.first().map(|g| g.len())) {
            ([year, month, day], Some(4)) => NaiveDate::from_ymd_opt(*year as i32, *month, *day),
            ([day, month, year], _) if groups.get(2).is_some_and(|g| g.len() == 4) => {
                NaiveDate::from_ymd_opt(*year as i32, *month, *day)
            }
            ([day, month, year], _) if groups.get(2).is_some_and(|g| g.len() == 2) => {
                NaiveDate::from_ymd_opt(2000 + *year as i32, *month, *day)
            }
            ([day, month], _) if separator != '-' => without_year(*day, *month, today),
            _ => continue,
        };
        return found.map_or(DateText::Invalid, DateText::Found);
    }
    DateText::Absent
}

fn without_year(day: u32, month: u32, today: NaiveDate) -> Option<NaiveDate> {
    let start = today.checked_sub_days(Days::new(7))?;
    // Eight years reach the next 29 February from anywhere.
    (start.year()..start.year() + 8)
        .filter_map(|year| NaiveDate::from_ymd_opt(year, month, day))
        .find(|date| *date >= start)
}

/// A spreadsheet's serial day number (days since 30 December 1899, the 1900 system's epoch) as a date.
pub(crate) fn from_serial(serial: f64) -> Option<NaiveDate> {
    // Outside 1954..2119 a plain number in a date column is more likely a mistake than a date.
    if !(20_000.0..80_000.0).contains(&serial) {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_days(Days::new(serial.floor() as u64))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
    }

    const TODAY: fn() -> NaiveDate = || day(2026, 12, 1);

    #[test]
    fn reads_day_first_dates() {
        for text in ["2026-12-07", "07/12/2026", "7/12/26", "07.12.2026", "Lundi 7/12/2026 - Force", "lundi 7/12"] {
            assert_eq!(find_date(text, TODAY()), DateText::Found(day(2026, 12, 7)), "{text}");
        }
    }

    #[test]
    fn a_date_without_year_is_the_next_one_from_a_week_ago() {
        assert_eq!(find_date("25/11", TODAY()), DateText::Found(day(2026, 11, 25)));
        assert_eq!(find_date("23/11", TODAY()), DateText::Found(day(2027, 11, 23)));
        assert_eq!(find_date("5/1", TODAY()), DateText::Found(day(2027, 1, 5)));
        assert_eq!(find_date("29/02", TODAY()), DateText::Found(day(2028, 2, 29)));
    }

    #[test]
    fn tells_a_wrong_date_from_no_date() {
        assert_eq!(find_date("31/02/2026", TODAY()), DateText::Invalid);
        assert_eq!(find_date("Mardi 7/13", TODAY()), DateText::Invalid);
        assert_eq!(find_date("Séance A", TODAY()), DateText::Absent);
        assert_eq!(find_date("Semaine 2", TODAY()), DateText::Absent);
        assert_eq!(find_date("Semaine 1-2", TODAY()), DateText::Absent);
    }

    #[test]
    fn serial_numbers_count_from_the_1900_epoch() {
        assert_eq!(from_serial(46_363.0), Some(day(2026, 12, 7)));
        assert_eq!(from_serial(12.0), None);
    }
}
