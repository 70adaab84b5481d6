//! One day of the calendar: its sessions, and a drop zone for a workout (schedule it that day)
//! or a session (move it there).

use chrono::{Datelike, NaiveDate};
use dropit_sdk::types;
use sycamore::{futures::spawn_local_scoped, prelude::*};
use wasm_bindgen::JsCast;

use super::{
    Board,
    calendar::weekday_name,
    chip::Chip,
    data::Names,
    dates,
    drag::{self, Dragged},
    schedule::Pending,
};
use crate::{
    format,
    state::{AppState, use_app},
};

#[component(inline_props)]
#[allow(clippy::too_many_arguments)]
pub fn Day(
    day: NaiveDate,
    outside: bool,
    today: bool,
    compact: bool,
    sessions: Vec<types::PlannedSessionBody>,
    board: Board,
    athletes: Names,
    groups: Names,
) -> View {
    let app = use_app();
    let locale = app.locale.get_untracked();
    let iso = dates::iso(day);
    let over = create_signal(false);
    let cell = create_node_ref();
    let can_write = board.can_write;
    let class = move || {
        let mut class = String::from("day");
        if outside {
            class.push_str(" day-outside");
        }
        if today {
            class.push_str(" day-today");
        }
        if over.get() {
            class.push_str(" drop-target");
        }
        class
    };
    let number = if compact && day.day() != 1 {
        day.day().to_string()
    } else {
        format!("{} {}", day.day(), format::month_short(day.month() as usize, locale))
    };
    let weekday = weekday_name(day);
    let full = format!("{weekday} {}", format::date(&iso, locale));

    let accept = move |ev: web_sys::DragEvent| {
        if can_write {
            // Saying the drop is welcome is what lets it happen.
            ev.prevent_default();
            over.set(true);
        }
    };
    let leave = move |ev: web_sys::DragEvent| {
        // Moving onto a chip inside the day is not leaving it.
        let inside = ev
            .related_target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
            .zip(cell.try_get())
            .is_some_and(|(target, cell)| cell.contains(Some(&target)));
        if !inside {
            over.set(false);
        }
    };
    let drop_board = board.clone();
    let drop_day = iso.clone();
    let drop = move |ev: web_sys::DragEvent| {
        over.set(false);
        if !can_write {
            return;
        }
        ev.prevent_default();
        match drag::dropped(&ev) {
            Some(Dragged::Workout(id)) => {
                let workout = drop_board.workouts.ready().and_then(|all| all.into_iter().find(|w| w.id == id));
                if let Some(workout) = workout {
                    drop_board.pending.set(Some(Pending {
                        workout_id: workout.id,
                        workout_name: workout.name,
                        date: drop_day.clone(),
                    }));
                    drop_board.schedule_open.set(true);
                }
            }
            Some(Dragged::Session(id)) => move_session(app.clone(), drop_board.clone(), id, drop_day.clone()),
            None => {}
        }
    };
    let chips: Vec<View> = sessions
        .into_iter()
        .map(|session| {
            let athlete = athletes.get(&session.athlete_id);
            let group = session.group_id.as_deref().map(|g| groups.get(g)).unwrap_or_default();
            let board = board.clone();
            view! { Chip(session=session, athlete=athlete, group=group, board=board) }
        })
        .collect();
    view! {
        div(r#ref=cell, class=class, data-testid="day", data-date=iso, role="group", aria-label=full,
            aria-current=if today { "date" } else { "false" },
            on:dragenter=accept, on:dragover=accept, on:dragleave=leave, on:drop=drop) {
            div(class="day-number") { span(class="day-weekday") { (weekday) } " " (number) }
            ul(class="chips") { (chips) }
        }
    }
}

/// Moves a session to `date` (a drop, or the detail's date field), then shows where it went.
pub fn move_session(app: AppState, board: Board, id: String, date: String) {
    let current = board.sessions.ready().and_then(|w| w.sessions.into_iter().find(|s| s.id == id));
    if current.is_some_and(|s| s.date == date) {
        return;
    }
    spawn_local_scoped(async move {
        let change = types::SessionChange { date: Some(date), cancelled: None };
        match app.api.call(|a| a.planned_session_change().club(&board.club).id(&id).body(change.clone()).send()).await {
            Ok(changed) => {
                app.success("planning.moved");
                // Last: it draws the calendar again.
                board.replace(changed);
            }
            Err(failure) => app.failure(&failure),
        }
    });
}
