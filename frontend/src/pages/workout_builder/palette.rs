//! The palette: the club's exercises, filtered as one types, each dragged onto the lines (a
//! new line) or onto a line (a part of a complex), or added with its button.

use sycamore::prelude::*;

use super::{
    draft::Dragged,
    model::{name_in, use_builder},
};
use crate::state::{t, use_app};

use crate::format::folded;

/// An exercise family as people read it.
pub fn category_text(category: &str) -> &'static str {
    match category {
        "snatch" => t("workouts.category.snatch"),
        "clean" => t("workouts.category.clean"),
        "jerk" => t("workouts.category.jerk"),
        "clean_and_jerk" => t("workouts.category.clean_and_jerk"),
        "pull" => t("workouts.category.pull"),
        "squat" => t("workouts.category.squat"),
        "press" => t("workouts.category.press"),
        _ => t("workouts.category.accessory"),
    }
}

#[derive(Clone, PartialEq)]
struct Item {
    id: String,
    name: String,
    name_en: String,
    category: &'static str,
}

#[component]
pub fn Palette() -> View {
    let app = use_app();
    let builder = use_builder();
    let locale = app.locale.get_untracked();
    let filter = create_signal(String::new());
    let items = create_memo(move || {
        let wanted = folded(filter.get_clone().trim());
        builder.exercises.with(|all| {
            all.iter()
                .filter(|e| !e.archived)
                .filter(|e| {
                    wanted.is_empty()
                        || [e.name_en.as_str(), e.name_fr.as_str(), category_text(&e.category)]
                            .iter()
                            .any(|text| folded(text).contains(&wanted))
                })
                .map(|e| Item {
                    id: e.id.clone(),
                    name: name_in(e, locale),
                    name_en: e.name_en.clone(),
                    category: category_text(&e.category),
                })
                .collect::<Vec<_>>()
        })
    });
    let count = create_memo(move || items.with(Vec::len));
    view! {
        div(class="palette", data-testid="palette") {
            h2 { (t("workouts.palette")) }
            label(class="visually-hidden", r#for="palette-filter") { (t("workouts.palette_filter")) }
            input(id="palette-filter", r#type="search", data-testid="palette-filter", bind:value=filter,
                placeholder=t("workouts.palette_filter"), autocomplete="off")
            p(class="hint") { (t("workouts.palette_hint")) }
            ul(class="palette-list") {
                Keyed(list=items, view=move |item| view! { PaletteItem(item=item) }, key=|item| item.id.clone())
            }
            p(class="empty", hidden=move || count.get() > 0) { (t("workouts.palette_nothing")) }
        }
    }
}

#[component(inline_props)]
fn PaletteItem(item: Item) -> View {
    let builder = use_builder();
    let Item { id, name, name_en, category } = item;
    let dragged = Dragged::Exercise(id.clone()).text();
    let start = move |ev: web_sys::DragEvent| {
        if let Some(transfer) = ev.data_transfer() {
            let _ = transfer.set_data("text/plain", &dragged);
            transfer.set_effect_allowed("copy");
        }
    };
    let label = format!("{} {name}", t("workouts.add_line_of"));
    let title = label.clone();
    view! {
        li(class="palette-item", data-testid="palette-item", data-name=name_en, draggable="true",
            on:dragstart=start, on:dragend=move |_| builder.over.set(None)) {
            span(class="palette-name") { (name) }
            span(class="palette-category") { (category) }
            button(class="button button-quiet palette-add", r#type="button", data-testid="palette-add",
                aria-label=label, title=title, on:click=move |_| { builder.add_line(&id); }) { "+" }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filtering_ignores_case_and_accents() {
        assert!(folded("Épaulé-jeté").contains(&folded("epaule")));
        assert_eq!(folded("Arraché"), "arrache");
    }
}
