//! Where a sheet keeps its workouts: the documented template (a header row) or the block layout (title rows
//! followed by exercise rows). Either way the sheet becomes raw workouts of cell texts, read further by `build`.

mod blocks;
mod header;
mod template;

use chrono::NaiveDate;

use crate::dates::{DateText, find_date, from_serial};
use crate::grid::{Sheet, Value};
use crate::notation;
use crate::problem::{LineProblem, ProblemCode};

/// A non-empty cell's text and where it is (0-based).
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CellText {
    pub row: u32,
    pub column: u32,
    pub text: String,
}

/// One exercise row, not yet matched or parsed.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RawLine {
    pub row: u32,
    pub exercise: CellText,
    /// The prescription cells, in order; read as one prescription.
    pub pieces: Vec<CellText>,
    /// Where a missing prescription is reported.
    pub prescription_column: u32,
    pub rest: Option<CellText>,
    pub notes: Vec<String>,
}

/// One workout's rows, not yet matched or parsed.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RawWorkout {
    pub row: u32,
    pub name: String,
    pub date: Option<NaiveDate>,
    pub athletes: Vec<CellText>,
    pub groups: Vec<CellText>,
    pub notes: Vec<String>,
    pub lines: Vec<RawLine>,
}

impl RawWorkout {
    fn new(row: u32, name: String, date: Option<NaiveDate>) -> Self {
        RawWorkout { row, name, date, athletes: Vec::new(), groups: Vec::new(), notes: Vec::new(), lines: Vec::new() }
    }
}

/// A sheet read by its layout.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Layout {
    pub workouts: Vec<RawWorkout>,
    pub problems: Vec<LineProblem>,
    /// Whether anything here is a program, to pick the sheet when the coach did not name one.
    pub holds_program: bool,
}

/// Reads a sheet in whichever layout it uses; `is_exercise` tells a lone exercise from a block title.
pub(crate) fn read(sheet: &Sheet, today: NaiveDate, is_exercise: &dyn Fn(&str) -> bool) -> Layout {
    match header::find(sheet) {
        Some(columns) => template::read(sheet, &columns, today),
        None => blocks::read(sheet, today, is_exercise),
    }
}

/// The date a cell holds: `Ok(None)` when empty, `Err` when it is not a date.
fn date_of(value: &Value, today: NaiveDate) -> Result<Option<NaiveDate>, ()> {
    match value {
        Value::Empty => Ok(None),
        Value::Date(date) => Ok(Some(*date)),
        Value::Number(serial) => from_serial(*serial).map(Some).ok_or(()),
        Value::Percent(_) => Err(()),
        Value::Text(text) if text.trim().is_empty() => Ok(None),
        Value::Text(text) => match find_date(text, today) {
            DateText::Found(date) => Ok(Some(date)),
            DateText::Invalid | DateText::Absent => Err(()),
        },
    }
}

fn cell_text(sheet: &Sheet, row: usize, column: usize) -> Option<CellText> {
    let value = sheet.cell(row, column);
    (!value.is_empty()).then(|| CellText { row: row as u32, column: column as u32, text: value.text() })
}

fn bad_date(row: usize, column: usize, value: &Value) -> LineProblem {
    LineProblem::new(row as u32, column as u32, ProblemCode::BadDate, value.text())
}

/// Whether the line's prescription reads, which makes a sheet look like a program.
fn prescription_reads(line: &RawLine) -> bool {
    let joined: Vec<&str> = line.pieces.iter().map(|p| p.text.as_str()).collect();
    !joined.is_empty() && notation::parse(&joined.join(" ")).is_ok()
}
