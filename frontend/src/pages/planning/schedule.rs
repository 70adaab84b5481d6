//! Scheduling a workout: on which day, for which athletes (ticked) and/or which group. The
//! same form answers a drop on a day and the palette's "schedule" button.

use dropit_sdk::{ApiFailure, types};
use sycamore::{futures::spawn_local_scoped, prelude::*};

use super::{Board, dates, inputs::follow_select};
use crate::state::{ToastKind, failure_text, t, use_app};

/// The workout and day a schedule starts from.
#[derive(Clone, Debug, PartialEq)]
pub struct Pending {
    pub workout_id: String,
    pub workout_name: String,
    /// `YYYY-MM-DD`.
    pub date: String,
}

#[component(inline_props)]
pub fn ScheduleForm(
    pending: Pending,
    board: Board,
    athletes: Vec<types::AthleteBody>,
    groups: Vec<types::GroupBody>,
) -> View {
    let app = use_app();
    let date = create_signal(pending.date.clone());
    // Whoever the calendar shows is ticked at first.
    let filter = board.filter.get_clone_untracked();
    let group = create_signal(filter.strip_prefix("g:").unwrap_or_default().to_owned());
    let ticked = filter.strip_prefix("a:").map(str::to_owned);
    let ticks: Vec<(String, String, Signal<bool>)> = athletes
        .iter()
        .map(|a| (a.id.clone(), a.name.clone(), create_signal(ticked.as_deref() == Some(a.id.as_str()))))
        .collect();
    let problem = create_signal(None::<String>);
    let busy = create_signal(false);

    let boxes: Vec<View> = ticks
        .iter()
        .map(|(id, name, checked)| {
            let (input_id, label_for) = (format!("schedule-athlete-{id}"), format!("schedule-athlete-{id}"));
            let (value, data_name, label) = (id.clone(), name.clone(), name.clone());
            let checked = *checked;
            view! {
                li(class="check") {
                    input(r#type="checkbox", id=input_id, value=value, data-name=data_name,
                        data-testid="schedule-athlete", bind:checked=checked)
                    label(r#for=label_for) { (label) }
                }
            }
        })
        .collect();
    let group_options: Vec<View> = groups
        .iter()
        .map(|g| {
            let (value, name) = (g.id.clone(), format!("{} ({})", g.name, g.athlete_ids.len()));
            view! { option(value=value) { (name) } }
        })
        .collect();

    let (workout_id, club) = (pending.workout_id.clone(), board.club.clone());
    let (sessions, open) = (board.sessions.clone(), board.schedule_open);
    let submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let athlete_ids: Vec<String> = ticks.iter().filter(|(_, _, c)| c.get()).map(|(id, _, _)| id.clone()).collect();
        let group_id = Some(group.get_clone()).filter(|g| !g.is_empty());
        let Some(day) = dates::parse(&date.get_clone()) else {
            problem.set(Some(t("planning.choose_date").to_owned()));
            return;
        };
        if athlete_ids.is_empty() && group_id.is_none() {
            problem.set(Some(t("planning.choose_someone").to_owned()));
            return;
        }
        if busy.get() {
            return;
        }
        busy.set(true);
        problem.set(None);
        let (app, club, sessions) = (app.clone(), club.clone(), sessions.clone());
        let request = types::ScheduleRequest {
            workout_id: workout_id.clone(),
            dates: vec![dates::iso(day)],
            athlete_ids,
            group_id,
        };
        spawn_local_scoped(async move {
            match app.api.call(|a| a.planned_session_schedule().club(&club).body(request.clone()).send()).await {
                Ok(scheduled) => {
                    let count = scheduled.sessions.len();
                    app.toast(ToastKind::Success, format!("{} ({count})", t("planning.scheduled")));
                    sessions.reload();
                    busy.set(false);
                    // Last: closing may draw the page again.
                    open.set(false);
                }
                Err(failure) => {
                    busy.set(false);
                    problem.set(Some(explain(&failure)));
                }
            }
        });
    };

    let title = pending.workout_name.clone();
    view! {
        form(class="form schedule-form", on:submit=submit, novalidate=true, data-testid="schedule-form") {
            p(class="lead") { strong { (title) } }
            div(class="field") {
                label(r#for="schedule-date") { (t("planning.date")) }
                input(id="schedule-date", r#type="date", required=true, bind:value=date, data-testid="schedule-date")
            }
            fieldset(class="schedule-athletes") {
                legend { (t("planning.athletes")) }
                ul(class="checks") { (boxes) }
            }
            div(class="field") {
                label(r#for="schedule-group") { (t("planning.group")) }
                select(id="schedule-group", bind:value=group, on:change=follow_select(group), data-testid="schedule-group") {
                    option(value="") { (t("planning.no_group")) }
                    (group_options)
                }
                p(class="hint") { (t("planning.group_hint")) }
            }
            (move || problem.get_clone().map(|text| view! {
                p(class="form-error", role="alert", data-testid="schedule-problem") { (text) }
            }))
            div(class="actions") {
                button(r#type="button", class="button button-quiet", on:click=move |_| open.set(false)) { (t("common.cancel")) }
                button(r#type="submit", class="button button-primary", data-testid="schedule-confirm",
                    disabled=move || busy.get()) { (t("planning.schedule")) }
            }
        }
    }
}

/// The API's message, with the fields at fault when it names them.
fn explain(failure: &ApiFailure) -> String {
    let mut text = failure_text(failure);
    if let ApiFailure::Api { fields, .. } = failure {
        for field in fields {
            text.push_str(&format!(" · {}: {}", field.field, field.message));
        }
    }
    text
}
