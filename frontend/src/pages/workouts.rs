//! The club's workout templates (`/c/<club>/workouts`): a page at a time, archived ones on
//! demand, each opening in the builder, with a new one and a copy of one a click away.

use dropit_permissions::Permission;
use dropit_sdk::types;
use sycamore::{futures::spawn_local_scoped, prelude::*};

use crate::{
    components::{
        club_page::ClubPage,
        loaded::{empty, loaded},
    },
    resource::Resource,
    state::{t, use_app},
};

const PER_PAGE: u32 = 25;

#[component(inline_props)]
pub fn Workouts(club: String) -> View {
    let page_club = club.clone();
    view! {
        ClubPage(club=page_club, permission=Permission::WorkoutsRead, title="nav.workouts") {
            WorkoutList(club=club)
        }
    }
}

#[component(inline_props)]
fn WorkoutList(club: String) -> View {
    let app = use_app();
    let writable = app.can(&club, Permission::WorkoutsWrite);
    let archived = create_signal(false);
    let page = create_signal(1u32);
    let new_href = format!("/c/{club}/workouts/new");
    let resource = {
        let (api, club) = (app.api.clone(), club.clone());
        Resource::new(move || {
            let (api, club) = (api.clone(), club.clone());
            let (archived, page) = (archived.get_untracked(), page.get_untracked());
            async move {
                api.call(|a| {
                    a.workout_list().club(&club).include_archived(archived).page(page).per_page(PER_PAGE).send()
                })
                .await
            }
        })
    };
    let reload = resource.clone();
    // The first fetch is the resource's own; later changes of the toggle or page fetch again.
    let first = create_signal(true);
    create_effect(move || {
        archived.track();
        page.track();
        if first.get_untracked() {
            first.set(false);
        } else {
            reload.reload();
        }
    });
    let toggle = move |_| page.set(1);

    let listed = resource.clone();
    let table = loaded(&resource, move |found: types::WorkoutPage| {
        if found.items.is_empty() {
            return empty(if found.total > 0 { "workouts.page_empty" } else { "workouts.nothing_yet" });
        }
        let rows: Vec<View> = found
            .items
            .into_iter()
            .map(|w| {
                let (club, list) = (club.clone(), listed.clone());
                view! { Row(club=club, workout=w, writable=writable, list=list) }
            })
            .collect();
        let pages = found.total.div_ceil(u64::from(found.per_page.max(1))).max(1);
        let at = found.page;
        let summary = format!("{} {at} / {pages}", t("workouts.page"));
        view! {
            div(class="table-wrap") {
                table(class="workout-table", data-testid="workout-table") {
                    thead { tr {
                        th { (t("common.name")) }
                        th(class="num") { (t("workouts.lines_count")) }
                        th { span(class="visually-hidden") { (t("workouts.actions")) } }
                    } }
                    tbody { (rows) }
                }
            }
            nav(class="pager row", aria-label=t("workouts.pages"), hidden=pages < 2) {
                button(class="button", r#type="button", data-testid="page-previous", disabled=at <= 1,
                    on:click=move |_| page.set(at.saturating_sub(1).max(1))) { (t("workouts.previous")) }
                span(data-testid="page-summary") { (summary) }
                button(class="button", r#type="button", data-testid="page-next", disabled=u64::from(at) >= pages,
                    on:click=move |_| page.set(at + 1)) { (t("workouts.next")) }
            }
        }
    });
    let new_button = writable.then(|| {
        view! { a(class="button button-primary", href=new_href, data-testid="workout-new") { (t("workouts.new")) } }
    });
    view! {
        div(class="row workouts-toolbar") {
            label(class="check") {
                input(r#type="checkbox", data-testid="include-archived", bind:checked=archived, on:change=toggle)
                (t("workouts.show_archived"))
            }
            span(class="spacer")
            (new_button)
        }
        (table)
    }
}

#[component(inline_props)]
fn Row(club: String, workout: types::WorkoutSummaryBody, writable: bool, list: Resource<types::WorkoutPage>) -> View {
    let app = use_app();
    let href = format!("/c/{club}/workouts/{}", workout.id);
    let busy = create_signal(false);
    let id = workout.id.clone();
    let duplicate = move |_| {
        let (app, club, id, list) = (app.clone(), club.clone(), id.clone(), list.clone());
        busy.set(true);
        spawn_local_scoped(async move {
            let request = types::DuplicateRequest { name: None };
            match app.api.call(|a| a.workout_duplicate().club(&club).id(&id).body(request.clone()).send()).await {
                Ok(_) => {
                    app.success("workouts.duplicated");
                    list.reload();
                }
                Err(failure) => {
                    app.failure(&failure);
                    busy.set(false);
                }
            }
        });
    };
    let (name, data_name, lines) = (workout.name.clone(), workout.name.clone(), workout.lines.to_string());
    let label = format!("{} {name}", t("workouts.duplicate_named"));
    let title = label.clone();
    let archived = workout.archived.then(|| view! { " " span(class="badge") { (t("common.archived")) } });
    let action = writable.then(|| {
        view! {
            button(class="button button-quiet", r#type="button", data-testid="workout-duplicate", aria-label=label,
                title=title, disabled=move || busy.get(), on:click=duplicate) { (t("workouts.duplicate")) }
        }
    });
    view! {
        tr(data-testid="workout-row", data-name=data_name) {
            td {
                a(href=href) { (name) }
                (archived)
            }
            td(class="num") { (lines) }
            td(class="row-actions") { (action) }
        }
    }
}
