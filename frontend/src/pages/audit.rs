//! The club's audit log: its security events, newest first, a page at a time, with a filter
//! on the action. People are named when they are members of the club.

pub mod table;

use dropit_permissions::Permission;
use dropit_sdk::types::AuditRecord;
use sycamore::{futures::spawn_local_scoped, prelude::*};

use crate::{
    components::{club_page::ClubPage, loaded::loaded},
    pages::{
        audit::table::{AuditTable, Names},
        members::on_choice,
    },
    resource::{Loadable, Resource},
    state::{t, use_app},
};

/// The page sizes offered; the API takes up to 200.
const PAGE_SIZES: [u32; 4] = [25, 50, 100, 200];

#[component(inline_props)]
pub fn Audit(club: String) -> View {
    let inner = club.clone();
    view! {
        ClubPage(club=club, permission=Permission::AuditRead, title="nav.audit") { AuditLog(club=inner) }
    }
}

#[component(inline_props)]
fn AuditLog(club: String) -> View {
    let app = use_app();
    let filter = create_signal(String::new());
    let limit = create_signal("50".to_owned());
    let page_size = move || limit.with(|l| l.parse::<u32>().ok()).filter(|n| PAGE_SIZES.contains(n)).unwrap_or(50);
    let people = create_signal(Names::new());
    if app.can(&club, Permission::MembersRead) {
        let (api, club) = (app.api.clone(), club.clone());
        spawn_local_scoped(async move {
            // Without the names the log still reads, by id: a failure here is not worth a panel.
            if let Ok(members) = api.call(|a| a.club_members().club(&club).send()).await {
                people.set(members.into_iter().map(|m| (m.user_id, m.display_name)).collect());
            }
        });
    }
    let first = {
        let (api, club) = (app.api.clone(), club.clone());
        Resource::new(move || {
            let (api, club, size) = (api.clone(), club.clone(), page_size());
            async move { api.call(|a| a.club_audit().club(&club).limit(size).send()).await }
        })
    };
    let reload = first.clone();
    let change_size = move |ev: web_sys::Event| {
        on_choice(limit)(ev);
        reload.state.set(Loadable::Loading);
        reload.reload();
    };
    let body = loaded(&first, move |records| {
        let club = club.clone();
        view! { Pages(club=club, first=records, size=page_size(), filter=*filter, people=*people) }
    });
    let sizes: Vec<View> = PAGE_SIZES
        .iter()
        .map(|n| view! { option(value=n.to_string(), selected=*n == 50) { (n.to_string()) } })
        .collect();
    view! {
        section(class="card club-section") {
            div(class="audit-controls") {
                div(class="field") {
                    label(r#for="audit-filter") { (t("audit.filter")) }
                    input(id="audit-filter", r#type="search", data-testid="audit-filter", bind:value=filter,
                        placeholder=t("audit.filter_hint"))
                }
                div(class="field") {
                    label(r#for="audit-size") { (t("audit.page_size")) }
                    select(id="audit-size", data-testid="audit-size", bind:value=limit, on:change=change_size) { (sizes) }
                }
            }
            (body)
        }
    }
}

/// The pages read so far; "more" reads the page before the last entry shown.
#[component(inline_props)]
fn Pages(
    club: String,
    first: Vec<AuditRecord>,
    size: u32,
    filter: ReadSignal<String>,
    people: ReadSignal<Names>,
) -> View {
    let app = use_app();
    let more = create_signal(first.len() as u32 == size);
    let rows = create_signal(first);
    let busy = create_signal(false);
    let next = move |_| {
        let Some(before) = rows.with(|r| r.last().map(|r| r.id)) else { return };
        let (app, club) = (app.clone(), club.clone());
        busy.set(true);
        spawn_local_scoped(async move {
            let answer = app.api.call(|a| a.club_audit().club(&club).before(before).limit(size).send()).await;
            busy.set(false);
            match answer {
                Ok(page) => {
                    more.set(page.len() as u32 == size);
                    rows.update(|r| r.extend(page));
                }
                Err(failure) => app.failure(&failure),
            }
        });
    };
    view! {
        AuditTable(rows=*rows, filter=filter, people=people)
        div(class="actions audit-more") {
            (move || more.get().then(|| {
                let next = next.clone();
                view! {
                    button(class="button", data-testid="audit-more", disabled=move || busy.get(), on:click=next) { (t("audit.more")) }
                }
            }))
            (move || (!more.get() && rows.with(|r| !r.is_empty())).then(|| view! { p(class="hint") { (t("audit.end")) } }))
        }
    }
}
