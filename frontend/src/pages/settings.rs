//! PAGE-PENDING: Settings.

use dropit_permissions::Permission;
use sycamore::prelude::*;

use crate::components::club_page::ClubPage;

#[component(inline_props)]
pub fn Settings(club: String) -> View {
    view! { ClubPage(club=club, permission=Permission::ClubUpdate, title="nav.settings") { p { "…" } } }
}
