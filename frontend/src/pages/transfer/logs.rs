//! The club's logged sets as a CSV file, between two dates and for one athlete or all, for a
//! spreadsheet or another tool. The file comes from the API and is saved by the browser.

use dropit_sdk::types::AthleteBody;
use sycamore::{futures::spawn_local_scoped, prelude::*};

use super::{dates, files};
use crate::{
    components::field::picked,
    format,
    state::{ToastKind, t, use_app},
};

#[component(inline_props)]
pub fn LogExport(club: String, athletes: Vec<AthleteBody>) -> View {
    let app = use_app();
    let (start, end) = dates::last_four_weeks(format::today());
    let from = create_signal(start.to_string());
    let to = create_signal(end.to_string());
    let athlete = create_signal(String::new());
    let busy = create_signal(false);
    let options: Vec<View> = athletes
        .iter()
        .map(|a| {
            let (id, name) = (a.id.clone(), a.name.clone());
            view! { option(value=id) { (name) } }
        })
        .collect();
    let export = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let Some((start, end)) = dates::parsed(&from.get_clone_untracked(), &to.get_clone_untracked()) else {
            app.toast(ToastKind::Error, t("transfer.bad_dates"));
            return;
        };
        let (app, club) = (app.clone(), club.clone());
        let who = athlete.get_clone_untracked();
        busy.set(true);
        spawn_local_scoped(async move {
            let (first, last) = (start.to_string(), end.to_string());
            let answer = app
                .api
                .call(|a| {
                    let request = a.log_export().club(&club).from(first.clone()).to(last.clone());
                    if who.is_empty() { request.send() } else { request.athlete_id(who.clone()).send() }
                })
                .await;
            let saved = match answer {
                Ok(stream) => files::collect(stream).await.and_then(|bytes| {
                    files::download(&bytes, "text/csv;charset=utf-8", &format!("{club}-logs-{first}-{last}.csv"))
                }),
                Err(failure) => Err(failure),
            };
            busy.set(false);
            match saved {
                Ok(()) => app.success("transfer.downloaded"),
                Err(failure) => app.failure(&failure),
            }
        });
    };
    view! {
        section(class="card transfer-section", aria-labelledby="logs-title") {
            h2(id="logs-title") { (t("transfer.logs_title")) }
            p(class="hint") { (t("transfer.logs_hint")) }
            form(class="transfer-form transfer-range", on:submit=export) {
                div(class="field") {
                    label(r#for="logs-from") { (t("transfer.from")) }
                    input(id="logs-from", r#type="date", name="logs-from", bind:value=from)
                }
                div(class="field") {
                    label(r#for="logs-to") { (t("transfer.to")) }
                    input(id="logs-to", r#type="date", name="logs-to", bind:value=to)
                }
                div(class="field") {
                    label(r#for="logs-athlete") { (t("transfer.athlete")) }
                    select(id="logs-athlete", data-testid="logs-athlete", on:change=picked(athlete)) {
                        option(value="") { (t("transfer.every_athlete")) }
                        (options)
                    }
                }
                div(class="actions") {
                    button(r#type="submit", class="button button-primary", data-testid="export-logs",
                        disabled=move || busy.get()) { (t("transfer.download_csv")) }
                }
            }
        }
    }
}
