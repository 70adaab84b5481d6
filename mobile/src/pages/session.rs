//! One planned session, to do and log: every set with its load computed on the phone, the
//! sets marked made or missed as they go (each starting the line's rest), then "finish" puts
//! the log in the outbox — committed on the phone before anything else — and the sync engine
//! takes it from there.

pub mod entry;
pub mod rest_timer;
pub mod set_row;
pub mod words;

use dropit_sdk::types;
use dropit_ui::format;
use sycamore::{futures::spawn_local_scoped, prelude::*};
use sycamore_router::navigate;

use crate::{
    device,
    logbook::{self, Finished, Problem},
    outbox::{Item, OutboxEntry},
    program::Program,
    state::{t, use_app},
};
use entry::Draft;
use rest_timer::{RestBar, RestTimer};
use set_row::SetRow;

#[component(inline_props)]
pub fn SessionPage(id: String) -> View {
    let app = use_app();
    let program = app.program;
    let fetch = app.fetch;
    let wanted = id.clone();
    // Drawn once, when the session is known: a refreshed program must not wipe what is typed.
    let found = create_selector(move || program.with(|p| p.as_ref().is_some_and(|p| p.session(&wanted).is_some())));
    view! {
        (move || {
            if found.get() {
                let Some(program) = program.get_clone_untracked() else { return view! {} };
                let Some(session) = program.session(&id).cloned() else { return view! {} };
                view! { SessionForm(program=program, session=session) }
            } else if program.with(Option::is_none) && !matches!(fetch.get_clone(), crate::state::Fetch::Offline) {
                view! { div(class="loading", aria-busy="true") { span(class="spinner") (t("common.loading")) } }
            } else {
                view! {
                    section(class="card", data-testid="session-missing") {
                        p { (t("mobile.session.missing")) }
                        a(class="button button-primary button-big", href="/m/") { (t("mobile.to_program")) }
                    }
                }
            }
        })
    }
}

