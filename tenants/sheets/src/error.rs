//! Why a whole file could not be read (as opposed to a problem on one of its lines).

use dropit_kernel::Locale;

/// A file that cannot be read as a program at all.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum FileError {
    #[error("the file is not a spreadsheet")]
    NotASpreadsheet,
    #[error("the file has no sheet named {sheet}")]
    UnknownSheet { sheet: String, available: Vec<String> },
    #[error("sheet {sheet} holds no program")]
    NoProgram { sheet: String },
    #[error("the sheet has more than {limit} rows")]
    TooManyRows { limit: usize },
}

impl FileError {
    /// The stable snake_case code the UIs switch on.
    pub fn code(&self) -> &'static str {
        match self {
            FileError::NotASpreadsheet => "not_a_spreadsheet",
            FileError::UnknownSheet { .. } => "unknown_sheet",
            FileError::NoProgram { .. } => "no_program",
            FileError::TooManyRows { .. } => "too_many_rows",
        }
    }

    /// What went wrong and how to fix it, for the coach.
    pub fn message(&self, locale: Locale) -> String {
        match (self, locale) {
            (FileError::NotASpreadsheet, Locale::En) => {
                "This file is not a spreadsheet: send an .xlsx, .ods or .csv file.".to_owned()
            }
            (FileError::NotASpreadsheet, Locale::Fr) => {
                "Ce fichier n'est pas un tableur : envoyez un fichier .xlsx, .ods ou .csv.".to_owned()
            }
            (FileError::UnknownSheet { sheet, available }, Locale::En) => {
                format!("There is no sheet named “{sheet}”; choose one of: {}.", available.join(", "))
            }
            (FileError::UnknownSheet { sheet, available }, Locale::Fr) => {
                format!("Il n'y a pas de feuille « {sheet} » ; choisissez parmi : {}.", available.join(", "))
            }
            (FileError::NoProgram { sheet }, Locale::En) => format!(
                "Sheet “{sheet}” holds no program: add a header row (Workout, Exercise, Prescription…) or choose another sheet."
            ),
            (FileError::NoProgram { sheet }, Locale::Fr) => format!(
                "La feuille « {sheet} » ne contient aucun programme : ajoutez une ligne d'en-tête (Séance, Exercice, Prescription…) ou choisissez une autre feuille."
            ),
            (FileError::TooManyRows { limit }, Locale::En) => {
                format!("The sheet has more than {limit} rows: split the program into several files.")
            }
            (FileError::TooManyRows { limit }, Locale::Fr) => {
                format!("La feuille compte plus de {limit} lignes : découpez le programme en plusieurs fichiers.")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_stable_and_messages_name_the_sheets() {
        let error = FileError::UnknownSheet { sheet: "Juin".into(), available: vec!["Mai".into(), "Juillet".into()] };
        assert_eq!(error.code(), "unknown_sheet");
        assert!(error.message(Locale::Fr).contains("Mai, Juillet"));
        assert!(error.message(Locale::En).contains("“Juin”"));
        assert_eq!(FileError::TooManyRows { limit: 5000 }.code(), "too_many_rows");
    }
}
