//! The club's home page. A coach or administrator sees today's sessions, the week's logs, the
//! latest activity and the readiness check-ins to look at; an athlete (who cannot read the
//! club's planning or logs) sees their own week ahead and their records instead.

use dropit_permissions::Permission;
use sycamore::prelude::*;

use crate::{
    components::club_page::ClubPage,
    pages::planning::{dashboard_athlete::AthleteDashboard, dashboard_coach::CoachDashboard},
    state::use_app,
};

#[component(inline_props)]
pub fn Dashboard(club: String) -> View {
    let inner = club.clone();
    // The guard builds its content only for members, so nothing is fetched for others.
    view! { ClubPage(club=club, permission=Permission::ClubRead, title="nav.dashboard") { DashboardPage(club=inner) } }
}

#[component(inline_props)]
fn DashboardPage(club: String) -> View {
    let app = use_app();
    if app.can(&club, Permission::PlanningRead) || app.can(&club, Permission::LogsRead) {
        view! { CoachDashboard(club=club) }
    } else {
        view! { AthleteDashboard(club=club) }
    }
}
