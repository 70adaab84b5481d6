//! What a dry run found: the workouts the file holds, line by line as the builder would show
//! them, and every problem at its cell, with a choice among the candidates where the API has
//! some. The person fixes the file (or chooses) and previews again.

use std::{collections::HashMap, rc::Rc};

use dropit_sdk::types::{ImportReportBody, ImportedLineBody, ImportedPartBody, ProblemBody};
use sycamore::prelude::*;

use super::import::Importer;
use crate::{
    format,
    state::{t, use_app},
};

/// A cell as the spreadsheet names it: `C3`, `C` for a whole column, `3` for a whole row,
/// nothing for the whole file.
pub fn cell(column: &str, row: u32) -> String {
    match row {
        0 => column.to_owned(),
        row => format!("{column}{row}"),
    }
}

/// A line's exercises: `Snatch`, or a complex `Clean + 2 Front squat + Jerk`.
pub fn exercises(parts: &[ImportedPartBody], names: &HashMap<String, String>) -> String {
    let complex = parts.len() > 1;
    parts
        .iter()
        .map(|part| {
            let name = names.get(&part.exercise_id).cloned().unwrap_or_else(|| part.exercise_id.clone());
            if complex && part.reps > 1 { format!("{} {name}", part.reps) } else { name }
        })
        .collect::<Vec<_>>()
        .join(" + ")
}

/// The sets as the API lists them, one by one, with runs of the same set counted:
/// `3 × 2 @ 80% snatch, 1 @ 85% snatch` (the API writes each set in the person's language).
pub fn sets(each: &[String]) -> String {
    let mut runs: Vec<(usize, &str)> = Vec::new();
    for set in each {
        match runs.last_mut() {
            Some((count, last)) if *last == set.as_str() => *count += 1,
            _ => runs.push((1, set)),
        }
    }
    runs.iter()
        .map(|(count, set)| if *count > 1 { format!("{count} × {set}") } else { (*set).to_owned() })
        .collect::<Vec<_>>()
        .join(", ")
}

#[component(inline_props)]
pub fn Report(report: ImportReportBody, importer: Importer, names: Rc<HashMap<String, String>>) -> View {
    let locale = use_app().locale.get_untracked();
    let problems = (!report.problems.is_empty()).then(|| {
        let rows: Vec<View> = report
            .problems
            .iter()
            .map(|problem| {
                let (problem, importer) = (problem.clone(), importer.clone());
                view! { ProblemRow(problem=problem, importer=importer) }
            })
            .collect();
        view! {
            h3 { (t("transfer.problems")) }
            p(class="hint") { (t("transfer.problems_hint")) }
            div(class="table-wrap") {
                table(data-testid="import-problems") {
                    thead { tr {
                        th { (t("transfer.cell")) }
                        th { (t("transfer.problem")) }
                        th { (t("transfer.text")) }
                        th { (t("transfer.choice")) }
                    } }
                    tbody { (rows) }
                }
            }
        }
    });
    let ready = report.problems.is_empty().then(|| {
        view! { p(class="transfer-ready", data-testid="import-ready") { (t("transfer.ready")) } }
    });
    let workouts: Vec<View> = report
        .workouts
        .iter()
        .map(|workout| {
            let row = workout.row.to_string();
            let name = workout.name.clone();
            let date = workout.date.as_deref().map(|d| format::date(d, locale)).unwrap_or_else(|| "—".to_owned());
            let line_count = workout.lines.len().to_string();
            let athlete_count = workout.athlete_ids.len().to_string();
            let lines: Vec<View> = workout.lines.iter().map(|line| line_view(line, &names)).collect();
            view! {
                tr(data-testid="import-workout") {
                    td(class="num") { (row) }
                    td { (name) }
                    td { (date) }
                    td(class="num") { (line_count) }
                    td(class="num") { (athlete_count) }
                    td { ul(class="transfer-lines") { (lines) } }
                }
            }
        })
        .collect();
    let sheet = t("transfer.sheet_read").replace("{sheet}", &report.sheet);
    view! {
        div(class="transfer-report", data-testid="import-report") {
            p(class="hint") { (sheet) }
            (problems)
            (ready)
            h3 { (t("transfer.workouts")) }
            div(class="table-wrap") {
                table(data-testid="import-workouts") {
                    thead { tr {
                        th(class="num") { (t("transfer.row")) }
                        th { (t("transfer.workout")) }
                        th { (t("transfer.date")) }
                        th(class="num") { (t("transfer.lines")) }
                        th(class="num") { (t("transfer.athlete_count")) }
                        th { (t("transfer.content")) }
                    } }
                    tbody { (workouts) }
                }
            }
        }
    }
}

fn line_view(line: &ImportedLineBody, names: &HashMap<String, String>) -> View {
    let what = exercises(&line.parts, names);
    let sets = sets(&line.sets);
    view! { li { strong { (what) } " " span(class="transfer-sets") { (sets) } } }
}

#[component(inline_props)]
fn ProblemRow(problem: ProblemBody, importer: Importer) -> View {
    let at = cell(&problem.column, problem.row);
    let (message, text) = (problem.message.clone(), problem.text.clone());
    let choice = (!problem.candidates.is_empty()).then(|| {
        let label = t("transfer.choose_for").replace("{text}", &problem.text);
        let options: Vec<View> = problem
            .candidates
            .iter()
            .map(|c| {
                let (id, name) = (c.id.clone(), c.name.clone());
                view! { option(value=id) { (name) } }
            })
            .collect();
        let text = problem.text.clone();
        let choose = move |ev: web_sys::Event| {
            if let Some(select) = crate::components::field::select_of(&ev) {
                importer.choose(text.clone(), select.value());
            }
        };
        view! {
            select(data-testid="import-choice", aria-label=label, on:change=choose) {
                option(value="") { (t("transfer.choose")) }
                (options)
            }
        }
    });
    view! {
        tr(data-testid="import-problem") {
            td { (at) }
            td { (message) }
            td { (text) }
            td { (choice) }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn part(id: &str, reps: u32) -> ImportedPartBody {
        ImportedPartBody { exercise_id: id.to_owned(), reps }
    }

    #[test]
    fn cells_are_named_as_the_spreadsheet_names_them() {
        assert_eq!(cell("C", 3), "C3");
        assert_eq!(cell("", 12), "12");
        assert_eq!(cell("B", 0), "B");
        assert_eq!(cell("", 0), "");
    }

    #[test]
    fn runs_of_the_same_set_are_counted() {
        let each = ["2 @ 80% snatch", "2 @ 80% snatch", "1 @ 85% snatch", "2 @ 80% snatch"].map(str::to_owned);
        assert_eq!(sets(&each), "2 × 2 @ 80% snatch, 1 @ 85% snatch, 2 @ 80% snatch");
        assert_eq!(sets(&[]), "");
    }

    #[test]
    fn a_complex_names_its_exercises_with_their_repetitions() {
        let names: HashMap<String, String> =
            [("c", "Clean"), ("f", "Front squat"), ("j", "Jerk")].map(|(k, v)| (k.to_owned(), v.to_owned())).into();
        assert_eq!(exercises(&[part("c", 1)], &names), "Clean");
        assert_eq!(exercises(&[part("c", 3)], &names), "Clean");
        assert_eq!(exercises(&[part("c", 1), part("f", 2), part("j", 1)], &names), "Clean + 2 Front squat + Jerk");
        assert_eq!(exercises(&[part("x", 1)], &names), "x");
    }
}
