//! PAGE-PENDING: Workouts.

use dropit_permissions::Permission;
use sycamore::prelude::*;

use crate::components::club_page::ClubPage;

#[component(inline_props)]
pub fn Workouts(club: String) -> View {
    view! { ClubPage(club=club, permission=Permission::WorkoutsRead, title="nav.workouts") { p { "…" } } }
}
