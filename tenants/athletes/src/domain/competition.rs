//! A competition result: three attempts per lift, the total and its Sinclair.

use chrono::NaiveDate;
use dropit_training::domain::load::Grams;

use super::{athlete::Sex, sinclair};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Attempt {
    pub load: Grams,
    pub made: bool,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Entry {
    pub bodyweight: Grams,
    pub snatch: Vec<Attempt>,
    pub clean_and_jerk: Vec<Attempt>,
}

/// What an entry adds up to.
#[derive(Clone, Debug, PartialEq)]
pub struct Outcome {
    pub best_snatch: Option<Grams>,
    pub best_clean_and_jerk: Option<Grams>,
    /// Best snatch + best clean & jerk; none when a lift has no good attempt.
    pub total: Option<Grams>,
    /// `None` without a total, a sex, or constants for the date.
    pub sinclair: Option<f64>,
}

fn best(attempts: &[Attempt]) -> Option<Grams> {
    attempts.iter().filter(|a| a.made).map(|a| a.load).max_by_key(|g| g.0)
}

impl Entry {
    /// Field problems: one to three attempts per lift, each a plausible load, none lighter
    /// than the one before (a lifter never asks for less).
    pub fn validate(&self) -> Vec<String> {
        let mut problems = Vec::new();
        if !(20_000..=250_000).contains(&self.bodyweight.0) {
            problems.push("bodyweight_kg".to_owned());
        }
        for (name, attempts) in [("snatch", &self.snatch), ("clean_and_jerk", &self.clean_and_jerk)] {
            if attempts.is_empty() || attempts.len() > 3 {
                problems.push(name.to_owned());
                continue;
            }
            for (i, attempt) in attempts.iter().enumerate() {
                let lighter = i > 0 && attempt.load.0 < attempts[i - 1].load.0;
                if !(1_000..=400_000).contains(&attempt.load.0) || lighter {
                    problems.push(format!("{name}[{i}].kg"));
                }
            }
        }
        problems
    }

    pub fn outcome(&self, sex: Option<Sex>, date: NaiveDate) -> Outcome {
        let best_snatch = best(&self.snatch);
        let best_clean_and_jerk = best(&self.clean_and_jerk);
        let total = best_snatch.zip(best_clean_and_jerk).map(|(s, c)| Grams(s.0 + c.0));
        let constants = sex.and_then(|sex| sinclair::constants(sex, date));
        let sinclair = total.zip(constants).map(|(t, c)| sinclair::sinclair_total(t.kg(), c, self.bodyweight.kg()));
        Outcome { best_snatch, best_clean_and_jerk, total, sinclair }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn attempts(list: &[(u32, bool)]) -> Vec<Attempt> {
        list.iter().map(|(kg, made)| Attempt { load: Grams(kg * 1000), made: *made }).collect()
    }

    #[test]
    fn total_is_best_snatch_plus_best_clean_and_jerk() {
        let entry = Entry {
            bodyweight: Grams(80_400),
            snatch: attempts(&[(120, true), (125, false), (125, true)]),
            clean_and_jerk: attempts(&[(150, true), (155, true), (160, false)]),
        };
        let date = NaiveDate::from_ymd_opt(2026, 3, 14).expect("date");
        let outcome = entry.outcome(Some(Sex::Male), date);
        assert_eq!(outcome.best_snatch, Some(Grams(125_000)));
        assert_eq!(outcome.best_clean_and_jerk, Some(Grams(155_000)));
        assert_eq!(outcome.total, Some(Grams(280_000)));
        // 2025–2028 men: A 0.700767819, b 201.159.
        let x = (80.4f64 / 201.159).log10();
        let expected = (280.0 * 10f64.powf(0.700_767_819 * x * x) * 1000.0).round() / 1000.0;
        assert_eq!(outcome.sinclair, Some(expected));
        assert!(entry.validate().is_empty());
    }

    #[test]
    fn three_misses_leave_no_total() {
        let entry = Entry {
            bodyweight: Grams(64_000),
            snatch: attempts(&[(80, false), (80, false), (80, false)]),
            clean_and_jerk: attempts(&[(100, true)]),
        };
        let outcome = entry.outcome(Some(Sex::Female), NaiveDate::from_ymd_opt(2026, 3, 14).expect("date"));
        assert_eq!((outcome.total, outcome.sinclair), (None, None));
        assert_eq!(outcome.best_clean_and_jerk, Some(Grams(100_000)));
    }

    #[test]
    fn bad_attempts_are_named() {
        let entry = Entry {
            bodyweight: Grams(5_000),
            snatch: attempts(&[(100, true), (95, true)]),
            clean_and_jerk: attempts(&[(100, true), (101, true), (102, true), (103, true)]),
        };
        assert_eq!(entry.validate(), ["bodyweight_kg", "snatch[1].kg", "clean_and_jerk"]);
    }
}
