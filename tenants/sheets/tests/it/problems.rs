//! Per-cell problems: every one collected, each at the row and column the spreadsheet shows.

use dropit_kernel::Locale;
use dropit_sheets::{Choices, ProblemCode};

use crate::support::*;

fn program_with_problems() -> Vec<u8> {
    csv(&[
        &["Séance", "Date", "Exercice", "Prescription", "Repos", "Athlètes", "Groupe"],
        &["A", "07/12/2026", "Squat", "3x5 @ 80%", "", "Hélène", "Juniors"],
        &["", "", "Burpees", "3x10", "", "", ""],
        &["", "", "Arraché", "3x2 @ 180%", "", "", ""],
        &["", "", "Gainage", "3x30 @ 80%", "", "", ""],
        &["", "", "Épaulé + Jeté", "(1+2+1)x3", "", "", ""],
        &["B", "31/02/2026", "Arraché", "3x2", "", "", ""],
        &["", "", "Jeté", "3x2", "", "Zoé", "Seniors"],
        &["", "", "Squat avant", "", "", "", ""],
        &["", "", "Arraché", "31x2", "", "", ""],
        &["", "", "Jeté", "3x2", "longtemps", "", ""],
        &["", "", "Snatch + Burpees", "(1+1)x2", "", "", ""],
    ])
}

#[test]
fn every_problem_is_reported_at_its_cell() {
    let program = read("problemes.csv", &program_with_problems());
    let found: Vec<(u32, &str, ProblemCode, &str)> =
        program.problems.iter().map(|p| (p.row, p.column.as_str(), p.code, p.text.as_str())).collect();
    assert_eq!(
        found,
        vec![
            (2, "C", ProblemCode::AmbiguousExercise, "Squat"),
            (3, "C", ProblemCode::UnknownExercise, "Burpees"),
            (4, "D", ProblemCode::BadPrescription, "3x2 @ 180%"),
            (5, "D", ProblemCode::NoReferenceLift, "3x30 @ 80%"),
            (6, "D", ProblemCode::PartsMismatch, "(1+2+1)x3"),
            (7, "B", ProblemCode::BadDate, "31/02/2026"),
            (8, "F", ProblemCode::UnknownAthlete, "Zoé"),
            (8, "G", ProblemCode::UnknownGroup, "Seniors"),
            (9, "D", ProblemCode::MissingPrescription, ""),
            (10, "D", ProblemCode::TooMany, "31x2"),
            (11, "E", ProblemCode::BadPrescription, "longtemps"),
            (12, "C", ProblemCode::UnknownExercise, "Burpees"),
        ]
    );
    let ambiguous = &program.problems[0];
    assert_eq!(ambiguous.candidates.iter().map(|c| c.id).collect::<Vec<_>>(), vec![FRONT_SQUAT, BACK_SQUAT]);
    assert_eq!(program.problems[1].candidates.len(), 3, "the closest names are offered");
    // The lines that did read are still there, and the people that matched.
    let a = &program.workouts[0];
    assert_eq!((a.athletes.clone(), a.groups.clone()), (vec![HELENE], vec![JUNIORS]));
    assert!(a.lines.is_empty());
    assert_eq!(program.workouts[1].lines.len(), 2);
    for problem in &program.problems {
        assert!(!problem.code.message(Locale::Fr).is_empty() && !problem.code.code().is_empty());
    }
}

#[test]
fn the_coach_choice_settles_an_ambiguous_name() {
    let choices = Choices::from([("Squat".to_owned(), BACK_SQUAT)]);
    let bytes = csv(&[&["Exercice", "Prescription"], &["Squat", "3x5 @ 80%"], &["Squat + Jeté", "(1+1)x2"]]);
    let program = read_with("choix.csv", &bytes, None, &choices).expect("program");
    assert_eq!(program.problems, vec![]);
    let lines = &program.workouts[0].lines;
    assert_eq!(lines[0].parts[0].exercise_id, BACK_SQUAT);
    assert_eq!(lines[0].sets[0], pct(5, 80.0, "back_squat"));
    assert_eq!(lines[1].parts.iter().map(|p| p.exercise_id).collect::<Vec<_>>(), vec![BACK_SQUAT, JERK]);
}

#[test]
fn a_workout_holds_at_most_forty_lines() {
    let mut rows: Vec<&[&str]> = vec![&["Exercice", "Prescription"]];
    rows.extend(std::iter::repeat_n(&["Arraché", "3x2"][..], 41));
    let program = read("long.csv", &csv(&rows));
    assert_eq!(program.workouts[0].lines.len(), 40);
    let problem = &program.problems[0];
    assert_eq!((program.problems.len(), problem.row, problem.column.as_str()), (1, 42, "A"));
    assert_eq!(problem.code, ProblemCode::TooMany);
}
