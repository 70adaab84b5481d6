//! The club's groups beside the athletes list: who trains together or is picked for a
//! competition. A coach creates, renames and archives them and picks their members.

use std::rc::Rc;

use dropit_permissions::Permission;
use dropit_sdk::types::{GroupBody, GroupInput, GroupKindName};
use sycamore::{futures::spawn_local_scoped, prelude::*};

use super::{catalogue::all_athletes, picked};
use crate::{
    components::loaded::{empty, loaded},
    resource::Resource,
    state::{t, use_app},
};

pub fn kind_text(kind: GroupKindName) -> &'static str {
    match kind {
        GroupKindName::Training => t("athletes.group_training"),
        GroupKindName::Squad => t("athletes.group_squad"),
    }
}

fn kind_of(raw: &str) -> GroupKindName {
    if raw == "squad" { GroupKindName::Squad } else { GroupKindName::Training }
}

#[component(inline_props)]
pub fn GroupsPanel(club: String, groups: Resource<Vec<GroupBody>>, on_change: Rc<dyn Fn()>) -> View {
    let app = use_app();
    let can_write = app.can(&club, Permission::AthletesWrite);
    let editing = create_signal(None::<String>);
    let show_archived = create_signal(false);

    let list = loaded(&groups, move |list| {
        if list.is_empty() {
            return empty("athletes.no_groups");
        }
        // Archived groups are kept to be restored, out of the way until asked for.
        let shown = show_archived.get();
        let list: Vec<GroupBody> = list.into_iter().filter(|g| shown || !g.archived).collect();
        if list.is_empty() {
            return empty("athletes.no_groups");
        }
        let rows: Vec<View> = list
            .into_iter()
            .map(|group| {
                let id = group.id.clone();
                let name = group.name.clone();
                let label = format!("{} {}", t("common.edit"), group.name);
                let count = group.athlete_ids.len().to_string();
                let archived =
                    group.archived.then(|| view! { span(class="badge badge-bad") { (t("common.archived")) } });
                let edit = can_write.then(|| {
                    let id = id.clone();
                    view! {
                        button(class="button button-quiet", r#type="button", aria-label=label, data-testid="group-edit",
                            on:click=move |_| editing.set(Some(id.clone()))) { (t("common.edit")) }
                    }
                });
                let data_name = name.clone();
                let kind = kind_text(group.kind);
                view! {
                    li(class="group-item", data-testid="group", data-name=data_name) {
                        div(class="group-text") {
                            span(class="group-name") { (name) }
                            div(class="group-meta") {
                                span(class="badge") { (kind) }
                                span(class="hint") { (count) " " (t("athletes.members_short")) }
                                (archived)
                            }
                        }
                        (edit)
                    }
                }
            })
            .collect();
        view! { ul(class="group-list") { (rows) } }
    });

    let editor = {
        let (club, on_change, groups) = (club.clone(), on_change.clone(), groups.clone());
        move || {
            let id = editing.get_clone()?;
            let group = groups.ready()?.into_iter().find(|g| g.id == id)?;
            let (club, on_change, groups) = (club.clone(), on_change.clone(), groups.clone());
            let saved: Rc<dyn Fn(GroupBody)> = Rc::new(move |saved: GroupBody| {
                groups.update(|list| {
                    if let Some(slot) = list.iter_mut().find(|g| g.id == saved.id) {
                        *slot = saved.clone();
                    }
                });
                editing.set(None);
                on_change();
            });
            let cancel: Rc<dyn Fn()> = Rc::new(move || editing.set(None));
            Some(view! { GroupEditor(club=club, group=group, on_saved=saved, on_cancel=cancel) })
        }
    };

    let new_group = can_write.then(|| view! { NewGroup(club=club, groups=groups) });
    view! {
        section(class="card groups", aria-labelledby="groups-title", data-testid="groups") {
            h2(id="groups-title") { (t("athletes.groups")) }
            (list)
            label(class="check") {
                input(r#type="checkbox", data-testid="groups-archived", bind:checked=show_archived)
                (t("athletes.show_archived_groups"))
            }
            (editor)
            (new_group)
        }
    }
}

#[component(inline_props)]
fn NewGroup(club: String, groups: Resource<Vec<GroupBody>>) -> View {
    let app = use_app();
    let name = create_signal(String::new());
    let kind = create_signal("training".to_owned());
    let busy = create_signal(false);
    let problem = create_signal(None::<&'static str>);
    let submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let chosen = name.get_clone().trim().to_owned();
        if chosen.is_empty() || chosen.chars().count() > 80 {
            problem.set(Some(if chosen.is_empty() { t("validation.required") } else { t("validation.too_long") }));
            return;
        }
        problem.set(None);
        busy.set(true);
        let (app, club, groups) = (app.clone(), club.clone(), groups.clone());
        spawn_local_scoped(async move {
            let input = GroupInput {
                name: chosen,
                kind: Some(kind_of(&kind.get_clone())),
                athlete_ids: Vec::new(),
                archived: false,
            };
            match app.api.call(|a| a.group_create().club(&club).body(input.clone()).send()).await {
                Ok(group) => {
                    name.set(String::new());
                    app.success("athletes.group_created");
                    groups.update(|list| list.push(group));
                }
                Err(failure) => app.failure(&failure),
            }
            busy.set(false);
        });
    };
    view! {
        form(class="form new-group", on:submit=submit, novalidate=true, data-testid="group-new") {
            h3 { (t("athletes.new_group")) }
            div(class="field") {
                label(r#for="group-new-name") { (t("common.name")) }
                input(id="group-new-name", name="group_name", bind:value=name, aria-describedby="group-new-error",
                    aria-invalid=move || if problem.with(Option::is_some) { "true" } else { "false" })
                p(id="group-new-error", class="field-error") { (move || problem.get().unwrap_or_default()) }
            }
            div(class="field") {
                label(r#for="group-new-kind") { (t("athletes.group_kind")) }
                select(id="group-new-kind", name="group_kind", bind:value=kind, on:change=picked(kind)) {
                    option(value="training") { (t("athletes.group_training")) }
                    option(value="squad") { (t("athletes.group_squad")) }
                }
            }
            div(class="actions") {
                button(class="button", r#type="submit", disabled=move || busy.get()) { (t("athletes.create_group")) }
            }
        }
    }
}

/// Renames a group, changes its kind, archives or restores it, and sets its members.
#[component(inline_props)]
fn GroupEditor(club: String, group: GroupBody, on_saved: Rc<dyn Fn(GroupBody)>, on_cancel: Rc<dyn Fn()>) -> View {
    let app = use_app();
    let name = create_signal(group.name.clone());
    let kind = create_signal(match group.kind {
        GroupKindName::Training => "training".to_owned(),
        GroupKindName::Squad => "squad".to_owned(),
    });
    let archived = create_signal(group.archived);
    let members = create_signal(group.athlete_ids.clone());
    let busy = create_signal(false);
    let problem = create_signal(None::<&'static str>);
    let athletes = {
        let (api, club) = (app.api.clone(), club.clone());
        Resource::new(move || {
            let (api, club) = (api.clone(), club.clone());
            async move { all_athletes(&api, &club).await }
        })
    };
    let picker = loaded(&athletes, move |athletes| {
        if athletes.is_empty() {
            return empty("athletes.nothing_yet");
        }
        let boxes: Vec<View> = athletes
            .into_iter()
            .map(|athlete| {
                let id = athlete.id.clone();
                let checked = members.with_untracked(|m| m.contains(&id));
                let toggle = move |_| {
                    members.update(|m| {
                        if let Some(at) = m.iter().position(|x| *x == id) {
                            m.remove(at);
                        } else {
                            m.push(id.clone());
                        }
                    })
                };
                view! {
                    li { label(class="check") { input(r#type="checkbox", checked=checked, on:change=toggle) (athlete.name) } }
                }
            })
            .collect();
        view! { ul(class="member-picker", data-testid="group-members") { (boxes) } }
    });
    let group_id = group.id.clone();
    let submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let chosen = name.get_clone().trim().to_owned();
        if chosen.is_empty() || chosen.chars().count() > 80 {
            problem.set(Some(if chosen.is_empty() { t("validation.required") } else { t("validation.too_long") }));
            return;
        }
        problem.set(None);
        busy.set(true);
        let (app, club, id, on_saved) = (app.clone(), club.clone(), group_id.clone(), on_saved.clone());
        spawn_local_scoped(async move {
            let input = GroupInput {
                name: chosen,
                kind: Some(kind_of(&kind.get_clone())),
                athlete_ids: members.get_clone(),
                archived: archived.get(),
            };
            let outcome = app.api.call(|a| a.group_update().club(&club).group(&id).body(input.clone()).send()).await;
            busy.set(false);
            match outcome {
                Ok(group) => {
                    app.success("athletes.group_saved");
                    // Last: it closes this editor.
                    on_saved(group);
                }
                Err(failure) => app.failure(&failure),
            }
        });
    };
    let cancel = move |_| on_cancel();
    view! {
        form(class="form group-editor", on:submit=submit, novalidate=true, data-testid="group-editor") {
            h3 { (t("athletes.edit_group")) }
            div(class="field") {
                label(r#for="group-edit-name") { (t("common.name")) }
                input(id="group-edit-name", name="group_name", bind:value=name, aria-describedby="group-edit-error",
                    aria-invalid=move || if problem.with(Option::is_some) { "true" } else { "false" })
                p(id="group-edit-error", class="field-error") { (move || problem.get().unwrap_or_default()) }
            }
            div(class="field") {
                label(r#for="group-edit-kind") { (t("athletes.group_kind")) }
                select(id="group-edit-kind", name="group_kind", bind:value=kind, on:change=picked(kind)) {
                    option(value="training") { (t("athletes.group_training")) }
                    option(value="squad") { (t("athletes.group_squad")) }
                }
            }
            label(class="check") { input(r#type="checkbox", name="group_archived", bind:checked=archived) (t("athletes.group_archived")) }
            fieldset(class="members") {
                legend { (t("athletes.members")) }
                (picker)
            }
            div(class="actions") {
                button(class="button button-quiet", r#type="button", on:click=cancel) { (t("common.cancel")) }
                button(class="button button-primary", r#type="submit", data-testid="group-save", disabled=move || busy.get()) { (t("common.save")) }
            }
        }
    }
}
