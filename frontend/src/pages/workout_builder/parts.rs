//! The parts of a line: a complex's exercises in order with their repetitions, reordered or
//! removed with buttons, and an exercise added from a list (the keyboard's way to drop one).

use sycamore::prelude::*;

use super::{
    draft,
    model::{LineState, PartState, name_in, use_builder},
};
use crate::state::{ToastKind, t, use_app};

#[component(inline_props)]
pub fn Parts(line: LineState, index: ReadSignal<usize>) -> View {
    let app = use_app();
    let builder = use_builder();
    let locale = app.locale.get_untracked();
    let complex = create_memo(move || line.parts.with(Vec::len) > 1);
    // Built once: the catalogue does not change while the builder is open.
    let options: Vec<View> = builder.exercises.with_untracked(|all| {
        all.iter()
            .filter(|e| !e.archived)
            .map(|e| {
                let (id, name) = (e.id.clone(), name_in(e, locale));
                view! { option(value=id) { (name) } }
            })
            .collect()
    });
    let add = move |ev: web_sys::Event| {
        let Some(select) = crate::components::field::select_of(&ev) else { return };
        let id = select.value();
        select.set_value("");
        if !id.is_empty() && !builder.add_part(line, &id) {
            app.toast(ToastKind::Error, t("workouts.too_many_parts"));
        }
    };
    let add_id = format!("add-part-{}", line.key);
    let add_for = add_id.clone();
    view! {
        div(class="parts") {
            // A plain exercise has no parts to show (nor inputs a test or a reader would trip on).
            (move || complex.get().then(|| view! {
                ol(class="part-list") {
                    Keyed(list=line.parts, view=move |part| view! { PartRow(line=line, part=part, index=index) }, key=|part| part.key)
                }
            }))
            div(class="add-part", hidden=!builder.editable) {
                label(r#for=add_for) { (t("workouts.add_part")) }
                select(id=add_id, data-testid="add-part", on:change=add) {
                    option(value="", selected=true) { (t("workouts.add_part_choose")) }
                    (options)
                }
            }
        }
    }
}

#[component(inline_props)]
fn PartRow(line: LineState, part: PartState, index: ReadSignal<usize>) -> View {
    let app = use_app();
    let builder = use_builder();
    let locale = app.locale.get_untracked();
    let key = part.key;
    let position = create_memo(move || line.parts.with(|parts| parts.iter().position(|p| p.key == key).unwrap_or(0)));
    let count = create_memo(move || line.parts.with(Vec::len));
    let name = builder
        .exercise_name(&part.exercise_id.get_clone_untracked(), locale)
        .unwrap_or_else(|| t("workouts.unknown_exercise").to_owned());
    let reps_label = format!("{} {name}", t("workouts.part_reps"));
    let remove_label = format!("{} {name}", t("workouts.remove_part"));
    let remove_title = remove_label.clone();
    let problem = create_memo(move || {
        let at = format!("lines[{}].parts[{}]", index.get(), position.get());
        builder.problem(&format!("{at}.reps")).or_else(|| builder.problem(&format!("{at}.exercise_id")))
    });
    let shift = move |by: isize| {
        let from = position.get_untracked();
        let to = from as isize + by;
        if to >= 0 {
            line.parts.update(|parts| draft::move_item(parts, from, to as usize));
        }
    };
    let remove = move |_| {
        line.parts.update(|parts| parts.retain(|p| p.key != key));
        // A single exercise left is a plain line again: its count is in the sets.
        line.parts.with_untracked(|parts| {
            if let [only] = parts.as_slice() {
                only.reps.set("1".to_owned());
            }
        });
    };
    view! {
        li(class="part") {
            span(class="part-name") { (name) }
            input(class="part-reps", name="part-reps", data-testid="part-reps", inputmode="numeric", aria-label=reps_label,
                bind:value=part.reps, aria-invalid=move || if problem.with(Option::is_some) { "true" } else { "false" })
            span(class="part-buttons", hidden=!builder.editable) {
                button(class="button button-quiet", r#type="button", aria-label=t("workouts.part_earlier"), title=t("workouts.part_earlier"),
                    disabled=move || position.get() == 0, on:click=move |_| shift(-1)) { "←" }
                button(class="button button-quiet", r#type="button", aria-label=t("workouts.part_later"), title=t("workouts.part_later"),
                    disabled=move || position.get() + 1 >= count.get(), on:click=move |_| shift(1)) { "→" }
                button(class="button button-quiet button-danger", r#type="button", data-testid="part-remove", aria-label=remove_label,
                    title=remove_title, on:click=remove) { "×" }
            }
            p(class="field-error") { (move || problem.get_clone().unwrap_or_default()) }
        }
    }
}
