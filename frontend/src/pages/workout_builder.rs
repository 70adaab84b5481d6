//! The workout builder (`/c/<club>/workouts/<id>`, `new` for a new one): name, basis and lines
//! of exercises or complexes with their sets, built by dragging from a palette or with
//! buttons, with every set's load previewed for an athlete. Read-only without WorkoutsWrite.

mod draft;
mod editor;
mod line;
mod lines;
mod model;
mod palette;
mod parts;
mod preview;
mod sets;

use dropit_permissions::Permission;
use dropit_ui::pages::every_exercise;
use sycamore::prelude::*;

use self::{draft::Draft, editor::Editor};
use crate::{components::club_page::ClubPage, components::loaded::loaded, resource::Resource, state::use_app};

#[component(inline_props)]
pub fn WorkoutBuilder(club: String, id: String) -> View {
    let new = id == "new";
    // Creating needs the right to write; an existing workout opens read-only with the right to read.
    let permission = if new { Permission::WorkoutsWrite } else { Permission::WorkoutsRead };
    let title = if new { "workouts.new_title" } else { "workouts.builder_title" };
    let page_club = club.clone();
    view! {
        ClubPage(club=page_club, permission=permission, title=title) {
            BuilderBody(club=club, id=id)
        }
    }
}

/// Loads the catalogue and the workout once the guard let the person in.
#[component(inline_props)]
fn BuilderBody(club: String, id: String) -> View {
    let app = use_app();
    let editable = app.can(&club, Permission::WorkoutsWrite);
    let resource = {
        let (api, club, id) = (app.api.clone(), club.clone(), id.clone());
        Resource::new(move || {
            let (api, club, id) = (api.clone(), club.clone(), id.clone());
            async move {
                let exercises = every_exercise(&api, &club).await?;
                let workout = if id == "new" {
                    None
                } else {
                    Some(api.call(|a| a.workout_get().club(&club).id(&id).send()).await?)
                };
                Ok((exercises, workout))
            }
        })
    };
    let locale = app.locale.get_untracked();
    loaded(&resource, move |(exercises, workout)| {
        let (draft, id) = match workout {
            Some(workout) => (Draft::from_body(&workout, locale), workout.id),
            None => (Draft::empty(), String::new()),
        };
        let club = club.clone();
        view! { Editor(club=club, id=id, draft=draft, exercises=exercises, editable=editable) }
    })
}
