//! Names in the spreadsheet matched to the club's exercises, athletes and groups.

use uuid::Uuid;

use crate::fold::{compact, fold};
use crate::model::{Choices, KnownExercise, KnownName};

/// How a name written in a cell relates to the catalogue.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Match {
    Found(Uuid),
    /// Several exercises fit equally well; the coach chooses.
    Ambiguous(Vec<KnownName>),
    /// Nothing fits; the closest names, to help fix a typo.
    Unknown(Vec<KnownName>),
}

/// The similarity from which a name is taken for a typo of a catalogue name.
const MIN_SIMILARITY: f64 = 0.85;

/// Abbreviations coaches use, as folded compact text → folded compact names they stand for.
const ABBREVIATIONS: &[(&str, &[&str])] = &[
    ("cj", &["cleanjerk", "epaulejete"]),
    ("ej", &["cleanjerk", "epaulejete"]),
    ("sn", &["snatch", "arrache"]),
    ("bs", &["backsquat", "squatarriere"]),
    ("fs", &["frontsquat", "squatavant"]),
    ("sq", &["backsquat", "squatarriere"]),
];

/// The club's exercises with their names folded once, since a sheet matches thousands of cells against them.
pub(crate) struct Catalogue<'a> {
    entries: Vec<Entry<'a>>,
    choices: &'a Choices,
}

struct Entry<'a> {
    exercise: &'a KnownExercise,
    /// The French and English names, folded.
    names: [String; 2],
    /// The same without spaces.
    compact: [String; 2],
}

impl<'a> Catalogue<'a> {
    pub fn new(exercises: &'a [KnownExercise], choices: &'a Choices) -> Self {
        let entries = exercises
            .iter()
            .map(|exercise| {
                let names = [fold(&exercise.name_fr), fold(&exercise.name_en)];
                let compact = [compact(&names[0]), compact(&names[1])];
                Entry { exercise, names, compact }
            })
            .collect();
        Catalogue { entries, choices }
    }

    pub fn get(&self, id: Uuid) -> Option<&'a KnownExercise> {
        self.entries.iter().find(|e| e.exercise.id == id).map(|e| e.exercise)
    }

    /// Matches one exercise name (one part of a complex). A coach's earlier choice for this exact text wins;
    /// then the exact folded name, an abbreviation, a unique start of a name, and last a typo.
    pub fn find(&self, text: &str) -> Match {
        if let Some(id) = self.choices.get(text.trim()).filter(|id| self.get(**id).is_some()) {
            return Match::Found(*id);
        }
        let query = fold(text);
        let query_compact = compact(&query);

        let exact = self.select(|e| e.compact.contains(&query_compact));
        if let Some(found) = decide(&exact) {
            return found;
        }
        if let Some((_, meant)) = ABBREVIATIONS.iter().find(|(abbreviation, _)| *abbreviation == query_compact) {
            let expanded = self.select(|e| e.compact.iter().any(|n| meant.contains(&n.as_str())));
            if let Some(found) = decide(&expanded) {
                return found;
            }
        }
        if query.len() >= 3 {
            let word_start = format!("{query} ");
            let prefixed = self.select(|e| e.names.iter().any(|n| n.starts_with(&word_start)));
            if let Some(found) = decide(&prefixed) {
                return found;
            }
        }
        let mut scored: Vec<(f64, bool, &Entry)> = self
            .entries
            .iter()
            .map(|e| {
                let score = e.compact.iter().map(|n| similarity(&query_compact, n)).fold(0.0, f64::max);
                (score, e.compact.iter().any(|n| is_typo(&query_compact, n)), e)
            })
            .collect();
        scored.sort_by(|a, b| b.0.total_cmp(&a.0));
        let best = scored.first().map_or(0.0, |(score, ..)| *score);
        let typos: Vec<&KnownExercise> =
            scored.iter().filter(|(score, typo, _)| *typo && *score >= best - 1e-9).map(|(.., e)| e.exercise).collect();
        if let Some(found) = decide(&typos) {
            return found;
        }
        Match::Unknown(scored.iter().take(3).map(|(.., e)| candidate(e.exercise)).collect())
    }

    fn select(&self, keep: impl Fn(&Entry) -> bool) -> Vec<&'a KnownExercise> {
        self.entries.iter().filter(|e| keep(e)).map(|e| e.exercise).collect()
    }
}

/// Normalized Damerau-Levenshtein similarity, `0..=1`.
fn similarity(a: &str, b: &str) -> f64 {
    let distance = strsim::damerau_levenshtein(a, b);
    let longest = a.chars().count().max(b.chars().count()).max(1);
    1.0 - distance as f64 / longest as f64
}

/// Close enough to be a typo. One edit always is past three letters, since the ratio alone would refuse
/// `snacth` for `snatch`.
fn is_typo(a: &str, b: &str) -> bool {
    let one_edit = strsim::damerau_levenshtein(a, b) <= 1 && a.chars().count().min(b.chars().count()) >= 4;
    similarity(a, b) >= MIN_SIMILARITY || one_edit
}

fn decide(matches: &[&KnownExercise]) -> Option<Match> {
    match matches {
        [] => None,
        [one] => Some(Match::Found(one.id)),
        several => Some(Match::Ambiguous(several.iter().map(|e| candidate(e)).collect())),
    }
}

