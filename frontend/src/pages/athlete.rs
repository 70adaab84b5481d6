//! One athlete: the profile and its changes, the weight category, the maxima loads come from,
//! records, the estimated-maximum trend, bodyweight, statistics, and the invitation that gives
//! a managed athlete an account. Each section loads on its own, so one failing leaves the rest.

pub mod catalogue;
pub mod form;
pub mod groups;
pub mod rules;
pub mod words;

mod bodyweight;
mod estimates;
mod invite;
mod maxima;
mod profile;
mod records;
mod stats;

use dropit_permissions::Permission;
use sycamore::prelude::*;

use self::{
    bodyweight::BodyweightCard, catalogue::all_exercises, estimates::EstimatesCard, maxima::MaximaCard,
    profile::ProfileCard, records::RecordsCard, stats::StatsCard,
};
use crate::{
    components::{club_page::ClubPage, loaded::loaded},
    resource::Resource,
    state::{t, use_app},
};

pub use crate::components::field::picked;

#[component(inline_props)]
pub fn Athlete(club: String, id: String) -> View {
    let inner = club.clone();
    view! {
        ClubPage(club=club, permission=Permission::AthletesRead, title="nav.athletes") { AthleteDetail(club=inner, id=id) }
    }
}

#[component(inline_props)]
fn AthleteDetail(club: String, id: String) -> View {
    let app = use_app();
    let athlete = {
        let (api, club, id) = (app.api.clone(), club.clone(), id.clone());
        Resource::new(move || {
            let (api, club, id) = (api.clone(), club.clone(), id.clone());
            async move { api.call(|a| a.athlete_get().club(&club).athlete(&id).send()).await }
        })
    };
    let category = {
        let (api, club, id) = (app.api.clone(), club.clone(), id.clone());
        Resource::new(move || {
            let (api, club, id) = (api.clone(), club.clone(), id.clone());
            async move { api.call(|a| a.athlete_category().club(&club).athlete(&id).send()).await }
        })
    };
    let groups = {
        let (api, club) = (app.api.clone(), club.clone());
        Resource::new(move || {
            let (api, club) = (api.clone(), club.clone());
            async move { api.call(|a| a.group_list().club(&club).include_archived(true).send()).await }
        })
    };
    let exercises = {
        let (api, club) = (app.api.clone(), club.clone());
        Resource::new(move || {
            let (api, club) = (api.clone(), club.clone());
            async move { all_exercises(&api, &club).await }
        })
    };
    let profile = {
        let club = club.clone();
        let resource = athlete.clone();
        let groups = groups.clone();
        let category = category.clone();
        loaded(&athlete, move |found| {
            let (club, resource, category, groups) = (club.clone(), resource.clone(), category.clone(), groups.clone());
            view! { ProfileCard(club=club, athlete=found, resource=resource, category=category, groups=groups) }
        })
    };
    let back = format!("/c/{club}/athletes");
    let maxima = {
        let (club, id) = (club.clone(), id.clone());
        view! { MaximaCard(club=club, id=id) }
    };
    let bodyweight = {
        let (club, id) = (club.clone(), id.clone());
        view! { BodyweightCard(club=club, id=id, category=category) }
    };
    let records = {
        let (club, id, exercises) = (club.clone(), id.clone(), exercises.clone());
        view! { RecordsCard(club=club, id=id, exercises=exercises) }
    };
    let estimates = {
        let (club, id) = (club.clone(), id.clone());
        view! { EstimatesCard(club=club, id=id, exercises=exercises) }
    };
    let stats = view! { StatsCard(club=club, id=id) };
    view! {
        div(class="athlete-page") {
            a(class="back-link", href=back, data-testid="back") { "← " (t("athletes.back")) }
            (profile)
            div(class="athlete-grid") { (maxima) (bodyweight) (records) (estimates) }
            (stats)
        }
    }
}
