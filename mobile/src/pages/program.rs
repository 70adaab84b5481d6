//! The home screen: today's sessions, then the next days', each with its lines and loads
//! computed on the phone; drawn from the cache, refreshed from the server when it answers.

use dropit_sdk::types;
use dropit_ui::format;
use sycamore::prelude::*;

use crate::{
    pages::settings::Settings,
    program::{Program, upcoming},
    state::{Fetch, t, use_app},
};

#[component]
pub fn ProgramPage() -> View {
    let app = use_app();
    let program = app.program;
    let fetch = app.fetch;
    let done = app.done;
    let has_club = app.club.with_untracked(Option::is_some);
    let content = move || {
        let Some(program) = program.get_clone() else {
            return match fetch.get_clone() {
                Fetch::Offline => {
                    view! { p(class="empty", data-testid="empty") { (t("mobile.program.none_offline")) } }
                }
                Fetch::Failed(text) => view! { p(class="form-error", role="alert") { (text) } },
                _ if !has_club => view! { p(class="empty", data-testid="no-club") { (t("mobile.program.no_club")) } },
                _ => view! { div(class="loading", aria-busy="true") { span(class="spinner") (t("common.loading")) } },
            };
        };
        let done = done.get_clone();
        program_view(&program, &done)
    };
    let refreshing = app.clone();
    view! {
        Freshness()
        (content)
        div(class="actions") {
            button(class="button button-quiet", r#type="button", data-testid="refresh", on:click=move |_| {
                let app = refreshing.clone();
                wasm_bindgen_futures::spawn_local(async move { app.refresh_program().await });
            }) { (t("mobile.program.refresh")) }
        }
        Settings()
    }
}

fn program_view(program: &Program, done: &[String]) -> View {
    let today = format::today().to_string();
    let (today_sessions, later) = upcoming(&program.sessions, &today);
    let locale = use_app().locale.get_untracked();
    let today_cards: Vec<View> = today_sessions.iter().map(|s| card(program, s, done)).collect();
    let today_part = if today_cards.is_empty() {
        view! { p(class="empty", data-testid="rest-day") { (t("mobile.program.rest_day")) } }
    } else {
        View::from(today_cards)
    };
    let mut days: Vec<View> = Vec::new();
    let mut index = 0;
    while index < later.len() {
        let date = later[index].date.clone();
        let same_day: Vec<View> =
            later[index..].iter().take_while(|s| s.date == date).map(|s| card(program, s, done)).collect();
        index += same_day.len();
        let heading = format::date(&date, locale);
        days.push(view! {
            div(class="day", data-testid="day", data-date=date) {
                h3 { (heading) }
                (same_day)
            }
        });
    }
    let later_part = if days.is_empty() {
        view! { p(class="empty") { (t("mobile.program.nothing_later")) } }
    } else {
        View::from(days)
    };
    let today_heading = format!("{} · {}", t("mobile.program.today"), format::date(&today, locale));
    view! {
        section(class="today", data-testid="today") {
            h2 { (today_heading) }
            (today_part)
        }
        section(class="later", data-testid="later") {
            h2 { (t("mobile.program.next_days")) }
            (later_part)
        }
    }
}

/// A session as a big card to tap: its name, each line with its sets and loads.
fn card(program: &Program, session: &types::PlannedSessionBody, done: &[String]) -> View {
    let french = use_app().french();
    let locale = use_app().locale.get_untracked();
    let loads = program.loads(session);
    let lines: Vec<View> = session
        .lines
        .iter()
        .enumerate()
        .map(|(l, line)| {
            let title = program.line_title(line, french);
            let reps: Vec<String> = line.sets.iter().map(|s| s.reps.to_string()).collect();
            let scheme = summary(&reps);
            let kgs: Vec<f64> =
                loads.get(l).map(|line| line.sets.iter().filter_map(|s| s.load_kg).collect()).unwrap_or_default();
            let load = load_span(&kgs, locale);
            view! {
                li {
                    span(class="line-title") { (title) }
                    span(class="line-scheme") { (scheme) " " (load) }
                }
            }
        })
        .collect();
    let href = format!("/m/sessions/{}", session.id);
    let is_done = done.contains(&session.id);
    let name = session.name.clone();
    let (id, date) = (session.id.clone(), session.date.clone());
    view! {
        a(class="session-card", href=href, data-testid="session-card", data-session=id, data-date=date) {
            div(class="session-card-head") {
                strong { (name) }
                (is_done.then(|| view! { span(class="badge badge-done", data-testid="session-done") { (t("mobile.program.done")) } }))
            }
            ul(class="line-list") { (lines) }
        }
    }
}

/// `5 × 2` when every set has the same reps, else `3-2-2-1`.
fn summary(reps: &[String]) -> String {
    match reps.first() {
        Some(first) if reps.iter().all(|r| r == first) => format!("{} × {first}", reps.len()),
        _ => reps.join("-"),
    }
}

fn load_span(kgs: &[f64], locale: dropit_kernel::Locale) -> String {
    let low = kgs.iter().copied().fold(f64::INFINITY, f64::min);
    let high = kgs.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    if kgs.is_empty() {
        String::new()
    } else if low == high {
        format!("@ {}", format::kg(low, locale))
    } else {
        format!("@ {}–{}", format::number(low, locale), format::kg(high, locale))
    }
}

/// How fresh the program on screen is.
#[component]
fn Freshness() -> View {
    let app = use_app();
    let fetch = app.fetch;
    let program = app.program;
    let retry = app.clone();
    view! {
        (move || {
            let saved = program.with(|p| p.as_ref().map(|p| p.fetched_at));
            match (fetch.get_clone(), saved) {
                (Fetch::Loading, _) => view! { p(class="freshness", data-testid="freshness") { (t("mobile.program.updating")) } },
                (Fetch::Offline, Some(at)) => {
                    let text = format!("{} {}", t("mobile.program.offline_since"), clock(at));
                    view! { p(class="freshness freshness-offline", data-testid="freshness") { (text) } }
                }
                (Fetch::Failed(text), Some(_)) => {
                    let retry = retry.clone();
                    view! {
                        p(class="freshness freshness-offline", role="alert", data-testid="freshness") {
                            (text) " "
                            button(class="link", r#type="button", on:click=move |_| {
                                let app = retry.clone();
                                wasm_bindgen_futures::spawn_local(async move { app.refresh_program().await });
                            }) { (t("common.retry")) }
                        }
                    }
                }
                _ => view! {},
            }
        })
    }
}

/// `14:05` on the phone's clock, or the date when it was not today.
fn clock(ms: f64) -> String {
    let at = js_sys::Date::new(&wasm_bindgen::JsValue::from_f64(ms));
    let now = js_sys::Date::new_0();
    let time = format!("{:02}:{:02}", at.get_hours(), at.get_minutes());
    if at.get_date() == now.get_date() && at.get_month() == now.get_month() {
        time
    } else {
        format!("{:02}/{:02} {time}", at.get_date(), at.get_month() + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_reads_as_sets_by_reps_and_its_loads() {
        assert_eq!(summary(&["2".into(), "2".into(), "2".into()]), "3 × 2");
        assert_eq!(summary(&["3".into(), "2".into(), "1".into()]), "3-2-1");
        assert_eq!(load_span(&[96.0, 96.0], dropit_kernel::Locale::En), "@ 96 kg");
        assert_eq!(load_span(&[96.0, 102.5], dropit_kernel::Locale::Fr), "@ 96–102,5 kg");
        assert_eq!(load_span(&[], dropit_kernel::Locale::En), "");
    }
}
