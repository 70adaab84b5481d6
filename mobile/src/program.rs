//! The athlete's program as the phone keeps it: the planned sessions of the coming days,
//! everything their loads are computed from (maxima, bar, the club's plates and rounding) and
//! the personal records, fetched together and cached whole. The server wins: a successful
//! fetch replaces the cached program; a failed one leaves it as it was.

use dropit_sdk::{ApiFailure, DropIt, types};
use dropit_ui::loads::LoadSetup;
use serde::{Deserialize, Serialize};

/// How far ahead the program reaches, today included.
pub const DAYS_AHEAD: u64 = 14;

/// An exercise's names, for showing a session's lines.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ExerciseName {
    pub id: String,
    pub en: String,
    pub fr: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Program {
    pub club: String,
    pub from: String,
    pub to: String,
    pub sessions: Vec<types::PlannedSessionBody>,
    pub maxima: Vec<types::MaximumBody>,
    /// The athlete's own bar, which replaces the club's.
    pub bar_kg: Option<f64>,
    pub loading: types::LoadingBody,
    pub exercises: Vec<ExerciseName>,
    /// The athlete's personal records, best first per exercise.
    #[serde(default)]
    pub records: Vec<types::ExerciseRecords>,
    /// When the server gave it, in milliseconds since the epoch.
    pub fetched_at: f64,
}

impl Program {
    /// The cache key of a person's program in a club.
    pub fn key(user_id: &str, club: &str) -> String {
        format!("program:{user_id}:{club}")
    }

    /// Fetches the program from `from` for [`DAYS_AHEAD`] days, all parts at once.
    pub async fn fetch(api: &DropIt, club: &str, from: chrono::NaiveDate, now_ms: f64) -> Result<Self, ApiFailure> {
        let to = from + chrono::Days::new(DAYS_AHEAD);
        let (first, last) = (from.to_string(), to.to_string());
        let sessions = api.call(|a| a.my_sessions().club(club).from(first.clone()).to(last.clone()).send());
        let maxima = api.call(|a| a.my_maxima().club(club).send());
        let athlete = api.call(|a| a.my_athlete().club(club).send());
        let loading = api.call(|a| a.club_loading_get().club(club).send());
        let exercises = exercise_names(api, club);
        let records = api.call(|a| a.my_records().club(club).send());
        let (sessions, maxima, athlete, loading, exercises, records) =
            futures::join!(sessions, maxima, athlete, loading, exercises, records);
        let bar_kg = match athlete {
            Ok(athlete) => athlete.bar_kg,
            // A member who never trained here has no profile yet, hence no bar of their own.
            Err(failure) if failure.code() == Some("not_found") => None,
            Err(failure) => return Err(failure),
        };
        let mut sessions = sessions?;
        sessions.retain(|s| !s.cancelled);
        sessions.sort_by(|a, b| a.date.cmp(&b.date).then_with(|| a.name.cmp(&b.name)));
        Ok(Self {
            club: club.to_owned(),
            from: first,
            to: last,
            sessions,
            maxima: maxima?,
            bar_kg,
            loading: loading?,
            exercises: exercises?,
            records: match records {
                Ok(records) => records,
                Err(failure) if failure.code() == Some("not_found") => Vec::new(),
                Err(failure) => return Err(failure),
            },
            fetched_at: now_ms,
        })
    }

    /// What the loads are computed from; `None` when the club's plates cannot load a bar.
    pub fn setup(&self) -> Option<LoadSetup> {
        LoadSetup::new(&self.loading, self.bar_kg, &self.maxima)
    }

    /// Every set's load of a session, computed on the phone with the server's engine.
    pub fn loads(&self, session: &types::PlannedSessionBody) -> Vec<types::LineLoadsBody> {
        match self.setup() {
            Some(setup) => setup.line_loads(&session.lines, session.basis),
            None => Vec::new(),
        }
    }

