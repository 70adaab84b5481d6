//! Everything the athlete pages need whole rather than a page at a time: the club's exercises
//! (records and estimates name them by id) and its athletes (a group's members are picked
//! among them).

use dropit_kernel::Locale;
use dropit_sdk::{ApiFailure, DropIt, types};

pub use dropit_ui::pages::every_exercise as all_exercises;

/// Every athlete of the club who is not archived.
pub async fn all_athletes(api: &DropIt, club: &str) -> Result<Vec<types::AthleteBody>, ApiFailure> {
    dropit_ui::pages::every_athlete(api, club, false).await
}

pub fn exercise_name(exercise: &types::ExerciseBody, locale: Locale) -> String {
    match locale {
        Locale::Fr => exercise.name_fr.clone(),
        Locale::En => exercise.name_en.clone(),
    }
}

/// The name of the exercise `id`, or a dash when the catalogue does not hold it.
pub fn name_of(exercises: &[types::ExerciseBody], id: &str, locale: Locale) -> String {
    exercises.iter().find(|e| e.id == id).map_or_else(|| "–".to_owned(), |e| exercise_name(e, locale))
}

/// The exercises sorted for a picker: the reference lifts first, then by name.
pub fn for_picker(exercises: &[types::ExerciseBody], locale: Locale) -> Vec<(String, String)> {
    let mut items: Vec<(bool, String, String)> = exercises
        .iter()
        .filter(|e| !e.archived)
        .map(|e| (e.reference_lift.is_none(), exercise_name(e, locale), e.id.clone()))
        .collect();
    items.sort();
    items.into_iter().map(|(_, name, id)| (id, name)).collect()
}
