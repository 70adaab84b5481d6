//! Creating or editing an exercise: both names, the category, the reference lift its
//! percentages refer to, tags and a description; archiving when editing. The API's rules are
//! checked as the person sends, and its own field errors land under the fields.

use dropit_sdk::types::{ExerciseBody, ExerciseInput};
use sycamore::{futures::spawn_local_scoped, prelude::*};

use super::{PANEL_HEADING, Panel, focus_panel, labels, rules, search::Row};
use crate::{
    components::field::{Field, Form},
    state::{failure_text, t, use_app},
    validation::Problem,
};

fn text(problem: Option<rules::Problem>, invalid: &'static str) -> Problem {
    problem.map(|p| match p {
        rules::Problem::Required => t("validation.required"),
        rules::Problem::TooLong => t("validation.too_long"),
        rules::Problem::Invalid => t(invalid),
    })
}

fn name_rule(raw: &str) -> Problem {
    text(rules::name(raw), "catalogue.name_invalid")
}

fn category_rule(raw: &str) -> Problem {
    text(rules::category(raw), "catalogue.category_required")
}

fn tags_rule(raw: &str) -> Problem {
    match rules::tags_problem(raw) {
        Some(rules::Problem::TooLong) => Some(t("catalogue.tags_too_many")),
        other => text(other, "catalogue.tags_invalid"),
    }
}

/// `bind:value` follows `input` events; some browsers and test drivers only send `change`
/// when an option is picked, so a select listens to both.
fn chosen(value: Signal<String>) -> impl Fn(web_sys::Event) {
    move |ev: web_sys::Event| {
        if let Some(select) = crate::components::field::select_of(&ev) {
            value.set(select.value());
        }
    }
}

fn description_rule(raw: &str) -> Problem {
    text(rules::description(raw), "validation.too_long")
}

