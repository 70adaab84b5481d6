//! One line of the workout: its exercise or complex, its sets, rest and notes. The line is
//! dragged to reorder it, and takes exercises dropped on it as more parts of a complex; buttons
//! do the same from the keyboard.

use sycamore::prelude::*;

use super::{
    draft::{self, Dragged},
    lines::dropped,
    model::{LineState, use_builder},
    parts::Parts,
    sets::Sets,
};
use crate::state::{t, use_app};

#[component(inline_props)]
pub fn LineCard(line: LineState) -> View {
    let app = use_app();
    let builder = use_builder();
    let locale = app.locale.get_untracked();
    let key = line.key;
    let index = create_memo(move || builder.index_of(key));
    let count = create_memo(move || builder.lines.with(Vec::len));
    let names = create_memo(move || {
        line.parts.with(|parts| {
            parts
                .iter()
                .map(|p| {
                    builder
                        .exercise_name(&p.exercise_id.get_clone(), locale)
                        .unwrap_or_else(|| t("workouts.unknown_exercise").to_owned())
                })
                .collect::<Vec<_>>()
                .join(" + ")
        })
    });
    let notation = create_memo(move || {
        line.parts.with(|parts| draft::notation(&parts.iter().map(|p| p.reps.get_clone()).collect::<Vec<_>>()))
    });

    let dragging = create_signal(false);
    let start = move |ev: web_sys::DragEvent| {
        // Only the line itself starts a line drag, not text dragged out of one of its inputs.
        if ev.target() != ev.current_target() {
            return;
        }
        if let Some(transfer) = ev.data_transfer() {
            let _ = transfer.set_data("text/plain", &Dragged::Line(index.get_untracked()).text());
            transfer.set_effect_allowed("move");
        }
        dragging.set(true);
    };
    let end = move |_| {
        dragging.set(false);
        builder.over.set(None);
    };
    let over = move |ev: web_sys::DragEvent| {
        if builder.editable {
            ev.prevent_default();
            ev.stop_propagation();
            builder.over.set(Some(key));
        }
    };
    let drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        ev.stop_propagation();
        builder.over.set(None);
        match dropped(&ev) {
            Some(Dragged::Exercise(id)) if !builder.add_part(line, &id) => {
                app.toast(crate::state::ToastKind::Error, t("workouts.too_many_parts"));
            }
            Some(Dragged::Exercise(_)) => {}
            Some(Dragged::Line(from)) => builder.move_line(from, index.get_untracked()),
            None => {}
        }
    };
    let leave = move |_| {
        if builder.over.get_untracked() == Some(key) {
            builder.over.set(None);
        }
    };

    let up = move |_| {
        let at = index.get_untracked();
        if at > 0 {
            builder.move_line(at, at - 1);
        }
    };
    let down = move |_| {
        let at = index.get_untracked();
        builder.move_line(at, at + 1);
    };
    let remove = move |_| builder.remove_line(key);
    let rest_id = format!("rest-{key}");
    let notes_id = format!("line-notes-{key}");
    let (rest_for, notes_for) = (rest_id.clone(), notes_id.clone());
    let rest_problem = create_memo(move || builder.problem(&format!("lines[{}].rest_seconds", index.get())));
    let notes_problem = create_memo(move || builder.problem(&format!("lines[{}].notes", index.get())));
    let parts_problem = create_memo(move || builder.problem(&format!("lines[{}].parts", index.get())));
    let editable = builder.editable;

    view! {
        div(class=move || match (builder.over.get() == Some(key), dragging.get()) {
                (true, _) => "line card drop-target",
                (false, true) => "line card dragging",
                (false, false) => "line card",
            },
            data-testid="line", data-index=move || index.get().to_string(), draggable=if editable { "true" } else { "false" },
            on:dragstart=start, on:dragend=end, on:dragover=over, on:drop=drop, on:dragleave=leave) {
            div(class="line-head") {
                span(class="drag-handle", aria-hidden="true", hidden=!editable) { "⠿" }
                span(class="line-number") { (move || format!("{}.", index.get() + 1)) }
                strong(class="line-names") { (move || names.get_clone()) }
                span(class="line-notation", data-testid="line-notation", hidden=move || notation.with(String::is_empty)) {
                    (move || notation.get_clone())
                }
                span(class="spacer")
                div(class="line-buttons", hidden=!editable) {
                    button(class="button button-quiet", r#type="button", data-testid="line-up", aria-label=t("workouts.move_up"),
                        title=t("workouts.move_up"), disabled=move || index.get() == 0, on:click=up) { "↑" }
                    button(class="button button-quiet", r#type="button", data-testid="line-down", aria-label=t("workouts.move_down"),
                        title=t("workouts.move_down"), disabled=move || index.get() + 1 >= count.get(), on:click=down) { "↓" }
                    button(class="button button-quiet button-danger", r#type="button", data-testid="line-remove",
                        aria-label=t("workouts.remove_line"), title=t("workouts.remove_line"), on:click=remove) { "×" }
                }
            }
            fieldset(class="line-fields", prop:disabled=wasm_bindgen::JsValue::from_bool(!editable)) {
                legend(class="visually-hidden") { (move || format!("{} {}", t("workouts.line"), index.get() + 1)) }
                Parts(line=line, index=index)
                p(class="field-error") { (move || parts_problem.get_clone().unwrap_or_default()) }
                Sets(line=line, index=index)
                div(class="line-extra") {
                    div(class="field field-rest") {
                        label(r#for=rest_for) { (t("workouts.rest")) }
                        input(id=rest_id, name="rest", inputmode="numeric", bind:value=line.rest, placeholder="120",
                            aria-invalid=move || if rest_problem.with(Option::is_some) { "true" } else { "false" })
                        p(class="field-error") { (move || rest_problem.get_clone().unwrap_or_default()) }
                    }
                    div(class="field field-grow") {
                        label(r#for=notes_for) { (t("workouts.line_notes")) }
                        input(id=notes_id, name="line-notes", bind:value=line.notes, maxlength="1000",
                            aria-invalid=move || if notes_problem.with(Option::is_some) { "true" } else { "false" })
                        p(class="field-error") { (move || notes_problem.get_clone().unwrap_or_default()) }
                    }
                }
            }
        }
    }
}
