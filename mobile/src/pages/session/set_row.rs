//! One set to log: the prescription, the load computed on the phone with the plates per side,
//! then reps, load, RPE, made or missed and a note, with targets big enough for chalky thumbs.

use dropit_kernel::Locale;
use dropit_sdk::types;
use sycamore::prelude::*;

use crate::{
    components::plates::Plates,
    logbook::Outcome,
    pages::session::{entry::SetFields, rest_timer::RestTimer, words},
    state::t,
};

#[component(inline_props)]
pub fn SetRow(
    fields: SetFields,
    set: types::SetBody,
    load: types::SetLoadBody,
    line: usize,
    number: usize,
    rest_seconds: u32,
    timer: RestTimer,
    locale: Locale,
) -> View {
    let prescription = words::prescription(&set, locale);
    let load_text = words::load(&load, locale);
    let load_kg = load.load_kg.map(|kg| kg.to_string()).unwrap_or_default();
    let problem = load.problem.clone().unwrap_or_default();
    let per_side = load.per_side_kg.clone();
    let plates = (!per_side.is_empty()).then(|| view! { Plates(per_side=per_side, locale=locale) });
    let title = format!("{} {}", t("mobile.set"), number + 1);
    let outcome = fields.outcome;
    let mark = move |wanted: Outcome, timer: RestTimer| {
        move |_| {
            if outcome.get() == wanted {
                outcome.set(Outcome::Open);
            } else {
                outcome.set(wanted);
                timer.start(rest_seconds);
            }
        }
    };
    let made = mark(Outcome::Made, timer.clone());
    let missed = mark(Outcome::Missed, timer);
    let id = |field: &str| format!("l{line}-s{number}-{field}");
    let (reps_id, load_id, rpe_id, note_id) = (id("reps"), id("load"), id("rpe"), id("note"));
    let (reps_for, load_for, rpe_for, note_for) = (reps_id.clone(), load_id.clone(), rpe_id.clone(), note_id.clone());
    view! {
        div(
            class=move || match outcome.get() {
                Outcome::Open => "set",
                Outcome::Made => "set set-made",
                Outcome::Missed => "set set-missed",
            },
            data-testid="set",
            data-line=line.to_string(),
            data-set=number.to_string(),
            data-outcome=move || match outcome.get() {
                Outcome::Open => "open",
                Outcome::Made => "made",
                Outcome::Missed => "missed",
            },
        ) {
            div(class="set-head") {
                span(class="set-number") { (title) }
                span(class="set-prescription") { (prescription) }
            }
            div(class="set-load-row") {
                span(class="set-load", data-testid="set-load", data-load-kg=load_kg, data-problem=problem) { (load_text) }
                (plates)
            }
            div(class="set-inputs") {
                div(class="field field-small") {
                    label(r#for=reps_for) { (t("mobile.reps")) }
                    input(id=reps_id, name="reps", r#type="number", inputmode="numeric", min="1", max="50", bind:value=fields.reps)
                }
                div(class="field field-small") {
                    label(r#for=load_for) { "kg" }
                    input(id=load_id, name="load", r#type="text", inputmode="decimal", bind:value=fields.load)
                }
                div(class="field field-small") {
                    label(r#for=rpe_for) { "RPE" }
                    input(id=rpe_id, name="rpe", r#type="text", inputmode="decimal", bind:value=fields.rpe)
                }
            }
            div(class="set-outcome") {
                button(class="button button-made", r#type="button", data-testid="set-made",
                    aria-pressed=move || (outcome.get() == Outcome::Made).to_string(), on:click=made) {
                    (t("mobile.made"))
                }
                button(class="button button-missed", r#type="button", data-testid="set-missed",
                    aria-pressed=move || (outcome.get() == Outcome::Missed).to_string(), on:click=missed) {
                    (t("mobile.missed"))
                }
            }
            div(class="field") {
                label(class="visually-hidden", r#for=note_for) { (t("mobile.set_note")) }
                input(id=note_id, name="note", r#type="text", placeholder=t("mobile.set_note"), bind:value=fields.note)
            }
        }
    }
}
