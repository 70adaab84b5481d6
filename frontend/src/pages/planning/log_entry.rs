//! One session log in the coach's list: a row with the date, athlete, tonnage, effort and sets,
//! and below it on demand every set and the coach's comment.

use dropit_sdk::types;
use sycamore::{futures::spawn_local_scoped, prelude::*};

use super::data::Names;
use crate::{
    format,
    state::{t, use_app},
};

/// The longest comment the API keeps.
const COMMENT_MAX: usize = 2000;

#[component(inline_props)]
pub fn LogEntry(log: types::LogBody, athlete: String, exercises: Names, club: String, can_comment: bool) -> View {
    let app = use_app();
    let locale = app.locale.get_untracked();
    let open = create_signal(false);
    // The comment as the API last confirmed it; the row shows it without reloading the list.
    let saved = create_signal(log.coach_comment.clone());
    let draft = create_signal(log.coach_comment.clone());
    let busy = create_signal(false);
    let detail_id = format!("log-{}", log.id);
    let controls = detail_id.clone();
    let date = format::date(&log.performed_on, locale);
    let tonnage = format::kg(log.tonnage_kg, locale);
    let rpe = log.session_rpe.map(|r| format::number(r, locale)).unwrap_or_else(|| "—".to_owned());
    let missed = log.sets.iter().filter(|s| !s.made).count();
    let sets = if missed > 0 {
        let word = if missed == 1 { t("logs.missed_single") } else { t("logs.missed") };
        format!("{} ({missed} {word})", log.sets.len())
    } else {
        log.sets.len().to_string()
    };
    let data_athlete = athlete.clone();
    let toggle_label = format!("{} {} {}", t("logs.details"), athlete, date);

    let set_rows: Vec<View> = log
        .sets
        .iter()
        .enumerate()
        .map(|(i, set)| {
            let (name, reps) = if set.parts.is_empty() {
                (exercises.get(&set.exercise_id), set.reps.to_string())
            } else {
                let names = set.parts.iter().map(|p| exercises.get(&p.exercise_id)).collect::<Vec<_>>().join(" + ");
                let round = set.parts.iter().map(|p| p.reps.to_string()).collect::<Vec<_>>().join("+");
                (names, format!("{} × ({round})", set.reps))
            };
            let load = format::kg(set.load_kg, locale);
            let rpe = set.rpe.map(|r| format::number(r, locale)).unwrap_or_default();
            let (result, class) =
                if set.made { (t("logs.made"), "badge badge-ok") } else { (t("logs.missed_one"), "badge badge-bad") };
            let note = set.note.clone();
            view! {
                tr {
                    td(class="num") { (i + 1) }
                    td { (name) }
                    td(class="num") { (reps) }
                    td(class="num") { (load) }
                    td(class="num") { (rpe) }
                    td { span(class=class) { (result) } }
                    td { (note) }
                }
            }
        })
        .collect();
    let notes = (!log.notes.is_empty())
        .then(|| log.notes.clone())
        .map(|n| view! { p(class="log-notes") { strong { (t("logs.athlete_notes")) } " " (n) } });
    let duration =
        log.duration_minutes.map(|m| view! { p(class="hint") { (t("logs.duration")) " " (format!("{m} min")) } });

    let save = {
        let (app, id) = (app.clone(), log.id.clone());
        move |ev: web_sys::SubmitEvent| {
            ev.prevent_default();
            if busy.get() || draft.with(|d| d.chars().count() > COMMENT_MAX) {
                return;
            }
            busy.set(true);
            let (app, club, id) = (app.clone(), club.clone(), id.clone());
            spawn_local_scoped(async move {
                let body = types::CommentRequest { comment: draft.get_clone() };
                match app.api.call(|a| a.log_comment().club(&club).id(&id).body(body.clone()).send()).await {
                    Ok(updated) => {
                        saved.set(updated.coach_comment.clone());
                        draft.set(updated.coach_comment);
                        busy.set(false);
                        app.success("logs.comment_saved");
                    }
                    Err(failure) => {
                        busy.set(false);
                        app.failure(&failure);
                    }
                }
            });
        }
    };
    let comment_id = format!("comment-{}", log.id);
    let comment_for = comment_id.clone();
    let editor = if can_comment {
        view! {
            form(class="form log-comment", on:submit=save) {
                div(class="field") {
                    label(r#for=comment_for) { (t("logs.comment")) }
                    textarea(id=comment_id, rows="3", maxlength="2000", bind:value=draft, data-testid="log-comment")
                }
                div(class="actions") {
                    button(r#type="submit", class="button button-primary", data-testid="log-comment-save",
                        disabled=move || busy.get() || draft.get_clone() == saved.get_clone()) { (t("logs.save_comment")) }
                }
            }
        }
    } else {
        view! { p(class="log-comment-text") { (move || saved.get_clone()) } }
    };

    view! {
        tbody(class="log") {
            tr(data-testid="log-row", data-athlete=data_athlete, data-id=log.id.clone()) {
                td { (date) }
                td { (athlete) }
                td(class="num", data-testid="log-tonnage") { (tonnage) }
                td(class="num") { (rpe) }
                td(class="num") { (sets) }
                td(class="log-comment-cell") {
                    (move || if saved.with(String::is_empty) {
                        view! { span(class="hint") { "—" } }
                    } else {
                        view! { span(class="badge", title=saved.get_clone()) { (t("logs.commented")) } }
                    })
                }
                td {
                    button(r#type="button", class="button button-quiet", data-testid="log-toggle",
                        aria-expanded=move || if open.get() { "true" } else { "false" }, aria-controls=controls,
                        aria-label=toggle_label, on:click=move |_| open.update(|o| *o = !*o)) {
                        (move || if open.get() { "▾" } else { "▸" })
                    }
                }
            }
            tr(id=detail_id, class="log-detail", hidden=move || !open.get(), data-testid="log-detail") {
                td(colspan="7") {
                    div(class="log-detail-body") {
                        div(class="log-sets") {
                            table(class="sets-table") {
                                thead { tr {
                                    th(scope="col", class="num") { "#" }
                                    th(scope="col") { (t("logs.exercise")) }
                                    th(scope="col", class="num") { (t("logs.reps")) }
                                    th(scope="col", class="num") { (t("logs.load")) }
                                    th(scope="col", class="num") { (t("logs.rpe")) }
                                    th(scope="col") { (t("logs.result")) }
                                    th(scope="col") { (t("logs.note")) }
                                } }
                                tbody { (set_rows) }
                            }
                            (duration)
                            (notes)
                        }
                        (editor)
                    }
                }
            }
        }
    }
}
