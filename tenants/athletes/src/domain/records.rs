//! Personal records and estimated maxima.

use std::collections::HashMap;

use chrono::NaiveDate;
use dropit_training::domain::{load::Grams, log::SessionLog};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Source {
    /// A maximum tested in training and entered by the coach.
    Tested,
    Competition,
    /// A made single in a logged session heavier than the record.
    Training,
}

impl Source {
    pub fn as_str(self) -> &'static str {
        match self {
            Source::Tested => "tested",
            Source::Competition => "competition",
            Source::Training => "training",
        }
    }

    pub fn parse(raw: &str) -> Option<Source> {
        [Source::Tested, Source::Competition, Source::Training].into_iter().find(|s| s.as_str() == raw)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Record {
    pub id: uuid::Uuid,
    pub athlete_id: uuid::Uuid,
    pub exercise_id: uuid::Uuid,
    pub load: Grams,
    pub date: NaiveDate,
    pub source: Source,
    pub note: String,
}

/// Epley's estimate of a one-repetition maximum from a set: w·(1 + r/30); a single is itself.
pub fn epley(load: Grams, reps: u32) -> f64 {
    if reps <= 1 { load.kg() } else { load.kg() * (1.0 + f64::from(reps) / 30.0) }
}

/// One point of an estimated-maximum trend: the best estimate of a day.
#[derive(Clone, Debug, PartialEq)]
pub struct Estimate {
    pub date: NaiveDate,
    pub kg: f64,
}

/// The best estimate per day from made sets `(date, load, reps)`, by date. Sets of more than
/// ten reps say little about a maximum and are left out.
pub fn estimate_trend(sets: impl IntoIterator<Item = (NaiveDate, Grams, u32)>) -> Vec<Estimate> {
    let mut by_day = std::collections::BTreeMap::<NaiveDate, f64>::new();
    for (date, load, reps) in sets {
        if reps == 0 || reps > 10 {
            continue;
        }
        let estimate = (epley(load, reps) * 10.0).round() / 10.0;
        let best = by_day.entry(date).or_insert(estimate);
        *best = best.max(estimate);
    }
    by_day.into_iter().map(|(date, kg)| Estimate { date, kg }).collect()
}

/// The heaviest made single of each exercise of a logged session, the sets a training record
/// can come from: one repetition of one exercise (not a complex), at least 1 kg.
pub fn heaviest_singles(log: &SessionLog) -> HashMap<uuid::Uuid, Grams> {
    let mut heaviest = HashMap::new();
    for set in log.sets.iter().filter(|s| s.made && s.reps == 1 && s.parts.is_empty() && s.load.0 >= 1_000) {
        let best = heaviest.entry(set.exercise_id).or_insert(set.load);
        if set.load.0 > best.0 {
            *best = set.load;
        }
    }
    heaviest
}

#[cfg(test)]
mod tests {
    use dropit_training::domain::{log::LoggedSet, workout::Part};

    use super::*;

    #[test]
    fn only_made_singles_of_one_exercise_count_and_the_heaviest_wins() {
        let snatch = uuid::Uuid::from_u128(1);
        let clean = uuid::Uuid::from_u128(2);
        let set = |exercise_id, reps, grams, made, parts: Vec<Part>| LoggedSet {
            exercise_id,
            reps,
            load: Grams(grams),
            rpe: None,
            made,
            note: String::new(),
            parts,
        };
        let log = SessionLog {
            id: uuid::Uuid::from_u128(3),
            athlete_id: uuid::Uuid::from_u128(4),
            planned_session_id: None,
            performed_on: NaiveDate::from_ymd_opt(2026, 12, 1).expect("date"),
            session_rpe: None,
            duration_minutes: None,
            notes: String::new(),
            sets: vec![
                set(snatch, 1, 90_000, true, Vec::new()),
                set(snatch, 1, 95_000, true, Vec::new()),
                set(snatch, 1, 100_000, false, Vec::new()),
                set(snatch, 2, 97_000, true, Vec::new()),
                set(clean, 1, 130_000, true, vec![Part { exercise_id: clean, reps: 1 }]),
                set(clean, 1, 500, true, Vec::new()),
            ],
            coach_comment: String::new(),
        };
        assert_eq!(heaviest_singles(&log), HashMap::from([(snatch, Grams(95_000))]));
    }

    #[test]
    fn epley_by_hand() {
        let near = |a: f64, b: f64| (a - b).abs() < 1e-9;
        assert_eq!(epley(Grams(100_000), 1), 100.0);
        assert!(near(epley(Grams(100_000), 3), 110.0));
        assert!(near(epley(Grams(90_000), 5), 105.0));
    }

    #[test]
    fn the_trend_keeps_each_days_best() {
        let d = |day| NaiveDate::from_ymd_opt(2026, 11, day).expect("date");
        let trend = estimate_trend([
            (d(2), Grams(100_000), 3),
            (d(2), Grams(105_000), 1),
            (d(1), Grams(90_000), 5),
            (d(3), Grams(60_000), 12),
        ]);
        assert_eq!(trend, [Estimate { date: d(1), kg: 105.0 }, Estimate { date: d(2), kg: 110.0 }]);
    }
}
