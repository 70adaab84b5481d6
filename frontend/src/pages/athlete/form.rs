//! The profile form of an athlete, to add one or to change one: name, sex, birth date, level,
//! own bar and notes (and, when changing, whether they are archived).

use std::rc::Rc;

use dropit_sdk::types::{AthleteBody, AthleteInput, SexName};
use sycamore::{futures::spawn_local_scoped, prelude::*};

use super::{picked, rules};
use crate::{
    components::field::{Field, Form},
    format,
    state::{t, use_app},
    validation::{self, Problem},
};

fn bar_problem(raw: &str) -> Problem {
    (!rules::bar_ok(raw)).then(|| t("athletes.bar_range"))
}

fn birth_problem(raw: &str) -> Problem {
    (!rules::birth_date_ok(raw, format::today())).then(|| t("athletes.birth_date_range"))
}

fn optional_text(raw: &str, max: usize) -> Problem {
    (raw.trim().chars().count() > max).then(|| t("validation.too_long"))
}

/// `athlete` is the one being changed; without it the form adds a new athlete.
#[component(inline_props)]
pub fn AthleteForm(
    club: String,
    athlete: Option<AthleteBody>,
    on_saved: Rc<dyn Fn(AthleteBody)>,
    on_cancel: Rc<dyn Fn()>,
) -> View {
    let app = use_app();
    let existing = athlete.clone();
    let start = athlete.unwrap_or(AthleteBody {
        archived: false,
        bar_kg: None,
        birth_date: None,
        group_ids: Vec::new(),
        id: String::new(),
        invited: false,
        level: String::new(),
        name: String::new(),
        notes: String::new(),
        sex: None,
        user_id: None,
    });
    let locale = app.locale.get_untracked();
    let name = create_signal(start.name.clone());
    let sex = create_signal(start.sex.map(|s| s.to_string()).unwrap_or_default());
    let birth_date = create_signal(start.birth_date.clone().unwrap_or_default());
    let level = create_signal(start.level.clone());
    let bar = create_signal(start.bar_kg.map(|b| format::number(b, locale)).unwrap_or_default());
    let notes = create_signal(start.notes.clone());
    let archived = create_signal(start.archived);

    let form = Form::new();
    let name_problem = form.problem("name", name, |v| validation::required(v, 120));
    let birth_problem = form.problem("birth_date", birth_date, birth_problem);
    let level_problem = form.problem("level", level, |v| optional_text(v, 60));
    let bar_problem = form.problem("bar_kg", bar, bar_problem);
    let notes_problem = form.problem("notes", notes, |v| optional_text(v, 4000));

    let editing = existing.is_some();
    let submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let valid = validation::required(&name.get_clone(), 120).is_none()
            && rules::birth_date_ok(&birth_date.get_clone(), format::today())
            && optional_text(&level.get_clone(), 60).is_none()
            && rules::bar_ok(&bar.get_clone())
            && optional_text(&notes.get_clone(), 4000).is_none();
        if !form.start(valid) {
            return;
        }
        let input = AthleteInput {
            name: name.get_clone().trim().to_owned(),
            sex: match sex.get_clone().as_str() {
                "female" => Some(SexName::Female),
                "male" => Some(SexName::Male),
                _ => None,
            },
            birth_date: Some(birth_date.get_clone()).filter(|d| !d.trim().is_empty()),
            bar_kg: rules::optional_kg(&bar.get_clone()).ok().flatten(),
            level: level.get_clone().trim().to_owned(),
            notes: notes.get_clone(),
            user_id: None,
            archived: archived.get(),
        };
        let (app, club, existing, on_saved) = (app.clone(), club.clone(), existing.clone(), on_saved.clone());
        spawn_local_scoped(async move {
            let outcome = match &existing {
                Some(athlete) => {
                    app.api
                        .call(|a| a.athlete_update().club(&club).athlete(&athlete.id).body(input.clone()).send())
                        .await
                }
                None => app.api.call(|a| a.athlete_create().club(&club).body(input.clone()).send()).await,
            };
            match outcome {
                Ok(saved) => {
                    form.done(None);
                    app.success(if existing.is_some() { "athletes.saved" } else { "athletes.created" });
                    on_saved(saved);
                }
                Err(failure) => {
                    form.done(Some(&failure));
                    app.failure(&failure);
                }
            }
        });
    };
    let cancel = move |_| on_cancel();
    let heading = if editing { t("athletes.edit_profile") } else { t("athletes.new") };
    view! {
        form(class="card form athlete-form", on:submit=submit, novalidate=true, data-testid="athlete-form") {
            h2 { (heading) }
            div(class="form-grid") {
                Field(label=t("common.name"), name="name", value=name, autocomplete="off", problem=name_problem)
                div(class="field") {
                    label(r#for="field-sex") { (t("athletes.sex")) }
                    select(id="field-sex", name="sex", bind:value=sex, on:change=picked(sex)) {
                        option(value="") { (t("athletes.sex_unknown")) }
                        option(value="female") { (t("athletes.female")) }
                        option(value="male") { (t("athletes.male")) }
                    }
                }
                Field(label=t("athletes.birth_date"), name="birth_date", value=birth_date, kind="date", problem=birth_problem)
                Field(label=t("athletes.level"), name="level", value=level, problem=level_problem)
                Field(label=t("athletes.bar_kg"), name="bar_kg", value=bar, problem=bar_problem)
            }
            p(class="hint") { (t("athletes.bar_hint")) }
            div(class="field") {
                label(r#for="field-notes") { (t("common.notes")) }
                textarea(id="field-notes", name="notes", rows="3", bind:value=notes,
                    aria-invalid=move || if notes_problem.with(Option::is_some) { "true" } else { "false" },
                    aria-describedby="field-notes-error")
                p(id="field-notes-error", class="field-error") { (move || notes_problem.get_clone().unwrap_or_default()) }
            }
            (editing.then(|| view! {
                label(class="check") { input(r#type="checkbox", name="archived", bind:checked=archived) (t("athletes.archived_label")) }
            }))
            div(class="actions") {
                button(class="button button-quiet", r#type="button", on:click=cancel) { (t("common.cancel")) }
                button(class="button button-primary", r#type="submit", data-testid="athlete-save", disabled=move || form.busy.get()) {
                    (t("common.save"))
                }
            }
        }
    }
}