    pub fn session(&self, id: &str) -> Option<&types::PlannedSessionBody> {
        self.sessions.iter().find(|s| s.id == id)
    }

    pub fn exercise_name(&self, id: &str, french: bool) -> String {
        self.exercises
            .iter()
            .find(|e| e.id == id)
            .map(|e| if french && !e.fr.is_empty() { e.fr.clone() } else { e.en.clone() })
            .unwrap_or_default()
    }

    /// A line as a lifter writes it: `Clean + 2 Front squat + Jerk`.
    pub fn line_title(&self, line: &types::LineBody, french: bool) -> String {
        line.parts
            .iter()
            .map(|part| {
                let name = self.exercise_name(&part.exercise_id, french);
                if line.parts.len() > 1 && part.reps > 1 { format!("{} {name}", part.reps) } else { name }
            })
            .collect::<Vec<_>>()
            .join(" + ")
    }
}

/// The club's catalogue, every page of it, as the names the program shows.
async fn exercise_names(api: &DropIt, club: &str) -> Result<Vec<ExerciseName>, ApiFailure> {
    let exercises = dropit_ui::pages::every_exercise(api, club).await?;
    Ok(exercises.into_iter().map(|e| ExerciseName { id: e.id, en: e.name_en, fr: e.name_fr }).collect())
}

/// Sessions of a program by day: today's first, then the next days', in date order.
pub fn upcoming<'a>(
    sessions: &'a [types::PlannedSessionBody],
    today: &str,
) -> (Vec<&'a types::PlannedSessionBody>, Vec<&'a types::PlannedSessionBody>) {
    let today_sessions = sessions.iter().filter(|s| s.date == today).collect();
    let later = sessions.iter().filter(|s| s.date.as_str() > today).collect();
    (today_sessions, later)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session(id: &str, date: &str) -> types::PlannedSessionBody {
        types::PlannedSessionBody {
            athlete_id: "a".into(),
            basis: types::BasisName::OneRepMax,
            cancelled: false,
            date: date.into(),
            group_id: None,
            id: id.into(),
            lines: Vec::new(),
            loads: Vec::new(),
            name: id.into(),
            notes: String::new(),
            source_workout_id: None,
        }
    }

    #[test]
    fn today_first_then_the_coming_days_and_nothing_past() {
        let sessions = [session("old", "2026-03-01"), session("t", "2026-03-02"), session("n", "2026-03-05")];
        let (today, later) = upcoming(&sessions, "2026-03-02");
        assert_eq!(today.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), ["t"]);
        assert_eq!(later.iter().map(|s| s.id.as_str()).collect::<Vec<_>>(), ["n"]);
    }

    #[test]
    fn a_complex_reads_as_a_lifter_writes_it() {
        let names = |id: &str, en: &str| ExerciseName { id: id.into(), en: en.into(), fr: format!("{en} (fr)") };
        let program = Program {
            club: "c".into(),
            from: String::new(),
            to: String::new(),
            sessions: Vec::new(),
            maxima: Vec::new(),
            bar_kg: None,
            loading: types::LoadingBody {
                bar_kg: 20.0,
                collar_kg: 2.5,
                plates: Vec::new(),
                rounding: types::RoundingName::Nearest,
            },
            exercises: vec![names("c", "Clean"), names("f", "Front squat"), names("j", "Jerk")],
            records: Vec::new(),
            fetched_at: 0.0,
        };
        let part = |id: &str, reps| types::PartBody { exercise_id: id.into(), reps };
        let line = types::LineBody {
            notes: String::new(),
            parts: vec![part("c", 1), part("f", 2), part("j", 1)],
            rest_seconds: None,
            sets: Vec::new(),
        };
        assert_eq!(program.line_title(&line, false), "Clean + 2 Front squat + Jerk");
        assert_eq!(program.line_title(&line, true), "Clean (fr) + 2 Front squat (fr) + Jerk (fr)");
    }
}
