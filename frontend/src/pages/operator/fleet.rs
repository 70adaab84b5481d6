//! Migrating every club schema to the newest club migration, and what came of it: how many
//! moved, how many were already there, and which failed with what error.

use dropit_sdk::types::{ClubSummary, FleetSummary};
use sycamore::{futures::spawn_local_scoped, prelude::*};

use crate::{
    resource::Resource,
    state::{t, use_app},
};

#[component(inline_props)]
pub fn FleetMigration(clubs: Resource<Vec<ClubSummary>>) -> View {
    let app = use_app();
    let busy = create_signal(false);
    let summary = create_signal(None::<FleetSummary>);
    let migrate = move |_| {
        let (app, clubs) = (app.clone(), clubs.clone());
        busy.set(true);
        spawn_local_scoped(async move {
            let answer = app.api.call(|a| a.platform_clubs_migrate().send()).await;
            busy.set(false);
            match answer {
                Ok(done) => {
                    summary.set(Some(done));
                    // Schema versions moved: the table shows the registry as it is now.
                    clubs.reload();
                }
                Err(failure) => app.failure(&failure),
            }
        });
    };
    view! {
        div(class="fleet") {
            button(class="button button-primary", data-testid="fleet-migrate", disabled=move || busy.get(), on:click=migrate) {
                (move || if busy.get() { t("operator.migrating") } else { t("operator.migrate") })
            }
        }
        (move || summary.get_clone().map(|done| view! { Summary(done=done) }))
    }
}

#[component(inline_props)]
fn Summary(done: FleetSummary) -> View {
    let failed = done.failed.len();
    let failures: Vec<View> = done
        .failed
        .into_iter()
        .map(|f| view! { li(data-testid="fleet-failed") { strong { (f.slug) } ": " (f.error) } })
        .collect();
    let panel = if failed == 0 { "panel fleet-summary" } else { "panel fleet-summary panel-error" };
    view! {
        div(class=panel, role="status", data-testid="fleet-summary") {
            p { (t("operator.target")) " " code { (done.target) } }
            dl(class="facts") {
                dt { (t("operator.migrated")) } dd(data-testid="fleet-migrated") { (done.migrated.to_string()) }
                dt { (t("operator.up_to_date")) } dd(data-testid="fleet-up-to-date") { (done.up_to_date.to_string()) }
                dt { (t("operator.failed")) } dd(data-testid="fleet-failed-count") { (failed.to_string()) }
            }
            (if failed == 0 { view! {} } else { view! { ul(class="fleet-failures") { (failures) } } })
        }
    }
}
