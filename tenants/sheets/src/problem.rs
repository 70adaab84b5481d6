//! Problems found on one cell of the program, each pointing at the cell the coach must fix.

use dropit_kernel::Locale;

use crate::model::KnownName;

/// A cell that could not be read into the program.
#[derive(Debug, Clone, PartialEq)]
pub struct LineProblem {
    /// 1-based, as the spreadsheet shows it.
    pub row: u32,
    /// The column letter as the spreadsheet shows it: `A`, `B`, … `AA`.
    pub column: String,
    pub code: ProblemCode,
    /// The cell's text, or the part of it at fault (one name of a complex or of a list of athletes).
    pub text: String,
    /// For an ambiguous exercise, the exercises to choose from; for an unknown one, the closest names.
    pub candidates: Vec<KnownName>,
}

impl LineProblem {
    pub(crate) fn new(row: u32, column: u32, code: ProblemCode, text: impl Into<String>) -> Self {
        LineProblem { row: row + 1, column: column_letter(column), code, text: text.into(), candidates: Vec::new() }
    }
}

/// Turns a 0-based column index into the letters a spreadsheet shows (`0` → `A`, `26` → `AA`).
pub(crate) fn column_letter(column: u32) -> String {
    let mut n = column + 1;
    let mut letters = Vec::new();
    while n > 0 {
        let rem = (n - 1) % 26;
        letters.push(char::from(b'A' + rem as u8));
        n = (n - 1) / 26;
    }
    letters.iter().rev().collect()
}

/// What is wrong with a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProblemCode {
    UnknownExercise,
    AmbiguousExercise,
    BadPrescription,
    NoReferenceLift,
    PartsMismatch,
    BadDate,
    UnknownAthlete,
    UnknownGroup,
    MissingPrescription,
    /// More lines, sets or parts than a workout holds.
    TooMany,
}

impl ProblemCode {
    pub const ALL: [ProblemCode; 10] = [
        ProblemCode::UnknownExercise,
        ProblemCode::AmbiguousExercise,
        ProblemCode::BadPrescription,
        ProblemCode::NoReferenceLift,
        ProblemCode::PartsMismatch,
        ProblemCode::BadDate,
        ProblemCode::UnknownAthlete,
        ProblemCode::UnknownGroup,
        ProblemCode::MissingPrescription,
        ProblemCode::TooMany,
    ];

    /// The stable snake_case code the UIs switch on.
    pub fn code(self) -> &'static str {
        match self {
            ProblemCode::UnknownExercise => "unknown_exercise",
            ProblemCode::AmbiguousExercise => "ambiguous_exercise",
            ProblemCode::BadPrescription => "bad_prescription",
            ProblemCode::NoReferenceLift => "no_reference_lift",
            ProblemCode::PartsMismatch => "parts_mismatch",
            ProblemCode::BadDate => "bad_date",
            ProblemCode::UnknownAthlete => "unknown_athlete",
            ProblemCode::UnknownGroup => "unknown_group",
            ProblemCode::MissingPrescription => "missing_prescription",
            ProblemCode::TooMany => "too_many",
        }
    }

    /// One sentence saying why the cell was refused and how to fix it.
    pub fn message(self, locale: Locale) -> String {
        let (en, fr) = match self {
            ProblemCode::UnknownExercise => (
                "No exercise of the catalogue has this name: fix the spelling or add the exercise to the catalogue first.",
                "Aucun exercice du catalogue ne porte ce nom : corrigez l'orthographe ou ajoutez d'abord l'exercice au catalogue.",
            ),
            ProblemCode::AmbiguousExercise => (
                "This name fits several exercises of the catalogue: choose the one you meant.",
                "Ce nom correspond à plusieurs exercices du catalogue : choisissez celui que vous vouliez.",
            ),
            ProblemCode::BadPrescription => (
                "This prescription cannot be read: write it like 3x2 @ 80%, 70/3, 80/2x3, (1+2)x4 @ 75% or 3x5 @ RPE 8, within the limits (1 to 50 reps, 1 to 150%, up to 500 kg, RPE 1 to 10).",
                "Cette prescription est illisible : écrivez-la comme 3x2 @ 80%, 70/3, 80/2x3, (1+2)x4 @ 75% ou 3x5 @ RPE 8, dans les limites (1 à 50 répétitions, 1 à 150 %, jusqu'à 500 kg, RPE de 1 à 10).",
            ),
            ProblemCode::NoReferenceLift => (
                "A percentage needs a reference lift, and none of this line's exercises has one: give the exercise a reference lift in the catalogue or write the load in kg.",
                "Un pourcentage demande un mouvement de référence, et aucun exercice de cette ligne n'en a : donnez-en un à l'exercice dans le catalogue ou écrivez la charge en kg.",
            ),
            ProblemCode::PartsMismatch => (
                "The complex's repetitions do not match its exercises: write one number per exercise joined with +, like (1+2) for Clean + Jerk.",
                "Les répétitions du complexe ne correspondent pas à ses exercices : écrivez un nombre par exercice reliés par +, comme (1+2) pour Épaulé + Jeté.",
            ),
            ProblemCode::BadDate => (
                "This date cannot be read: write the day first, like 07/12/2026, 7/12 or 2026-12-07.",
                "Cette date est illisible : écrivez le jour en premier, comme 07/12/2026, 7/12 ou 2026-12-07.",
            ),
            ProblemCode::UnknownAthlete => (
                "No athlete of the club has this name: fix the spelling or add the athlete first.",
                "Aucun athlète du club ne porte ce nom : corrigez l'orthographe ou ajoutez d'abord l'athlète.",
            ),
            ProblemCode::UnknownGroup => (
                "No group of the club has this name: fix the spelling or create the group first.",
                "Aucun groupe du club ne porte ce nom : corrigez l'orthographe ou créez d'abord le groupe.",
            ),
            ProblemCode::MissingPrescription => (
                "This exercise has no sets: add a prescription such as 3x5 or 70/3 next to it.",
                "Cet exercice n'a aucune série : ajoutez à côté une prescription comme 3x5 ou 70/3.",
            ),
            ProblemCode::TooMany => (
                "This is more than a workout holds (40 lines, 30 sets per line, 6 exercises per complex): split it.",
                "C'est plus qu'une séance ne peut contenir (40 lignes, 30 séries par ligne, 6 exercices par complexe) : découpez-la.",
            ),
        };
        match locale {
            Locale::En => en.to_owned(),
            Locale::Fr => fr.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_like_a_spreadsheet() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(2), "C");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
        assert_eq!(column_letter(27), "AB");
        assert_eq!(column_letter(701), "ZZ");
        assert_eq!(column_letter(702), "AAA");
    }

    #[test]
    fn every_code_is_distinct_and_has_both_messages() {
        let mut codes: Vec<_> = ProblemCode::ALL.iter().map(|c| c.code()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), ProblemCode::ALL.len());
        for code in ProblemCode::ALL {
            assert_ne!(code.message(Locale::En), code.message(Locale::Fr));
            assert!(code.message(Locale::Fr).ends_with('.'));
        }
    }
}
