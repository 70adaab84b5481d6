//! The facets of the last answer as toggle buttons: one category and one tag at a time, each
//! with how many exercises it holds. Buttons are keyed by value, so a new answer updates the
//! counts without taking the focus from the button just pressed.

use sycamore::prelude::*;

use super::{
    labels,
    search::{Found, facets_with},
};
use crate::{resource::Resource, state::t};

#[component(inline_props)]
pub fn Facets(results: Resource<Found>, category: Signal<Option<String>>, tag: Signal<Option<String>>) -> View {
    let categories = create_memo({
        let results = results.clone();
        move || {
            let answer = results.ready().map(|f| f.categories).unwrap_or_default();
            facets_with(answer, category.with(|c| c.clone()).as_deref())
        }
    });
    let tags = create_memo(move || {
        let answer = results.ready().map(|f| f.tags).unwrap_or_default();
        facets_with(answer, tag.with(|t| t.clone()).as_deref())
    });
    let nothing = create_selector(move || categories.with(Vec::is_empty) && tags.with(Vec::is_empty));
    view! {
        div(class="facets", hidden=move || nothing.get()) {
            FacetGroup(label=t("catalogue.categories"), kind="category", facets=categories, chosen=category)
            FacetGroup(label=t("catalogue.tags"), kind="tag", facets=tags, chosen=tag)
        }
    }
}

#[component(inline_props)]
fn FacetGroup(
    label: &'static str,
    kind: &'static str,
    facets: ReadSignal<Vec<(String, u64)>>,
    chosen: Signal<Option<String>>,
) -> View {
    view! {
        div(class="facet-group", role="group", aria-label=label, hidden=move || facets.with(Vec::is_empty)) {
            span(class="facet-label", aria-hidden="true") { (label) }
            Keyed(
                list=facets,
                view=move |(value, _)| {
                    let count = create_memo({
                        let value = value.clone();
                        move || facets.with(|all| all.iter().find(|(v, _)| *v == value).map_or(0, |(_, n)| *n))
                    });
                    let pressed = create_selector({
                        let value = value.clone();
                        move || chosen.with(|c| c.as_deref() == Some(value.as_str()))
                    });
                    let text = if kind == "category" { labels::category(&value) } else { value.clone() };
                    let toggled = value.clone();
                    view! {
                        button(class="facet", r#type="button", data-testid="facet", data-kind=kind, data-value=value,
                            aria-pressed=move || if pressed.get() { "true" } else { "false" },
                            on:click=move |_| {
                                let next = (!pressed.get_untracked()).then(|| toggled.clone());
                                chosen.set(next);
                            }) {
                            span { (text) }
                            span(class="facet-count") { (move || count.get().to_string()) }
                        }
                    }
                },
                key=|(value, _)| value.clone(),
            )
        }
    }
}
