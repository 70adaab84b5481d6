//! The template's header row: column names in French or English, in any order, with synonyms.

use crate::fold::fold;
use crate::grid::Sheet;

/// What a column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Date,
    Workout,
    Exercise,
    Prescription,
    Rest,
    Notes,
    Athletes,
    Group,
}

/// Folded names per role; a header is known by its whole folded text or its first word (`Repos (s)`).
const SYNONYMS: &[(Role, &[&str])] = &[
    (Role::Date, &["date", "jour", "day"]),
    (Role::Workout, &["workout", "seance", "session", "entrainement", "training"]),
    (Role::Exercise, &["exercise", "exercice", "exercises", "exercices", "mouvement", "movement"]),
    (
        Role::Prescription,
        &[
            "prescription",
            "sets",
            "series",
            "charge",
            "load",
            "reps",
            "repetitions",
            "intensite",
            "intensity",
            "pourcentage",
            "percentage",
            "notation",
        ],
    ),
    (Role::Rest, &["rest", "repos", "recuperation", "recup"]),
    (Role::Notes, &["notes", "note", "remarques", "remarque", "commentaire", "commentaires", "comments", "comment"]),
    (Role::Athletes, &["athletes", "athlete"]),
    (Role::Group, &["group", "groupe", "groups", "groupes"]),
];

/// How far down the header row may be: a title or two above the table is common, a long preamble is not.
const HEADER_SEARCH_ROWS: usize = 10;

/// The template's columns, 0-based.
#[derive(Debug, Clone, PartialEq, Default)]
pub(crate) struct Columns {
    pub header_row: usize,
    pub date: Option<usize>,
    pub workout: Option<usize>,
    pub exercise: usize,
    /// The named prescription columns and the unnamed ones right after them, in order.
    pub prescription: Vec<usize>,
    pub rest: Option<usize>,
    pub notes: Option<usize>,
    pub athletes: Option<usize>,
    pub group: Option<usize>,
}

fn role_of(header: &str) -> Option<Role> {
    let folded = fold(header);
    let first_word = folded.split(' ').next().unwrap_or_default();
    SYNONYMS
        .iter()
        .find(|(_, names)| names.contains(&folded.as_str()))
        .or_else(|| SYNONYMS.iter().find(|(_, names)| names.contains(&first_word)))
        .map(|(role, _)| *role)
}

/// Finds the header row: the first of the top rows naming both an exercise and a prescription column.
pub(crate) fn find(sheet: &Sheet) -> Option<Columns> {
    (0..sheet.rows.len().min(HEADER_SEARCH_ROWS)).find_map(|row| columns_of(sheet, row))
}

fn columns_of(sheet: &Sheet, row: usize) -> Option<Columns> {
    let cells = sheet.rows.get(row)?;
    let roles: Vec<Option<Role>> = cells.iter().map(|value| role_of(&value.text())).collect();
    let first = |role: Role| roles.iter().position(|r| *r == Some(role));
    let exercise = first(Role::Exercise)?;
    first(Role::Prescription)?;
    let width = sheet.rows.iter().map(Vec::len).max().unwrap_or(0);
    let mut prescription = Vec::new();
    let mut in_prescription = false;
    for column in 0..width {
        let named = cells.get(column).is_some_and(|v| !v.is_empty());
        match roles.get(column).copied().flatten() {
            Some(Role::Prescription) => in_prescription = true,
            _ if named => in_prescription = false,
            _ => {}
        }
        if in_prescription {
            prescription.push(column);
        }
    }
    Some(Columns {
        header_row: row,
        date: first(Role::Date),
        workout: first(Role::Workout),
        exercise,
        prescription,
        rest: first(Role::Rest),
        notes: first(Role::Notes),
        athletes: first(Role::Athletes),
        group: first(Role::Group),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet(rows: &[&[&str]]) -> Sheet {
        crate::grid::sheet_of("Programme", rows)
    }

    #[test]
    fn finds_french_headers_in_any_order_below_a_title() {
        let found = find(&sheet(&[
            &["Programme de décembre"],
            &["Séance", "Jour", "Mouvement", "Séries", "", "", "Repos (s)", "Remarques", "Athlètes", "Groupe"],
            &["A", "7/12", "Arraché", "70/3", "75/2", "80/2x3", "90", "", "", "", "extra"],
        ]))
        .expect("header");
        assert_eq!(found.header_row, 1);
        assert_eq!((found.workout, found.date, found.exercise), (Some(0), Some(1), 2));
        assert_eq!(found.prescription, vec![3, 4, 5]);
        assert_eq!((found.rest, found.notes, found.athletes, found.group), (Some(6), Some(7), Some(8), Some(9)));
    }

    #[test]
    fn finds_english_headers_and_adjacent_prescription_columns() {
        let found = find(&sheet(&[&["EXERCISE", "Sets", "Load", "Notes", "Date"]])).expect("header");
        assert_eq!(found.prescription, vec![1, 2]);
        assert_eq!(found.date, Some(4));
    }

    #[test]
    fn a_block_sheet_has_no_header() {
        assert_eq!(find(&sheet(&[&["Lundi 7/12"], &["Arraché", "70/3"]])), None);
    }
}
