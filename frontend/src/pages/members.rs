//! The members page: who belongs to the club with which role, changing a role or removing
//! someone, and the invitations still waiting to be accepted.

pub mod confirm;
mod invitations;
mod member_table;

use dropit_permissions::Permission;
use dropit_sdk::types::ClubRoleName;
use sycamore::prelude::*;

use crate::{
    components::club_page::ClubPage,
    pages::members::{invitations::Invitations, member_table::MemberTable},
    state::use_app,
};

#[component(inline_props)]
pub fn Members(club: String) -> View {
    let app = use_app();
    let invite = app.can(&club, Permission::MembersInvite);
    let (members_club, invitations_club) = (club.clone(), club.clone());
    view! {
        ClubPage(club=club, permission=Permission::MembersRead, title="nav.members") {
            div(class="club-page") {
                MemberTable(club=members_club)
                (if invite {
                    let club = invitations_club.clone();
                    view! { Invitations(club=club) }
                } else {
                    view! {}
                })
            }
        }
    }
}

/// Every role a club gives, in the order a select lists them.
pub const ROLES: [ClubRoleName; 3] = [ClubRoleName::ClubAdmin, ClubRoleName::Coach, ClubRoleName::Athlete];

/// The role as the API spells it, which is also a select's value.
pub fn role_value(role: ClubRoleName) -> &'static str {
    match role {
        ClubRoleName::ClubAdmin => "club_admin",
        ClubRoleName::Coach => "coach",
        ClubRoleName::Athlete => "athlete",
    }
}

pub fn role_from(value: &str) -> Option<ClubRoleName> {
    ROLES.into_iter().find(|role| role_value(*role) == value)
}

/// The options of a role select, in the person's language. `selected` is marked on its option:
/// a select's value set before its options exist would be lost.
pub fn role_options(selected: ClubRoleName) -> View {
    ROLES
        .into_iter()
        .map(|role| {
            view! { option(value=role_value(role), selected=role == selected) { (crate::pages::invitation::role_text(role)) } }
        })
        .collect::<Vec<View>>()
        .into()
}

/// Keeps `signal` on a select's value. Besides `bind:value`, which follows `input` events: a
/// select may only send `change` (as browser automation does).
pub fn on_choice(signal: Signal<String>) -> impl Fn(web_sys::Event) + Copy {
    move |ev: web_sys::Event| {
        if let Some(select) = crate::components::field::select_of(&ev) {
            signal.set(select.value());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_role_reads_back_from_its_select_value() {
        for role in ROLES {
            assert_eq!(role_from(role_value(role)), Some(role));
        }
        assert_eq!(role_from("platform_operator"), None);
    }
}
