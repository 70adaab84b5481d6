//! PAGE-PENDING: Exercises.

use dropit_permissions::Permission;
use sycamore::prelude::*;

use crate::components::club_page::ClubPage;

#[component(inline_props)]
pub fn Exercises(club: String) -> View {
    view! { ClubPage(club=club, permission=Permission::ExercisesRead, title="nav.exercises") { p { "…" } } }
}
