//! Real `.xlsx` files: the template with merged, date-formatted and numeric cells; the block layout; sheets.

use dropit_sheets::{Choices, FileError, ProgramIntensity, ProgramPart, ProgramSet};
use rust_xlsxwriter::{ExcelDateTime, Format, Workbook, Worksheet};

use crate::support::*;

fn text(sheet: &mut Worksheet, row: u32, column: u16, value: &str) {
    sheet.write_string(row, column, value).expect("write");
}

#[test]
fn french_template_with_a_merged_date_numbers_and_percent_cells() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("Programme").expect("name");
    let date_format = Format::new().set_num_format("dd/mm/yyyy");
    let percent = Format::new().set_num_format("0%");
    for (column, header) in
        ["Date", "Séance", "Exercice", "Séries", "Charge", "Repos", "Remarques", "Athlètes", "Groupe"]
            .iter()
            .enumerate()
    {
        text(sheet, 0, column as u16, header);
    }
    // The date is merged down over the four rows of the first session.
    sheet.merge_range(1, 0, 4, 0, "", &date_format).expect("merge");
    let monday = ExcelDateTime::from_ymd(2026, 12, 7).expect("date");
    sheet.write_datetime_with_format(1, 0, &monday, &date_format).expect("date");
    text(sheet, 1, 1, "Force");
    text(sheet, 1, 2, "Arraché");
    text(sheet, 1, 3, "3x2");
    sheet.write_number_with_format(1, 4, 0.8, &percent).expect("percent");
    text(sheet, 1, 5, "2'");
    // The remark is merged down over the first two lines: both carry it.
    sheet.merge_range(1, 6, 2, 6, "Pieds à plat", &Format::new()).expect("merge");
    text(sheet, 1, 7, "Hélène Durand; Marc");
    text(sheet, 1, 8, "Juniors");
    // The workout name left blank under the first line continues the session; a bare number of reps.
    text(sheet, 2, 2, "Squat avant");
    sheet.write_number(2, 3, 5.0).expect("number");
    sheet.write_number(2, 5, 90.0).expect("number");
    // Row 4 is left empty.
    text(sheet, 4, 2, "Gainage");
    text(sheet, 4, 3, "3x30");
    sheet
        .write_datetime_with_format(5, 0, ExcelDateTime::from_ymd(2026, 12, 9).expect("date"), &date_format)
        .expect("d");
    text(sheet, 5, 1, "Technique");
    text(sheet, 5, 2, "Epaule jete");
    text(sheet, 5, 3, "70/3, 75/2, 80/2x3");
    let bytes = book.save_to_buffer().expect("xlsx");

    let program = read_clean("programme.xlsx", &bytes);
    assert_eq!(program.sheet, "Programme");
    let [force, technique] = program.workouts.as_slice() else { panic!("two workouts: {:?}", program.workouts) };
    assert_eq!((force.name.as_str(), force.date, force.row), ("Force", Some(day(2026, 12, 7)), 2));
    assert_eq!(force.athletes, vec![HELENE, MARC]);
    assert_eq!(force.groups, vec![JUNIORS]);
    assert_eq!(force.lines.len(), 3);
    let snatch = &force.lines[0];
    assert_eq!(snatch.parts, vec![ProgramPart { exercise_id: SNATCH, reps: 1 }]);
    assert_eq!(snatch.sets, vec![pct(2, 80.0, "snatch"); 3]);
    assert_eq!((snatch.rest_seconds, snatch.notes.as_str(), snatch.row), (Some(120), "Pieds à plat", 2));
    assert_eq!(force.lines[1].sets, vec![free(5)]);
    assert_eq!((force.lines[1].rest_seconds, force.lines[1].notes.as_str()), (Some(90), "Pieds à plat"));
    assert_eq!(force.lines[2].notes, "");
    assert_eq!((force.lines[2].row, force.lines[2].sets.len()), (5, 3));
    assert_eq!((technique.name.as_str(), technique.date), ("Technique", Some(day(2026, 12, 9))));
    let sets = &technique.lines[0].sets;
    assert_eq!(technique.lines[0].parts[0].exercise_id, CLEAN_AND_JERK);
    assert_eq!(sets.iter().map(|s| s.reps).collect::<Vec<_>>(), vec![3, 2, 2, 2, 2]);
    assert_eq!(sets[0], pct(3, 70.0, "clean_and_jerk"));
}

