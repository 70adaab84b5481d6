//! What an athlete did: a session log, set by set.

use super::load::Grams;

#[derive(Clone, Debug, PartialEq)]
pub struct LoggedSet {
    pub exercise_id: uuid::Uuid,
    pub reps: u32,
    pub load: Grams,
    pub rpe: Option<f64>,
    /// Made, or missed.
    pub made: bool,
    pub note: String,
    /// For a complex, its exercises with their repetitions in one round (`reps` rounds);
    /// empty for a plain exercise.
    pub parts: Vec<super::workout::Part>,
}

impl LoggedSet {
    /// Lifts in the set: a complex 1 + 2 + 1 done twice is 8.
    pub fn lifts(&self) -> u32 {
        let per_round = if self.parts.is_empty() { 1 } else { self.parts.iter().map(|p| p.reps).sum() };
        self.reps * per_round
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct SessionLog {
    /// Chosen by the client, so an upload retried after a lost answer is recognised.
    pub id: uuid::Uuid,
    pub athlete_id: uuid::Uuid,
    pub planned_session_id: Option<uuid::Uuid>,
    pub performed_on: chrono::NaiveDate,
    pub session_rpe: Option<f64>,
    pub duration_minutes: Option<u32>,
    pub notes: String,
    pub sets: Vec<LoggedSet>,
    pub coach_comment: String,
}

impl SessionLog {
    /// Checks the log; problems name their field as in the request (`sets[3].load_kg`).
    pub fn validate(&self) -> Vec<String> {
        let mut problems = Vec::new();
        let rpe_ok = |v: f64| v.is_finite() && (1.0..=10.0).contains(&v) && (v * 2.0).fract() == 0.0;
        if self.session_rpe.is_some_and(|r| !rpe_ok(r)) {
            problems.push("session_rpe".to_owned());
        }
        if self.duration_minutes.is_some_and(|d| d > 600) {
            problems.push("duration_minutes".to_owned());
        }
        if self.notes.chars().count() > 2000 {
            problems.push("notes".to_owned());
        }
        if self.sets.is_empty() || self.sets.len() > 200 {
            problems.push("sets".to_owned());
        }
        for (i, set) in self.sets.iter().enumerate() {
            if set.reps > 50 {
                problems.push(format!("sets[{i}].reps"));
            }
            if set.load.0 > 500_000 {
                problems.push(format!("sets[{i}].load_kg"));
            }
            if set.rpe.is_some_and(|r| !rpe_ok(r)) {
                problems.push(format!("sets[{i}].rpe"));
            }
            if set.note.chars().count() > 500 {
                problems.push(format!("sets[{i}].note"));
            }
            if set.parts.len() == 1 || set.parts.len() > 6 {
                problems.push(format!("sets[{i}].parts"));
            }
            for (j, part) in set.parts.iter().enumerate() {
                if !(1..=10).contains(&part.reps) {
                    problems.push(format!("sets[{i}].parts[{j}].reps"));
                }
            }
        }
        problems
    }

    /// Σ load × lifts of the sets made, in kg.
    pub fn tonnage_kg(&self) -> f64 {
        self.sets.iter().filter(|s| s.made).map(|s| s.load.kg() * f64::from(s.lifts())).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(reps: u32, kg: f64, made: bool) -> LoggedSet {
        LoggedSet {
            exercise_id: uuid::Uuid::nil(),
            reps,
            load: Grams::from_kg(kg).expect("kg"),
            rpe: None,
            made,
            note: String::new(),
            parts: Vec::new(),
        }
    }

    fn log(sets: Vec<LoggedSet>) -> SessionLog {
        SessionLog {
            id: uuid::Uuid::nil(),
            athlete_id: uuid::Uuid::nil(),
            planned_session_id: None,
            performed_on: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).expect("date"),
            session_rpe: Some(7.5),
            duration_minutes: Some(75),
            notes: String::new(),
            sets,
            coach_comment: String::new(),
        }
    }

    #[test]
    fn tonnage_counts_made_sets_only() {
        assert_eq!(log(vec![set(2, 80.0, true), set(2, 85.0, true), set(1, 90.0, false)]).tonnage_kg(), 330.0);
    }

    #[test]
    fn a_complex_counts_every_lift_of_every_round() {
        use crate::domain::workout::Part;
        let part = |reps| Part { exercise_id: uuid::Uuid::nil(), reps };
        let complex = LoggedSet { parts: vec![part(1), part(2), part(1)], ..set(2, 100.0, true) };
        assert_eq!(complex.lifts(), 8);
        assert_eq!(log(vec![complex]).tonnage_kg(), 800.0);
        let lone = LoggedSet { parts: vec![part(1)], ..set(1, 100.0, true) };
        assert_eq!(log(vec![lone]).validate(), ["sets[0].parts"]);
    }

    #[test]
    fn absurd_logs_are_refused_by_field() {
        let mut bad = log(vec![set(51, 600.0, true)]);
        bad.session_rpe = Some(12.0);
        assert_eq!(bad.validate(), ["session_rpe", "sets[0].reps", "sets[0].load_kg"]);
        assert_eq!(log(vec![]).validate(), ["sets"]);
    }
}
