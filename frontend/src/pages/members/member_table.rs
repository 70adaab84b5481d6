//! The club's members: name, email and role, with the role changed in place and a removal
//! that asks first. The API keeps at least one administrator and says so when refused.

use std::rc::Rc;

use dropit_permissions::Permission;
use dropit_sdk::types::{self, Member};
use sycamore::{futures::spawn_local_scoped, prelude::*};
use sycamore_router::navigate;

use crate::{
    components::loaded::{empty, loaded},
    pages::{
        invitation::role_text,
        members::{confirm::Confirm, role_from, role_options, role_value},
    },
    resource::Resource,
    state::{failure_text, t, use_app},
};

#[component(inline_props)]
pub fn MemberTable(club: String) -> View {
    let app = use_app();
    let members = {
        let (api, club) = (app.api.clone(), club.clone());
        Resource::new(move || {
            let (api, club) = (api.clone(), club.clone());
            async move { api.call(|a| a.club_members().club(&club).send()).await }
        })
    };
    let body = loaded(&members, move |list| {
        if list.is_empty() {
            return empty("members.none");
        }
        let club = club.clone();
        view! { Rows(club=club, list=list) }
    });
    view! {
        section(class="card club-section", aria-labelledby="members-title") {
            h2(id="members-title") { (t("members.title")) }
            (body)
        }
    }
}

/// The rows keep their own list, so a change or a removal redraws only what it touches and
/// the keyboard focus stays where it was.
#[component(inline_props)]
fn Rows(club: String, list: Vec<Member>) -> View {
    let rows = create_signal(list);
    // Roles that cannot remove anyone get no empty column for it.
    let actions = use_app()
        .can(&club, Permission::MembersRemove)
        .then(|| view! { th(scope="col") { span(class="visually-hidden") { (t("members.actions")) } } });
    view! {
        div(class="table-wrap") {
            table(class="members-table") {
                thead { tr {
                    th(scope="col") { (t("common.name")) }
                    th(scope="col") { (t("members.email")) }
                    th(scope="col") { (t("members.role")) }
                    (actions)
                } }
                tbody {
                    Keyed(
                        list=rows,
                        view=move |member| { let club = club.clone(); view! { MemberRow(club=club, member=member, rows=rows) } },
                        key=|member| member.user_id.clone(),
                    )
                }
            }
        }
    }
}

#[component(inline_props)]
fn MemberRow(club: String, member: Member, rows: Signal<Vec<Member>>) -> View {
    let app = use_app();
    let can_change = app.can(&club, Permission::MembersUpdateRole);
    let can_remove = app.can(&club, Permission::MembersRemove);
    let myself = app.signed_in().is_some_and(|me| me.profile.id == member.user_id);
    let role = create_signal(role_value(member.role).to_owned());
    let busy = create_signal(false);
    let problem = create_signal(None::<String>);
    let (user, name, email) = (member.user_id.clone(), member.display_name.clone(), member.email.clone());
    let select_id = format!("role-{user}");

    let change_role = {
        let (app, club, user) = (app.clone(), club.clone(), user.clone());
        move |ev: web_sys::Event| {
            // The select's own value: its change may come before the binding saw an input.
            let chosen = crate::components::field::select_of(&ev).map(|s| s.value());
            let Some(wanted) = chosen.as_deref().and_then(role_from) else { return };
            role.set(role_value(wanted).to_owned());
            let before = rows.with(|all| all.iter().find(|m| m.user_id == user).map(|m| m.role));
            let Some(before) = before.filter(|b| *b != wanted) else { return };
            let (app, club, user) = (app.clone(), club.clone(), user.clone());
            busy.set(true);
            problem.set(None);
            spawn_local_scoped(async move {
                let change = types::RoleChange { role: wanted };
                let answer =
                    app.api.call(|a| a.club_member_update().club(&club).user(&user).body(change.clone()).send()).await;
                busy.set(false);
                match answer {
                    Ok(updated) => {
                        rows.update(|all| {
                            all.iter_mut().filter(|m| m.user_id == user).for_each(|m| m.role = updated.role)
                        });
                        app.success("members.role_changed");
                        // Someone who gave up administering leaves the page they may no longer see.
                        if myself && updated.role != types::ClubRoleName::ClubAdmin && app.reload_me().await.is_ok() {
                            navigate(&format!("/c/{club}"));
                        }
                    }
                    Err(failure) => {
                        role.set(role_value(before).to_owned());
                        problem.set(Some(failure_text(&failure)));
                        app.failure(&failure);
                    }
                }
            });
        }
    };

    let remove: Rc<dyn Fn()> = {
        let (app, club, user) = (app.clone(), club.clone(), user.clone());
        Rc::new(move || {
            let (app, club, user) = (app.clone(), club.clone(), user.clone());
            busy.set(true);
            problem.set(None);
            spawn_local_scoped(async move {
                match app.api.call(|a| a.club_member_remove().club(&club).user(&user).send()).await {
                    Ok(()) => {
                        busy.set(false);
                        app.success("members.removed");
                        // Someone who left the club goes to the start; the row goes last, since
                        // removing it ends this task.
                        if myself {
                            if app.reload_me().await.is_ok() {
                                navigate("/");
                            }
                        } else {
                            rows.update(|all| all.retain(|m| m.user_id != user));
                        }
                    }
                    Err(failure) => {
                        busy.set(false);
                        problem.set(Some(failure_text(&failure)));
                        app.failure(&failure);
                    }
                }
            });
        })
    };

    let role_cell = if can_change {
        let label = t("members.role_of").replace("{name}", &name);
        let options = role_options(member.role);
        let select_for = select_id.clone();
        view! {
            label(class="visually-hidden", r#for=select_for) { (label) }
            select(id=select_id, data-testid="member-role", bind:value=role, on:change=change_role,
                disabled=move || busy.get()) { (options) }
        }
    } else {
        view! { (role_text(member.role)) }
    };
    let remove_cell = can_remove.then(|| {
        let question = t("members.remove_question").replace("{name}", &name);
        view! {
            td(class="row-actions") {
                Confirm(label="members.remove", question=question, testid="member-remove", busy=*busy, action=remove)
            }
        }
    });
    let you = myself.then(|| view! { " " span(class="badge") { (t("members.you")) } });
    let shown_email = email.clone();
    view! {
        tr(data-testid="member-row", data-email=email) {
            td { (name) (you) }
            td(class="members-email") { (shown_email) }
            td {
                (role_cell)
                (move || problem.get_clone().map(|text| view! { p(class="field-error", role="alert", data-testid="member-error") { (text) } }))
            }
            (remove_cell)
        }
    }
}