#[test]
fn block_layout_with_titles_pieces_in_cells_and_complexes() {
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    // A heading with nothing under it, merged across: not a workout.
    sheet.merge_range(0, 0, 0, 3, "Semaine 49", &Format::new()).expect("merge");
    text(sheet, 1, 0, "Lundi 7/12/2026 - Force");
    text(sheet, 2, 0, "Arraché");
    text(sheet, 2, 1, "70/3");
    text(sheet, 2, 2, "75/2");
    text(sheet, 2, 3, "80/2x3");
    text(sheet, 3, 0, "Épaulé + Squat avant + Jeté");
    text(sheet, 3, 1, "(1+2+1)x4 @ 75%");
    text(sheet, 3, 2, "sans lâcher la barre");
    // Two empty rows, then a session without a date and a workout in kilograms and RPE.
    text(sheet, 6, 0, "Séance B");
    text(sheet, 7, 0, "Back squat");
    text(sheet, 7, 1, "100kg");
    text(sheet, 7, 2, "3x5");
    text(sheet, 8, 0, "Snatch pull");
    text(sheet, 8, 1, "3x3 @ RPE 7-8");
    text(sheet, 9, 0, "mercredi 9/12");
    text(sheet, 10, 0, "C&J");
    text(sheet, 10, 1, "4x1 @ 75-80%");
    let bytes = book.save_to_buffer().expect("xlsx");

    let program = read_clean("blocs.xlsx", &bytes);
    let [force, b, wednesday] = program.workouts.as_slice() else { panic!("three workouts: {:?}", program.workouts) };
    assert_eq!((force.name.as_str(), force.date, force.row), ("Lundi 7/12/2026 - Force", Some(day(2026, 12, 7)), 2));
    assert_eq!(force.lines[0].sets.len(), 5);
    let complex = &force.lines[1];
    assert_eq!(
        complex.parts,
        vec![
            ProgramPart { exercise_id: CLEAN, reps: 1 },
            ProgramPart { exercise_id: FRONT_SQUAT, reps: 2 },
            ProgramPart { exercise_id: JERK, reps: 1 },
        ]
    );
    assert_eq!(complex.sets, vec![pct(1, 75.0, "clean"); 4]);
    assert_eq!(complex.notes, "sans lâcher la barre");
    assert_eq!((b.name.as_str(), b.date), ("Séance B", None));
    assert_eq!(b.lines[0].sets, vec![ProgramSet { reps: 5, intensity: ProgramIntensity::Kg(100.0) }; 3]);
    assert_eq!(b.lines[1].sets[0].intensity, ProgramIntensity::Rpe { min: 7.0, max: 8.0 });
    assert_eq!(wednesday.date, Some(day(2026, 12, 9)));
    assert_eq!(wednesday.lines[0].parts, vec![ProgramPart { exercise_id: CLEAN_AND_JERK, reps: 1 }]);
    assert_eq!(
        wednesday.lines[0].sets[0].intensity,
        ProgramIntensity::Percent { min: 75.0, max: 80.0, of: "clean_and_jerk".into() }
    );
}

fn two_sheets() -> Vec<u8> {
    let mut book = Workbook::new();
    let notes = book.add_worksheet();
    notes.set_name("Notes").expect("name");
    text(notes, 0, 0, "Objectifs de la saison");
    text(notes, 1, 0, "Qualifier trois athlètes");
    let program = book.add_worksheet();
    program.set_name("Décembre").expect("name");
    text(program, 0, 0, "Exercise");
    text(program, 0, 1, "Sets");
    text(program, 1, 0, "Snatch");
    text(program, 1, 1, "5x2 @ 70%");
    book.save_to_buffer().expect("xlsx")
}

#[test]
fn the_first_sheet_holding_a_program_is_read_unless_one_is_named() {
    let bytes = two_sheets();
    let program = read("saison.xlsx", &bytes);
    assert_eq!(program.sheet, "Décembre");
    assert_eq!(program.workouts[0].name, "Décembre", "without workout or date columns, named after the sheet");
    let named = read_with("saison.xlsx", &bytes, Some("décembre"), &Choices::new()).expect("named sheet");
    assert_eq!(named.workouts[0].lines[0].sets.len(), 5);
}

#[test]
fn a_wrong_sheet_name_lists_the_sheets_and_a_sheet_without_program_says_so() {
    let bytes = two_sheets();
    assert_eq!(
        read_with("saison.xlsx", &bytes, Some("Janvier"), &Choices::new()),
        Err(FileError::UnknownSheet { sheet: "Janvier".into(), available: vec!["Notes".into(), "Décembre".into()] })
    );
    assert_eq!(
        read_with("saison.xlsx", &bytes, Some("notes"), &Choices::new()),
        Err(FileError::NoProgram { sheet: "Notes".into() })
    );
}