/// How an exercise is offered to the coach: both names, since the file may be in either language.
fn candidate(exercise: &KnownExercise) -> KnownName {
    let name = if fold(&exercise.name_fr) == fold(&exercise.name_en) {
        exercise.name_fr.clone()
    } else {
        format!("{} / {}", exercise.name_fr, exercise.name_en)
    };
    KnownName { id: exercise.id, name }
}

/// Matches an athlete or group by folded name, or by a prefix only one of them has (`Marie` for `Marie Curie`).
pub(crate) fn name(text: &str, known: &[KnownName]) -> Option<Uuid> {
    let query = fold(text);
    if query.is_empty() {
        return None;
    }
    let exact: Vec<_> = known.iter().filter(|k| compact(&fold(&k.name)) == compact(&query)).collect();
    if let [one] = exact.as_slice() {
        return Some(one.id);
    }
    let prefixed: Vec<_> = known.iter().filter(|k| fold(&k.name).starts_with(&format!("{query} "))).collect();
    match (exact.as_slice(), prefixed.as_slice()) {
        ([], [one]) => Some(one.id),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn exercise_named(n: u128, fr: &str, en: &str) -> KnownExercise {
        KnownExercise { id: Uuid::from_u128(n), name_fr: fr.into(), name_en: en.into(), reference_lift: None }
    }

    fn catalogue() -> Vec<KnownExercise> {
        vec![
            exercise_named(1, "Arraché", "Snatch"),
            exercise_named(2, "Épaulé", "Clean"),
            exercise_named(3, "Jeté", "Jerk"),
            exercise_named(4, "Épaulé-jeté", "Clean & jerk"),
            exercise_named(5, "Squat avant", "Front squat"),
            exercise_named(6, "Squat arrière", "Back squat"),
            exercise_named(7, "Tirage d'arraché", "Snatch pull"),
            exercise_named(8, "Gainage", "Plank"),
        ]
    }

    fn found(text: &str) -> Uuid {
        let exercises = catalogue();
        let choices = Choices::new();
        match Catalogue::new(&exercises, &choices).find(text) {
            Match::Found(id) => id,
            other => panic!("{text}: {other:?}"),
        }
    }

    #[test]
    fn folds_accents_case_and_joining_words() {
        assert_eq!(found("arrache"), Uuid::from_u128(1));
        assert_eq!(found("Epaule jete"), Uuid::from_u128(4));
        assert_eq!(found("CLEAN AND JERK"), Uuid::from_u128(4));
        assert_eq!(found("clean&jerk"), Uuid::from_u128(4));
        assert_eq!(found("Back Squat"), Uuid::from_u128(6));
    }

    #[test]
    fn accepts_typos_abbreviations_and_unique_prefixes() {
        assert_eq!(found("snacth"), Uuid::from_u128(1));
        assert_eq!(found("Squat arriere"), Uuid::from_u128(6));
        assert_eq!(found("Squat arrire"), Uuid::from_u128(6));
        assert_eq!(found("Tirage"), Uuid::from_u128(7));
        assert_eq!(found("C&J"), Uuid::from_u128(4));
        assert_eq!(found("EJ"), Uuid::from_u128(4));
        assert_eq!(found("FS"), Uuid::from_u128(5));
    }

    #[test]
    fn a_shared_prefix_is_ambiguous_until_the_coach_chooses() {
        let exercises = catalogue();
        let none = Choices::new();
        let Match::Ambiguous(candidates) = Catalogue::new(&exercises, &none).find("Squat") else {
            panic!("squat should be ambiguous");
        };
        let ids: Vec<_> = candidates.iter().map(|c| c.id).collect();
        assert_eq!(ids, vec![Uuid::from_u128(5), Uuid::from_u128(6)]);
        assert_eq!(candidates[0].name, "Squat avant / Front squat");
        let choices = Choices::from([("Squat".to_owned(), Uuid::from_u128(6))]);
        assert_eq!(Catalogue::new(&exercises, &choices).find(" Squat "), Match::Found(Uuid::from_u128(6)));
        let stale = Choices::from([("Squat".to_owned(), Uuid::from_u128(99))]);
        assert!(matches!(Catalogue::new(&exercises, &stale).find("Squat"), Match::Ambiguous(_)));
    }

    #[test]
    fn an_unknown_name_offers_the_closest_three() {
        let exercises = catalogue();
        let choices = Choices::new();
        let catalogue = Catalogue::new(&exercises, &choices);
        let Match::Unknown(closest) = catalogue.find("Snatch balance") else {
            panic!("should be unknown");
        };
        assert_eq!(closest.len(), 3);
        let ids: Vec<_> = closest.iter().map(|c| c.id).collect();
        assert_eq!(ids[..2], [Uuid::from_u128(7), Uuid::from_u128(1)], "snatch pull, then snatch");
        assert!(matches!(catalogue.find("Burpees"), Match::Unknown(_)));
    }

    #[test]
    fn athletes_match_by_folded_name_or_unique_prefix() {
        let people = vec![
            KnownName { id: Uuid::from_u128(1), name: "Hélène Durand".into() },
            KnownName { id: Uuid::from_u128(2), name: "Marc Petit".into() },
            KnownName { id: Uuid::from_u128(3), name: "Marc Grand".into() },
        ];
        assert_eq!(name("helene durand", &people), Some(Uuid::from_u128(1)));
        assert_eq!(name("Hélène", &people), Some(Uuid::from_u128(1)));
        assert_eq!(name("Marc", &people), None);
        assert_eq!(name("Zoé", &people), None);
    }
}
