//! The block layout: no header; a row with a single cell titles a workout (and may date it), the rows below
//! it are `exercise | prescription piece | piece | …`.

use chrono::NaiveDate;

use super::{CellText, Layout, RawLine, RawWorkout, bad_date, prescription_reads};
use crate::dates::{DateText, find_date};
use crate::grid::{Sheet, Value};
use crate::notation;

pub(super) fn read(sheet: &Sheet, today: NaiveDate, is_exercise: &dyn Fn(&str) -> bool) -> Layout {
    let mut workouts: Vec<RawWorkout> = Vec::new();
    let mut problems = Vec::new();
    for (row, cells) in sheet.rows.iter().enumerate() {
        let filled: Vec<(usize, &Value)> = cells.iter().enumerate().filter(|(_, v)| !v.is_empty()).collect();
        let Some(&(first_column, first)) = filled.first() else { continue };
        let text = first.text();
        if filled.len() == 1 {
            let date = match first {
                Value::Date(date) => DateText::Found(*date),
                _ => find_date(&text, today),
            };
            // A lone exercise is a line missing its prescription, not a title.
            if !(date == DateText::Absent && is_exercise(&text)) {
                if date == DateText::Invalid {
                    problems.push(bad_date(row, first_column, first));
                }
                let date = if let DateText::Found(date) = date { Some(date) } else { None };
                workouts.push(RawWorkout::new(row as u32, text, date));
                continue;
            }
        }
        if workouts.is_empty() {
            workouts.push(RawWorkout::new(row as u32, sheet.name.clone(), None));
        }
        let line = line_of(row, &filled);
        if let Some(workout) = workouts.last_mut() {
            workout.lines.push(line);
        }
    }
    // A title with no exercise under it is a section heading (`Semaine 49`), not a workout.
    workouts.retain(|workout| !workout.lines.is_empty());
    let holds_program =
        workouts.iter().flat_map(|w| &w.lines).any(|l| prescription_reads(l) || is_exercise(&l.exercise.text));
    Layout { workouts, problems, holds_program }
}

/// The first cell names the exercise; the cells after it are prescription pieces until one is plainly words,
/// from which on they are notes.
fn line_of(row: usize, filled: &[(usize, &Value)]) -> RawLine {
    let cell =
        |(column, value): &(usize, &Value)| CellText { row: row as u32, column: *column as u32, text: value.text() };
    let mut cells = filled.iter().map(cell);
    let exercise = cells.next().unwrap_or(CellText { row: row as u32, column: 0, text: String::new() });
    let mut pieces = Vec::new();
    let mut notes = Vec::new();
    for cell in cells {
        if notes.is_empty() && (pieces.is_empty() || notation::looks_like_notation(&cell.text)) {
            pieces.push(cell);
        } else {
            notes.push(cell.text);
        }
    }
    RawLine { row: row as u32, prescription_column: exercise.column + 1, exercise, pieces, rest: None, notes }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grid::sheet_of;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 1).expect("date")
    }

    #[test]
    fn titles_start_workouts_and_lone_exercises_are_lines() {
        let sheet = sheet_of(
            "S",
            &[
                &["Arraché", "3x2"],
                &["Mardi 8/12"],
                &["Gainage"],
                &["Séance 32/13"],
                &["Jeté", "70/3", "75/2", "sans forcer", "3x2"],
            ],
        );
        let layout = read(&sheet, today(), &|text| text == "Gainage");
        let names: Vec<&str> = layout.workouts.iter().map(|w| w.name.as_str()).collect();
        assert_eq!(names, vec!["S", "Mardi 8/12", "Séance 32/13"]);
        assert_eq!(layout.workouts[1].date, NaiveDate::from_ymd_opt(2026, 12, 8));
        assert_eq!(layout.workouts[1].lines[0].pieces, vec![]);
        let problem = &layout.problems[0];
        assert_eq!((layout.problems.len(), problem.row, problem.column.as_str()), (1, 4, "A"));
        let jerk = &layout.workouts[2].lines[0];
        let pieces: Vec<&str> = jerk.pieces.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            (pieces, jerk.notes.clone()),
            (vec!["70/3", "75/2"], vec!["sans forcer".to_owned(), "3x2".to_owned()])
        );
        assert!(layout.holds_program);
    }

    #[test]
    fn headings_alone_are_no_program() {
        let layout = read(&sheet_of("Notes", &[&["Objectifs"], &[], &["Semaine 49"]]), today(), &|_| false);
        assert_eq!((layout.workouts.len(), layout.holds_program), (0, false));
    }
}
