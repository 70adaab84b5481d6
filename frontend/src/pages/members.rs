//! PAGE-PENDING: Members.

use dropit_permissions::Permission;
use sycamore::prelude::*;

use crate::components::club_page::ClubPage;

#[component(inline_props)]
pub fn Members(club: String) -> View {
    view! { ClubPage(club=club, permission=Permission::MembersRead, title="nav.members") { p { "…" } } }
}
