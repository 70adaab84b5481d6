//! PAGE-PENDING: Athlete.

use dropit_permissions::Permission;
use sycamore::prelude::*;

use crate::components::club_page::ClubPage;

#[component(inline_props)]
pub fn Athlete(club: String, #[allow(unused)] id: String) -> View {
    view! { ClubPage(club=club, permission=Permission::AthletesRead, title="nav.athletes") { p { "…" } } }
}
