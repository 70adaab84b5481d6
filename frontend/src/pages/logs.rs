//! The coach's reading of session logs: who trained when, the tonnage and effort, each set on
//! demand, and a comment back to the athlete. The last four weeks unless chosen otherwise.

use dropit_permissions::Permission;
use dropit_sdk::types;
use sycamore::prelude::*;

use crate::{
    components::{
        club_page::ClubPage,
        loaded::{empty, loaded},
    },
    format,
    pages::planning::{
        data::{self, Names, following},
        dates,
        inputs::follow_select,
        log_entry::LogEntry,
    },
    resource::Resource,
    state::{t, use_app},
};

/// How far back the list starts: four weeks, today included.
const DAYS_SHOWN: u64 = 27;

#[derive(Clone)]
struct People {
    athletes: Vec<types::AthleteBody>,
    exercises: Vec<types::ExerciseBody>,
}

#[component(inline_props)]
pub fn Logs(club: String) -> View {
    let inner = club.clone();
    // The guard builds its content only for those it lets in, so nothing is fetched for others.
    view! { ClubPage(club=club, permission=Permission::LogsRead, title="nav.logs") { LogsPage(club=inner) } }
}

#[component(inline_props)]
fn LogsPage(club: String) -> View {
    let app = use_app();
    let reads_members = app.can(&club, Permission::MembersRead);
    let people = {
        let (api, club) = (app.api.clone(), club.clone());
        Resource::new(move || {
            let (api, club) = (api.clone(), club.clone());
            async move {
                let athletes = data::athletes_and_members(&api, &club, reads_members).await?;
                let exercises = data::exercises(&api, &club).await?;
                Ok(People { athletes, exercises })
            }
        })
    };
    loaded(&people, move |people| {
        let club = club.clone();
        view! { LogList(club=club, people=people) }
    })
}

#[component(inline_props)]
fn LogList(club: String, people: People) -> View {
    let app = use_app();
    let locale = app.locale.get_untracked();
    let can_comment = app.can(&club, Permission::LogsComment);
    let today = format::today();
    let athlete = create_signal(String::new());
    let from = create_signal(dates::iso(dates::days_before(today, DAYS_SHOWN)));
    let to = create_signal(dates::iso(today));
    let asked = create_memo(move || (athlete.get_clone(), from.get_clone(), to.get_clone()));
    let logs = {
        let (api, club) = (app.api.clone(), club.clone());
        following(asked, move |(athlete, from, to)| {
            let (api, club) = (api.clone(), club.clone());
            async move {
                let mut logs = api
                    .call(|a| {
                        let list = a.log_list().club(&club).from(from.clone()).to(to.clone());
                        if athlete.is_empty() { list.send() } else { list.athlete_id(athlete.clone()).send() }
                    })
                    .await?;
                logs.sort_by(|a, b| b.performed_on.cmp(&a.performed_on));
                Ok(logs)
            }
        })
    };
    let athletes = Names::of_athletes(&people.athletes);
    let exercises = Names::of_exercises(&people.exercises, locale);
    let options: Vec<View> = people
        .athletes
        .iter()
        .filter(|a| !a.archived)
        .map(|a| {
            let (value, name) = (a.id.clone(), a.name.clone());
            view! { option(value=value) { (name) } }
        })
        .collect();
    let list = loaded(&logs, move |logs| {
        if logs.is_empty() {
            return empty("logs.nothing");
        }
        let total: f64 = logs.iter().map(|l| l.tonnage_kg).sum();
        let summary = format!("{} {} · {}", logs.len(), t("logs.sessions"), format::kg(total, locale));
        let rows: Vec<View> = logs
            .into_iter()
            .map(|log| {
                let (name, exercises, club) = (athletes.get(&log.athlete_id), exercises.clone(), club.clone());
                view! { LogEntry(log=log, athlete=name, exercises=exercises, club=club, can_comment=can_comment) }
            })
            .collect();
        view! {
            p(class="hint", data-testid="logs-summary") { (summary) }
            div(class="table-wrap") {
                table(class="logs-table") {
                    thead { tr {
                        th(scope="col") { (t("logs.date")) }
                        th(scope="col") { (t("logs.athlete")) }
                        th(scope="col", class="num") { (t("logs.tonnage")) }
                        th(scope="col", class="num") { (t("logs.rpe")) }
                        th(scope="col", class="num") { (t("logs.sets")) }
                        th(scope="col") { (t("logs.comment")) }
                        th(scope="col") { span(class="visually-hidden") { (t("logs.details")) } }
                    } }
                    (rows)
                }
            }
        }
    });
    view! {
        form(class="logs-filters row", on:submit=|ev: web_sys::SubmitEvent| ev.prevent_default()) {
            div(class="field") {
                label(r#for="logs-athlete") { (t("logs.athlete")) }
                select(id="logs-athlete", bind:value=athlete, on:change=follow_select(athlete), data-testid="logs-athlete") {
                    option(value="") { (t("logs.everyone")) }
                    (options)
                }
            }
            div(class="field") {
                label(r#for="logs-from") { (t("logs.from")) }
                input(id="logs-from", r#type="date", bind:value=from, data-testid="logs-from")
            }
            div(class="field") {
                label(r#for="logs-to") { (t("logs.to")) }
                input(id="logs-to", r#type="date", bind:value=to, data-testid="logs-to")
            }
        }
        (list)
    }
}
