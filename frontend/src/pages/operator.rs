//! The operator console: every club with its state and the actions that state allows, the
//! migration of every club schema, and the platform's audit log. Only operators see it.

mod clubs;
mod fleet;

use sycamore::prelude::*;
use sycamore_router::navigate;

use crate::{
    components::layout::Layout,
    pages::{
        audit::table::{AuditTable, Names},
        operator::{clubs::ClubTable, fleet::FleetMigration},
    },
    resource::Resource,
    state::{t, use_app},
};

#[component]
pub fn Operator() -> View {
    let app = use_app();
    if app.signed_in().is_none() {
        navigate("/login?next=/operator");
        return view! {};
    }
    if !app.is_operator() {
        return view! {
            Layout(title="nav.operator") {
                div(class="panel", role="alert", data-testid="denied") { p { (t("operator.denied")) } }
            }
        };
    }
    let clubs = {
        let api = app.api.clone();
        Resource::new(move || {
            let api = api.clone();
            async move { api.call(|a| a.platform_clubs().send()).await }
        })
    };
    let slugs = create_memo({
        let clubs = clubs.clone();
        move || clubs.ready().map(|all| all.into_iter().map(|c| (c.id, c.slug)).collect::<Names>()).unwrap_or_default()
    });
    let (fleet_clubs, table_clubs) = (clubs.clone(), clubs.clone());
    let audited = create_signal(0u32);
    view! {
        Layout(title="nav.operator") {
            div(class="operator-page") {
                section(class="card club-section", aria-labelledby="clubs-title") {
                    div(class="section-head") {
                        h2(id="clubs-title") { (t("operator.clubs")) }
                        FleetMigration(clubs=fleet_clubs)
                    }
                    ClubTable(clubs=table_clubs, audited=audited)
                }
                PlatformAudit(slugs=slugs, audited=audited)
            }
        }
    }
}

/// The last 50 events of the whole platform.
#[component(inline_props)]
fn PlatformAudit(slugs: ReadSignal<Names>, audited: Signal<u32>) -> View {
    let app = use_app();
    let filter = create_signal(String::new());
    // The operator is named; other people show by id, as the API gives no names here.
    let people = create_signal(
        app.signed_in().map(|me| Names::from([(me.profile.id, me.profile.display_name)])).unwrap_or_default(),
    );
    let recent = {
        let api = app.api.clone();
        Resource::new(move || {
            let api = api.clone();
            async move { api.call(|a| a.platform_audit().limit(50u32).send()).await }
        })
    };
    let body = crate::components::loaded::loaded(&recent, move |records| {
        let rows = create_signal(records);
        view! { AuditTable(rows=*rows, filter=*filter, people=*people, clubs=slugs) }
    });
    // A club changed here: read the log again, from this component's scope, which outlives
    // the row's action that asked.
    let seen = create_signal(audited.get_untracked());
    let again = recent.clone();
    create_effect(move || {
        let now = audited.get();
        if now != seen.get_untracked() {
            seen.set(now);
            again.reload();
        }
    });
    let refresh = recent.clone();
    view! {
        section(class="card club-section", aria-labelledby="platform-audit-title") {
            div(class="section-head") {
                h2(id="platform-audit-title") { (t("operator.audit")) }
                button(class="button", data-testid="platform-audit-refresh", on:click=move |_| refresh.reload()) { (t("operator.refresh")) }
            }
            div(class="audit-controls") {
                div(class="field") {
                    label(r#for="platform-audit-filter") { (t("audit.filter")) }
                    input(id="platform-audit-filter", r#type="search", data-testid="audit-filter", bind:value=filter,
                        placeholder=t("audit.filter_hint"))
                }
            }
            (body)
        }
    }
}
