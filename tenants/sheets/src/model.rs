//! What the import reads a spreadsheet into, and what it needs to know from the club to do so.

use std::collections::HashMap;

use chrono::NaiveDate;
use uuid::Uuid;

use crate::problem::LineProblem;

/// A catalogue exercise that a name in the spreadsheet may refer to.
#[derive(Debug, Clone, PartialEq)]
pub struct KnownExercise {
    pub id: Uuid,
    pub name_fr: String,
    pub name_en: String,
    /// The lift percentages are taken of: `snatch`, `clean`, `jerk`, `clean_and_jerk`, `back_squat`, `front_squat`.
    pub reference_lift: Option<String>,
}

/// An athlete or a group of the club, matched by name.
#[derive(Debug, Clone, PartialEq)]
pub struct KnownName {
    pub id: Uuid,
    pub name: String,
}

/// Everything of the club the names in a spreadsheet are matched against.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Known {
    pub exercises: Vec<KnownExercise>,
    pub athletes: Vec<KnownName>,
    pub groups: Vec<KnownName>,
}

/// The coach's answer to an ambiguous name: the cell's text (as written) → the chosen id.
pub type Choices = HashMap<String, Uuid>;

/// How to read one file.
#[derive(Debug, Clone)]
pub struct Options<'a> {
    /// The sheet to read, by name (case-insensitive); `None` reads the first sheet that holds a program.
    pub sheet: Option<&'a str>,
    /// Dates written without a year are placed relative to this day.
    pub today: NaiveDate,
    pub choices: &'a Choices,
}

/// A sheet read into workouts, with every problem found on the way.
///
/// The caller imports nothing while `problems` is non-empty, so the workouts hold whatever parsed and the
/// problems list all the rest at once, for the coach to fix in one go.
#[derive(Debug, Clone, PartialEq)]
pub struct Program {
    pub sheet: String,
    pub workouts: Vec<ProgramWorkout>,
    pub problems: Vec<LineProblem>,
}

/// One training session of the program.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgramWorkout {
    /// The 1-based row the workout starts on.
    pub row: u32,
    pub name: String,
    pub date: Option<NaiveDate>,
    pub athletes: Vec<Uuid>,
    pub groups: Vec<Uuid>,
    pub notes: String,
    pub lines: Vec<ProgramLine>,
}

/// One exercise (or complex of exercises) of a workout with its sets.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgramLine {
    /// The 1-based row of the line.
    pub row: u32,
    pub parts: Vec<ProgramPart>,
    pub sets: Vec<ProgramSet>,
    pub rest_seconds: Option<u32>,
    pub notes: String,
}

/// One exercise of a line; a complex has several, each done `reps` times per round.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgramPart {
    pub exercise_id: Uuid,
    pub reps: u32,
}

/// One set: `reps` rounds of the line's parts at an intensity.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgramSet {
    pub reps: u32,
    pub intensity: ProgramIntensity,
}

/// How heavy a set is.
#[derive(Debug, Clone, PartialEq)]
pub enum ProgramIntensity {
    /// A share of the athlete's best on `of`, a reference lift such as `snatch`; `min == max` when not a range.
    Percent {
        min: f64,
        max: f64,
        of: String,
    },
    Kg(f64),
    Rpe {
        min: f64,
        max: f64,
    },
    /// No intensity written: the athlete chooses.
    Free,
}
