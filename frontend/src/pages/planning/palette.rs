//! The workouts a coach can schedule, beside the calendar: drag one onto a day, or press its
//! "schedule" button and choose the day in the dialog.

use dropit_sdk::types;
use sycamore::prelude::*;

use super::{
    Board, dates,
    drag::{self, Dragged},
    schedule::Pending,
};
use crate::{
    components::loaded::{empty, loaded},
    format,
    state::t,
};

#[component(inline_props)]
pub fn Palette(board: Board) -> View {
    let workouts = board.workouts.clone();
    let create = format!("/c/{}/workouts", board.club);
    let list = loaded(&workouts, move |workouts| {
        if workouts.is_empty() {
            let create = create.clone();
            return view! {
                (empty("planning.no_workouts"))
                a(class="button", href=create) { (t("planning.create_workout")) }
            };
        }
        let items: Vec<View> = workouts
            .into_iter()
            .map(|workout| {
                let board = board.clone();
                view! { PaletteItem(workout=workout, board=board) }
            })
            .collect();
        view! { ul(class="palette-list") { (items) } }
    });
    view! {
        aside(class="palette card", aria-labelledby="palette-title") {
            h2(id="palette-title") { (t("planning.workouts")) }
            p(class="hint") { (t("planning.palette_hint")) }
            (list)
        }
    }
}

#[component(inline_props)]
fn PaletteItem(workout: types::WorkoutSummaryBody, board: Board) -> View {
    let dragging = create_signal(false);
    let what = Dragged::Workout(workout.id.clone());
    let (name, data_name) = (workout.name.clone(), workout.name.clone());
    let label = format!("{} {}", t("planning.schedule"), workout.name);
    let (pending, open) = (board.pending, board.schedule_open);
    let sessions = board.sessions.clone();
    let schedule = move |_| {
        // The keyboard way: today when it is on screen, else the first day shown.
        let today = format::today();
        let date = match sessions.ready() {
            Some(window) if !(window.from..=window.to).contains(&today) => window.from,
            _ => today,
        };
        pending.set(Some(Pending {
            workout_id: workout.id.clone(),
            workout_name: workout.name.clone(),
            date: dates::iso(date),
        }));
        open.set(true);
    };
    view! {
        li(class=move || if dragging.get() { "palette-item dragging" } else { "palette-item" }, draggable="true",
            data-testid="plan-workout", data-name=data_name,
            on:dragstart=move |ev: web_sys::DragEvent| {
                drag::start(&ev, &what);
                dragging.set(true);
            },
            on:dragend=move |_| if dragging.is_alive() { dragging.set(false) }) {
            span(class="palette-name") { (name) }
            button(r#type="button", class="button button-quiet", data-testid="plan-schedule", aria-label=label,
                on:click=schedule) { (t("planning.schedule")) }
        }
    }
}
