//! The coach's dashboard: four blocks, each loading on its own (a failure stays in its block)
//! and each leading to its page. A block the role cannot read is not shown.

use dropit_kernel::Locale;
use dropit_permissions::Permission;
use dropit_sdk::types;
use sycamore::prelude::*;

use super::{
    data::{self, Names},
    dates,
};
use crate::{
    components::loaded::{empty, loaded},
    format,
    resource::Resource,
    state::{t, use_app},
};

/// Logs shown in their block; the logs page has the rest.
const LOGS_SHOWN: usize = 8;
const ACTIVITY_SHOWN: u32 = 10;

#[derive(Clone)]
struct Lookup {
    athletes: Names,
    exercises: Names,
}

#[component(inline_props)]
pub fn CoachDashboard(club: String) -> View {
    let app = use_app();
    let locale = app.locale.get_untracked();
    let reads_athletes = app.can(&club, Permission::AthletesRead);
    let lookup = {
        let (api, club) = (app.api.clone(), club.clone());
        Resource::new(move || {
            let (api, club) = (api.clone(), club.clone());
            async move {
                let athletes = if reads_athletes { data::athletes(&api, &club).await? } else { Vec::new() };
                let exercises = data::exercises(&api, &club).await?;
                Ok(Lookup {
                    athletes: Names::of_athletes(&athletes),
                    exercises: Names::of_exercises(&exercises, locale),
                })
            }
        })
    };
    let can = |permission| app.can(&club, permission);
    let (today, logs, athletes) =
        (can(Permission::PlanningRead), can(Permission::LogsRead), can(Permission::AthletesRead));
    loaded(&lookup, move |lookup| {
        let (c, names) = (club.clone(), lookup.athletes.clone());
        let today = today.then(|| view! { TodayBlock(club=c, athletes=names) });
        let (c, names) = (club.clone(), lookup.athletes.clone());
        let logs = logs.then(|| view! { LogsBlock(club=c, athletes=names) });
        let (c, names) = (club.clone(), lookup.exercises.clone());
        let activity = athletes.then(|| view! { ActivityBlock(club=c, exercises=names) });
        let (c, names) = (club.clone(), lookup.athletes.clone());
        let readiness = athletes.then(|| view! { ReadinessBlock(club=c, athletes=names) });
        view! { div(class="dashboard") { (today) (logs) (readiness) (activity) } }
    })
}

/// A block's frame: its heading, a link to its page, and what it loaded.
fn block(testid: &'static str, title: &'static str, href: String, link: &'static str, body: View) -> View {
    let heading = format!("{testid}-title");
    let labelled = heading.clone();
    view! {
        section(class="card dashboard-block", data-testid=testid, aria-labelledby=labelled) {
            div(class="block-head") {
                h2(id=heading) { (t(title)) }
                a(href=href, class="block-link") { (t(link)) }
            }
            (body)
        }
    }
}

#[component(inline_props)]
fn TodayBlock(club: String, athletes: Names) -> View {
    let app = use_app();
    let sessions = {
        let (api, club) = (app.api.clone(), club.clone());
        Resource::new(move || {
            let (api, club) = (api.clone(), club.clone());
            async move {
                let today = dates::iso(format::today());
                api.call(|a| a.planned_session_list().club(&club).from(today.clone()).to(today.clone()).send()).await
            }
        })
    };
    let body = loaded(&sessions, move |mut sessions| {
        if sessions.is_empty() {
            return empty("dashboard.nothing_today");
        }
        sessions.sort_by_cached_key(|s| (s.cancelled, athletes.get(&s.athlete_id)));
        let items: Vec<View> = sessions
            .into_iter()
            .map(|s| {
                let class = if s.cancelled { "today-item cancelled" } else { "today-item" };
                let athlete = athletes.get(&s.athlete_id);
                let cancelled =
                    s.cancelled.then(|| view! { " " span(class="badge badge-bad") { (t("planning.cancelled")) } });
                view! {
                    li(class=class, data-testid="today-session") {
                        span(class="today-workout") { (s.name) } " — " span { (athlete) } (cancelled)
                    }
                }
            })
            .collect();
        view! { ul(class="plain-list") { (items) } }
    });
    block("dashboard-today", "dashboard.today", format!("/c/{club}/planning"), "dashboard.open_planning", body)
}

