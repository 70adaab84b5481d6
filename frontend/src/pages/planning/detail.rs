//! A planned session opened from the calendar: who, when, the lines and their loads, and for
//! a coach the keyboard way to move it (a date and "move") and to cancel or restore it.

use dropit_sdk::types;
use sycamore::{futures::spawn_local_scoped, prelude::*};

use super::{Board, coach_loads::LinesWithLoads, data::Names, dates};
use crate::{
    format,
    state::{t, use_app},
};

#[component(inline_props)]
pub fn SessionDetail(
    session: types::PlannedSessionBody,
    board: Board,
    athletes: Names,
    groups: Names,
    exercises: Names,
) -> View {
    let app = use_app();
    let locale = app.locale.get_untracked();
    let athlete = athletes.get(&session.athlete_id);
    let group = session.group_id.as_deref().map(|g| groups.get(g)).map(|g| {
        view! { dt { (t("planning.group")) } dd { (g) } }
    });
    let when = format::date(&session.date, locale);
    let basis = match session.basis {
        types::BasisName::OneRepMax => t("planning.basis_1rm"),
        types::BasisName::TrainingMax => t("planning.basis_tm"),
    };
    let cancelled = session.cancelled;
    let notes =
        (!session.notes.is_empty()).then(|| session.notes.clone()).map(|n| view! { p(class="session-notes") { (n) } });
    let name = session.name.clone();
    let club = board.club.clone();
    let new_date = create_signal(session.date.clone());
    let busy = create_signal(false);

    let change = {
        let (app, board, id) = (app.clone(), board.clone(), session.id.clone());
        move |change: types::SessionChange, done: &'static str| {
            if busy.get() {
                return;
            }
            busy.set(true);
            let (app, board, id) = (app.clone(), board.clone(), id.clone());
            spawn_local_scoped(async move {
                match app
                    .api
                    .call(|a| a.planned_session_change().club(&board.club).id(&id).body(change.clone()).send())
                    .await
                {
                    Ok(changed) => {
                        app.success(done);
                        board.replace(changed.clone());
                        // Last: it draws this detail again with the answer.
                        board.selected.set(Some(changed));
                    }
                    Err(failure) => {
                        app.failure(&failure);
                        busy.set(false);
                    }
                }
            });
        }
    };
    let actions = board.can_write.then(|| {
        let move_to = change.clone();
        let submit = move |ev: web_sys::SubmitEvent| {
            ev.prevent_default();
            if let Some(day) = dates::parse(&new_date.get_clone()) {
                move_to(types::SessionChange { date: Some(dates::iso(day)), cancelled: None }, "planning.moved");
            }
        };
        let toggle = change.clone();
        let (key, testid, class) = if cancelled {
            ("planning.restore", "session-restore", "button")
        } else {
            ("planning.cancel_session", "session-cancel", "button button-danger")
        };
        view! {
            form(class="row detail-move", on:submit=submit) {
                div(class="field") {
                    label(r#for="move-date") { (t("planning.move_to")) }
                    input(id="move-date", r#type="date", required=true, bind:value=new_date, data-testid="move-date")
                }
                button(r#type="submit", class="button", data-testid="session-move", disabled=move || busy.get()) {
                    (t("planning.move"))
                }
                span(class="spacer")
                button(r#type="button", class=class, data-testid=testid, disabled=move || busy.get(),
                    on:click=move |_| toggle(types::SessionChange { date: None, cancelled: Some(!cancelled) },
                        if cancelled { "planning.restored" } else { "planning.cancelled_done" })) { (t(key)) }
            }
        }
    });

    view! {
        div(class="session-detail", data-testid="session-detail") {
            p(class="lead") {
                strong { (name) }
                (cancelled.then(|| view! {
                    " " span(class="badge badge-bad", data-testid="session-cancelled") { (t("planning.cancelled")) }
                }))
            }
            dl(class="facts") {
                dt { (t("planning.athlete")) } dd(data-testid="detail-athlete") { (athlete) }
                dt { (t("planning.date")) } dd(data-testid="detail-date") { (when) }
                (group)
                dt { (t("planning.basis")) } dd { (basis) }
            }
            (notes)
            LinesWithLoads(club=club, session=session, exercises=exercises)
            (actions)
        }
    }
}
