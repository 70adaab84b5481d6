//! The club catalogue the tests match against, and helpers to build and read files.

use chrono::NaiveDate;
use dropit_sheets::{
    Choices, FileError, Known, KnownExercise, KnownName, Options, Program, ProgramIntensity, ProgramSet, read_program,
};
use uuid::Uuid;

pub const SNATCH: Uuid = Uuid::from_u128(1);
pub const CLEAN: Uuid = Uuid::from_u128(2);
pub const JERK: Uuid = Uuid::from_u128(3);
pub const CLEAN_AND_JERK: Uuid = Uuid::from_u128(4);
pub const FRONT_SQUAT: Uuid = Uuid::from_u128(5);
pub const BACK_SQUAT: Uuid = Uuid::from_u128(6);
pub const SNATCH_PULL: Uuid = Uuid::from_u128(7);
pub const PLANK: Uuid = Uuid::from_u128(8);
pub const HELENE: Uuid = Uuid::from_u128(101);
pub const MARC: Uuid = Uuid::from_u128(102);
pub const JUNIORS: Uuid = Uuid::from_u128(201);

pub fn known() -> Known {
    let exercise = |id, fr: &str, en: &str, lift: Option<&str>| KnownExercise {
        id,
        name_fr: fr.into(),
        name_en: en.into(),
        reference_lift: lift.map(str::to_owned),
    };
    Known {
        exercises: vec![
            exercise(SNATCH, "Arraché", "Snatch", Some("snatch")),
            exercise(CLEAN, "Épaulé", "Clean", Some("clean")),
            exercise(JERK, "Jeté", "Jerk", Some("jerk")),
            exercise(CLEAN_AND_JERK, "Épaulé-jeté", "Clean & jerk", Some("clean_and_jerk")),
            exercise(FRONT_SQUAT, "Squat avant", "Front squat", Some("front_squat")),
            exercise(BACK_SQUAT, "Squat arrière", "Back squat", Some("back_squat")),
            exercise(SNATCH_PULL, "Tirage d'arraché", "Snatch pull", Some("snatch")),
            exercise(PLANK, "Gainage", "Plank", None),
        ],
        athletes: vec![
            KnownName { id: HELENE, name: "Hélène Durand".into() },
            KnownName { id: MARC, name: "Marc Petit".into() },
        ],
        groups: vec![KnownName { id: JUNIORS, name: "Juniors".into() }],
    }
}

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

pub fn today() -> NaiveDate {
    day(2026, 12, 1)
}

pub fn read_with(name: &str, bytes: &[u8], sheet: Option<&str>, choices: &Choices) -> Result<Program, FileError> {
    read_program(name, bytes, &known(), &Options { sheet, today: today(), choices })
}

pub fn read(name: &str, bytes: &[u8]) -> Program {
    read_with(name, bytes, None, &Choices::new()).expect("a program")
}

/// A program that must have read without a single problem.
pub fn read_clean(name: &str, bytes: &[u8]) -> Program {
    let program = read(name, bytes);
    assert_eq!(program.problems, vec![], "no problems expected");
    program
}

pub fn pct(reps: u32, value: f64, of: &str) -> ProgramSet {
    ProgramSet { reps, intensity: ProgramIntensity::Percent { min: value, max: value, of: of.into() } }
}

pub fn free(reps: u32) -> ProgramSet {
    ProgramSet { reps, intensity: ProgramIntensity::Free }
}

/// Builds a one-sheet CSV with `;` from rows of cells.
pub fn csv(rows: &[&[&str]]) -> Vec<u8> {
    rows.iter().map(|row| row.join(";")).collect::<Vec<_>>().join("\n").into_bytes()
}
