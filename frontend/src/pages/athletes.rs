//! The club's athletes: found by name or group, with their account's state; a coach adds an
//! athlete and manages the groups beside the list.

use std::rc::Rc;

use dropit_permissions::Permission;
use dropit_sdk::types::{AthleteBody, AthletePage, GroupBody};
use sycamore::prelude::*;

use crate::{
    components::{
        club_page::ClubPage,
        loaded::{empty, loaded},
        toasts::after,
    },
    pages::athlete::{form::AthleteForm, groups::GroupsPanel, picked, rules::page_count, words},
    resource::Resource,
    state::{t, use_app},
};

const PER_PAGE: u32 = 25;
/// How long typing must pause before the list is searched again.
const DEBOUNCE_MS: i32 = 300;

#[component(inline_props)]
pub fn Athletes(club: String) -> View {
    let inner = club.clone();
    view! { ClubPage(club=club, permission=Permission::AthletesRead, title="nav.athletes") { AthleteList(club=inner) } }
}

/// What the list shows: the search, the group, archived athletes or not, the page, and a count
/// of changes so a write shows at once.
#[derive(Clone, Debug, PartialEq)]
struct Query {
    text: String,
    group: String,
    archived: bool,
    page: u32,
    changes: u32,
}

#[component(inline_props)]
fn AthleteList(club: String) -> View {
    let app = use_app();
    let can_write = app.can(&club, Permission::AthletesWrite);
    let typed = create_signal(String::new());
    let text = create_signal(String::new());
    let group = create_signal(String::new());
    let archived = create_signal(false);
    let page = create_signal(1u32);
    let changes = create_signal(0u32);
    let creating = create_signal(false);

    let groups = {
        let (api, club) = (app.api.clone(), club.clone());
        Resource::new(move || {
            let (api, club) = (api.clone(), club.clone());
            async move { api.call(|a| a.group_list().club(&club).include_archived(true).send()).await }
        })
    };

    // The search runs once typing pauses; a newer keystroke makes an older wait moot.
    let search = move |_| {
        let now = typed.get_clone();
        after(DEBOUNCE_MS, move || {
            if text.is_alive() && typed.get_clone_untracked() == now && text.get_clone_untracked() != now {
                text.set(now);
                page.set(1);
            }
        });
    };

    let query = create_memo(move || Query {
        text: text.get_clone(),
        group: group.get_clone(),
        archived: archived.get(),
        page: page.get(),
        changes: changes.get(),
    });

    let table = {
        let (api, club, groups) = (app.api.clone(), club.clone(), groups.clone());
        move || {
            let asked = query.get_clone();
            let found = {
                let (api, club, asked) = (api.clone(), club.clone(), asked.clone());
                Resource::new(move || {
                    let (api, club, asked) = (api.clone(), club.clone(), asked.clone());
                    async move {
                        api.call(|a| {
                            let mut request = a
                                .athlete_list()
                                .club(&club)
                                .include_archived(asked.archived)
                                .page(asked.page)
                                .per_page(PER_PAGE);
                            if !asked.text.trim().is_empty() {
                                request = request.q(asked.text.clone());
                            }
                            if !asked.group.is_empty() {
                                request = request.group_id(asked.group.clone());
                            }
                            request.send()
                        })
                        .await
                    }
                })
            };
            let (club, groups) = (club.clone(), groups.clone());
            loaded(&found, move |found| {
                let (club, known) = (club.clone(), groups.ready().unwrap_or_default());
                view! { AthleteTable(club=club, found=found, groups=known, page=page) }
            })
        }
    };

    let group_options = {
        let groups = groups.clone();
        move || {
            groups
                .ready()
                .unwrap_or_default()
                .into_iter()
                .filter(|g| !g.archived)
                .map(|g| {
                    // Drawn again when a group is added: the choice stays chosen.
                    let selected = group.get_clone_untracked() == g.id;
                    view! { option(value=g.id, selected=selected) { (g.name) } }
                })
                .collect::<Vec<View>>()
        }
    };

    let new_form = {
        let club = club.clone();
        move || {
            creating.get().then(|| {
                let saved: Rc<dyn Fn(AthleteBody)> = Rc::new(move |_| {
                    creating.set(false);
                    changes.update(|c| *c += 1);
                });
                let cancel: Rc<dyn Fn()> = Rc::new(move || creating.set(false));
                let club = club.clone();
                view! { AthleteForm(club=club, on_saved=saved, on_cancel=cancel) }
            })
        }
    };
    let mut pick_group = picked(group);
    let choose_group = move |ev: web_sys::Event| {
        pick_group(ev);
        page.set(1);
    };
    let group_change: Rc<dyn Fn()> = Rc::new(move || changes.update(|c| *c += 1));
    let panel = view! { GroupsPanel(club=club, groups=groups, on_change=group_change) };

    view! {
        div(class="athletes-layout") {
            div(class="athletes-main") {
                div(class="toolbar", role="search") {
                    div(class="field") {
                        label(r#for="athlete-search") { (t("common.search")) }
                        input(id="athlete-search", r#type="search", data-testid="athlete-search", autocomplete="off",
                            placeholder=t("athletes.search_hint"), bind:value=typed, on:input=search)
                    }
                    div(class="field") {
                        label(r#for="athlete-group") { (t("athletes.group")) }
                        select(id="athlete-group", data-testid="athlete-group", bind:value=group,
                            on:change=choose_group) {
                            option(value="") { (t("athletes.all_groups")) }
                            (group_options)
                        }
                    }
                    label(class="check") {
                        input(r#type="checkbox", data-testid="athlete-archived", bind:checked=archived,
                            on:change=move |_| page.set(1))
                        (t("athletes.include_archived"))
                    }
                    span(class="spacer")
                    (can_write.then(|| view! {
                        button(class="button button-primary", r#type="button", data-testid="athlete-new",
                            aria-expanded=move || if creating.get() { "true" } else { "false" },
                            on:click=move |_| creating.set(!creating.get())) { (t("athletes.new")) }
                    }))
                }
                (new_form)
                (table)
            }
            (panel)
        }
    }
}

/// One page of athletes and the way to the others.
#[component(inline_props)]
fn AthleteTable(club: String, found: AthletePage, groups: Vec<GroupBody>, page: Signal<u32>) -> View {
    if found.items.is_empty() {
        return empty("athletes.nothing_found");
    }
    let pages = page_count(found.total, found.per_page);
    let current = found.page;
    let rows: Vec<View> = found
        .items
        .into_iter()
        .map(|athlete| {
            let href = format!("/c/{club}/athletes/{}", athlete.id);
            let names: Vec<String> = athlete
                .group_ids
                .iter()
                .filter_map(|id| groups.iter().find(|g| g.id == *id && !g.archived).map(|g| g.name.clone()))
                .collect();
            let (account, badge) = words::account(&athlete);
            let archived =
                athlete.archived.then(|| view! { " " span(class="badge badge-bad") { (t("common.archived")) } });
            let level = if athlete.level.is_empty() { "–".to_owned() } else { athlete.level.clone() };
            let (name, data_name) = (athlete.name.clone(), athlete.name.clone());
            let sex = words::sex(athlete.sex);
            let groups_text = if names.is_empty() { "–".to_owned() } else { names.join(", ") };
            view! {
                tr(data-testid="athlete-row", data-name=data_name) {
                    td { a(href=href) { (name) } (archived) }
                    td { (sex) }
                    td { (level) }
                    td { (groups_text) }
                    td { span(class=badge) { (account) } }
                }
            }
        })
        .collect();
    let summary = format!("{} {current} / {pages} · {} {}", t("athletes.page"), found.total, t("athletes.count"));
    view! {
        div(class="table-wrap") {
            table(data-testid="athletes") {
                caption(class="visually-hidden") { (t("nav.athletes")) }
                thead { tr {
                    th(scope="col") { (t("common.name")) }
                    th(scope="col") { (t("athletes.sex")) }
                    th(scope="col") { (t("athletes.level")) }
                    th(scope="col") { (t("athletes.groups")) }
                    th(scope="col") { (t("athletes.account")) }
                } }
                tbody { (rows) }
            }
        }
        nav(class="pager", aria-label=t("athletes.pages")) {
            button(class="button", r#type="button", disabled=current <= 1, data-testid="page-previous",
                on:click=move |_| page.set(current.saturating_sub(1).max(1))) { (t("athletes.previous")) }
            span(class="hint", aria-live="polite") { (summary) }
            button(class="button", r#type="button", disabled=current >= pages, data-testid="page-next",
                on:click=move |_| page.set(current + 1)) { (t("athletes.next")) }
        }
    }
}
