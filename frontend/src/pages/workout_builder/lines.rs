//! The lines of the workout and the zone they are dropped in: an exercise dropped here is a
//! new line, a line dropped here goes last.

use sycamore::prelude::*;

use super::{draft::Dragged, line::LineCard, model::use_builder};
use crate::state::t;

/// `over` value when a drag hovers the zone rather than a line.
pub const ZONE: u32 = u32::MAX;

/// What a drop carries, if it is one of the builder's drags.
pub fn dropped(ev: &web_sys::DragEvent) -> Option<Dragged> {
    ev.data_transfer().and_then(|transfer| transfer.get_data("text/plain").ok()).and_then(|text| Dragged::parse(&text))
}

#[component]
pub fn Lines() -> View {
    let builder = use_builder();
    let count = create_memo(move || builder.lines.with(Vec::len));
    let over = move |ev: web_sys::DragEvent| {
        if builder.editable {
            // Accepting the drop is what preventing the default means here.
            ev.prevent_default();
            builder.over.set(Some(ZONE));
        }
    };
    let drop = move |ev: web_sys::DragEvent| {
        ev.prevent_default();
        builder.over.set(None);
        match dropped(&ev) {
            Some(Dragged::Exercise(id)) => {
                builder.add_line(&id);
            }
            Some(Dragged::Line(from)) => builder.move_line(from, count.get_untracked().saturating_sub(1)),
            None => {}
        }
    };
    let problem = create_memo(move || builder.problem("lines"));
    view! {
        div(class=move || if builder.over.get() == Some(ZONE) { "lines drop-target" } else { "lines" },
            data-testid="lines", on:dragover=over, on:drop=drop,
            on:dragleave=move |_| if builder.over.get_untracked() == Some(ZONE) { builder.over.set(None) }) {
            Keyed(list=builder.lines, view=move |line| view! { LineCard(line=line) }, key=|line| line.key)
            p(class="drop-hint", hidden=!builder.editable) {
                (move || if count.get() == 0 { t("workouts.drop_first") } else { t("workouts.drop_more") })
            }
            p(class="empty", hidden=builder.editable || count.get_untracked() > 0) { (t("workouts.no_lines")) }
        }
        p(class="field-error", role="alert") { (move || problem.get_clone().unwrap_or_default()) }
    }
}
