//! Lists the planning, logs and dashboard pages read whole (every page of the API's paged
//! lists), names looked up by id, and a resource that follows what the person chose.

use std::{cell::RefCell, collections::HashMap, future::Future, rc::Rc};

use dropit_kernel::Locale;
use dropit_sdk::{ApiFailure, DropIt, types};
use sycamore::prelude::*;

use crate::resource::Resource;

/// Every athlete of the club, archived ones too, since old sessions and logs name them.
pub async fn athletes(api: &DropIt, club: &str) -> Result<Vec<types::AthleteBody>, ApiFailure> {
    dropit_ui::pages::every_athlete(api, club, true).await
}

/// The athletes, and the members with the athlete role who have no profile yet: the API plans
/// for a member under their account's id and makes the profile then, so a coach can plan for
/// someone who has just joined. Only for roles that may read the members.
pub async fn athletes_and_members(
    api: &DropIt,
    club: &str,
    reads_members: bool,
) -> Result<Vec<types::AthleteBody>, ApiFailure> {
    let mut all = athletes(api, club).await?;
    if !reads_members {
        return Ok(all);
    }
    let members = api.call(|a| a.club_members().club(club).send()).await?;
    for member in members {
        let known = all.iter().any(|a| a.id == member.user_id || a.user_id.as_deref() == Some(member.user_id.as_str()));
        if member.role == types::ClubRoleName::Athlete && !known {
            all.push(types::AthleteBody {
                archived: false,
                bar_kg: None,
                birth_date: None,
                group_ids: Vec::new(),
                id: member.user_id.clone(),
                invited: false,
                level: String::new(),
                name: member.display_name,
                notes: String::new(),
                sex: None,
                user_id: Some(member.user_id),
            });
        }
    }
    all.sort_by_cached_key(|a| a.name.to_lowercase());
    Ok(all)
}

pub use dropit_ui::pages::every_exercise as exercises;

pub use dropit_ui::pages::every_workout as workouts;

/// Names by id.
#[derive(Clone, Default)]
pub struct Names(Rc<HashMap<String, String>>);

impl Names {
    pub fn of_athletes(athletes: &[types::AthleteBody]) -> Self {
        Self(Rc::new(athletes.iter().map(|a| (a.id.clone(), a.name.clone())).collect()))
    }

    /// Exercise names in the person's language.
    pub fn of_exercises(exercises: &[types::ExerciseBody], locale: Locale) -> Self {
        Self(Rc::new(
            exercises
                .iter()
                .map(|e| {
                    let name = match locale {
                        Locale::Fr if !e.name_fr.is_empty() => &e.name_fr,
                        _ => &e.name_en,
                    };
                    (e.id.clone(), name.clone())
                })
                .collect(),
        ))
    }

    pub fn of_groups(groups: &[types::GroupBody]) -> Self {
        Self(Rc::new(groups.iter().map(|g| (g.id.clone(), g.name.clone())).collect()))
    }

    /// The name, or the id's first characters when it is not known (deleted, another list).
    pub fn get(&self, id: &str) -> String {
        self.0.get(id).cloned().unwrap_or_else(|| id.chars().take(8).collect())
    }
}

/// A resource fetched for `params`, fetched again whenever they change. The answer shown is
/// always for the latest params: an answer that arrives after the person chose again is
/// fetched again rather than shown (the previous answer stays on screen meanwhile).
pub fn following<P, T, F, Fut>(params: ReadSignal<P>, fetch: F) -> Resource<T>
where
    P: Clone + PartialEq + 'static,
    T: Clone + 'static,
    F: Fn(P) -> Fut + 'static,
    Fut: Future<Output = Result<T, ApiFailure>> + 'static,
{
    // Plain shared memory rather than a signal: a request may end after the page is gone.
    let wanted = Rc::new(RefCell::new(params.get_clone_untracked()));
    let fetch = Rc::new(fetch);
    let resource = {
        let wanted = Rc::clone(&wanted);
        Resource::new(move || {
            let (wanted, fetch) = (Rc::clone(&wanted), Rc::clone(&fetch));
            async move {
                loop {
                    let asked = wanted.borrow().clone();
                    let answer = fetch(asked.clone()).await;
                    if *wanted.borrow() == asked {
                        return answer;
                    }
                }
            }
        })
    };
    let again = resource.clone();
    create_effect(move || {
        let now = params.get_clone();
        if *wanted.borrow() != now {
            *wanted.borrow_mut() = now;
            again.reload();
        }
    });
    resource
}
