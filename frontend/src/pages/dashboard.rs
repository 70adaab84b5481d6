//! PAGE-PENDING: Dashboard.

use dropit_permissions::Permission;
use sycamore::prelude::*;

use crate::components::club_page::ClubPage;

#[component(inline_props)]
pub fn Dashboard(club: String) -> View {
    view! { ClubPage(club=club, permission=Permission::ClubRead, title="nav.dashboard") { p { "…" } } }
}
