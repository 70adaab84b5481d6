//! PAGE-PENDING: Planning.

use dropit_permissions::Permission;
use sycamore::prelude::*;

use crate::components::club_page::ClubPage;

#[component(inline_props)]
pub fn Planning(club: String) -> View {
    view! { ClubPage(club=club, permission=Permission::PlanningRead, title="nav.planning") { p { "…" } } }
}
