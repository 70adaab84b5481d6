//! The Sinclair coefficient: how a total compares with what a lifter of the heaviest class
//! would lift. The constants change every Olympiad; a competition uses those of its date.

use chrono::{Datelike, NaiveDate};

use super::athlete::Sex;

/// The constants of one sex for one Olympiad: for a bodyweight below `b`, the coefficient is
/// 10^(A·(log10(bodyweight / b))²); at or above `b`, it is 1.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Constants {
    pub a: f64,
    pub b: f64,
}

/// The constants of an Olympiad (its first and last year) for men and women.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Olympiad {
    pub first_year: i32,
    pub last_year: i32,
    pub men: Constants,
    pub women: Constants,
}

/// The published constants, oldest first.
pub const OLYMPIADS: &[Olympiad] = &[
    Olympiad {
        first_year: 2017,
        last_year: 2020,
        men: Constants { a: 0.751_945_030, b: 175.508 },
        women: Constants { a: 0.783_497_476, b: 153.655 },
    },
    Olympiad {
        first_year: 2021,
        last_year: 2024,
        men: Constants { a: 0.722_762_521, b: 193.609 },
        women: Constants { a: 0.787_004_341, b: 153.757 },
    },
    Olympiad {
        first_year: 2025,
        last_year: 2028,
        men: Constants { a: 0.700_767_819, b: 201.159 },
        women: Constants { a: 0.674_107_991, b: 163.918 },
    },
];

/// The constants in force on `date`, or `None` outside the Olympiads known.
pub fn constants(sex: Sex, date: NaiveDate) -> Option<Constants> {
    let olympiad = OLYMPIADS.iter().find(|o| (o.first_year..=o.last_year).contains(&date.year()))?;
    Some(match sex {
        Sex::Male => olympiad.men,
        Sex::Female => olympiad.women,
    })
}

/// The coefficient for a bodyweight in kg.
pub fn coefficient(constants: Constants, bodyweight_kg: f64) -> f64 {
    if bodyweight_kg >= constants.b {
        return 1.0;
    }
    let x = (bodyweight_kg / constants.b).log10();
    10f64.powf(constants.a * x * x)
}

/// The Sinclair total, rounded to the gram as results sheets print it (three decimals).
pub fn sinclair_total(total_kg: f64, constants: Constants, bodyweight_kg: f64) -> f64 {
    (total_kg * coefficient(constants, bodyweight_kg) * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).expect("date")
    }

    #[test]
    fn the_iwf_worked_example() {
        // 2001–2004 constants: a man of 83.5 kg with a 390 kg total.
        let constants = Constants { a: 0.938_573_813, b: 157.141 };
        let c = coefficient(constants, 83.5);
        assert!((c - 1.176_995_69).abs() < 1e-8, "{c}");
        assert_eq!(sinclair_total(390.0, constants, 83.5), 459.028);
    }

    #[test]
    fn each_olympiad_is_chosen_by_the_competition_date() {
        let men = |date| constants(Sex::Male, date).expect("known").a;
        let women = |date| constants(Sex::Female, date).expect("known").b;
        assert_eq!(men(day(2019, 6, 1)), 0.751_945_030);
        assert_eq!(men(day(2020, 12, 31)), 0.751_945_030);
        assert_eq!(men(day(2021, 1, 1)), 0.722_762_521);
        assert_eq!(men(day(2024, 8, 10)), 0.722_762_521);
        assert_eq!(men(day(2025, 1, 1)), 0.700_767_819);
        assert_eq!(women(day(2018, 3, 3)), 153.655);
        assert_eq!(women(day(2022, 3, 3)), 153.757);
        assert_eq!(women(day(2026, 11, 25)), 163.918);
        assert_eq!(constants(Sex::Male, day(2016, 12, 31)), None);
        assert_eq!(constants(Sex::Female, day(2029, 1, 1)), None);
    }

    #[test]
    fn heavier_than_b_counts_as_is() {
        let constants = constants(Sex::Male, day(2026, 5, 1)).expect("known");
        assert_eq!(coefficient(constants, 201.159), 1.0);
        assert_eq!(coefficient(constants, 230.0), 1.0);
        assert!(coefficient(constants, 73.0) > coefficient(constants, 102.0));
    }
}