/// `existing` is the exercise being edited; without it the form creates one. `refresh` asks
/// the list again once the API confirmed.
#[component(inline_props)]
pub fn ExerciseForm(club: String, existing: Option<ExerciseBody>, panel: Signal<Panel>, refresh: Signal<u32>) -> View {
    let app = use_app();
    let start = existing.clone().unwrap_or_else(|| ExerciseBody {
        archived: false,
        category: String::new(),
        description: String::new(),
        id: String::new(),
        name_en: String::new(),
        name_fr: String::new(),
        reference_lift: None,
        starter: false,
        tags: Vec::new(),
    });
    let editing = existing.is_some();
    let name_en = create_signal(start.name_en.clone());
    let name_fr = create_signal(start.name_fr.clone());
    let category = create_signal(start.category.clone());
    let reference_lift = create_signal(start.reference_lift.clone().unwrap_or_default());
    let tags = create_signal(start.tags.join(", "));
    let description = create_signal(start.description.clone());
    let archived = create_signal(start.archived);

    let form = Form::new();
    let name_en_problem = form.problem("name_en", name_en, name_rule);
    let name_fr_problem = form.problem("name_fr", name_fr, name_rule);
    let category_problem = form.problem("category", category, category_rule);
    let lift_problem = form.problem("reference_lift", reference_lift, |_| None);
    let tags_problem = form.problem("tags", tags, tags_rule);
    let description_problem = form.problem("description", description, description_rule);
    let failed = create_signal(None::<String>);

    let locale = app.locale.get_untracked();
    let id = start.id.clone();
    let submit_club = club.clone();
    let submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let valid = name_rule(&name_en.get_clone()).is_none()
            && name_rule(&name_fr.get_clone()).is_none()
            && category_rule(&category.get_clone()).is_none()
            && tags_rule(&tags.get_clone()).is_none()
            && description_rule(&description.get_clone()).is_none();
        failed.set(None);
        if !form.start(valid) {
            return;
        }
        let input = ExerciseInput {
            archived: editing && archived.get(),
            category: category.get_clone(),
            description: description.get_clone().trim().to_owned(),
            name_en: name_en.get_clone().trim().to_owned(),
            name_fr: name_fr.get_clone().trim().to_owned(),
            reference_lift: Some(reference_lift.get_clone()).filter(|r| !r.is_empty()),
            tags: rules::tags(&tags.get_clone()),
        };
        let (app, club, id) = (app.clone(), submit_club.clone(), id.clone());
        spawn_local_scoped(async move {
            let outcome = if editing {
                app.api.call(|a| a.exercise_update().club(&club).id(&id).body(input.clone()).send()).await
            } else {
                app.api.call(|a| a.exercise_create().club(&club).body(input.clone()).send()).await
            };
            match outcome {
                Ok(saved) => {
                    form.done(None);
                    app.success(if editing { "catalogue.saved" } else { "catalogue.created" });
                    // The list asks again from its own scope: this form is about to go.
                    refresh.update(|n| *n += 1);
                    // Shows the saved exercise in place of this form, so it is the last step.
                    panel.set(Panel::Show(Row::from(saved)));
                    focus_panel();
                }
                Err(failure) => {
                    failed.set(Some(failure_text(&failure)));
                    form.done(Some(&failure));
                }
            }
        });
    };

    let back = start.clone();
    let cancel = move |_| {
        if editing {
            panel.set(Panel::Show(Row::from(back.clone())));
        } else {
            panel.set(Panel::Closed);
        }
    };
    let title = if editing {
        let (name, _) = labels::names(locale, &start.name_fr, &start.name_en);
        format!("{} · {name}", t("common.edit"))
    } else {
        t("catalogue.new_title").to_owned()
    };
    let initial_category = start.category.clone();
    let category_options: Vec<View> = labels::CATEGORIES
        .iter()
        .map(|value| {
            let selected = *value == initial_category;
            view! { option(value=*value, selected=selected) { (labels::category(value)) } }
        })
        .collect();
    let initial_lift = start.reference_lift.clone().unwrap_or_default();
    let lift_options: Vec<View> = labels::REFERENCE_LIFTS
        .iter()
        .map(|value| {
            let selected = *value == initial_lift;
            view! { option(value=*value, selected=selected) { (labels::reference_lift(value)) } }
        })
        .collect();
    let no_category = start.category.is_empty();
    let no_lift = initial_lift.is_empty();
    let archived_box = editing.then(|| {
        view! {
            label(class="checkbox") {
                input(r#type="checkbox", name="archived", data-testid="exercise-archived", bind:checked=archived)
                (t("catalogue.archive"))
            }
            p(class="hint") { (t("catalogue.archive_hint")) }
        }
    });
    let invalid =
        move |problem: ReadSignal<Option<String>>| move || if problem.with(Option::is_some) { "true" } else { "false" };

    view! {
        div(class="panel-head") {
            h2(id=PANEL_HEADING, tabindex="-1") { (title) }
        }
        form(class="form exercise-form", on:submit=submit, novalidate=true, data-testid="exercise-form") {
            div(class="form-pair") {
                Field(label=t("catalogue.name_en"), name="name_en", value=name_en, problem=name_en_problem)
                Field(label=t("catalogue.name_fr"), name="name_fr", value=name_fr, problem=name_fr_problem)
            }
            div(class="form-pair") {
                div(class="field") {
                    label(r#for="field-category") { (t("catalogue.category")) }
                    select(id="field-category", name="category", bind:value=category, on:change=chosen(category),
                        aria-invalid=invalid(category_problem), aria-describedby="field-category-error") {
                        option(value="", selected=no_category, disabled=true) { (t("catalogue.choose_category")) }
                        (category_options)
                    }
                    p(id="field-category-error", class="field-error") { (move || category_problem.get_clone().unwrap_or_default()) }
                }
                div(class="field") {
                    label(r#for="field-reference_lift") { (t("catalogue.reference_lift")) }
                    select(id="field-reference_lift", name="reference_lift", bind:value=reference_lift, on:change=chosen(reference_lift),
                        aria-invalid=invalid(lift_problem), aria-describedby="field-reference_lift-hint field-reference_lift-error") {
                        option(value="", selected=no_lift) { (t("common.none")) }
                        (lift_options)
                    }
                    p(id="field-reference_lift-hint", class="hint") { (t("catalogue.reference_lift_hint")) }
                    p(id="field-reference_lift-error", class="field-error") { (move || lift_problem.get_clone().unwrap_or_default()) }
                }
            }
            Field(label=t("catalogue.tags"), name="tags", value=tags, problem=tags_problem)
            p(class="hint") { (t("catalogue.tags_hint")) }
            div(class="field") {
                label(r#for="field-description") { (t("catalogue.description")) }
                textarea(id="field-description", name="description", rows="4", bind:value=description,
                    aria-invalid=invalid(description_problem), aria-describedby="field-description-error")
                p(id="field-description-error", class="field-error") { (move || description_problem.get_clone().unwrap_or_default()) }
            }
            (archived_box)
            (move || failed.get_clone().map(|text| view! { p(class="form-error", role="alert") { (text) } }))
            div(class="actions") {
                button(class="button button-quiet", r#type="button", on:click=cancel) { (t("common.cancel")) }
                button(class="button button-primary", r#type="submit", data-testid="exercise-save", disabled=move || form.busy.get()) {
                    (t("common.save"))
                }
            }
        }
    }
}
