//! PAGE-PENDING: Logs.

use dropit_permissions::Permission;
use sycamore::prelude::*;

use crate::components::club_page::ClubPage;

#[component(inline_props)]
pub fn Logs(club: String) -> View {
    view! { ClubPage(club=club, permission=Permission::LogsRead, title="nav.logs") { p { "…" } } }
}
