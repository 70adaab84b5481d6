//! The builder's frame: the workout's name, basis and notes, whether it has unsaved changes,
//! saving it, and the palette beside the lines.

use dropit_sdk::{ApiFailure, types};
use sycamore::{futures::spawn_local_scoped, prelude::*};
use sycamore_router::navigate;

use super::{
    draft::{Draft, Rule},
    lines::Lines,
    model::Builder,
    palette::Palette,
    preview::Preview,
};
use crate::state::{ToastKind, t, use_app};

/// The text under a field the builder's own rules refuse; the API's say the same.
fn rule_text(rule: Rule) -> &'static str {
    match rule {
        Rule::Required => t("validation.required"),
        Rule::TooLong => t("validation.too_long"),
        Rule::TooManyLines => t("workouts.rule.too_many_lines"),
        Rule::TooManyParts => t("workouts.rule.too_many_parts"),
        Rule::TooManySets => t("workouts.rule.too_many_sets"),
        Rule::NoSets => t("workouts.rule.no_sets"),
        Rule::SetReps => t("workouts.rule.set_reps"),
        Rule::PartReps => t("workouts.rule.part_reps"),
        Rule::Percent => t("workouts.rule.percent"),
        Rule::PercentMax => t("workouts.rule.percent_max"),
        Rule::Lift => t("workouts.rule.lift"),
        Rule::Kg => t("workouts.rule.kg"),
        Rule::Rpe => t("workouts.rule.rpe"),
        Rule::RpeMax => t("workouts.rule.rpe_max"),
        Rule::Rest => t("workouts.rule.rest"),
        Rule::Number => t("validation.number"),
    }
}

/// Takes the person to the first field marked wrong (the marks are drawn as the problems are set).
fn focus_first_problem() {
    use wasm_bindgen::JsCast;
    let found = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.query_selector(".builder [aria-invalid=\"true\"]").ok().flatten())
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(field) = found {
        let _ = field.focus();
    }
}

