//! A planned session on the calendar: the workout and the athlete, struck through when
//! cancelled. Clicking it opens its detail; a coach can drag it to another day.

use dropit_sdk::types;
use sycamore::prelude::*;

use super::{
    Board,
    drag::{self, Dragged},
};
use crate::state::t;

#[component(inline_props)]
pub fn Chip(session: types::PlannedSessionBody, athlete: String, group: String, board: Board) -> View {
    let dragging = create_signal(false);
    let cancelled = session.cancelled;
    let class = move || {
        let mut class = String::from("chip");
        if cancelled {
            class.push_str(" chip-cancelled");
        }
        if dragging.get() {
            class.push_str(" dragging");
        }
        class
    };
    let mut title = format!("{} — {athlete}", session.name);
    if !group.is_empty() {
        title.push_str(&format!(" ({group})"));
    }
    if cancelled {
        title.push_str(&format!(" — {}", t("planning.cancelled")));
    }
    let (id, date, name) = (session.id.clone(), session.date.clone(), session.name.clone());
    let what = Dragged::Session(id.clone());
    let (selected, detail_open) = (board.selected, board.detail_open);
    let open = move |_| {
        selected.set(Some(session.clone()));
        detail_open.set(true);
    };
    view! {
        li {
            button(r#type="button", class=class, draggable=if board.can_write { "true" } else { "false" },
                data-testid="session", data-id=id, data-date=date, data-cancelled=if cancelled { "true" } else { "false" },
                title=title,
                on:dragstart=move |ev: web_sys::DragEvent| {
                    drag::start(&ev, &what);
                    dragging.set(true);
                },
                // The day may be drawn again before the drag ends.
                on:dragend=move |_| if dragging.is_alive() { dragging.set(false) },
                on:click=open) {
                span(class="chip-name") { (name) }
                span(class="chip-athlete") { (athlete) }
                (cancelled.then(|| view! { span(class="visually-hidden") { (t("planning.cancelled")) } }))
            }
        }
    }
}
