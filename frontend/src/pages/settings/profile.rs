//! The club as the platform knows it: name, address, language and time zone, read only.

use sycamore::prelude::*;

use crate::{
    components::loaded::loaded,
    resource::Resource,
    state::{t, use_app},
};

#[component(inline_props)]
pub fn ClubProfileCard(club: String) -> View {
    let app = use_app();
    let profile = {
        let (api, club) = (app.api.clone(), club.clone());
        Resource::new(move || {
            let (api, club) = (api.clone(), club.clone());
            async move { api.call(|a| a.club_profile().club(&club).send()).await }
        })
    };
    let body = loaded(&profile, |profile| {
        let language = match profile.locale.as_str() {
            "fr" => "Français".to_owned(),
            "en" => "English".to_owned(),
            other => other.to_owned(),
        };
        view! {
            dl(class="facts", data-testid="club-profile") {
                dt { (t("common.name")) } dd { (profile.name) }
                dt { (t("settings.slug")) } dd { code { (profile.slug) } }
                dt { (t("settings.club_language")) } dd { (language) }
                dt { (t("settings.timezone")) } dd { (profile.timezone) }
            }
        }
    });
    view! {
        section(class="card club-section", aria-labelledby="profile-title") {
            h2(id="profile-title") { (t("settings.profile")) }
            (body)
        }
    }
}
