//! Logging a planned session, as plain data: the sets prefilled from the prescription and the
//! loads computed on the phone, what the athlete typed, and the `LogInput` sent to the API,
//! checked with the API's own rules first so an entry in the outbox is one the server takes.

use dropit_sdk::types;
use serde::{Deserialize, Serialize};

/// What became of a set.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Outcome {
    /// Not done (yet): left out of the log.
    Open,
    Made,
    Missed,
}

/// One set as the athlete fills it in; numbers stay text until the session is finished, so a
/// half-typed `102,` is not lost.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SetEntry {
    pub reps: String,
    pub load: String,
    pub rpe: String,
    pub note: String,
    pub outcome: Outcome,
}

/// Every line's sets, prefilled: the prescribed reps and the load computed for the athlete
/// (the low end of a range; empty when the athlete chooses or the load cannot be built).
pub fn prefill(session: &types::PlannedSessionBody, loads: &[types::LineLoadsBody]) -> Vec<Vec<SetEntry>> {
    session
        .lines
        .iter()
        .enumerate()
        .map(|(l, line)| {
            line.sets
                .iter()
                .enumerate()
                .map(|(s, set)| {
                    let load = loads.get(l).and_then(|line| line.sets.get(s)).and_then(|load| load.load_kg);
                    SetEntry {
                        reps: set.reps.to_string(),
                        load: load.map(plain).unwrap_or_default(),
                        rpe: String::new(),
                        note: String::new(),
                        outcome: Outcome::Open,
                    }
                })
                .collect()
        })
        .collect()
}

/// A number as typed on either keyboard: `102.5` or `102,5`.
pub fn number(text: &str) -> Option<f64> {
    let value = text.trim().replace(',', ".").parse::<f64>().ok()?;
    value.is_finite().then_some(value)
}

/// A load without a needless `.0`, as an input shows it.
fn plain(kg: f64) -> String {
    if kg.fract() == 0.0 { format!("{kg:.0}") } else { format!("{kg}") }
}

fn rpe(text: &str) -> Result<Option<f64>, ()> {
    if text.trim().is_empty() {
        return Ok(None);
    }
    match number(text) {
        Some(v) if (1.0..=10.0).contains(&v) && (v * 2.0).fract() == 0.0 => Ok(Some(v)),
        _ => Err(()),
    }
}

/// What keeps a session from being logged, by place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Problem {
    /// No set was marked made or missed.
    NothingDone,
    Reps {
        line: usize,
        set: usize,
    },
    Load {
        line: usize,
        set: usize,
    },
    Rpe {
        line: usize,
        set: usize,
    },
    Note {
        line: usize,
        set: usize,
    },
    SessionRpe,
    Notes,
}

/// The session as the athlete finished it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Finished {
    pub sets: Vec<Vec<SetEntry>>,
    pub session_rpe: String,
    pub notes: String,
}

/// The log to send: the sets marked made or missed, in order, under a client-chosen `id`.
pub fn log_input(
    session: &types::PlannedSessionBody,
    finished: &Finished,
    id: String,
    performed_on: String,
) -> Result<types::LogInput, Problem> {
    let mut sets = Vec::new();
    for (l, (line, entries)) in session.lines.iter().zip(&finished.sets).enumerate() {
        let Some(first) = line.parts.first() else { continue };
        for (s, entry) in entries.iter().enumerate() {
            if entry.outcome == Outcome::Open {
                continue;
            }
            let at = |make: fn(usize, usize) -> Problem| make(l, s);
            let reps = entry
                .reps
                .trim()
                .parse::<u32>()
                .ok()
                .filter(|r| (1..=50).contains(r))
                .ok_or(at(|line, set| Problem::Reps { line, set }))?;
            let load = number(&entry.load)
                .filter(|kg| (0.0..=500.0).contains(kg))
                .ok_or(at(|line, set| Problem::Load { line, set }))?;
            let rpe = rpe(&entry.rpe).map_err(|()| at(|line, set| Problem::Rpe { line, set }))?;
            if entry.note.chars().count() > 500 {
                return Err(at(|line, set| Problem::Note { line, set }));
            }
            // A complex is logged with its parts (reps is then the number of rounds).
            let parts = if line.parts.len() > 1 {
                line.parts
                    .iter()
                    .map(|p| types::LoggedPartBody { exercise_id: p.exercise_id.clone(), reps: p.reps })
                    .collect()
            } else {
                Vec::new()
            };
            sets.push(types::LoggedSetBody {
                exercise_id: first.exercise_id.clone(),
                load_kg: load,
                made: entry.outcome == Outcome::Made,
                note: entry.note.trim().to_owned(),
                parts,
                reps,
                rpe,
            });
        }
    }
    if sets.is_empty() {
        return Err(Problem::NothingDone);
    }
    let session_rpe = rpe(&finished.session_rpe).map_err(|()| Problem::SessionRpe)?;
    if finished.notes.chars().count() > 2000 {
        return Err(Problem::Notes);
    }
    Ok(types::LogInput {
        id,
        planned_session_id: Some(session.id.clone()),
        performed_on,
        session_rpe,
        duration_minutes: None,
        notes: finished.notes.trim().to_owned(),
        sets,
    })
}