#[component(inline_props)]
fn LogsBlock(club: String, athletes: Names) -> View {
    let app = use_app();
    let locale = app.locale.get_untracked();
    let logs = {
        let (api, club) = (app.api.clone(), club.clone());
        Resource::new(move || {
            let (api, club) = (api.clone(), club.clone());
            async move {
                let today = format::today();
                let (from, to) = (dates::iso(dates::days_before(today, 6)), dates::iso(today));
                let mut logs = api.call(|a| a.log_list().club(&club).from(from.clone()).to(to.clone()).send()).await?;
                logs.sort_by(|a, b| b.performed_on.cmp(&a.performed_on));
                Ok(logs)
            }
        })
    };
    let body = loaded(&logs, move |logs| {
        if logs.is_empty() {
            return empty("dashboard.no_logs");
        }
        let total: f64 = logs.iter().map(|l| l.tonnage_kg).sum();
        let summary = format!("{} {} · {}", logs.len(), t("logs.sessions"), format::kg(total, locale));
        let more = logs.len().saturating_sub(LOGS_SHOWN);
        let rows: Vec<View> = logs
            .into_iter()
            .take(LOGS_SHOWN)
            .map(|log| {
                let (date, athlete, tonnage) =
                    (format::date(&log.performed_on, locale), athletes.get(&log.athlete_id), format::kg(log.tonnage_kg, locale));
                view! { tr(data-testid="dashboard-log") { td { (date) } td { (athlete) } td(class="num") { (tonnage) } } }
            })
            .collect();
        let more = (more > 0).then(|| view! { p(class="hint") { (format!("+ {more}")) } });
        view! {
            p(class="hint") { (summary) }
            table(class="compact") {
                thead { tr {
                    th(scope="col") { (t("logs.date")) }
                    th(scope="col") { (t("logs.athlete")) }
                    th(scope="col", class="num") { (t("logs.tonnage")) }
                } }
                tbody { (rows) }
            }
            (more)
        }
    });
    block("dashboard-logs", "dashboard.recent_logs", format!("/c/{club}/logs"), "dashboard.open_logs", body)
}

#[component(inline_props)]
fn ActivityBlock(club: String, exercises: Names) -> View {
    let app = use_app();
    let locale = app.locale.get_untracked();
    let feed = {
        let (api, club) = (app.api.clone(), club.clone());
        Resource::new(move || {
            let (api, club) = (api.clone(), club.clone());
            async move { api.call(|a| a.activity_feed().club(&club).limit(ACTIVITY_SHOWN).send()).await }
        })
    };
    let link_club = club.clone();
    let body = loaded(&feed, move |feed| {
        if feed.is_empty() {
            return empty("dashboard.no_activity");
        }
        let items: Vec<View> = feed
            .into_iter()
            .map(|item| {
                let (kind, class) = kind_label(&item.kind);
                let what = activity_text(&item, &exercises, locale);
                let when = format::date(item.at.get(..10).unwrap_or(&item.at), locale);
                let href = format!("/c/{link_club}/athletes/{}", item.athlete_id);
                let kind_attr = item.kind.clone();
                view! {
                    li(class="activity-item", data-testid="activity-item", data-kind=kind_attr) {
                        span(class=class) { (kind) }
                        a(href=href) { (item.athlete_name) }
                        span(class="activity-what") { (what) }
                        span(class="hint") { (when) }
                    }
                }
            })
            .collect();
        view! { ul(class="plain-list activity") { (items) } }
    });
    block("dashboard-activity", "dashboard.activity", format!("/c/{club}/athletes"), "dashboard.open_athletes", body)
}

fn kind_label(kind: &str) -> (&'static str, &'static str) {
    match kind {
        "record" => (t("dashboard.kind_record"), "badge badge-ok"),
        "log" => (t("dashboard.kind_log"), "badge"),
        "readiness" => (t("dashboard.kind_readiness"), "badge badge-bad"),
        "competition" => (t("dashboard.kind_competition"), "badge"),
        _ => (t("dashboard.kind_other"), "badge"),
    }
}

