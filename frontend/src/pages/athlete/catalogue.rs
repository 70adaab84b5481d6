//! Everything the athlete pages need whole rather than a page at a time: the club's exercises
//! (records and estimates name them by id) and its athletes (a group's members are picked
//! among them).

use dropit_kernel::Locale;
use dropit_sdk::{ApiFailure, DropIt, types};

/// The API's largest page.
const PAGE: u32 = 100;

/// Every exercise of the club, archived ones too so an old record still has a name.
pub async fn all_exercises(api: &DropIt, club: &str) -> Result<Vec<types::ExerciseBody>, ApiFailure> {
    let mut all = Vec::new();
    let mut page = 1u32;
    loop {
        let found =
            api.call(|a| a.exercise_list().club(club).include_archived(true).page(page).per_page(PAGE).send()).await?;
        let done = found.items.is_empty() || (all.len() + found.items.len()) as u64 >= found.total;
        all.extend(found.items);
        if done {
            return Ok(all);
        }
        page += 1;
    }
}

/// Every athlete of the club who is not archived, by name.
pub async fn all_athletes(api: &DropIt, club: &str) -> Result<Vec<types::AthleteBody>, ApiFailure> {
    let mut all = Vec::new();
    let mut page = 1u32;
    loop {
        let found = api.call(|a| a.athlete_list().club(club).page(page).per_page(PAGE).send()).await?;
        let done = found.items.is_empty() || (all.len() + found.items.len()) as u64 >= found.total;
        all.extend(found.items);
        if done {
            return Ok(all);
        }
        page += 1;
    }
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
