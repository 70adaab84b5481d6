//! The club's settings page: how the club loads a bar, its intensity zones and its profile,
//! then the person's own preferences (language, password, sessions).

mod draft;
mod loading;
mod preferences;
mod profile;
mod zones;

use dropit_permissions::Permission;
use sycamore::prelude::*;

use crate::{
    components::club_page::ClubPage,
    pages::settings::{
        loading::LoadingSettings, preferences::Preferences, profile::ClubProfileCard, zones::ZoneSettings,
    },
};

#[component(inline_props)]
pub fn Settings(club: String) -> View {
    let (loading_club, zones_club, profile_club) = (club.clone(), club.clone(), club.clone());
    view! {
        ClubPage(club=club, permission=Permission::ClubUpdate, title="nav.settings") {
            div(class="settings-layout") {
                div(class="settings-column") {
                    LoadingSettings(club=loading_club)
                }
                div(class="settings-column") {
                    ZoneSettings(club=zones_club)
                    ClubProfileCard(club=profile_club)
                    Preferences()
                }
            }
        }
    }
}
