//! The maxima an athlete's loads are computed from: a one-repetition maximum and a training
//! maximum per reference lift, set by the coach.

use dropit_permissions::Permission;
use dropit_sdk::types::{BasisName, MaximumBody, MaximumRequest};
use sycamore::{futures::spawn_local_scoped, prelude::*};

use super::{picked, rules, words};
use crate::{
    components::loaded::loaded,
    format,
    resource::Resource,
    state::{t, use_app},
};

#[component(inline_props)]
pub fn MaximaCard(club: String, id: String) -> View {
    let app = use_app();
    if !app.can(&club, Permission::PlanningRead) {
        return view! {};
    }
    let locale = app.locale.get_untracked();
    let can_write = app.can(&club, Permission::PlanningWrite);
    let maxima = {
        let (api, club, id) = (app.api.clone(), club.clone(), id.clone());
        Resource::new(move || {
            let (api, club, id) = (api.clone(), club.clone(), id.clone());
            async move { api.call(|a| a.athlete_maxima().club(&club).athlete(&id).send()).await }
        })
    };
    let table = loaded(&maxima, move |maxima| {
        let kg_of = |lift: &str, kind: BasisName| {
            maxima
                .iter()
                .find(|m| m.lift == lift && m.kind == kind)
                .map_or_else(|| "–".to_owned(), |m| format::kg(m.kg, locale))
        };
        let rows: Vec<View> = words::LIFTS
            .iter()
            .map(|lift| {
                let (one, training) = (kg_of(lift, BasisName::OneRepMax), kg_of(lift, BasisName::TrainingMax));
                let name = words::lift(lift);
                view! {
                    tr(data-lift=*lift) {
                        th(scope="row") { (name) }
                        td(class="num") { (one) }
                        td(class="num") { (training) }
                    }
                }
            })
            .collect();
        view! {
            div(class="table-wrap") {
                table(data-testid="maxima") {
                    caption(class="visually-hidden") { (t("athletes.maxima")) }
                    thead { tr {
                        th(scope="col") { (t("athletes.lift")) }
                        th(scope="col", class="num") { (t("athletes.one_rep_max")) }
                        th(scope="col", class="num") { (t("athletes.training_max")) }
                    } }
                    tbody { (rows) }
                }
            }
        }
    });
    let form = can_write.then(|| view! { SetMaximum(club=club, id=id, maxima=maxima) });
    view! {
        section(class="card", aria-labelledby="maxima-title") {
            h2(id="maxima-title") { (t("athletes.maxima")) }
            (table)
            (form)
        }
    }
}

#[component(inline_props)]
fn SetMaximum(club: String, id: String, maxima: Resource<Vec<MaximumBody>>) -> View {
    let app = use_app();
    let lift = create_signal(words::LIFTS[0].to_owned());
    let kg = create_signal(String::new());
    let kind = create_signal("one_rep_max".to_owned());
    let problem = create_signal(None::<&'static str>);
    let busy = create_signal(false);
    let submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let Some(value) = rules::kg(&kg.get_clone()).filter(|v| (1.0..=500.0).contains(v)) else {
            problem.set(Some(t("athletes.maximum_range")));
            return;
        };
        problem.set(None);
        busy.set(true);
        let basis = if kind.get_clone() == "training_max" { BasisName::TrainingMax } else { BasisName::OneRepMax };
        let (app, club, id, chosen, maxima) = (app.clone(), club.clone(), id.clone(), lift.get_clone(), maxima.clone());
        spawn_local_scoped(async move {
            let request = MaximumRequest { kg: value, kind: Some(basis) };
            let outcome = app
                .api
                .call(|a| a.athlete_maximum_set().club(&club).athlete(&id).lift(&chosen).body(request.clone()).send())
                .await;
            busy.set(false);
            match outcome {
                Ok(saved) => {
                    kg.set(String::new());
                    app.success("athletes.maximum_saved");
                    maxima.update(|all| {
                        all.retain(|m| !(m.lift == saved.lift && m.kind == saved.kind));
                        all.push(saved);
                    });
                }
                Err(failure) => app.failure(&failure),
            }
        });
    };
    let lifts: Vec<View> = words::LIFTS
        .iter()
        .map(|code| {
            let name = words::lift(code);
            view! { option(value=*code) { (name) } }
        })
        .collect();
    view! {
        form(class="form inline-form", on:submit=submit, novalidate=true, data-testid="maximum-form") {
            h3 { (t("athletes.set_maximum")) }
            div(class="form-row") {
                div(class="field") {
                    label(r#for="maximum-lift") { (t("athletes.lift")) }
                    select(id="maximum-lift", name="lift", data-testid="maximum-lift", bind:value=lift, on:change=picked(lift)) { (lifts) }
                }
                div(class="field") {
                    label(r#for="maximum-kind") { (t("athletes.maximum_kind")) }
                    select(id="maximum-kind", name="kind", data-testid="maximum-kind", bind:value=kind, on:change=picked(kind)) {
                        option(value="one_rep_max") { (t("athletes.one_rep_max")) }
                        option(value="training_max") { (t("athletes.training_max")) }
                    }
                }
                div(class="field field-kg") {
                    label(r#for="maximum-kg") { (t("athletes.kg")) }
                    input(id="maximum-kg", name="kg", inputmode="decimal", data-testid="maximum-kg", bind:value=kg,
                        aria-describedby="maximum-kg-error",
                        aria-invalid=move || if problem.with(Option::is_some) { "true" } else { "false" })
                }
                button(class="button button-primary", r#type="submit", data-testid="maximum-save", disabled=move || busy.get()) {
                    (t("common.save"))
                }
            }
            p(id="maximum-kg-error", class="field-error") { (move || problem.get().unwrap_or_default()) }
        }
    }
}