/// Σ load × lifts of the sets made, as the server counts a log's tonnage.
pub fn tonnage(log: &types::LogInput) -> f64 {
    log.sets
        .iter()
        .filter(|s| s.made)
        .map(|s| {
            let lifts = if s.parts.is_empty() { s.reps } else { s.reps * s.parts.iter().map(|p| p.reps).sum::<u32>() };
            s.load_kg * f64::from(lifts)
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session() -> types::PlannedSessionBody {
        let percent = types::IntensityBody {
            kg: None,
            kind: types::IntensityKind::Percent,
            max: None,
            min: Some(80.0),
            of: Some("snatch".into()),
        };
        let set = |reps| types::SetBody { intensity: percent.clone(), reps };
        let part = |id: &str, reps| types::PartBody { exercise_id: id.into(), reps };
        types::PlannedSessionBody {
            athlete_id: "a".into(),
            basis: types::BasisName::OneRepMax,
            cancelled: false,
            date: "2026-03-02".into(),
            group_id: None,
            id: "s".into(),
            lines: vec![
                types::LineBody {
                    notes: String::new(),
                    parts: vec![part("sn", 2)],
                    rest_seconds: None,
                    sets: vec![set(2), set(2)],
                },
                types::LineBody {
                    notes: String::new(),
                    parts: vec![part("cl", 1), part("fs", 2)],
                    rest_seconds: Some(120),
                    sets: vec![set(1)],
                },
            ],
            loads: Vec::new(),
            name: "Day".into(),
            notes: String::new(),
            source_workout_id: None,
        }
    }

    fn load(kg: Option<f64>) -> types::SetLoadBody {
        types::SetLoadBody { high_load_kg: None, load_kg: kg, per_side_kg: Vec::new(), problem: None, target_kg: kg }
    }

    #[test]
    fn sets_start_with_the_prescribed_reps_and_the_computed_load() {
        let loads = vec![
            types::LineLoadsBody { sets: vec![load(Some(96.0)), load(Some(96.0))] },
            types::LineLoadsBody { sets: vec![load(None)] },
        ];
        let entries = prefill(&session(), &loads);
        assert_eq!(entries[0][1].reps, "2");
        assert_eq!(entries[0][1].load, "96");
        assert_eq!(entries[1][0].load, "", "no load when the engine has none");
        assert!(entries.iter().flatten().all(|e| e.outcome == Outcome::Open));
    }

    #[test]
    fn only_sets_made_or_missed_are_logged_with_french_decimals() {
        let mut entries = prefill(&session(), &[]);
        entries[0][0] =
            SetEntry { load: "96,5".into(), rpe: "8,5".into(), outcome: Outcome::Made, ..entries[0][0].clone() };
        entries[1][0] = SetEntry { load: "90".into(), outcome: Outcome::Missed, ..entries[1][0].clone() };
        let finished = Finished { sets: entries, session_rpe: "7".into(), notes: " good ".into() };
        let log = log_input(&session(), &finished, "id".into(), "2026-03-02".into()).expect("a log");
        assert_eq!(log.sets.len(), 2);
        assert_eq!((log.sets[0].load_kg, log.sets[0].rpe, log.sets[0].made), (96.5, Some(8.5), true));
        assert!(log.sets[0].parts.is_empty(), "a plain exercise has no parts");
        assert_eq!(log.sets[1].parts.len(), 2, "a complex keeps its parts");
        assert_eq!(log.sets[1].exercise_id, "cl");
        assert_eq!((log.session_rpe, log.notes.as_str()), (Some(7.0), "good"));
        assert_eq!(log.planned_session_id.as_deref(), Some("s"));
        // 96.5 × 2 made; the missed complex counts nothing.
        assert_eq!(tonnage(&log), 193.0);
    }

    #[test]
    fn the_apis_rules_are_checked_before_queueing() {
        let mut entries = prefill(&session(), &[]);
        let finished = |entries: Vec<Vec<SetEntry>>, rpe: &str| Finished {
            sets: entries,
            session_rpe: rpe.into(),
            notes: String::new(),
        };
        assert_eq!(
            log_input(&session(), &finished(entries.clone(), ""), "i".into(), "d".into()),
            Err(Problem::NothingDone)
        );
        entries[0][1].outcome = Outcome::Made;
        assert_eq!(
            log_input(&session(), &finished(entries.clone(), ""), "i".into(), "d".into()),
            Err(Problem::Load { line: 0, set: 1 })
        );
        entries[0][1].load = "100".into();
        entries[0][1].rpe = "8.3".into();
        assert_eq!(
            log_input(&session(), &finished(entries.clone(), ""), "i".into(), "d".into()),
            Err(Problem::Rpe { line: 0, set: 1 })
        );
        entries[0][1].rpe = String::new();
        assert_eq!(
            log_input(&session(), &finished(entries.clone(), "11"), "i".into(), "d".into()),
            Err(Problem::SessionRpe)
        );
        entries[0][1].reps = "0".into();
        assert_eq!(
            log_input(&session(), &finished(entries, ""), "i".into(), "d".into()),
            Err(Problem::Reps { line: 0, set: 1 })
        );
    }
}