/// `id` is empty for a workout not created yet.
#[component(inline_props)]
pub fn Editor(club: String, id: String, draft: Draft, exercises: Vec<types::ExerciseBody>, editable: bool) -> View {
    let app = use_app();
    let locale = app.locale.get_untracked();
    let builder = Builder::new(&draft, exercises, editable);
    provide_context(builder);

    let current = create_memo(move || builder.snapshot());
    let dirty = create_memo(move || current.with(|now| builder.saved.with(|saved| now != saved)));
    let submitted = create_signal(false);
    let api_problems = create_signal(Vec::<(String, String)>::new());
    // The API's answer was about the workout as it was sent: an edit makes it stale.
    create_effect(move || {
        current.track();
        api_problems.set(Vec::new());
    });
    create_effect(move || {
        let mut shown = api_problems.get_clone();
        if submitted.get() {
            let local = current.with(|d| d.input().err()).unwrap_or_default();
            shown.extend(local.into_iter().map(|(field, rule)| (field, rule_text(rule).to_owned())));
        }
        builder.problems.set(shown);
    });

    let busy = create_signal(false);
    let (save_club, save_id) = (club.clone(), id.clone());
    let save = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        if !editable || busy.get_untracked() {
            return;
        }
        submitted.set(true);
        let Ok(input) = current.with_untracked(Draft::input) else {
            app.toast(ToastKind::Error, t("workouts.fix_problems"));
            focus_first_problem();
            return;
        };
        busy.set(true);
        let (app, club, id) = (app.clone(), save_club.clone(), save_id.clone());
        spawn_local_scoped(async move {
            let answer = if id.is_empty() {
                app.api.call(|a| a.workout_create().club(&club).body(input.clone()).send()).await
            } else {
                app.api.call(|a| a.workout_replace().club(&club).id(&id).body(input.clone()).send()).await
            };
            busy.set(false);
            match answer {
                Ok(body) if id.is_empty() => {
                    app.success("workouts.created");
                    // The builder of the new workout's own address; it renders the page again.
                    navigate(&format!("/c/{club}/workouts/{}", body.id));
                }
                Ok(body) => {
                    submitted.set(false);
                    builder.reset(&Draft::from_body(&body, locale));
                    app.success("workouts.saved");
                }
                Err(failure) => {
                    if let ApiFailure::Api { fields, .. } = &failure {
                        api_problems.set(fields.iter().map(|f| (f.field.clone(), f.message.clone())).collect());
                        focus_first_problem();
                    }
                    app.failure(&failure);
                }
            }
        });
    };

    let name_problem = create_memo(move || builder.problem("name"));
    let notes_problem = create_memo(move || builder.problem("notes"));
    let back = format!("/c/{club}/workouts");
    let existing = !id.is_empty();
    let basis_change = move |ev: web_sys::Event| {
        if let Some(select) = crate::components::field::select_of(&ev) {
            builder.basis.set(match select.value().as_str() {
                "training_max" => types::BasisName::TrainingMax,
                _ => types::BasisName::OneRepMax,
            });
        }
    };
    let training = builder.basis.get_untracked() == types::BasisName::TrainingMax;
    let palette = editable.then(|| view! { aside(class="builder-palette card") { Palette() } });
    view! {
        form(class="builder", on:submit=save, novalidate=true, data-testid="workout-builder") {
            div(class="builder-head card") {
                fieldset(class="builder-fields", prop:disabled=wasm_bindgen::JsValue::from_bool(!editable)) {
                    legend(class="visually-hidden") { (t("workouts.workout")) }
                    div(class="field field-name") {
                        label(r#for="workout-name") { (t("common.name")) }
                        input(id="workout-name", name="name", data-testid="workout-name", bind:value=builder.name, maxlength="120",
                            autocomplete="off", aria-invalid=move || if name_problem.with(Option::is_some) { "true" } else { "false" },
                            aria-describedby="workout-name-error")
                        p(id="workout-name-error", class="field-error") { (move || name_problem.get_clone().unwrap_or_default()) }
                    }
                    div(class="field field-basis") {
                        label(r#for="workout-basis") { (t("workouts.basis")) }
                        select(id="workout-basis", name="basis", data-testid="workout-basis", on:change=basis_change) {
                            option(value="one_rep_max", selected=!training) { (t("workouts.basis_1rm")) }
                            option(value="training_max", selected=training) { (t("workouts.basis_tm")) }
                        }
                    }
                    div(class="field field-notes") {
                        label(r#for="workout-notes") { (t("common.notes")) }
                        textarea(id="workout-notes", name="notes", rows="2", bind:value=builder.notes, maxlength="4000",
                            aria-invalid=move || if notes_problem.with(Option::is_some) { "true" } else { "false" })
                        p(class="field-error") { (move || notes_problem.get_clone().unwrap_or_default()) }
                    }
                    label(class="check", hidden=!existing) {
                        input(r#type="checkbox", name="archived", data-testid="workout-archived", bind:checked=builder.archived)
                        (t("workouts.archived"))
                    }
                }
                div(class="builder-status") {
                    span(class=move || if dirty.get() { "badge badge-warn" } else { "badge badge-ok" }, data-testid="unsaved", role="status") {
                        (move || if dirty.get() { t("workouts.unsaved") } else if existing { t("workouts.all_saved") } else { t("workouts.not_created") })
                    }
                    a(class="button button-quiet", href=back) { (t("workouts.all_workouts")) }
                    button(class="button button-primary", r#type="submit", data-testid="workout-save", hidden=!editable,
                        disabled=move || busy.get()) { (t("common.save")) }
                }
            }
            p(class="hint", hidden=editable) { (t("workouts.read_only")) }
            div(class=if editable { "builder-body" } else { "builder-body builder-read-only" }) {
                (palette)
                section(class="builder-lines", aria-label=t("workouts.lines")) {
                    Preview(club=club)
                    Lines()
                }
            }
        }
    }
}
