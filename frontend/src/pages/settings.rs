//! The club's settings page: how the club loads a bar, its intensity zones and its profile.
//! The person's own preferences are on the account page, open to every role.

mod draft;
mod loading;
pub mod preferences;
mod profile;
mod zones;

use dropit_permissions::Permission;
use sycamore::prelude::*;

use crate::{
    components::club_page::ClubPage,
    pages::settings::{loading::LoadingSettings, profile::ClubProfileCard, zones::ZoneSettings},
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
                }
            }
        }
    }
}
