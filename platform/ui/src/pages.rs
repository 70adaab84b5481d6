//! Lists the API hands out a page at a time, read whole: the apps name exercises, athletes
//! and workouts by id, so they need all of them, not the first page.

use std::future::Future;

use dropit_sdk::{ApiFailure, DropIt, types};

/// The API's largest page.
pub const PER_PAGE: u32 = 100;
/// A club has far fewer; this only stops a loop the API would never end.
const MAX_PAGES: u32 = 50;

/// Every item of a paged list: `fetch(page)` answers that page's items and the list's total.
pub async fn every_page<T, F, Fut>(mut fetch: F) -> Result<Vec<T>, ApiFailure>
where
    F: FnMut(u32) -> Fut,
    Fut: Future<Output = Result<(Vec<T>, u64), ApiFailure>>,
{
    let mut all = Vec::new();
    for page in 1..=MAX_PAGES {
        let (items, total) = fetch(page).await?;
        let got = items.len();
        all.extend(items);
        if got < PER_PAGE as usize || all.len() as u64 >= total {
            break;
        }
    }
    Ok(all)
}

/// The whole catalogue, archived exercises too, since old plans, logs and records name them.
pub async fn every_exercise(api: &DropIt, club: &str) -> Result<Vec<types::ExerciseBody>, ApiFailure> {
    every_page(|page| async move {
        let answer = api
            .call(|a| a.exercise_list().club(club).include_archived(true).page(page).per_page(PER_PAGE).send())
            .await?;
        Ok((answer.items, answer.total))
    })
    .await
}

/// Every athlete of the club; archived ones too when asked (old sessions and logs name them).
pub async fn every_athlete(
    api: &DropIt,
    club: &str,
    include_archived: bool,
) -> Result<Vec<types::AthleteBody>, ApiFailure> {
    every_page(|page| async move {
        let answer = api
            .call(|a| {
                a.athlete_list().club(club).include_archived(include_archived).page(page).per_page(PER_PAGE).send()
            })
            .await?;
        Ok((answer.items, answer.total))
    })
    .await
}

/// The workouts that can be scheduled (not the archived ones).
pub async fn every_workout(api: &DropIt, club: &str) -> Result<Vec<types::WorkoutSummaryBody>, ApiFailure> {
    every_page(|page| async move {
        let answer = api.call(|a| a.workout_list().club(club).page(page).per_page(PER_PAGE).send()).await?;
        Ok((answer.items, answer.total))
    })
    .await
}
