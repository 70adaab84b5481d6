//! The athlete's personal records, best per exercise, from the cached program (so they show
//! offline too).

use dropit_ui::format;
use sycamore::prelude::*;

use crate::state::{t, use_app};

#[component]
pub fn RecordsPage() -> View {
    let app = use_app();
    let program = app.program;
    let locale = app.locale.get_untracked();
    let french = app.french();
    view! {
        h1 { (t("mobile.records.title")) }
        (move || {
            let Some(program) = program.get_clone() else {
                return view! { div(class="loading", aria-busy="true") { span(class="spinner") (t("common.loading")) } };
            };
            let mut records: Vec<(String, f64, String, usize)> = program
                .records
                .iter()
                .map(|r| (program.exercise_name(&r.exercise_id, french), r.best_kg, r.best_on.clone(), r.history.len()))
                .collect();
            records.sort_by_key(|r| format::folded(&r.0));
            if records.is_empty() {
                return view! { p(class="empty", data-testid="empty") { (t("mobile.records.none")) } };
            }
            let rows: Vec<View> = records
                .into_iter()
                .map(|(name, kg, on, count)| {
                    let best = format::kg(kg, locale);
                    let exercise = name.clone();
                    let when = format!("{} · {count} {}", format::date(&on, locale), t("mobile.records.entries"));
                    view! {
                        li(class="record", data-testid="record", data-exercise=exercise) {
                            span(class="record-name") { (name) }
                            span(class="record-best") { (best) }
                            span(class="hint record-when") { (when) }
                        }
                    }
                })
                .collect();
            view! { ul(class="records") { (rows) } }
        })
    }
}
