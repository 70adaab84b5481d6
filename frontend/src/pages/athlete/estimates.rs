//! The trend of an exercise's estimated maximum over the last year, from the athlete's logged
//! sets (Epley), drawn against the record it never replaces.

use dropit_sdk::types::{EstimatesBody, ExerciseBody};
use sycamore::prelude::*;

use super::{catalogue, picked, rules};
use crate::{
    components::{
        chart::{LineChart, LineSeries},
        loaded::{empty, loaded},
    },
    format,
    resource::Resource,
    state::{t, use_app},
};

/// The exercise shown first: the competition snatch when the catalogue has it, else a snatch.
fn first_choice(exercises: &[ExerciseBody]) -> String {
    let active = || exercises.iter().filter(|e| !e.archived);
    let snatch = |e: &&ExerciseBody| e.reference_lift.as_deref() == Some("snatch") && e.category == "snatch";
    active()
        .find(|e| snatch(e) && e.tags.iter().any(|t| t == "competition"))
        .or_else(|| active().find(snatch))
        .or_else(|| active().next())
        .map(|e| e.id.clone())
        .unwrap_or_default()
}

#[component(inline_props)]
pub fn EstimatesCard(club: String, id: String, exercises: Resource<Vec<ExerciseBody>>) -> View {
    let app = use_app();
    let locale = app.locale.get_untracked();
    let exercise = create_signal(String::new());
    // The first choice waits for the catalogue.
    let catalogue = exercises.clone();
    create_effect(move || {
        if let Some(all) = catalogue.ready()
            && exercise.with_untracked(String::is_empty)
        {
            exercise.set(first_choice(&all));
        }
    });
    let options = {
        let exercises = exercises.clone();
        move || {
            let all = exercises.ready().unwrap_or_default();
            catalogue::for_picker(&all, locale)
                .into_iter()
                .map(|(id, name)| {
                    let selected = exercise.get_clone_untracked() == id;
                    view! { option(value=id, selected=selected) { (name) } }
                })
                .collect::<Vec<View>>()
        }
    };
    let chart = {
        let (api, club, id, exercises) = (app.api.clone(), club.clone(), id.clone(), exercises.clone());
        move || {
            let chosen = exercise.get_clone();
            if chosen.is_empty() {
                return empty("athletes.no_estimates");
            }
            let name = catalogue::name_of(&exercises.ready().unwrap_or_default(), &chosen, locale);
            let (from, to) = rules::last_year(format::today());
            let (from, to) = (from.to_string(), to.to_string());
            let trend = {
                let (api, club, id) = (api.clone(), club.clone(), id.clone());
                Resource::new(move || {
                    let (api, club, id, chosen, from, to) =
                        (api.clone(), club.clone(), id.clone(), chosen.clone(), from.clone(), to.clone());
                    async move {
                        api.call(|a| {
                            a.athlete_estimates()
                                .club(&club)
                                .athlete(&id)
                                .exercise_id(chosen.clone())
                                .from(from.clone())
                                .to(to.clone())
                                .send()
                        })
                        .await
                    }
                })
            };
            loaded(&trend, move |trend| trend_chart(trend, &name, locale))
        }
    };
    view! {
        section(class="card", aria-labelledby="estimates-title", data-testid="estimates") {
            h2(id="estimates-title") { (t("athletes.estimates")) }
            div(class="field") {
                label(r#for="estimate-exercise") { (t("athletes.exercise")) }
                select(id="estimate-exercise", data-testid="estimate-exercise", bind:value=exercise, on:change=picked(exercise)) { (options) }
            }
            p(class="hint") { (t("athletes.estimates_hint")) }
            div(class="athlete-chart", data-testid="estimates-chart") { (chart) }
        }
    }
}

fn trend_chart(trend: EstimatesBody, exercise: &str, locale: dropit_kernel::Locale) -> View {
    if trend.points.is_empty() {
        return empty("athletes.no_estimates");
    }
    let points: Vec<(String, f64)> = trend.points.iter().map(|p| (p.date.clone(), p.kg)).collect();
    let mut series = vec![LineSeries { name: t("athletes.estimated_max").to_owned(), points: points.clone() }];
    if let Some(record) = trend.record_kg {
        // The record as a level line across the same days.
        let ends = [points.first(), points.last()];
        let flat: Vec<(String, f64)> = ends.iter().flatten().map(|(d, _)| (d.clone(), record)).collect();
        series.push(LineSeries {
            name: format!("{} ({})", t("athletes.record"), crate::format::kg(record, locale)),
            points: flat,
        });
    }
    let label = format!("{} · {exercise}", t("athletes.estimates"));
    view! { LineChart(label=label, series=series, unit="kg") }
}