#[component(inline_props)]
fn SessionForm(program: Program, session: types::PlannedSessionBody) -> View {
    let app = use_app();
    let locale = app.locale.get_untracked();
    let french = app.french();
    let loads = program.loads(&session);
    let prefilled = logbook::prefill(&session, &loads);
    let untouched = Finished { sets: prefilled.clone(), session_rpe: String::new(), notes: String::new() };
    let draft = Draft::new(prefilled);
    let user = app.user.get_clone_untracked().unwrap_or_default();
    let draft_key = Draft::key(&user, &session.id);

    // A draft saved before (the page was closed mid-session) comes back; from then on every
    // change is saved.
    let restoring = draft.clone();
    let store = app.store.clone();
    let key = draft_key.clone();
    let restored = create_signal(false);
    spawn_local_scoped(async move {
        if let Ok(Some(saved)) = store.cached::<Finished>(&key).await {
            restoring.restore(saved);
        }
        restored.set(true);
    });
    let saving = draft.clone();
    let store = app.store.clone();
    let key = draft_key.clone();
    create_effect(move || {
        let finished = saving.finished();
        if !restored.get() {
            return;
        }
        let (store, key) = (store.clone(), key.clone());
        // Only what the athlete changed: looking at a session leaves no draft behind.
        let changed = finished != untouched;
        wasm_bindgen_futures::spawn_local(async move {
            let _ = if changed { store.cache(&key, &finished).await } else { store.uncache(&key).await };
        });
    });

    let timer = RestTimer::new();
    let lines: Vec<View> = session
        .lines
        .iter()
        .enumerate()
        .map(|(l, line)| {
            let title = program.line_title(line, french);
            let notes = line.notes.clone();
            let rest_seconds = line.rest_seconds.unwrap_or(0);
            let rest: View = match rest_seconds {
                0 => view! {},
                seconds => {
                    let text = format!("{} {}", t("mobile.rest.label"), words::minutes(seconds));
                    view! { p(class="hint") { (text) } }
                }
            };
            let notes: View = if notes.is_empty() { view! {} } else { view! { p(class="line-notes") { (notes) } } };
            let sets: Vec<View> = line
                .sets
                .iter()
                .enumerate()
                .map(|(s, set)| {
                    let load = loads.get(l).and_then(|line| line.sets.get(s)).cloned().unwrap_or(types::SetLoadBody {
                        high_load_kg: None,
                        load_kg: None,
                        per_side_kg: Vec::new(),
                        problem: None,
                        target_kg: None,
                    });
                    let fields = draft.lines[l][s];
                    let timer = timer.clone();
                    view! { SetRow(fields=fields, set=set.clone(), load=load, line=l, number=s, rest_seconds=rest_seconds, timer=timer, locale=locale) }
                })
                .collect();
            view! {
                section(class="line card", data-testid="line") {
                    h2(class="line-title") { (title) }
                    (rest)
                    (notes)
                    (sets)
                }
            }
        })
        .collect();

    let problem = create_signal(None::<Problem>);
    let busy = create_signal(false);
    let finishing = draft.clone();
    let app_finish = app.clone();
    let session_for_log = session.clone();
    let finish = move |_| {
        if busy.get() {
            return;
        }
        let finished = finishing.finished();
        let log = match logbook::log_input(&session_for_log, &finished, device::new_id(), format::today().to_string()) {
            Ok(log) => log,
            Err(found) => {
                problem.set(Some(found));
                return;
            }
        };
        problem.set(None);
        busy.set(true);
        let app = app_finish.clone();
        let key = draft_key.clone();
        let session_id = session_for_log.id.clone();
        let Some(user) = app.user.get_clone_untracked() else { return };
        let Some(club) = app.club.get_clone_untracked() else { return };
        let entry =
            OutboxEntry { user_id: user, club, queued_at: device::now_ms(), item: Item::Log(log), refused: None };
        spawn_local_scoped(async move {
            match app.outbox.enqueue(entry).await {
                Ok(()) => {
                    let _ = app.store.uncache(&key).await;
                    app.mark_done(&session_id).await;
                    app.tell(t("mobile.session.saved"));
                    navigate("/m/");
                }
                Err(error) => {
                    busy.set(false);
                    app.tell(error.to_string());
                }
            }
        });
    };

    let name = session.name.clone();
    let date = format::date(&session.date, locale);
    let notes = session.notes.clone();
    let already: View = if app.done.with_untracked(|d| d.contains(&session.id)) {
        view! { p(class="badge badge-done", data-testid="already-logged") { (t("mobile.session.already")) } }
    } else {
        view! {}
    };
    let notes: View = if notes.is_empty() {
        view! {}
    } else {
        view! { p(class="session-notes") { (notes) } }
    };
    let session_id = session.id.clone();
    let tonnage_draft = draft.clone();
    let tonnage_session = session.clone();
    let session_rpe = draft.session_rpe;
    let session_notes = draft.notes;
    view! {
        div(class="session", data-testid="session", data-session=session_id) {
            a(class="back", href="/m/") { "‹ " (t("mobile.to_program")) }
            h1 { (name) }
            p(class="hint") { (date) }
            (already)
            (notes)
            (lines)
            section(class="card finish") {
                div(class="field") {
                    label(r#for="session-rpe") { (t("mobile.session.rpe")) }
                    input(id="session-rpe", name="session_rpe", r#type="text", inputmode="decimal", bind:value=session_rpe)
                }
                div(class="field") {
                    label(r#for="session-notes") { (t("mobile.session.notes")) }
                    textarea(id="session-notes", name="session_notes", rows="3", bind:value=session_notes)
                }
                p(class="tonnage", data-testid="tonnage") {
                    (move || {
                        let finished = tonnage_draft.finished();
                        let kg = logbook::log_input(&tonnage_session, &finished, String::new(), String::new())
                            .map_or(0.0, |log| logbook::tonnage(&log));
                        format!("{} {}", t("mobile.session.tonnage"), format::kg(kg, locale))
                    })
                }
                (move || problem.get_clone().map(|found| {
                    let text = problem_text(&found);
                    view! { p(class="form-error", role="alert", data-testid="log-problem") { (text) } }
                }))
                button(class="button button-primary button-big", r#type="button", data-testid="finish",
                    disabled=move || busy.get(), on:click=finish) { (t("mobile.session.finish")) }
            }
            RestBar(timer=timer)
        }
    }
}

fn problem_text(problem: &Problem) -> String {
    let at = |line: usize, set: usize, key: &str| {
        format!("{} {} · {}", t("mobile.set"), set + 1, t(key)) + &line_suffix(line)
    };
    match *problem {
        Problem::NothingDone => t("mobile.problem.nothing_done").to_owned(),
        Problem::Reps { line, set } => at(line, set, "mobile.problem.reps"),
        Problem::Load { line, set } => at(line, set, "mobile.problem.load"),
        Problem::Rpe { line, set } => at(line, set, "mobile.problem.rpe"),
        Problem::Note { line, set } => at(line, set, "mobile.problem.note"),
        Problem::SessionRpe => t("mobile.problem.rpe").to_owned(),
        Problem::Notes => t("mobile.problem.notes").to_owned(),
    }
}

fn line_suffix(line: usize) -> String {
    format!(" ({} {})", t("mobile.line"), line + 1)
}