/// What happened, from the item's details (their keys depend on the kind).
fn activity_text(item: &types::ActivityBody, exercises: &Names, locale: Locale) -> String {
    let number = |key: &str| item.details.get(key).and_then(serde_json::Value::as_f64);
    let text = |key: &str| item.details.get(key).and_then(serde_json::Value::as_str).map(str::to_owned);
    let kg = |value: f64| format::kg(value, locale);
    match item.kind.as_str() {
        "record" => {
            let exercise = text("exercise_id").map(|id| exercises.get(&id)).unwrap_or_default();
            let mut line = format!("{exercise} {}", number("kg").map(kg).unwrap_or_default());
            if let Some(previous) = number("previous_kg") {
                line.push_str(&format!(" ({} {})", t("dashboard.previous"), kg(previous)));
            }
            line
        }
        "log" => {
            let mut line = format!(
                "{} · {} {} · {}",
                text("performed_on").map(|d| format::date(&d, locale)).unwrap_or_default(),
                number("sets").unwrap_or_default(),
                t("logs.sets_word"),
                number("tonnage_kg").map(kg).unwrap_or_default()
            );
            match number("records") {
                Some(1.0) => line.push_str(&format!(" · 1 {}", t("dashboard.record_word"))),
                Some(records) if records > 1.0 => {
                    line.push_str(&format!(" · {records} {}", t("dashboard.records_word")))
                }
                _ => {}
            }
            line
        }
        "readiness" => {
            format!(
                "{} {}",
                t("dashboard.score"),
                number("score").map(|s| format::number(s, locale)).unwrap_or_default()
            )
        }
        "competition" => {
            let total =
                number("total_kg").map(|k| format!(" · {} {}", t("dashboard.total"), kg(k))).unwrap_or_default();
            format!("{}{total}", text("competition").unwrap_or_default())
        }
        _ => String::new(),
    }
}

#[component(inline_props)]
fn ReadinessBlock(club: String, athletes: Names) -> View {
    let app = use_app();
    let locale = app.locale.get_untracked();
    let checks = {
        let (api, club) = (app.api.clone(), club.clone());
        Resource::new(move || {
            let (api, club) = (api.clone(), club.clone());
            async move {
                let today = format::today();
                let (from, to) = (dates::iso(dates::days_before(today, 1)), dates::iso(today));
                let mut checks =
                    api.call(|a| a.readiness_list().club(&club).from(from.clone()).to(to.clone()).send()).await?;
                // The ones to look at first, then the lowest scores, then the latest.
                checks.sort_by(|a, b| {
                    b.flagged.cmp(&a.flagged).then(a.score.total_cmp(&b.score)).then(b.date.cmp(&a.date))
                });
                Ok(checks)
            }
        })
    };
    let link_club = club.clone();
    let body = loaded(&checks, move |checks| {
        if checks.is_empty() {
            return empty("dashboard.no_readiness");
        }
        let items: Vec<View> = checks
            .into_iter()
            .map(|check| {
                let athlete = athletes.get(&check.athlete_id);
                let href = format!("/c/{link_club}/athletes/{}", check.athlete_id);
                let when = format::date(&check.date, locale);
                let score = format!("{} {}/5", t("dashboard.score"), format::number(check.score, locale));
                let scores = format!(
                    "{} {} · {} {} · {} {} · {} {}",
                    t("dashboard.sleep"),
                    check.sleep,
                    t("dashboard.soreness"),
                    check.soreness,
                    t("dashboard.stress"),
                    check.stress,
                    t("dashboard.mood"),
                    check.mood
                );
                let flag = check.flagged.then(|| view! { span(class="badge badge-bad") { (t("dashboard.flagged")) } });
                let note = (!check.note.is_empty())
                    .then(|| check.note.clone())
                    .map(|n| view! { p(class="readiness-note") { (n) } });
                let class = if check.flagged { "readiness-item flagged" } else { "readiness-item" };
                view! {
                    li(class=class, data-testid="readiness-item", data-flagged=if check.flagged { "true" } else { "false" }) {
                        div(class="row") { (flag) a(href=href) { (athlete) } strong { (score) } span(class="hint") { (when) } }
                        p(class="hint") { (scores) }
                        (note)
                    }
                }
            })
            .collect();
        view! { ul(class="plain-list") { (items) } }
    });
    block("dashboard-readiness", "dashboard.readiness", format!("/c/{club}/athletes"), "dashboard.open_athletes", body)
}
