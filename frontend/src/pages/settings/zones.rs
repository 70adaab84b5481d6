//! The club's intensity zones for the statistics: the lower bound of each zone above the
//! first, in % of the maximum, rising; the zones they make are shown as they are typed.

use dropit_sdk::{
    ApiFailure,
    types::{ZoneBody, ZonesInput},
};
use sycamore::{futures::spawn_local_scoped, prelude::*};

use crate::{
    components::loaded::loaded,
    format,
    pages::settings::draft::{self, ZoneFaults},
    resource::Resource,
    state::{t, use_app},
};

#[component(inline_props)]
pub fn ZoneSettings(club: String) -> View {
    let app = use_app();
    let current = {
        let (api, club) = (app.api.clone(), club.clone());
        Resource::new(move || {
            let (api, club) = (api.clone(), club.clone());
            async move { api.call(|a| a.club_zones_get().club(&club).send()).await }
        })
    };
    let body = loaded(&current, move |zones| {
        let club = club.clone();
        view! { ZonesForm(club=club, bounds=lower_bounds(&zones)) }
    });
    view! {
        section(class="card club-section", aria-labelledby="zones-title") {
            h2(id="zones-title") { (t("settings.zones")) }
            p(class="hint") { (t("settings.zones_hint")) }
            (body)
        }
    }
}

/// The zones the API returns start at nothing and end at nothing; the bounds are in between.
fn lower_bounds(zones: &[ZoneBody]) -> Vec<f64> {
    zones.iter().filter_map(|z| z.from_pct).collect()
}

#[derive(Clone, Copy)]
struct Bound {
    id: u32,
    pct: Signal<String>,
}

impl PartialEq for Bound {
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
    }
}

#[component(inline_props)]
fn ZonesForm(club: String, bounds: Vec<f64>) -> View {
    let app = use_app();
    let locale = app.locale.get_untracked();
    let next_id = create_signal(0u32);
    let new_bound = move |pct: String| {
        let id = next_id.get();
        next_id.set(id + 1);
        Bound { id, pct: create_signal(pct) }
    };
    let lines = create_signal(bounds.iter().map(|b| new_bound(format::number(*b, locale))).collect::<Vec<Bound>>());
    let submitted = create_signal(false);
    let busy = create_signal(false);
    let api_problem = create_signal(None::<String>);
    let typed =
        move || draft::zone_bounds(&lines.with(|all| all.iter().map(|b| b.pct.get_clone()).collect::<Vec<_>>()));
    let faults =
        create_memo(move || if submitted.get() { typed().err().unwrap_or_default() } else { ZoneFaults::default() });
    let preview = create_memo(move || typed().map(|b| draft::zone_labels(&b, locale)).unwrap_or_default());

    let save = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        submitted.set(true);
        api_problem.set(None);
        let Ok(lower_bounds_pct) = typed() else { return };
        if busy.get() {
            return;
        }
        busy.set(true);
        let (app, club) = (app.clone(), club.clone());
        spawn_local_scoped(async move {
            let input = ZonesInput { lower_bounds_pct };
            let answer = app.api.call(|a| a.club_zones_set().club(&club).body(input.clone()).send()).await;
            busy.set(false);
            match answer {
                Ok(_) => {
                    submitted.set(false);
                    app.success("settings.zones_saved");
                }
                Err(failure) => {
                    if let ApiFailure::Api { fields, message, .. } = &failure {
                        api_problem.set(Some(fields.first().map_or(message, |f| &f.message).clone()));
                    }
                    app.failure(&failure);
                }
            }
        });
    };
    let add = move |_| {
        // A new bound starts 10 % above the last, where a coach most likely wants it.
        let last = lines.with(|all| all.last().and_then(|b| draft::decimal(&b.pct.get_clone())));
        let suggestion = last.map(|pct| (pct + 10.0).min(149.0)).unwrap_or(70.0);
        let bound = new_bound(format::number(suggestion, locale));
        lines.update(|all| all.push(bound));
    };
    let count_problem = move || {
        api_problem
            .get_clone()
            .or_else(|| faults.with(|f| f.count).then(|| t("settings.zones_count_problem").to_owned()))
    };

    view! {
        form(class="form zones-form", on:submit=save, novalidate=true, data-testid="zones-form") {
            ol(class="zone-list") {
                Keyed(
                    list=lines,
                    view=move |bound| view! { BoundRow(bound=bound, lines=lines, faults=faults) },
                    key=|bound| bound.id,
                )
            }
            p(class="field-error", role="alert") { (move || count_problem().unwrap_or_default()) }
            div(class="row") {
                button(class="button", r#type="button", data-testid="zone-add", on:click=add,
                    disabled=move || lines.with(|l| l.len() >= draft::MAX_ZONE_BOUNDS)) { "+ " (t("settings.zone_add")) }
            }
            div(class="zones-preview", aria-live="polite") {
                (move || {
                    let labels = preview.get_clone();
                    let title = (!labels.is_empty()).then(|| view! { span(class="hint") { (t("settings.zones_preview")) } });
                    let badges: Vec<View> = labels.into_iter().map(|label| view! { span(class="badge") { (label) } }).collect();
                    view! { (title) (badges) }
                })
            }
            div(class="actions") {
                button(class="button button-primary", r#type="submit", data-testid="zones-save", disabled=move || busy.get()) {
                    (t("common.save"))
                }
            }
        }
    }
}

#[component(inline_props)]
fn BoundRow(bound: Bound, lines: Signal<Vec<Bound>>, faults: ReadSignal<ZoneFaults>) -> View {
    let Bound { id, pct } = bound;
    let index = create_memo(move || lines.with(|all| all.iter().position(|b| b.id == id).unwrap_or(0)));
    let problem = move || {
        let at = index.get();
        faults.with(|f| {
            if f.invalid.contains(&at) {
                Some(t("settings.zone_problem"))
            } else if f.not_increasing.contains(&at) {
                Some(t("settings.zone_not_rising"))
            } else {
                None
            }
        })
    };
    let input_id = format!("zone-{id}");
    let error_id = format!("{input_id}-error");
    let (label_for, described) = (input_id.clone(), error_id.clone());
    let remove = move |_| lines.update(|all| all.retain(|b| b.id != id));
    view! {
        li(class="zone-row", data-testid="zone-row") {
            label(r#for=label_for) { (move || t("settings.zone_from").replace("{n}", &(index.get() + 2).to_string())) }
            div(class="zone-input") {
                input(id=input_id, inputmode="decimal", data-testid="zone-pct", bind:value=pct,
                    aria-invalid=move || if problem().is_some() { "true" } else { "false" }, aria-describedby=described)
                span { "%" }
                button(class="button button-quiet", r#type="button", data-testid="zone-remove", on:click=remove,
                    aria-label=t("settings.zone_remove")) { "×" }
            }
            p(id=error_id, class="field-error") { (move || problem().unwrap_or_default()) }
        }
    }
}
