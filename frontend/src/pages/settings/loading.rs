//! How the club loads a bar: bar and collar weights, the rounding of loads computed from a
//! percentage, and the plates the club owns, as an editable list.

use dropit_sdk::{
    ApiFailure,
    types::{FieldErrorBody, LoadingBody, RoundingName},
};
use sycamore::{futures::spawn_local_scoped, prelude::*};

use crate::{
    components::loaded::loaded,
    format,
    pages::{
        members::on_choice,
        settings::draft::{self, LoadingFaults, PlateLine},
    },
    resource::Resource,
    state::{t, use_app},
};

#[component(inline_props)]
pub fn LoadingSettings(club: String) -> View {
    let app = use_app();
    let current = {
        let (api, club) = (app.api.clone(), club.clone());
        Resource::new(move || {
            let (api, club) = (api.clone(), club.clone());
            async move { api.call(|a| a.club_loading_get().club(&club).send()).await }
        })
    };
    let body = loaded(&current, move |loading| {
        let club = club.clone();
        view! { LoadingForm(club=club, loading=loading) }
    });
    view! {
        section(class="card club-section", aria-labelledby="loading-title") {
            h2(id="loading-title") { (t("settings.loading")) }
            p(class="hint") { (t("settings.loading_hint")) }
            (body)
        }
    }
}

/// A line of the plate list; its id keeps its inputs in place while lines come and go.
#[derive(Clone, Copy)]
struct Line {
    id: u32,
    kg: Signal<String>,
    count: Signal<String>,
}

impl PartialEq for Line {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

fn rounding_value(rounding: RoundingName) -> &'static str {
    match rounding {
        RoundingName::Nearest => "nearest",
        RoundingName::Floor => "floor",
        RoundingName::Ceil => "ceil",
    }
}

fn rounding_from(value: &str) -> RoundingName {
    match value {
        "floor" => RoundingName::Floor,
        "ceil" => RoundingName::Ceil,
        _ => RoundingName::Nearest,
    }
}

