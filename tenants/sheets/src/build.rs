//! Raw workouts made into the program: names matched, prescriptions parsed, and every problem collected.

use std::collections::HashMap;

use uuid::Uuid;

use crate::layout::{CellText, RawLine, RawWorkout};
use crate::matching::{self, Catalogue, Match};
use crate::model::{
    Choices, Known, KnownExercise, KnownName, ProgramIntensity, ProgramLine, ProgramPart, ProgramSet, ProgramWorkout,
};
use crate::notation::{self, Load, MAX_PARTS, NotationError};
use crate::problem::{LineProblem, ProblemCode};
use crate::rest::parse_rest;

/// More lines than this is not a workout any athlete will finish.
pub(crate) const MAX_LINES: usize = 40;

pub(crate) struct Builder<'a> {
    pub known: &'a Known,
    pub catalogue: &'a Catalogue<'a>,
    pub choices: &'a Choices,
    pub problems: Vec<LineProblem>,
    /// Coaches repeat the same names down a sheet; each distinct text is matched once.
    pub matched: HashMap<String, Match>,
}

impl<'a> Builder<'a> {
    pub fn workout(&mut self, raw: RawWorkout) -> ProgramWorkout {
        let athletes = self.people(&raw.athletes, ProblemCode::UnknownAthlete, |k| &k.athletes);
        let groups = self.people(&raw.groups, ProblemCode::UnknownGroup, |k| &k.groups);
        let mut lines = Vec::new();
        for (index, raw_line) in raw.lines.iter().enumerate() {
            if index == MAX_LINES {
                let exercise = &raw_line.exercise;
                self.problems.push(LineProblem::new(
                    exercise.row,
                    exercise.column,
                    ProblemCode::TooMany,
                    &exercise.text,
                ));
                break;
            }
            lines.extend(self.line(raw_line));
        }
        ProgramWorkout {
            row: raw.row + 1,
            name: raw.name,
            date: raw.date,
            athletes,
            groups,
            notes: raw.notes.join("\n"),
            lines,
        }
    }

    fn people(&mut self, cells: &[CellText], code: ProblemCode, list: impl Fn(&Known) -> &Vec<KnownName>) -> Vec<Uuid> {
        let mut ids = Vec::new();
        for cell in cells {
            match matching::name(&cell.text, list(self.known)) {
                Some(id) if !ids.contains(&id) => ids.push(id),
                Some(_) => {}
                None => self.problems.push(LineProblem::new(cell.row, cell.column, code, &cell.text)),
            }
        }
        ids
    }

    /// The line, when every cell of it reads; its problems otherwise.
    fn line(&mut self, raw: &RawLine) -> Option<ProgramLine> {
        let before = self.problems.len();
        let exercises = self.exercises(&raw.exercise);
        let rest_seconds = raw.rest.as_ref().and_then(|rest| {
            let seconds = parse_rest(&rest.text);
            if seconds.is_none() {
                self.problems.push(LineProblem::new(rest.row, rest.column, ProblemCode::BadPrescription, &rest.text));
            }
            seconds
        });
        let Some(first_piece) = raw.pieces.first() else {
            if !raw.exercise.text.is_empty() {
                let problem = LineProblem::new(raw.row, raw.prescription_column, ProblemCode::MissingPrescription, "");
                self.problems.push(problem);
            }
            return None;
        };
        let text = raw.pieces.iter().map(|p| p.text.as_str()).collect::<Vec<_>>().join(" ");
        let at = |code| LineProblem::new(first_piece.row, first_piece.column, code, &text);
        let prescription = match notation::parse(&text) {
            Ok(prescription) => prescription,
            Err(NotationError::Unreadable) => {
                self.problems.push(at(ProblemCode::BadPrescription));
                return None;
            }
            Err(NotationError::TooManySets) => {
                self.problems.push(at(ProblemCode::TooMany));
                return None;
            }
        };
        let exercises = exercises?;
        let parts: Vec<ProgramPart> = match &prescription.parts {
            Some(reps) if reps.len() != exercises.len() => {
                self.problems.push(at(ProblemCode::PartsMismatch));
                return None;
            }
            Some(reps) => {
                exercises.iter().zip(reps).map(|(e, r)| ProgramPart { exercise_id: e.id, reps: *r }).collect()
            }
            None => exercises.iter().map(|e| ProgramPart { exercise_id: e.id, reps: 1 }).collect(),
        };
        let reference = exercises.iter().find_map(|e| e.reference_lift.clone());
        let needs_reference = prescription.sets.iter().any(|s| matches!(s.load, Load::Percent { .. }));
        if needs_reference && reference.is_none() {
            self.problems.push(at(ProblemCode::NoReferenceLift));
            return None;
        }
        let of = reference.unwrap_or_default();
        let sets = prescription
            .sets
            .into_iter()
            .map(|set| ProgramSet {
                reps: set.reps,
                intensity: match set.load {
                    Load::Percent { min, max } => ProgramIntensity::Percent { min, max, of: of.clone() },
                    Load::Kg(kg) => ProgramIntensity::Kg(kg),
                    Load::Rpe { min, max } => ProgramIntensity::Rpe { min, max },
                    Load::Free => ProgramIntensity::Free,
                },
            })
            .collect();
        (self.problems.len() == before).then(|| ProgramLine {
            row: raw.row + 1,
            parts,
            sets,
            rest_seconds,
            notes: raw.notes.join("\n"),
        })
    }

    /// The exercises a cell names, `+` joining a complex's; `None` (with problems recorded) unless all match.
    fn exercises(&mut self, cell: &CellText) -> Option<Vec<&'a KnownExercise>> {
        let catalogue: &'a Catalogue<'a> = self.catalogue;
        let at = |code, text: &str| LineProblem::new(cell.row, cell.column, code, text);
        if cell.text.is_empty() {
            self.problems.push(at(ProblemCode::UnknownExercise, ""));
            return None;
        }
        // A choice the coach made for the whole cell wins over reading it as a complex.
        let names: Vec<&str> = if self.choices.contains_key(cell.text.trim()) {
            vec![cell.text.as_str()]
        } else {
            cell.text.split('+').map(str::trim).filter(|n| !n.is_empty()).collect()
        };
        if names.len() > MAX_PARTS {
            self.problems.push(at(ProblemCode::TooMany, &cell.text));
            return None;
        }
        let mut found = Vec::new();
        let mut complete = true;
        for name in names {
            let matched = self.matched.entry(name.to_owned()).or_insert_with(|| catalogue.find(name)).clone();
            let (code, candidates) = match matched {
                Match::Found(id) => {
                    found.extend(catalogue.get(id));
                    continue;
                }
                Match::Ambiguous(candidates) => (ProblemCode::AmbiguousExercise, candidates),
                Match::Unknown(candidates) => (ProblemCode::UnknownExercise, candidates),
            };
            self.problems.push(LineProblem { candidates, ..at(code, name.trim()) });
            complete = false;
        }
        complete.then_some(found)
    }
}
