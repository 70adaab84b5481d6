//! Coaches' program spreadsheets (`.xlsx`, `.ods`, `.csv`) read into workouts.
//!
//! Pure logic, no database: the caller passes the club's catalogue in [`Known`] and gets back a [`Program`]
//! whose `problems` it shows the coach; it imports nothing while there are any (all or nothing), which is why
//! every problem is collected rather than stopping at the first.
//!
//! The path of a file: [`workbook`] turns bytes into plain [`grid`] sheets, [`layout`] finds the workouts and
//! their rows (template or blocks), and [`build`] matches names ([`matching`]) and reads prescriptions
//! ([`notation`]), dates ([`dates`]) and rests ([`rest`]).

mod build;
mod dates;
mod error;
mod fold;
mod grid;
mod layout;
mod matching;
mod model;
mod notation;
mod problem;
mod rest;
mod workbook;

pub use error::FileError;
pub use model::{
    Choices, Known, KnownExercise, KnownName, Options, Program, ProgramIntensity, ProgramLine, ProgramPart, ProgramSet,
    ProgramWorkout,
};
pub use problem::{LineProblem, ProblemCode};

use grid::Sheet;
use layout::Layout;

/// More non-empty rows than this is not a training program but a data dump, and would only be slow to read.
pub const MAX_ROWS: usize = 5000;

/// Reads the program in a spreadsheet file, matching its names to `known`.
pub fn read_program(file_name: &str, bytes: &[u8], known: &Known, options: &Options) -> Result<Program, FileError> {
    let sheets = workbook::open(file_name, bytes)?;
    let catalogue = matching::Catalogue::new(&known.exercises, options.choices);
    let is_exercise = |text: &str| !matches!(catalogue.find(text), matching::Match::Unknown(_));
    let read = |sheet: &Sheet| -> Result<Layout, FileError> {
        if sheet.non_empty_rows() > MAX_ROWS {
            return Err(FileError::TooManyRows { limit: MAX_ROWS });
        }
        Ok(layout::read(sheet, options.today, &is_exercise))
    };
    let (sheet, layout) = match options.sheet {
        Some(wanted) => {
            let sheet = sheets
                .iter()
                .find(|s| s.name.trim().to_lowercase() == wanted.trim().to_lowercase())
                .ok_or_else(|| FileError::UnknownSheet {
                    sheet: wanted.to_owned(),
                    available: sheets.iter().map(|s| s.name.clone()).collect(),
                })?;
            let layout = read(sheet)?;
            if !layout.holds_program {
                return Err(FileError::NoProgram { sheet: sheet.name.clone() });
            }
            (sheet, layout)
        }
        None => {
            let mut chosen = None;
            for sheet in &sheets {
                let layout = read(sheet)?;
                if layout.holds_program {
                    chosen = Some((sheet, layout));
                    break;
                }
            }
            chosen.ok_or_else(|| FileError::NoProgram {
                sheet: sheets.first().map(|s| s.name.clone()).unwrap_or_default(),
            })?
        }
    };
    let mut builder = build::Builder {
        known,
        catalogue: &catalogue,
        choices: options.choices,
        problems: layout.problems,
        matched: Default::default(),
    };
    let workouts = layout.workouts.into_iter().map(|raw| builder.workout(raw)).collect();
    let mut problems = builder.problems;
    problems.sort_by(|a, b| (a.row, a.column.len(), &a.column).cmp(&(b.row, b.column.len(), &b.column)));
    Ok(Program { sheet: sheet.name.clone(), workouts, problems })
}
