//! The load preview: choose an athlete, and every set shows the load the server would
//! prescribe them (from their maxima and the club's bar, plates and rounding, computed here
//! with the server's engine) and the plates for each side.

use std::rc::Rc;

use dropit_kernel::Locale;
use dropit_permissions::Permission;
use dropit_sdk::types;
use sycamore::{futures::spawn_local_scoped, prelude::*};

use super::{
    draft::{self, LIFTS},
    model::{SetState, use_builder},
    sets::lift_text,
};
use crate::{
    components::loaded::loaded,
    format,
    loads::{Load, LoadSetup, SetLoad, Unloadable},
    resource::Resource,
    state::{failure_text, t, use_app},
};

#[derive(Clone, PartialEq)]
enum Status {
    Idle,
    Loading,
    Ready,
    Failed(String),
}

#[component(inline_props)]
pub fn Preview(club: String) -> View {
    let app = use_app();
    let builder = use_builder();
    if !app.can(&club, Permission::AthletesRead) {
        return view! {};
    }
    let athletes = {
        let (api, club) = (app.api.clone(), club.clone());
        Resource::new(move || {
            let (api, club) = (api.clone(), club.clone());
            async move { api.call(|a| a.athlete_list().club(&club).per_page(100u32).send()).await }
        })
    };
    let chosen = create_signal(String::new());
    let status = create_signal(Status::Idle);
    // The club's loading is the same for every athlete: asked once.
    let club_loading = create_signal(None::<types::LoadingBody>);

    let locale = app.locale.get_untracked();
    let picker = loaded(&athletes, move |page| {
        let (app, club) = (app.clone(), club.clone());
        let everyone = page.items.clone();
        let choose = move |ev: web_sys::Event| {
            let Some(select) = crate::components::field::select_of(&ev) else {
                return;
            };
            let id = select.value();
            chosen.set(id.clone());
            builder.setup.set(None);
            let Some(athlete) = everyone.iter().find(|a| a.id == id).cloned() else {
                status.set(Status::Idle);
                return;
            };
            status.set(Status::Loading);
            let (app, club) = (app.clone(), club.clone());
            spawn_local_scoped(async move {
                let loading = match club_loading.get_clone_untracked() {
                    Some(loading) => Ok(loading),
                    None => app.api.call(|a| a.club_loading_get().club(&club).send()).await,
                };
                let answer = match loading {
                    Ok(loading) => {
                        club_loading.set(Some(loading.clone()));
                        app.api
                            .call(|a| a.athlete_maxima().club(&club).athlete(&athlete.id).send())
                            .await
                            .map(|maxima| LoadSetup::new(&loading, athlete.bar_kg, &maxima))
                    }
                    Err(failure) => Err(failure),
                };
                // Another athlete may have been chosen meanwhile: the last choice wins.
                if chosen.get_clone_untracked() != athlete.id {
                    return;
                }
                match answer {
                    Ok(Some(setup)) => {
                        builder.setup.set(Some(Rc::new(setup)));
                        status.set(Status::Ready);
                    }
                    Ok(None) => status.set(Status::Failed(t("workouts.preview_no_plates").to_owned())),
                    Err(failure) => status.set(Status::Failed(failure_text(&failure))),
                }
            });
        };
        let options: Vec<View> = page
            .items
            .iter()
            .map(|a| {
                let (id, name) = (a.id.clone(), a.name.clone());
                let selected = chosen.get_clone_untracked() == id;
                view! { option(value=id, selected=selected) { (name) } }
            })
            .collect();
        view! {
            select(id="preview-athlete", data-testid="preview-athlete", on:change=choose) {
                option(value="", selected=chosen.with_untracked(String::is_empty)) { (t("workouts.preview_none")) }
                (options)
            }
        }
    });

    let maxima = create_memo(move || {
        let basis = builder.basis.get();
        builder.setup.with(|setup| {
            setup.as_ref().map(|setup| {
                LIFTS
                    .iter()
                    .filter_map(|lift| {
                        setup.maximum(lift, basis).map(|kg| format!("{} {}", lift_text(lift), format::kg(kg, locale)))
                    })
                    .collect::<Vec<_>>()
            })
        })
    });
    let basis_text = move || match builder.basis.get() {
        types::BasisName::OneRepMax => t("workouts.maxima_1rm"),
        types::BasisName::TrainingMax => t("workouts.maxima_tm"),
    };
    view! {
        div(class="preview card", data-testid="preview") {
            div(class="field") {
                label(r#for="preview-athlete") { (t("workouts.preview")) }
                (picker)
            }
            (move || match status.get_clone() {
                Status::Idle => view! { p(class="hint") { (t("workouts.preview_hint")) } },
                Status::Loading => view! { p(class="loading", aria-busy="true") { span(class="spinner") (t("common.loading")) } },
                Status::Failed(text) => view! { p(class="form-error", role="alert") { (text) } },
                Status::Ready => {
                    let listed = maxima.get_clone().unwrap_or_default();
                    let text = if listed.is_empty() { t("workouts.no_maxima").to_owned() } else { listed.join(" · ") };
                    view! { p(class="maxima", data-testid="preview-maxima") { strong { (basis_text()) } " " (text) } }
                }
            })
        }
    }
}

/// The load of one set for the previewed athlete; nothing when no athlete is chosen.
#[component(inline_props)]
pub fn LoadCell(set: SetState) -> View {
    let app = use_app();
    let builder = use_builder();
    let locale = app.locale.get_untracked();
    let load = create_memo(move || {
        let setup = builder.setup.get_clone()?;
        let intensity = draft::intensity(&set.snapshot()).ok();
        Some(intensity.map(|body| setup.set(&body, builder.basis.get())))
    });
    view! {
        (move || load.get_clone().map(|load| {
            let basis = builder.basis.get_untracked();
            let Shown { load: text, detail, problem } = shown(load.as_ref(), basis, locale);
            let class = if problem { "preview-load preview-problem" } else { "preview-load" };
            view! {
                span(class=class, data-testid="preview-load", aria-live="polite") {
                    span(class="load-kg") { (text) }
                    small(class="load-detail") { (detail) }
                }
            }
        }))
    }
}

struct Shown {
    load: String,
    detail: String,
    problem: bool,
}

/// A set's load as a cell shows it: the load (or range), then the plates per side or why it
/// cannot be loaded; `None` is a set not filled in enough to compute.
fn shown(load: Option<&SetLoad<String>>, basis: types::BasisName, locale: Locale) -> Shown {
    let nothing = |detail: String, problem| Shown { load: "—".to_owned(), detail, problem };
    match load {
        None => nothing(String::new(), false),
        Some(SetLoad::FromPercent { low, high: None } | SetLoad::Fixed(low)) => {
            let (load, plates) = one(low, locale);
            let problem = plates.is_err();
            Shown { load, detail: plates.map_or_else(|why| why.to_owned(), |p| side(&p, locale)), problem }
        }
        Some(SetLoad::FromPercent { low, high: Some(high) }) => {
            let ((low_load, low_plates), (high_load, high_plates)) = (one(low, locale), one(high, locale));
            let problem = low_plates.is_err() || high_plates.is_err();
            let detail = match (low_plates, high_plates) {
                // "25 → 25 + 2.5 a side": the side said once.
                (Ok(low), Ok(high)) if !low.is_empty() => format!("{} → {}", plates(&low, locale), side(&high, locale)),
                (Ok(low), Ok(high)) => format!("{} → {}", side(&low, locale), side(&high, locale)),
                (Err(why), _) | (_, Err(why)) => why.to_owned(),
            };
            Shown { load: format!("{}–{high_load}", low_load.trim_end_matches(" kg")), detail, problem }
        }
        Some(SetLoad::NoMaximum(lift)) => {
            let missing = match basis {
                types::BasisName::OneRepMax => t("workouts.no_1rm"),
                types::BasisName::TrainingMax => t("workouts.no_tm"),
            };
            nothing(format!("{missing} {}", lift_text(lift)), true)
        }
        Some(SetLoad::AthleteChooses) => nothing(t("workouts.athlete_chooses").to_owned(), false),
    }
}

/// A load as text, and its plates for one side, or why the plates cannot make it.
fn one(load: &Load, locale: Locale) -> (String, Result<Vec<f64>, &'static str>) {
    match load {
        Load::Loaded { load, per_side, .. } => {
            (format::kg(load.kg(), locale), Ok(per_side.iter().map(|p| p.kg()).collect()))
        }
        Load::CannotBeLoaded { rounded, reason, .. } => {
            let why = match reason {
                Unloadable::BelowEmptyBar => t("workouts.below_bar"),
                Unloadable::AboveInventory => t("workouts.above_plates"),
                Unloadable::MissingPlates => t("workouts.missing_plates"),
            };
            (format!("≈ {}", format::kg(rounded.kg(), locale)), Err(why))
        }
    }
}

fn plates(per_side: &[f64], locale: Locale) -> String {
    per_side.iter().map(|kg| format::number(*kg, locale)).collect::<Vec<_>>().join(" + ")
}

/// The plates of one side, or the empty bar.
fn side(per_side: &[f64], locale: Locale) -> String {
    if per_side.is_empty() {
        t("workouts.empty_bar").to_owned()
    } else {
        format!("{} {}", plates(per_side, locale), t("workouts.per_side"))
    }
}
