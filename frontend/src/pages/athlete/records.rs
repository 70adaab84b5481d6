//! An athlete's personal records by exercise, each with its history, and a maximum tested in
//! training added by the coach.

use dropit_permissions::Permission;
use dropit_sdk::types::{ExerciseBody, ExerciseRecords, RecordInput};
use sycamore::{futures::spawn_local_scoped, prelude::*};

use super::{catalogue, picked, rules, words};
use crate::{
    components::loaded::{empty, loaded},
    format,
    resource::Resource,
    state::{t, use_app},
};

#[component(inline_props)]
pub fn RecordsCard(club: String, id: String, exercises: Resource<Vec<ExerciseBody>>) -> View {
    let app = use_app();
    let locale = app.locale.get_untracked();
    let can_write = app.can(&club, Permission::AthletesWrite);
    let records = {
        let (api, club, id) = (app.api.clone(), club.clone(), id.clone());
        Resource::new(move || {
            let (api, club, id) = (api.clone(), club.clone(), id.clone());
            async move { api.call(|a| a.athlete_records().club(&club).athlete(&id).send()).await }
        })
    };
    let table = loaded(&records, {
        let exercises = exercises.clone();
        move |records| {
            if records.is_empty() {
                return view! { div(data-testid="records") { (empty("athletes.no_records")) } };
            }
            let known = exercises.ready().unwrap_or_default();
            let mut named: Vec<(String, ExerciseRecords)> =
                records.into_iter().map(|r| (catalogue::name_of(&known, &r.exercise_id, locale), r)).collect();
            named.sort_by(|a, b| a.0.cmp(&b.0));
            let rows: Vec<View> = named
                .into_iter()
                .map(|(name, record)| {
                    let best = format::kg(record.best_kg, locale);
                    let on = format::date(&record.best_on, locale);
                    let summary = format!("{} ({})", t("athletes.history"), record.history.len());
                    let history: Vec<View> = record
                        .history
                        .iter()
                        .rev()
                        .map(|entry| {
                            let line = format!(
                                "{} · {} · {}",
                                format::date(&entry.date, locale),
                                format::kg(entry.kg, locale),
                                words::source(&entry.source)
                            );
                            let note =
                                if entry.note.is_empty() { String::new() } else { format!(" — {}", entry.note) };
                            view! { li { (line) (note) } }
                        })
                        .collect();
                    let exercise_id = record.exercise_id.clone();
                    view! {
                        tr(data-testid="record", data-exercise=exercise_id) {
                            th(scope="row") { (name) }
                            td(class="num") { strong { (best) } }
                            td { (on) }
                            td { details { summary { (summary) } ul(class="history") { (history) } } }
                        }
                    }
                })
                .collect();
            view! {
                div(class="table-wrap") {
                    table(data-testid="records") {
                        caption(class="visually-hidden") { (t("athletes.records")) }
                        thead { tr {
                            th(scope="col") { (t("athletes.exercise")) }
                            th(scope="col", class="num") { (t("athletes.best")) }
                            th(scope="col") { (t("common.date")) }
                            th(scope="col") { (t("athletes.history")) }
                        } }
                        tbody { (rows) }
                    }
                }
            }
        }
    });
    let form = can_write.then(|| view! { AddRecord(club=club, id=id, exercises=exercises, records=records) });
    view! {
        section(class="card", aria-labelledby="records-title") {
            h2(id="records-title") { (t("athletes.records")) }
            (table)
            (form)
        }
    }
}

#[component(inline_props)]
fn AddRecord(
    club: String,
    id: String,
    exercises: Resource<Vec<ExerciseBody>>,
    records: Resource<Vec<ExerciseRecords>>,
) -> View {
    let app = use_app();
    let locale = app.locale.get_untracked();
    let exercise = create_signal(String::new());
    let kg = create_signal(String::new());
    let today = format::today().to_string();
    let date = create_signal(today.clone());
    let note = create_signal(String::new());
    let problem = create_signal(None::<&'static str>);
    let busy = create_signal(false);
    let submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let chosen = exercise.get_clone();
        let value = rules::kg(&kg.get_clone());
        let found = if chosen.is_empty() {
            Err("athletes.pick_exercise")
        } else if !rules::past_date_ok(&date.get_clone(), format::today()) {
            Err("athletes.date_past")
        } else {
            value.filter(|v| (1.0..=500.0).contains(v)).ok_or("athletes.maximum_range")
        };
        let value = match found {
            Ok(value) => value,
            Err(key) => {
                problem.set(Some(t(key)));
                return;
            }
        };
        problem.set(None);
        busy.set(true);
        let (app, club, id, records) = (app.clone(), club.clone(), id.clone(), records.clone());
        spawn_local_scoped(async move {
            let input = RecordInput { exercise_id: chosen, kg: value, date: date.get_clone(), note: note.get_clone() };
            let outcome =
                app.api.call(|a| a.athlete_record_add().club(&club).athlete(&id).body(input.clone()).send()).await;
            busy.set(false);
            match outcome {
                Ok(_) => {
                    kg.set(String::new());
                    note.set(String::new());
                    app.success("athletes.record_added");
                    records.reload();
                }
                Err(failure) => app.failure(&failure),
            }
        });
    };
    let options = move || {
        let all = exercises.ready().unwrap_or_default();
        catalogue::for_picker(&all, locale)
            .into_iter()
            .map(|(id, name)| view! { option(value=id) { (name) } })
            .collect::<Vec<View>>()
    };
    view! {
        form(class="form inline-form", on:submit=submit, novalidate=true, data-testid="record-form") {
            h3 { (t("athletes.add_record")) }
            div(class="form-row") {
                div(class="field field-wide") {
                    label(r#for="record-exercise") { (t("athletes.exercise")) }
                    select(id="record-exercise", name="exercise_id", data-testid="record-exercise", bind:value=exercise, on:change=picked(exercise)) {
                        option(value="") { (t("athletes.pick_exercise")) }
                        (options)
                    }
                }
                div(class="field field-kg") {
                    label(r#for="record-kg") { (t("athletes.kg")) }
                    input(id="record-kg", name="record_kg", inputmode="decimal", data-testid="record-kg", bind:value=kg)
                }
                div(class="field") {
                    label(r#for="record-date") { (t("common.date")) }
                    input(id="record-date", name="record_date", r#type="date", data-testid="record-date", max=today, bind:value=date)
                }
            }
            div(class="form-row") {
                div(class="field field-wide") {
                    label(r#for="record-note") { (t("common.notes")) }
                    input(id="record-note", name="record_note", bind:value=note)
                }
                button(class="button button-primary", r#type="submit", data-testid="record-save", disabled=move || busy.get()) {
                    (t("common.add"))
                }
            }
            p(class="field-error", role="alert") { (move || problem.get().unwrap_or_default()) }
        }
    }
}
