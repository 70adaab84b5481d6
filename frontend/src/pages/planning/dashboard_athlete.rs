//! An athlete's dashboard on the web: their sessions of the coming week with the loads the
//! API computed from their maxima, and their records. Logging happens in the mobile app.

use sycamore::prelude::*;

use super::{
    calendar::weekday_name,
    data::{self, Names},
    dates,
    session_lines::SessionLines,
};
use crate::{
    components::loaded::{empty, loaded},
    format,
    resource::Resource,
    state::{t, use_app},
};

/// Today and the six days after it.
const DAYS_AHEAD: u64 = 6;

#[component(inline_props)]
pub fn AthleteDashboard(club: String) -> View {
    let app = use_app();
    let locale = app.locale.get_untracked();
    let exercises = {
        let (api, club) = (app.api.clone(), club.clone());
        Resource::new(move || {
            let (api, club) = (api.clone(), club.clone());
            async move { Ok(Names::of_exercises(&data::exercises(&api, &club).await?, locale)) }
        })
    };
    let body = loaded(&exercises, move |exercises| {
        let (club, also_club, also_exercises) = (club.clone(), club.clone(), exercises.clone());
        view! {
            div(class="dashboard") {
                MySessions(club=club, exercises=exercises)
                MyRecords(club=also_club, exercises=also_exercises)
            }
        }
    });
    view! {
        p(class="panel athlete-hint", data-testid="mobile-hint") {
            (t("dashboard.mobile_hint")) " " a(href="/m/", data-testid="mobile-link") { (t("dashboard.mobile_link")) }
        }
        (body)
    }
}

#[component(inline_props)]
fn MySessions(club: String, exercises: Names) -> View {
    let app = use_app();
    let locale = app.locale.get_untracked();
    let sessions = {
        let (api, club) = (app.api.clone(), club.clone());
        Resource::new(move || {
            let (api, club) = (api.clone(), club.clone());
            async move {
                let today = format::today();
                let (from, to) = (dates::iso(today), dates::iso(dates::days_after(today, DAYS_AHEAD)));
                let mut sessions =
                    api.call(|a| a.my_sessions().club(&club).from(from.clone()).to(to.clone()).send()).await?;
                sessions.sort_by(|a, b| a.date.cmp(&b.date));
                Ok(sessions)
            }
        })
    };
    let body = loaded(&sessions, move |sessions| {
        if sessions.is_empty() {
            return empty("dashboard.no_sessions");
        }
        let items: Vec<View> = sessions
            .into_iter()
            .map(|session| {
                let day = dates::parse(&session.date)
                    .map(|d| format!("{} {}", weekday_name(d), format::date(&session.date, locale)))
                    .unwrap_or_else(|| session.date.clone());
                let name = session.name.clone();
                let cancelled = session.cancelled;
                let class = if cancelled { "my-session cancelled" } else { "my-session" };
                let badge =
                    cancelled.then(|| view! { " " span(class="badge badge-bad") { (t("planning.cancelled")) } });
                let (date, exercises) = (session.date.clone(), exercises.clone());
                view! {
                    li(class=class, data-testid="my-session", data-date=date) {
                        h3 { span(class="hint") { (day) } " " (name) (badge) }
                        SessionLines(session=session, exercises=exercises)
                    }
                }
            })
            .collect();
        view! { ul(class="plain-list my-sessions") { (items) } }
    });
    view! {
        section(class="card dashboard-block dashboard-wide", data-testid="dashboard-sessions",
            aria-labelledby="my-sessions-title") {
            div(class="block-head") { h2(id="my-sessions-title") { (t("dashboard.my_week")) } }
            (body)
        }
    }
}

#[component(inline_props)]
fn MyRecords(club: String, exercises: Names) -> View {
    let app = use_app();
    let locale = app.locale.get_untracked();
    let records = {
        let (api, club) = (app.api.clone(), club.clone());
        Resource::new(move || {
            let (api, club) = (api.clone(), club.clone());
            async move { api.call(|a| a.my_records().club(&club).send()).await }
        })
    };
    let body = loaded(&records, move |mut records| {
        if records.is_empty() {
            return empty("dashboard.no_records");
        }
        records.sort_by_cached_key(|r| exercises.get(&r.exercise_id));
        let rows: Vec<View> = records
            .into_iter()
            .map(|r| {
                let (name, best, on) =
                    (exercises.get(&r.exercise_id), format::kg(r.best_kg, locale), format::date(&r.best_on, locale));
                view! { tr(data-testid="my-record") { td { (name) } td(class="num") { strong { (best) } } td { (on) } } }
            })
            .collect();
        view! {
            table(class="compact") {
                thead { tr {
                    th(scope="col") { (t("dashboard.exercise")) }
                    th(scope="col", class="num") { (t("dashboard.best")) }
                    th(scope="col") { (t("logs.date")) }
                } }
                tbody { (rows) }
            }
        }
    });
    view! {
        section(class="card dashboard-block", data-testid="dashboard-records", aria-labelledby="my-records-title") {
            div(class="block-head") { h2(id="my-records-title") { (t("dashboard.my_records")) } }
            (body)
        }
    }
}
