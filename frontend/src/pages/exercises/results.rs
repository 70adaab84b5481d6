//! The exercises found: each row opens the exercise beside the list; the list loads more
//! pages on demand, a search says when there are more hits than it shows.

use sycamore::{futures::spawn_local_scoped, prelude::*};

use super::{
    Panel, focus, focus_panel, labels,
    search::{self, Found, Row, SEARCH_LIMIT},
};
use crate::{
    components::loaded::{empty, loaded},
    resource::Resource,
    state::{t, use_app},
};

#[component(inline_props)]
pub fn Results(
    club: String,
    results: Resource<Found>,
    panel: Signal<Panel>,
    selected: ReadSignal<Option<String>>,
) -> View {
    let shown = results.clone();
    loaded(&shown, move |found| {
        if found.rows.is_empty() {
            let key = if found.filters == search::Filters::default() {
                "catalogue.nothing_yet"
            } else {
                "catalogue.nothing_found"
            };
            return empty(key);
        }
        let count = match found.total {
            1 => t("catalogue.one_exercise").to_owned(),
            n => format!("{n} {}", t("catalogue.exercises")),
        };
        let capped = (found.page.is_none() && found.total > u64::from(SEARCH_LIMIT))
            .then(|| view! { span(class="hint") { (t("catalogue.first_hits")) } });
        let more = found.has_more().then(|| {
            let (club, results, found) = (club.clone(), results.clone(), found.clone());
            view! { More(club=club, results=results, found=found) }
        });
        let rows: Vec<View> =
            found.rows.into_iter().map(|row| view! { ExerciseRow(row=row, panel=panel, selected=selected) }).collect();
        view! {
            p(class="catalogue-count", data-testid="exercise-count") { (count) " " (capped) }
            ul(class="exercise-rows") { (rows) }
            (more)
        }
    })
}

#[component(inline_props)]
fn ExerciseRow(row: Row, panel: Signal<Panel>, selected: ReadSignal<Option<String>>) -> View {
    let app = use_app();
    let (name, other) = labels::names(app.locale.get_untracked(), &row.name_fr, &row.name_en);
    let other_lang = if app.locale.get_untracked() == dropit_kernel::Locale::Fr { "en" } else { "fr" };
    // Many lifts keep their English name in French: saying it twice adds nothing.
    let other = (other != name).then(|| view! { span(class="exercise-other-name", lang=other_lang) { (other) } });
    let category =
        row.category.as_deref().map(labels::category).map(|c| view! { span(class="badge badge-category") { (c) } });
    let archived = row.archived.then(|| view! { span(class="badge badge-bad") { (t("common.archived")) } });
    let tags: Vec<View> = row
        .tags
        .iter()
        .map(|tag| {
            let tag = tag.clone();
            view! { span(class="tag") { (tag) } }
        })
        .collect();
    let id = row.id.clone();
    let button_id = format!("exercise-{id}");
    let name_en = row.name_en.clone();
    let here = create_selector(move || selected.with(|s| s.as_deref() == Some(id.as_str())));
    view! {
        li(class="exercise-row", data-testid="exercise-row", data-name=name_en) {
            button(id=button_id, class="exercise-open", r#type="button", aria-current=move || if here.get() { "true" } else { "false" },
                on:click=move |_| { panel.set(Panel::Show(row.clone())); focus_panel(); }) {
                span(class="exercise-names") {
                    span(class="exercise-name") { (name) }
                    (other)
                }
                span(class="exercise-meta") { (category) (archived) (tags) }
            }
        }
    }
}

/// Loads the next page of the list onto the rows shown.
#[component(inline_props)]
fn More(club: String, results: Resource<Found>, found: Found) -> View {
    let app = use_app();
    let busy = create_signal(false);
    let left = found.total.saturating_sub(found.rows.len() as u64);
    let label = format!("{} ({left})", t("catalogue.more"));
    let load = move |_| {
        let (app, club, results) = (app.clone(), club.clone(), results.clone());
        let (filters, page) = (found.filters.clone(), found.page.unwrap_or(1) + 1);
        busy.set(true);
        spawn_local_scoped(async move {
            match search::list_page(&app.api, &club, &filters, page).await {
                Ok(next) => {
                    busy.set(false);
                    // The answer joins the rows only if they are still those of this question.
                    let first_new = next.items.first().map(|e| format!("exercise-{}", e.id));
                    results.update(|f| {
                        if f.filters == filters && f.page == Some(page - 1) {
                            f.rows.extend(next.items.into_iter().map(Row::from));
                            f.total = next.total;
                            f.page = Some(page);
                        }
                    });
                    // The list is drawn again without this button: the focus goes on to the
                    // first exercise just loaded, where reading goes on.
                    if let Some(id) = first_new {
                        focus(&id);
                    }
                }
                Err(failure) => {
                    busy.set(false);
                    app.failure(&failure);
                }
            }
        });
    };
    view! {
        div(class="actions catalogue-more") {
            button(class="button", r#type="button", data-testid="exercise-more", disabled=move || busy.get(), on:click=load) { (label) }
        }
    }
}
