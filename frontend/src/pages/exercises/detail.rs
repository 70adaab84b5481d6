//! One exercise beside the list: its names, category, reference lift, tags and description,
//! the way to edit it (for those who may), and its videos and images.

use sycamore::prelude::*;

use super::{PANEL_HEADING, Panel, focus_panel, labels, media::Media, search::Row};
use crate::{
    components::loaded::loaded,
    resource::Resource,
    state::{t, use_app},
};

#[component(inline_props)]
pub fn ExerciseDetail(club: String, row: Row, panel: Signal<Panel>, can_write: bool) -> View {
    let app = use_app();
    let locale = app.locale.get_untracked();
    // The row's names show at once; the rest (a search hit has no description) loads.
    let (name, other) = labels::names(locale, &row.name_fr, &row.name_en);
    let other = (other != name).then(|| view! { p(class="hint exercise-other-name") { (other) } });
    let exercise = {
        let (api, club, id) = (app.api.clone(), club.clone(), row.id.clone());
        Resource::new(move || {
            let (api, club, id) = (api.clone(), club.clone(), id.clone());
            async move { api.call(|a| a.exercise_get().club(&club).id(&id).send()).await }
        })
    };
    let details = loaded(&exercise, move |e| {
        let category = labels::category(&e.category);
        let lift =
            e.reference_lift.as_deref().map(labels::reference_lift).unwrap_or_else(|| t("common.none").to_owned());
        let tags: Vec<View> = e
            .tags
            .iter()
            .map(|tag| {
                let tag = tag.clone();
                view! { span(class="tag") { (tag) } }
            })
            .collect();
        let no_tags = e.tags.is_empty().then(|| view! { span(class="hint") { (t("common.none")) } });
        let description = if e.description.is_empty() {
            view! { p(class="hint") { (t("catalogue.no_description")) } }
        } else {
            let text = e.description.clone();
            view! { p(class="exercise-description") { (text) } }
        };
        let starter = e.starter.then(|| view! { span(class="badge") { (t("catalogue.starter")) } });
        let archived = e.archived.then(|| view! { span(class="badge badge-bad") { (t("common.archived")) } });
        let edit = can_write.then(|| {
            let exercise = e.clone();
            view! {
                button(class="button", r#type="button", data-testid="exercise-edit",
                    on:click=move |_| { panel.set(Panel::Edit(exercise.clone())); focus_panel(); }) { (t("common.edit")) }
            }
        });
        view! {
            div(class="row exercise-badges") { (starter) (archived) }
            dl(class="exercise-facts") {
                dt { (t("catalogue.category")) } dd { (category) }
                dt { (t("catalogue.reference_lift")) } dd { (lift) }
                dt { (t("catalogue.tags")) } dd { (tags) (no_tags) }
            }
            (description)
            div(class="actions") { (edit) }
        }
    });
    let id = row.id.clone();
    view! {
        div(class="panel-head") {
            div {
                h2(id=PANEL_HEADING, tabindex="-1", data-testid="exercise-title") { (name) }
                (other)
            }
            button(class="button button-quiet", r#type="button", data-testid="panel-close",
                on:click=move |_| panel.set(Panel::Closed)) { (t("common.close")) }
        }
        (details)
        Media(club=club, exercise=id, can_write=can_write)
    }
}
