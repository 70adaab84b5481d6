//! PAGE-PENDING: Audit.

use dropit_permissions::Permission;
use sycamore::prelude::*;

use crate::components::club_page::ClubPage;

#[component(inline_props)]
pub fn Audit(club: String) -> View {
    view! { ClubPage(club=club, permission=Permission::AuditRead, title="nav.audit") { p { "…" } } }
}
