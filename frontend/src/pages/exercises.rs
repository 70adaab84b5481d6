//! The exercise catalogue: searched as one types, narrowed by category and tag, listed page by
//! page; an exercise's details, its form and its videos and images beside the list.

mod detail;
mod facets;
mod form;
mod labels;
mod media;
mod media_item;
mod results;
mod rules;
mod search;

use dropit_permissions::Permission;
use dropit_sdk::types::ExerciseBody;
use sycamore::{futures::spawn_local_scoped, prelude::*};

use crate::{components::club_page::ClubPage, resource::Resource, state::t, state::use_app};

use self::{
    detail::ExerciseDetail,
    facets::Facets,
    form::ExerciseForm,
    results::Results,
    search::{DEBOUNCE_MS, Filters, Found, Row},
};

#[component(inline_props)]
pub fn Exercises(club: String) -> View {
    let inner = club.clone();
    view! {
        ClubPage(club=club, permission=Permission::ExercisesRead, title="nav.exercises") {
            Catalogue(club=inner)
        }
    }
}

/// What the side panel shows.
#[derive(Clone, Debug, PartialEq)]
pub enum Panel {
    Closed,
    /// An exercise chosen in the list (its names show while the rest loads).
    Show(Row),
    New,
    Edit(ExerciseBody),
}

impl Panel {
    fn exercise_id(&self) -> Option<&str> {
        match self {
            Panel::Show(row) => Some(&row.id),
            Panel::Edit(exercise) => Some(&exercise.id),
            Panel::Closed | Panel::New => None,
        }
    }
}

/// The id the panel's heading carries, so opening the panel moves the focus there (which also
/// scrolls it into view on a tablet, where the panel sits above the list).
pub const PANEL_HEADING: &str = "exercise-panel-heading";

pub fn focus_panel() {
    focus(PANEL_HEADING);
}

/// Moves the focus to the element with this id, if it is there.
pub fn focus(id: &str) {
    use wasm_bindgen::JsCast;
    if let Some(element) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        let _ = element.focus();
    }
}

#[component(inline_props)]
fn Catalogue(club: String) -> View {
    let app = use_app();
    let can_write = app.can(&club, Permission::ExercisesWrite);
    let typed = create_signal(String::new());
    let q = create_signal(String::new());
    let category = create_signal(None::<String>);
    let tag = create_signal(None::<String>);
    let include_archived = create_signal(false);
    let panel = create_signal(Panel::Closed);
    // Bumped after a write, so the list asks again.
    let refresh = create_signal(0u32);

    // Typing waits for a pause before searching; each keystroke's effect run drops the wait of
    // the one before (a task spawned in an effect ends when the effect runs again).
    create_effect(move || {
        let text = typed.with(|t| t.trim().to_owned());
        spawn_local_scoped(async move {
            // Clearing the box lists the catalogue at once.
            if !text.is_empty() {
                search::pause(DEBOUNCE_MS).await;
            }
            if q.with_untracked(|q| *q != text) {
                q.set(text);
            }
        });
    });

    let filters = move || Filters {
        q: q.get_clone_untracked(),
        category: category.get_clone_untracked(),
        tag: tag.get_clone_untracked(),
        include_archived: include_archived.get_untracked(),
    };
    let results: Resource<Found> = {
        let (api, club) = (app.api.clone(), club.clone());
        Resource::new(move || {
            let (api, club, filters) = (api.clone(), club.clone(), filters());
            async move { search::find(&api, &club, filters).await }
        })
    };
    // A new question asks again; an answer to an older one is dropped with the effect run
    // that asked it, so answers never arrive out of order.
    let started = create_signal(false);
    {
        let results = results.clone();
        create_effect(move || {
            q.track();
            category.track();
            tag.track();
            include_archived.track();
            refresh.track();
            if started.get_untracked() {
                results.reload();
            } else {
                started.set(true);
            }
        });
    }

    let degraded = create_memo({
        let results = results.clone();
        move || results.ready().is_some_and(|f| f.degraded && f.page.is_none())
    });
    let new_button = can_write.then(|| {
        view! {
            button(class="button button-primary", r#type="button", data-testid="exercise-new",
                on:click=move |_| { panel.set(Panel::New); focus_panel(); }) { (t("catalogue.new")) }
        }
    });
    let panel_open = create_selector(move || panel.with(|p| *p != Panel::Closed));
    let selected = create_selector(move || panel.with(|p| p.exercise_id().map(str::to_owned)));
    let panel_club = club.clone();
    let (facet_results, list_results) = (results.clone(), results.clone());

    view! {
        div(class="catalogue") {
            div(class="catalogue-tools") {
                div(class="catalogue-search") {
                    label(class="visually-hidden", r#for="exercise-search") { (t("catalogue.search_label")) }
                    input(id="exercise-search", r#type="search", data-testid="exercise-search", autocomplete="off",
                        placeholder=t("catalogue.search_placeholder"), bind:value=typed, maxlength="100")
                }
                label(class="catalogue-archived") {
                    input(r#type="checkbox", name="include_archived", data-testid="include-archived", bind:checked=include_archived)
                    (t("catalogue.include_archived"))
                }
                (new_button)
            }
            p(class="catalogue-degraded", role="status", data-testid="search-degraded", hidden=move || !degraded.get()) {
                (t("catalogue.degraded"))
            }
            Facets(results=facet_results, category=category, tag=tag)
            div(class=move || if panel_open.get() { "catalogue-body with-panel" } else { "catalogue-body" }) {
                section(class="catalogue-results", aria-label=t("catalogue.results_label")) {
                    Results(club=club, results=list_results, panel=panel, selected=selected)
                }
                aside(class="catalogue-panel card", hidden=move || !panel_open.get(), aria-labelledby=PANEL_HEADING) {
                    (move || {
                        let club = panel_club.clone();
                        match panel.get_clone() {
                            Panel::Closed => view! {},
                            Panel::Show(row) => view! {
                                ExerciseDetail(club=club, row=row, panel=panel, can_write=can_write)
                            },
                            Panel::New => view! { ExerciseForm(club=club, panel=panel, refresh=refresh) },
                            Panel::Edit(exercise) => view! {
                                ExerciseForm(club=club, existing=exercise, panel=panel, refresh=refresh)
                            },
                        }
                    })
                }
            }
        }
    }
}
