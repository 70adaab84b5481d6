//! The head of an athlete's page: who they are, their weight category today, their account,
//! and the profile form to change it.

use std::rc::Rc;

use dropit_permissions::Permission;
use dropit_sdk::types::{AthleteBody, CategoryBody, GroupBody};
use sycamore::prelude::*;

use super::{form::AthleteForm, invite::InviteAthlete, words};
use crate::{
    components::loaded::loaded,
    format,
    resource::Resource,
    state::{t, use_app},
};

#[component(inline_props)]
pub fn ProfileCard(
    club: String,
    athlete: AthleteBody,
    resource: Resource<AthleteBody>,
    category: Resource<CategoryBody>,
    groups: Resource<Vec<GroupBody>>,
) -> View {
    let app = use_app();
    let locale = app.locale.get_untracked();
    let can_write = app.can(&club, Permission::AthletesWrite);
    let editing = create_signal(false);
    let invited = create_signal(athlete.invited);

    let (account, badge) = words::account(&athlete);
    let managed = athlete.user_id.is_none() && !athlete.invited;
    let account_badge = move || {
        if managed && invited.get() {
            view! { span(class="badge", data-testid="account-status") { (t("athletes.account_invited")) } }
        } else {
            view! { span(class=badge, data-testid="account-status") { (account) } }
        }
    };
    let archived = athlete.archived.then(|| view! { span(class="badge badge-bad") { (t("common.archived")) } });
    let birth = athlete.birth_date.as_deref().map_or_else(|| "–".to_owned(), |d| format::date(d, locale));
    let bar = athlete.bar_kg.map_or_else(|| t("athletes.club_bar").to_owned(), |b| format::kg(b, locale));
    let level = if athlete.level.is_empty() { "–".to_owned() } else { athlete.level.clone() };
    let notes = athlete.notes.clone();
    let group_ids = athlete.group_ids.clone();
    let group_names = move || {
        let known = groups.ready().unwrap_or_default();
        let names: Vec<String> = group_ids
            .iter()
            .filter_map(|id| known.iter().find(|g| g.id == *id && !g.archived).map(|g| g.name.clone()))
            .collect();
        if names.is_empty() { "–".to_owned() } else { names.join(", ") }
    };

    let category_view = loaded(&category, move |found| {
        let text = match (&found.category, &found.problem) {
            (Some(label), _) => words::category(label),
            (None, Some(problem)) => words::category_problem(problem).to_owned(),
            (None, None) => t("athletes.category_unknown").to_owned(),
        };
        let detail = match (found.bodyweight_kg, &found.weighed_on, &found.set_name) {
            (Some(kg), Some(on), set) => {
                let set = set.as_ref().map(|s| format!(" · {s}")).unwrap_or_default();
                format!("{} {} {}{set}", format::kg(kg, locale), t("athletes.weighed_on"), format::date(on, locale))
            }
            _ => String::new(),
        };
        view! {
            div(class="figure") {
                dt { (t("athletes.category")) }
                dd(data-testid="category") { (text) }
                dd(class="hint") { (detail) }
            }
        }
    });

    let edit_form = {
        let (club, athlete) = (club.clone(), athlete.clone());
        let (resource, category) = (resource.clone(), category.clone());
        move || {
            editing.get().then(|| {
                let (club, athlete, resource, category) =
                    (club.clone(), athlete.clone(), resource.clone(), category.clone());
                let saved: Rc<dyn Fn(AthleteBody)> = Rc::new(move |saved: AthleteBody| {
                    category.reload();
                    // Last: the card is drawn again with the saved profile.
                    resource.update(|a| *a = saved);
                });
                let cancel: Rc<dyn Fn()> = Rc::new(move || editing.set(false));
                view! { AthleteForm(club=club, athlete=athlete, on_saved=saved, on_cancel=cancel) }
            })
        }
    };

    let can_invite = app.can(&club, Permission::MembersInvite) && athlete.user_id.is_none() && !athlete.invited;
    let name = athlete.name.clone();
    let sex = words::sex(athlete.sex);
    let invite = can_invite.then(|| view! { InviteAthlete(club=club, athlete_id=athlete.id, invited=invited) });
    view! {
        section(class="card profile", aria-labelledby="athlete-name", data-testid="profile") {
            div(class="profile-head") {
                h2(id="athlete-name", data-testid="athlete-name") { (name) }
                (account_badge)
                (archived)
                span(class="spacer")
                (can_write.then(|| view! {
                    button(class="button", r#type="button", data-testid="athlete-edit",
                        aria-expanded=move || if editing.get() { "true" } else { "false" },
                        on:click=move |_| editing.set(!editing.get())) { (t("common.edit")) }
                }))
            }
            dl(class="figures profile-facts", hidden=move || editing.get()) {
                div(class="figure") { dt { (t("athletes.sex")) } dd { (sex) } }
                div(class="figure") { dt { (t("athletes.birth_date")) } dd { (birth) } }
                div(class="figure") { dt { (t("athletes.level")) } dd { (level) } }
                div(class="figure") { dt { (t("athletes.bar_kg")) } dd { (bar) } }
                div(class="figure") { dt { (t("athletes.groups")) } dd { (group_names) } }
                (category_view)
            }
            (move || (!notes.is_empty() && !editing.get()).then(|| {
                let notes = notes.clone();
                view! { p(class="notes") { (notes) } }
            }))
            (edit_form)
            (invite)
        }
    }
}
