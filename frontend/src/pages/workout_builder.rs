//! PAGE-PENDING: WorkoutBuilder.

use dropit_permissions::Permission;
use sycamore::prelude::*;

use crate::components::club_page::ClubPage;

#[component(inline_props)]
pub fn WorkoutBuilder(club: String, #[allow(unused)] id: String) -> View {
    view! { ClubPage(club=club, permission=Permission::WorkoutsWrite, title="nav.workouts") { p { "…" } } }
}
