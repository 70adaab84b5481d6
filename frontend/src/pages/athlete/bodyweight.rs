//! An athlete's bodyweight over the last year, and a weigh-in entered by the coach; a weigh-in
//! can change the weight category.

use dropit_permissions::Permission;
use dropit_sdk::types::{BodyweightBody, CategoryBody, WeighIn};
use sycamore::{futures::spawn_local_scoped, prelude::*};

use super::{rules, words};
use crate::{
    components::{
        chart::{LineChart, LineSeries},
        loaded::{empty, loaded},
    },
    format,
    resource::Resource,
    state::{t, use_app},
};

#[component(inline_props)]
pub fn BodyweightCard(club: String, id: String, category: Resource<CategoryBody>) -> View {
    let app = use_app();
    let locale = app.locale.get_untracked();
    let can_write = app.can(&club, Permission::AthletesWrite);
    let weights = {
        let (api, club, id) = (app.api.clone(), club.clone(), id.clone());
        Resource::new(move || {
            let (api, club, id) = (api.clone(), club.clone(), id.clone());
            let (from, to) = rules::last_year(format::today());
            async move {
                api.call(|a| {
                    a.athlete_bodyweights().club(&club).athlete(&id).from(from.to_string()).to(to.to_string()).send()
                })
                .await
            }
        })
    };
    let chart = loaded(&weights, move |weights| {
        if weights.is_empty() {
            return empty("athletes.no_bodyweights");
        }
        let last = weights.iter().max_by(|a, b| a.date.cmp(&b.date)).cloned();
        let latest = last.map(|w| {
            let category = w.category.as_deref().map(|c| format!(" · {}", words::category(c))).unwrap_or_default();
            format!(
                "{} {} ({}){category}",
                t("athletes.last_weigh_in"),
                format::kg(w.kg, locale),
                format::date(&w.date, locale)
            )
        });
        let series = vec![LineSeries {
            name: t("athletes.bodyweight").to_owned(),
            points: weights.iter().map(|w| (w.date.clone(), w.kg)).collect(),
        }];
        let label = t("athletes.bodyweight_chart").to_owned();
        let latest = latest.unwrap_or_default();
        view! {
            p(class="hint", data-testid="last-weigh-in") { (latest) }
            LineChart(label=label, series=series, unit="kg")
        }
    });
    let form = can_write.then(|| view! { WeighInForm(club=club, id=id, weights=weights, category=category) });
    view! {
        section(class="card", aria-labelledby="bodyweight-title") {
            h2(id="bodyweight-title") { (t("athletes.bodyweight")) }
            div(class="athlete-chart", data-testid="bodyweight-chart") { (chart) }
            (form)
        }
    }
}

#[component(inline_props)]
fn WeighInForm(
    club: String,
    id: String,
    weights: Resource<Vec<BodyweightBody>>,
    category: Resource<CategoryBody>,
) -> View {
    let app = use_app();
    let today = format::today().to_string();
    let date = create_signal(today.clone());
    let kg = create_signal(String::new());
    let problem = create_signal(None::<&'static str>);
    let busy = create_signal(false);
    let submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let day = date.get_clone();
        let value = match (rules::past_date_ok(&day, format::today()), rules::kg(&kg.get_clone())) {
            (false, _) => Err("athletes.date_past"),
            (true, Some(v)) if (20.0..=250.0).contains(&v) => Ok(v),
            (true, _) => Err("athletes.bodyweight_range"),
        };
        let value = match value {
            Ok(v) => v,
            Err(key) => {
                problem.set(Some(t(key)));
                return;
            }
        };
        problem.set(None);
        busy.set(true);
        let (app, club, id, weights, category) =
            (app.clone(), club.clone(), id.clone(), weights.clone(), category.clone());
        spawn_local_scoped(async move {
            let outcome = app
                .api
                .call(|a| {
                    a.athlete_bodyweight_put().club(&club).athlete(&id).date(&day).body(WeighIn { kg: value }).send()
                })
                .await;
            busy.set(false);
            match outcome {
                Ok(_) => {
                    kg.set(String::new());
                    app.success("athletes.weigh_in_saved");
                    category.reload();
                    weights.reload();
                }
                Err(failure) => app.failure(&failure),
            }
        });
    };
    view! {
        form(class="form inline-form", on:submit=submit, novalidate=true, data-testid="weigh-in-form") {
            h3 { (t("athletes.weigh_in")) }
            div(class="form-row") {
                div(class="field") {
                    label(r#for="weigh-in-date") { (t("common.date")) }
                    input(id="weigh-in-date", name="weigh_in_date", r#type="date", data-testid="weigh-in-date", max=today, bind:value=date)
                }
                div(class="field field-kg") {
                    label(r#for="weigh-in-kg") { (t("athletes.kg")) }
                    input(id="weigh-in-kg", name="weigh_in_kg", inputmode="decimal", data-testid="weigh-in-kg", bind:value=kg)
                }
                button(class="button button-primary", r#type="submit", data-testid="weigh-in-save", disabled=move || busy.get()) {
                    (t("common.save"))
                }
            }
            p(class="field-error", role="alert") { (move || problem.get().unwrap_or_default()) }
        }
    }
}