#[component(inline_props)]
fn LoadingForm(club: String, loading: LoadingBody) -> View {
    let app = use_app();
    let locale = app.locale.get_untracked();
    // Numbers are shown the way the person writes them (a decimal comma in French).
    let shown = move |kg: f64| format::number(kg, locale);
    let bar = create_signal(shown(loading.bar_kg));
    let collar = create_signal(shown(loading.collar_kg));
    let rounding = create_signal(rounding_value(loading.rounding).to_owned());
    let next_id = create_signal(0u32);
    let new_line = move |kg: String, count: String| {
        let id = next_id.get();
        next_id.set(id + 1);
        Line { id, kg: create_signal(kg), count: create_signal(count) }
    };
    let lines =
        create_signal(loading.plates.iter().map(|p| new_line(shown(p.kg), p.count.to_string())).collect::<Vec<Line>>());
    let submitted = create_signal(false);
    let busy = create_signal(false);
    let api_fields = create_signal(Vec::<FieldErrorBody>::new());

    let typed = move || {
        let plates: Vec<PlateLine> = lines
            .with(|all| all.iter().map(|l| PlateLine { kg: l.kg.get_clone(), count: l.count.get_clone() }).collect());
        draft::loading(&bar.get_clone(), &collar.get_clone(), rounding_from(&rounding.get_clone()), &plates)
    };
    // Problems show once the person tried to save; the API's, from the last attempt, first.
    let faults =
        create_memo(move || if submitted.get() { typed().err().unwrap_or_default() } else { LoadingFaults::default() });
    let api_says = move |field: &'static str| {
        api_fields.with(|fields| fields.iter().find(|f| f.field == field).map(|f| f.message.clone()))
    };

    let save = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        api_fields.set(Vec::new());
        let Ok(body) = typed() else { return };
        if busy.get() {
            return;
        }
        busy.set(true);
        let (app, club) = (app.clone(), club.clone());
        spawn_local_scoped(async move {
            let answer = app.api.call(|a| a.club_loading_set().club(&club).body(body.clone()).send()).await;
            busy.set(false);
            match answer {
                Ok(saved) => {
                    submitted.set(false);
                    // The API merges a size listed twice: show what it kept.
                    bar.set(shown(saved.bar_kg));
                    collar.set(shown(saved.collar_kg));
                    lines.set(saved.plates.iter().map(|p| new_line(shown(p.kg), p.count.to_string())).collect());
                    app.success("settings.loading_saved");
                }
                Err(failure) => {
                    if let ApiFailure::Api { fields, .. } = &failure {
                        api_fields.set(fields.clone());
                    }
                    app.failure(&failure);
                }
            }
        });
    };
    let add = move |_| {
        let line = new_line(String::new(), "2".to_owned());
        lines.update(|all| all.push(line));
        focus_last_plate();
    };

    let problem = move |local: bool, field: &'static str, key: &'static str| {
        api_says(field).or_else(|| local.then(|| t(key).to_owned()))
    };
    let bar_problem = move || problem(faults.with(|f| f.bar), "bar_kg", "settings.bar_problem");
    let collar_problem = move || problem(faults.with(|f| f.collar), "collar_kg", "settings.collar_problem");
    let plates_problem = move || problem(faults.with(|f| f.plates), "plates", "settings.plates_problem");

    view! {
        form(class="form loading-form", on:submit=save, novalidate=true, data-testid="loading-form") {
            div(class="settings-fields") {
                div(class="field") {
                    label(r#for="settings-bar") { (t("settings.bar_kg")) " (kg)" }
                    input(id="settings-bar", inputmode="decimal", data-testid="settings-bar", bind:value=bar,
                        aria-invalid=move || if bar_problem().is_some() { "true" } else { "false" },
                        aria-describedby="settings-bar-error")
                    p(id="settings-bar-error", class="field-error") { (move || bar_problem().unwrap_or_default()) }
                }
                div(class="field") {
                    label(r#for="settings-collar") { (t("settings.collar_kg")) " (kg)" }
                    input(id="settings-collar", inputmode="decimal", data-testid="settings-collar", bind:value=collar,
                        aria-invalid=move || if collar_problem().is_some() { "true" } else { "false" },
                        aria-describedby="settings-collar-error")
                    p(id="settings-collar-error", class="field-error") { (move || collar_problem().unwrap_or_default()) }
                }
                div(class="field") {
                    label(r#for="settings-rounding") { (t("settings.rounding")) }
                    select(id="settings-rounding", data-testid="settings-rounding", bind:value=rounding, on:change=on_choice(rounding)) {
                        RoundingOptions(selected=loading.rounding)
                    }
                }
            }
            fieldset(class="plates") {
                legend { (t("settings.plates")) }
                p(class="hint") { (t("settings.plates_hint")) }
                div(class="plate-head", aria-hidden="true") {
                    span { (t("settings.plate_kg")) } span { (t("settings.plate_count")) }
                }
                ul(class="plate-list") {
                    Keyed(
                        list=lines,
                        view=move |line| view! { PlateRow(line=line, lines=lines, faults=faults, api_fields=api_fields) },
                        key=|line| line.id,
                    )
                }
                p(class="field-error", role="alert") { (move || plates_problem().unwrap_or_default()) }
                button(class="button", r#type="button", data-testid="plate-add", on:click=add,
                    disabled=move || lines.with(|l| l.len() >= draft::MAX_PLATE_LINES)) { "+ " (t("settings.plate_add")) }
            }
            div(class="actions") {
                button(class="button button-primary", r#type="submit", data-testid="settings-save", disabled=move || busy.get()) {
                    (t("common.save"))
                }
            }
        }
    }
}

#[component(inline_props)]
fn RoundingOptions(selected: RoundingName) -> View {
    let options = [
        (RoundingName::Nearest, "settings.rounding_nearest"),
        (RoundingName::Floor, "settings.rounding_floor"),
        (RoundingName::Ceil, "settings.rounding_ceil"),
    ];
    options
        .into_iter()
        .map(|(rounding, key)| view! { option(value=rounding_value(rounding), selected=rounding == selected) { (t(key)) } })
        .collect::<Vec<View>>()
        .into()
}

#[component(inline_props)]
fn PlateRow(
    line: Line,
    lines: Signal<Vec<Line>>,
    faults: ReadSignal<LoadingFaults>,
    api_fields: Signal<Vec<FieldErrorBody>>,
) -> View {
    let Line { id, kg, count } = line;
    let index = create_memo(move || lines.with(|all| all.iter().position(|l| l.id == id).unwrap_or(0)));
    let api_says = move |part: &'static str| {
        let at = index.get();
        api_fields.with(|fields| {
            fields.iter().find(|f| draft::plate_index(&f.field, part) == Some(at)).map(|f| f.message.clone())
        })
    };
    let kg_problem = move || {
        api_says("kg").or_else(|| {
            faults.with(|f| f.plate_kg.contains(&index.get())).then(|| t("settings.plate_kg_problem").to_owned())
        })
    };
    let count_problem = move || {
        api_says("count").or_else(|| {
            faults.with(|f| f.plate_count.contains(&index.get())).then(|| t("settings.plate_count_problem").to_owned())
        })
    };
    let (kg_id, count_id) = (format!("plate-kg-{id}"), format!("plate-count-{id}"));
    let (kg_error, count_error) = (format!("{kg_id}-error"), format!("{count_id}-error"));
    let (kg_for, count_for, kg_described, count_described) =
        (kg_id.clone(), count_id.clone(), kg_error.clone(), count_error.clone());
    let remove = move |_| lines.update(|all| all.retain(|l| l.id != id));
    view! {
        li(class="plate-row", data-testid="plate-row") {
            div(class="field") {
                label(class="visually-hidden", r#for=kg_for) { (t("settings.plate_kg")) }
                input(id=kg_id, class="plate-kg", inputmode="decimal", data-testid="plate-kg", bind:value=kg,
                    aria-invalid=move || if kg_problem().is_some() { "true" } else { "false" }, aria-describedby=kg_described)
                p(id=kg_error, class="field-error") { (move || kg_problem().unwrap_or_default()) }
            }
            div(class="field") {
                label(class="visually-hidden", r#for=count_for) { (t("settings.plate_count")) }
                input(id=count_id, class="plate-count", r#type="number", min="2", max="100", step="1", inputmode="numeric",
                    data-testid="plate-count", bind:value=count,
                    aria-invalid=move || if count_problem().is_some() { "true" } else { "false" }, aria-describedby=count_described)
                p(id=count_error, class="field-error") { (move || count_problem().unwrap_or_default()) }
            }
            button(class="button button-quiet", r#type="button", data-testid="plate-remove", on:click=remove,
                aria-label=t("settings.plate_remove")) { "×" }
        }
    }
}

/// A new line's weight takes the focus, so adding a plate is one key press away from typing it.
fn focus_last_plate() {
    use wasm_bindgen::JsCast;
    let Some(document) = web_sys::window().and_then(|w| w.document()) else { return };
    let last = document.query_selector(".plate-row:last-child .plate-kg").ok().flatten();
    if let Some(input) = last.and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok()) {
        let _ = input.focus();
    }
}
