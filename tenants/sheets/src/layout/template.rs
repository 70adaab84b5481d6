//! The documented template: one row per exercise under a header row; rows of the same (workout, date) make
//! one workout.

use std::collections::HashMap;

use chrono::NaiveDate;

use super::header::Columns;
use super::{CellText, Layout, RawLine, RawWorkout, bad_date, cell_text, date_of};
use crate::grid::Sheet;

pub(super) fn read(sheet: &Sheet, columns: &Columns, today: NaiveDate) -> Layout {
    let mut workouts: Vec<RawWorkout> = Vec::new();
    let mut index: HashMap<(String, Option<NaiveDate>), usize> = HashMap::new();
    let mut problems = Vec::new();
    let mut previous_name: Option<String> = None;
    let mut previous_date: Option<NaiveDate> = None;

    for row in columns.header_row + 1..sheet.rows.len() {
        if sheet.row_is_empty(row) {
            continue;
        }
        // A blank date or workout name continues the previous row's: coaches write them on the first line only.
        // A date cell of words only (`Lundi`) names a day of a weekly plan rather than misspelling a date.
        let mut day_name = None;
        let date_cell = columns.date.map(|column| (column, sheet.cell(row, column)));
        let date = match date_cell {
            Some((column, value)) => match date_of(value, today) {
                Ok(Some(date)) => Some(date),
                Ok(None) => previous_date,
                Err(()) if !value.text().chars().any(|c| c.is_ascii_digit()) => {
                    day_name = Some(value.text());
                    None
                }
                Err(()) => {
                    problems.push(bad_date(row, column, value));
                    previous_date
                }
            },
            None => None,
        };
        let date_blank = date_cell.is_none_or(|(_, value)| value.is_empty());
        let name = match columns.workout {
            Some(column) => cell_text(sheet, row, column).map(|cell| cell.text).or_else(|| previous_name.clone()),
            None => day_name.or_else(|| if date_blank { previous_name.clone() } else { None }),
        }
        .unwrap_or_else(|| sheet.name.clone());
        previous_name = Some(name.clone());
        previous_date = date;

        let at = *index.entry((name.clone(), date)).or_insert_with(|| {
            workouts.push(RawWorkout::new(row as u32, name, date));
            workouts.len() - 1
        });
        let Some(workout) = workouts.get_mut(at) else { continue };
        read_row(sheet, columns, row, workout);
    }
    let holds_program = !workouts.is_empty();
    Layout { workouts, problems, holds_program }
}

/// Adds one row's line, people and notes to its workout.
fn read_row(sheet: &Sheet, columns: &Columns, row: usize, workout: &mut RawWorkout) {
    let cell = |column: Option<usize>| column.and_then(|column| cell_text(sheet, row, column));
    workout.athletes.extend(split_names(cell(columns.athletes)));
    workout.groups.extend(split_names(cell(columns.group)));
    let notes = cell(columns.notes).map(|c| c.text);
    let exercise = cell(Some(columns.exercise));
    let pieces: Vec<CellText> = columns.prescription.iter().filter_map(|column| cell(Some(*column))).collect();
    if exercise.is_none() && pieces.is_empty() {
        workout.notes.extend(notes);
        return;
    }
    workout.lines.push(RawLine {
        row: row as u32,
        exercise: exercise.unwrap_or(CellText {
            row: row as u32,
            column: columns.exercise as u32,
            text: String::new(),
        }),
        prescription_column: columns.prescription.first().copied().unwrap_or(columns.exercise + 1) as u32,
        pieces,
        rest: cell(columns.rest),
        notes: notes.into_iter().collect(),
    });
}

/// `Hélène, Marc; Zoé` → one cell text per name, each pointing at the cell.
fn split_names(cell: Option<CellText>) -> Vec<CellText> {
    let Some(cell) = cell else { return Vec::new() };
    cell.text
        .split([',', ';'])
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .map(|name| CellText { row: cell.row, column: cell.column, text: name.to_owned() })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grid::sheet_of;
    use crate::layout::header;

    fn layout(rows: &[&[&str]]) -> Layout {
        let sheet = sheet_of("Programme", rows);
        let columns = header::find(&sheet).expect("header");
        read(&sheet, &columns, NaiveDate::from_ymd_opt(2026, 12, 1).expect("date"))
    }

    #[test]
    fn blank_names_and_dates_continue_and_equal_keys_join() {
        let read = layout(&[
            &["Séance", "Date", "Exercice", "Séries", "Notes", "Athlètes"],
            &["A", "7/12", "Arraché", "3x2", "", "Hélène; Marc"],
            &["", "", "Jeté", "3x2", "", ""],
            &["B", "", "Squat avant", "5x5", "", ""],
            &["", "", "", "", "Bien s'échauffer", ""],
            &["A", "7/12", "Gainage", "3x30", "", ""],
        ]);
        let summary: Vec<(&str, usize, usize)> =
            read.workouts.iter().map(|w| (w.name.as_str(), w.row as usize, w.lines.len())).collect();
        assert_eq!(summary, vec![("A", 1, 3), ("B", 3, 1)]);
        assert!(read.workouts.iter().all(|w| w.date == NaiveDate::from_ymd_opt(2026, 12, 7)));
        assert_eq!(read.workouts[1].notes, vec!["Bien s'échauffer".to_owned()]);
        let athletes: Vec<&str> = read.workouts[0].athletes.iter().map(|a| a.text.as_str()).collect();
        assert_eq!(athletes, vec!["Hélène", "Marc"]);
    }

    #[test]
    fn a_prescription_without_exercise_is_still_a_line() {
        let read = layout(&[&["Exercise", "Sets"], &["", "3x2"]]);
        let line = &read.workouts[0].lines[0];
        assert_eq!((line.exercise.text.as_str(), line.exercise.column), ("", 0));
        assert_eq!(read.workouts[0].name, "Programme");
    }

    #[test]
    fn a_header_without_rows_holds_no_program() {
        assert!(!layout(&[&["Exercice", "Prescription"]]).holds_program);
    }
}
