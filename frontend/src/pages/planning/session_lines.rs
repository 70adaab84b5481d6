//! A planned session's lines as a coach or athlete reads them: the exercise (or complex),
//! each run of sets with its prescription and, when the API computed them, the load and the
//! plates on each side, or why there is no load.

use dropit_sdk::types;
use sycamore::prelude::*;

use super::{data::Names, prescription};
use crate::state::{t, use_app};

#[component(inline_props)]
pub fn SessionLines(session: types::PlannedSessionBody, exercises: Names) -> View {
    let locale = use_app().locale.get_untracked();
    let lines: Vec<View> = session
        .lines
        .iter()
        .enumerate()
        .map(|(i, line)| {
            let name = line.parts.iter().map(|p| exercises.get(&p.exercise_id)).collect::<Vec<_>>().join(" + ");
            let complex = line.parts.len() > 1;
            let round = line.parts.iter().map(|p| p.reps.to_string()).collect::<Vec<_>>().join("+");
            let loads = session.loads.get(i).map(|l| l.sets.as_slice());
            let sets: Vec<View> = prescription::runs(&line.sets, loads)
                .into_iter()
                .map(|(first, count)| {
                    let set = &line.sets[first];
                    let reps = match (complex, set.reps) {
                        (true, 1) => format!("({round})"),
                        (true, rounds) => format!("{rounds} × ({round})"),
                        (false, reps) => reps.to_string(),
                    };
                    let volume = format!("{count} × {reps}");
                    let lift = set.intensity.of.as_deref().map(lift_name).unwrap_or_default();
                    let intensity = match prescription::intensity(&set.intensity, locale) {
                        Some(text) if lift.is_empty() => text,
                        Some(text) => format!("{text} {lift}"),
                        None => t("planning.free").to_owned(),
                    };
                    let load = loads.and_then(|l| l.get(first)).map(|load| {
                        let plates = (!load.per_side_kg.is_empty()).then(|| {
                            let text = format!(
                                "{} {}",
                                t("planning.per_side"),
                                prescription::per_side(&load.per_side_kg, locale)
                            );
                            view! { span(class="set-plates") { (text) } }
                        });
                        match (prescription::load(load, locale), load.problem.as_deref()) {
                            (Some(kg), _) => view! {
                                strong(class="set-load", data-testid="set-load") { (kg) }
                                (plates)
                            },
                            (None, problem) => {
                                let why = problem_text(problem.unwrap_or_default());
                                view! { span(class="badge badge-bad set-problem", data-testid="set-problem") { (why) } }
                            }
                        }
                    });
                    view! {
                        li(class="set") {
                            span(class="set-volume") { (volume) }
                            span(class="set-intensity") { "@ " (intensity) }
                            (load)
                        }
                    }
                })
                .collect();
            let rest = line.rest_seconds.map(|s| {
                let text = format!("{} {}", t("planning.rest"), rest_text(s));
                view! { p(class="hint") { (text) } }
            });
            let notes =
                (!line.notes.is_empty()).then(|| line.notes.clone()).map(|n| view! { p(class="line-notes") { (n) } });
            view! {
                li(class="line") {
                    div(class="line-name") { (name) }
                    ul(class="sets") { (sets) }
                    (rest)
                    (notes)
                }
            }
        })
        .collect();
    view! { ol(class="session-lines") { (lines) } }
}

/// `90 s`, `2 min`, `2 min 30 s`.
pub fn rest_text(seconds: u32) -> String {
    match (seconds / 60, seconds % 60) {
        (0, s) => format!("{s} s"),
        (m, 0) => format!("{m} min"),
        (m, s) => format!("{m} min {s} s"),
    }
}

/// A reference lift's name, as the API spells lifts.
pub fn lift_name(lift: &str) -> &'static str {
    match lift {
        "snatch" => t("planning.lift_snatch"),
        "clean" => t("planning.lift_clean"),
        "jerk" => t("planning.lift_jerk"),
        "clean_and_jerk" => t("planning.lift_clean_and_jerk"),
        "back_squat" => t("planning.lift_back_squat"),
        "front_squat" => t("planning.lift_front_squat"),
        _ => "",
    }
}

/// Why the API gave no load for a set.
pub fn problem_text(problem: &str) -> &'static str {
    match problem {
        "no_maximum" => t("planning.problem_no_maximum"),
        "below_empty_bar" => t("planning.problem_below_empty_bar"),
        "above_inventory" => t("planning.problem_above_inventory"),
        "missing_plates" => t("planning.problem_missing_plates"),
        "athlete_chooses" => t("planning.problem_athlete_chooses"),
        _ => t("planning.problem_other"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rests_read_in_minutes_and_seconds() {
        assert_eq!(rest_text(45), "45 s");
        assert_eq!(rest_text(120), "2 min");
        assert_eq!(rest_text(150), "2 min 30 s");
    }
}
