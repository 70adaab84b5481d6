//! CSV exports: `;` and `,` delimiters, every notation through a real file, too many rows.

use dropit_sheets::{FileError, ProgramIntensity, ProgramSet};

use crate::support::*;

#[test]
fn every_notation_reads_through_a_file() {
    let cases: &[(&str, Vec<ProgramSet>)] = &[
        ("3x2 @ 80%", vec![pct(2, 80.0, "snatch"); 3]),
        ("3×2@80", vec![pct(2, 80.0, "snatch"); 3]),
        ("3 x 2 @ 80 %", vec![pct(2, 80.0, "snatch"); 3]),
        ("3*2", vec![free(2); 3]),
        ("80% 3x2", vec![pct(2, 80.0, "snatch"); 3]),
        (
            "70/3, 75/2, 80/2x3",
            [vec![pct(3, 70.0, "snatch"), pct(2, 75.0, "snatch")], vec![pct(2, 80.0, "snatch"); 3]].concat(),
        ),
        (
            "3x2 @ 75-80%",
            vec![
                ProgramSet {
                    reps: 2,
                    intensity: ProgramIntensity::Percent { min: 75.0, max: 80.0, of: "snatch".into() }
                };
                3
            ],
        ),
        (
            "3x2 @ 75–80%",
            vec![
                ProgramSet {
                    reps: 2,
                    intensity: ProgramIntensity::Percent { min: 75.0, max: 80.0, of: "snatch".into() }
                };
                3
            ],
        ),
        ("3x2 @ 100kg", vec![ProgramSet { reps: 2, intensity: ProgramIntensity::Kg(100.0) }; 3]),
        ("100kg 3x2", vec![ProgramSet { reps: 2, intensity: ProgramIntensity::Kg(100.0) }; 3]),
        ("100kg/3x2", vec![ProgramSet { reps: 3, intensity: ProgramIntensity::Kg(100.0) }; 2]),
        ("3x2 @ 72,5kg", vec![ProgramSet { reps: 2, intensity: ProgramIntensity::Kg(72.5) }; 3]),
        ("3x5 @ RPE 8", vec![ProgramSet { reps: 5, intensity: ProgramIntensity::Rpe { min: 8.0, max: 8.0 } }; 3]),
        ("3x5 @ RPE 7-8", vec![ProgramSet { reps: 5, intensity: ProgramIntensity::Rpe { min: 7.0, max: 8.0 } }; 3]),
        ("3x5", vec![free(5); 3]),
        ("5", vec![free(5)]),
    ];
    let mut rows: Vec<Vec<&str>> = vec![vec!["Exercice", "Prescription"]];
    rows.extend(cases.iter().map(|(notation, _)| vec!["Arraché", notation]));
    let rows: Vec<&[&str]> = rows.iter().map(Vec::as_slice).collect();
    let program = read_clean("notations.csv", &csv(&rows));
    let lines = &program.workouts[0].lines;
    assert_eq!(lines.len(), cases.len());
    for (line, (notation, sets)) in lines.iter().zip(cases) {
        assert_eq!(&line.sets, sets, "{notation}");
    }
}

#[test]
fn pieces_in_unnamed_columns_after_the_prescription_are_one_prescription() {
    let bytes = csv(&[
        &["Séance", "Jour", "Exercice", "Séries", "", "", "Repos"],
        &["A", "lundi 7/12", "Arraché", "70/3", "75/2", "80/2x3", "1'30"],
        &["", "", "Épaulé + Squat avant + Jeté", "75/(1+2+1)x3", "", "", ""],
    ]);
    let program = read_clean("semaine.csv", &bytes);
    let workout = &program.workouts[0];
    assert_eq!((workout.name.as_str(), workout.date), ("A", Some(day(2026, 12, 7))));
    assert_eq!(workout.lines[0].sets.len(), 5);
    assert_eq!(workout.lines[0].rest_seconds, Some(90));
    let reps: Vec<u32> = workout.lines[1].parts.iter().map(|p| p.reps).collect();
    assert_eq!(reps, vec![1, 2, 1]);
    assert_eq!(workout.lines[1].sets, vec![pct(1, 75.0, "clean"); 3]);
}

#[test]
fn comma_separated_with_quoted_cells_and_one_workout_per_date() {
    let text = "Date,Exercise,Prescription\n07/12/2026,Snatch,\"70/3, 75/2\"\n07/12/2026,Clean & Jerk,5x1 @ 75%\n08/12/2026,Back squat,5x5\n";
    let program = read_clean("plan.csv", text.as_bytes());
    assert_eq!(program.workouts.len(), 2);
    assert_eq!(program.workouts[0].lines.len(), 2);
    assert_eq!(program.workouts[0].name, "plan", "named after the sheet, here the file");
    assert_eq!(program.workouts[1].date, Some(day(2026, 12, 8)));
}

#[test]
fn more_than_five_thousand_rows_is_refused() {
    let mut text = String::from("Exercice;Prescription\n");
    for _ in 0..6000 {
        text.push_str("Arraché;3x2\n");
    }
    assert_eq!(
        read_with("enorme.csv", text.as_bytes(), None, &Default::default()),
        Err(FileError::TooManyRows { limit: 5000 })
    );
}

#[test]
fn five_thousand_rows_with_typos_read_in_reasonable_time() {
    let mut text = String::from("Séance;Exercice;Prescription\n");
    for i in 0..4999 {
        text.push_str(&format!("S{};snacth + Epaule jete;(1+1)x2 @ 70%\n", i / 10));
    }
    let started = std::time::Instant::now();
    let program = read_clean("gros.csv", text.as_bytes());
    assert_eq!(program.workouts.len(), 500);
    assert!(started.elapsed().as_secs() < 10, "took {:?}", started.elapsed());
}

#[test]
fn a_weekly_plan_names_its_days_instead_of_dating_them() {
    let bytes = csv(&[
        &["Jour", "Exercice", "Prescription"],
        &["Lundi", "Arraché", "5x2 @ 70%"],
        &["", "Squat avant", "5x3 @ 75%"],
        &["Mercredi", "Épaulé-jeté", "5x1 @ 75%"],
        &["32/12", "Jeté", "3x2"],
    ]);
    let program = read("semaine-type.csv", &bytes);
    let names: Vec<(&str, usize)> = program.workouts.iter().map(|w| (w.name.as_str(), w.lines.len())).collect();
    assert_eq!(names, vec![("Lundi", 2), ("Mercredi", 1), ("semaine-type", 1)]);
    assert!(program.workouts.iter().all(|w| w.date.is_none()));
    let problem = &program.problems[0];
    assert_eq!((program.problems.len(), problem.row, problem.column.as_str()), (1, 5, "A"));
}

#[test]
fn a_complex_with_a_plain_notation_does_each_part_once_per_rep() {
    let bytes =
        csv(&[&["Exercice", "Prescription"], &["Épaulé + Jeté", "4x2 @ 75%"], &["Tirage + Arraché", "3x1 @ 90%"]]);
    let program = read_clean("complexe.csv", &bytes);
    let lines = &program.workouts[0].lines;
    let parts: Vec<(uuid::Uuid, u32)> = lines[0].parts.iter().map(|p| (p.exercise_id, p.reps)).collect();
    assert_eq!(parts, vec![(CLEAN, 1), (JERK, 1)]);
    assert_eq!(lines[0].sets, vec![pct(2, 75.0, "clean"); 4]);
    assert_eq!(lines[1].sets[0], pct(1, 90.0, "snatch"), "percentages of the first part's reference lift");
}
