//! Invitations: inviting someone by email with a role, the link to share by hand (the email
//! may not arrive), and the invitations not yet accepted, to send again or revoke.

use std::rc::Rc;

use dropit_sdk::types::{self, ClubRoleName, InvitationSummary, IssuedInvitation};
use sycamore::{futures::spawn_local_scoped, prelude::*};
use wasm_bindgen::JsCast;

use crate::{
    components::{
        field::Form,
        loaded::{empty, loaded},
    },
    format,
    pages::{
        invitation::role_text,
        members::{confirm::Confirm, on_choice, role_from, role_options},
    },
    resource::Resource,
    state::{t, use_app},
    validation,
};

/// The last link the API returned, with the address it was made for.
#[derive(Clone, PartialEq)]
struct SharedLink {
    email: String,
    link: String,
    emailed: bool,
}

impl From<IssuedInvitation> for SharedLink {
    fn from(issued: IssuedInvitation) -> Self {
        Self { email: issued.invitation.email, link: issued.link, emailed: issued.emailed }
    }
}

#[component(inline_props)]
pub fn Invitations(club: String) -> View {
    let app = use_app();
    let pending = {
        let (api, club) = (app.api.clone(), club.clone());
        Resource::new(move || {
            let (api, club) = (api.clone(), club.clone());
            async move { api.call(|a| a.invitation_list().club(&club).send()).await }
        })
    };
    let shared = create_signal(None::<SharedLink>);
    let list_club = club.clone();
    let list = loaded(&pending, move |list| {
        if list.is_empty() {
            return empty("members.no_invitations");
        }
        let club = list_club.clone();
        view! { InvitationRows(club=club, list=list, shared=shared) }
    });
    view! {
        section(class="card club-section", aria-labelledby="invitations-title") {
            h2(id="invitations-title") { (t("members.invitations")) }
            InviteForm(club=club, pending=pending, shared=shared)
            (move || shared.get_clone().map(|shared| view! { LinkToShare(shared=shared) }))
            (list)
        }
    }
}

#[component(inline_props)]
fn InviteForm(club: String, pending: Resource<Vec<InvitationSummary>>, shared: Signal<Option<SharedLink>>) -> View {
    let app = use_app();
    let email = create_signal(String::new());
    let role = create_signal("coach".to_owned());
    let form = Form::new();
    let problem = form.problem("email", email, validation::email);
    let submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        if !form.start(validation::email(&email.get_clone()).is_none()) {
            return;
        }
        let (app, club, pending) = (app.clone(), club.clone(), pending.clone());
        spawn_local_scoped(async move {
            let request = types::InvitationRequest {
                email: email.get_clone().trim().to_owned(),
                role: role_from(&role.get_clone()).unwrap_or(ClubRoleName::Coach),
                athlete_id: None,
            };
            match app.api.call(|a| a.invitation_create().club(&club).body(request.clone()).send()).await {
                Ok(issued) => {
                    form.done(None);
                    form.submitted.set(false);
                    email.set(String::new());
                    app.success("members.invited");
                    shared.set(Some(issued.into()));
                    pending.reload();
                }
                Err(failure) => {
                    app.failure(&failure);
                    form.done(Some(&failure));
                }
            }
        });
    };
    view! {
        form(class="invite-form", on:submit=submit, novalidate=true, data-testid="invite-form") {
            div(class="field invite-email") {
                label(r#for="invite-email") { (t("members.invite_email")) }
                input(id="invite-email", name="email", r#type="email", autocomplete="off", bind:value=email,
                    data-testid="invite-email", aria-describedby="invite-email-error",
                    aria-invalid=move || if problem.with(Option::is_some) { "true" } else { "false" })
                p(id="invite-email-error", class="field-error") { (move || problem.get_clone().unwrap_or_default()) }
            }
            div(class="field") {
                label(r#for="invite-role") { (t("members.role")) }
                select(id="invite-role", data-testid="invite-role", bind:value=role, on:change=on_choice(role)) { (role_options(ClubRoleName::Coach)) }
            }
            button(class="button button-primary", r#type="submit", data-testid="invite-send", disabled=move || form.busy.get()) {
                (t("members.invite"))
            }
        }
    }
}

/// The link to copy: selected on focus, and a button that puts it on the clipboard.
#[component(inline_props)]
fn LinkToShare(shared: SharedLink) -> View {
    let app = use_app();
    let SharedLink { email, link, emailed } = shared;
    let intro = t("members.link_for").replace("{email}", &email);
    let to_copy = link.clone();
    let copy = move |_| {
        let (app, link) = (app.clone(), to_copy.clone());
        spawn_local_scoped(async move {
            if copy_to_clipboard(&link).await {
                app.success("members.link_copied");
            }
        });
    };
    let select_all = |ev: web_sys::FocusEvent| {
        if let Some(input) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok()) {
            input.select();
        }
    };
    view! {
        div(class="invitation-link", role="status") {
            (if emailed { view! {} } else { view! { p(class="form-error") { (t("members.not_emailed")) } } })
            label(r#for="invitation-link") { (intro) }
            p(class="hint") { (t("members.link_hint")) }
            div(class="row") {
                input(id="invitation-link", class="copy-link", readonly=true, value=link, data-testid="invitation-link",
                    on:focus=select_all)
                button(class="button", r#type="button", data-testid="invitation-copy", on:click=copy) { (t("members.copy")) }
            }
        }
    }
}

/// Writes `text` to the clipboard. The Clipboard API is reached by name so the shared list of
/// web-sys features stays as it is; a browser without it (or a refusal) answers false.
async fn copy_to_clipboard(text: &str) -> bool {
    let Some(window) = web_sys::window() else { return false };
    let clipboard = js_sys::Reflect::get(&window.navigator(), &"clipboard".into()).unwrap_or_default();
    let write = js_sys::Reflect::get(&clipboard, &"writeText".into()).unwrap_or_default();
    let Some(write) = write.dyn_ref::<js_sys::Function>() else { return false };
    match write.call1(&clipboard, &text.into()).map(|p| p.dyn_into::<js_sys::Promise>()) {
        Ok(Ok(promise)) => wasm_bindgen_futures::JsFuture::from(promise).await.is_ok(),
        _ => false,
    }
}

#[component(inline_props)]
fn InvitationRows(club: String, list: Vec<InvitationSummary>, shared: Signal<Option<SharedLink>>) -> View {
    let rows = create_signal(list);
    view! {
        div(class="table-wrap") {
            table(class="invitations-table") {
                thead { tr {
                    th(scope="col") { (t("members.email")) }
                    th(scope="col") { (t("members.role")) }
                    th(scope="col") { (t("members.expires")) }
                    th(scope="col") { span(class="visually-hidden") { (t("members.actions")) } }
                } }
                tbody {
                    Keyed(
                        list=rows,
                        view=move |invitation| { let club = club.clone(); view! { InvitationRow(club=club, invitation=invitation, rows=rows, shared=shared) } },
                        key=|invitation| invitation.id.clone(),
                    )
                }
            }
        }
    }
}

#[component(inline_props)]
fn InvitationRow(
    club: String,
    invitation: InvitationSummary,
    rows: Signal<Vec<InvitationSummary>>,
    shared: Signal<Option<SharedLink>>,
) -> View {
    let app = use_app();
    let locale = app.locale.get_untracked();
    // Sending again gives a new expiry; the row shows the latest.
    let current = create_signal(invitation.clone());
    let busy = create_signal(false);
    let id = invitation.id.clone();

    let resend = {
        let (app, club, id) = (app.clone(), club.clone(), id.clone());
        move |_| {
            let (app, club, id) = (app.clone(), club.clone(), id.clone());
            busy.set(true);
            spawn_local_scoped(async move {
                let answer = app.api.call(|a| a.invitation_resend().club(&club).id(&id).send()).await;
                busy.set(false);
                match answer {
                    Ok(issued) => {
                        app.success("members.resent");
                        current.set(issued.invitation.clone());
                        shared.set(Some(issued.into()));
                    }
                    Err(failure) => app.failure(&failure),
                }
            });
        }
    };
    let revoke: Rc<dyn Fn()> = {
        let (app, club, id) = (app.clone(), club.clone(), id.clone());
        Rc::new(move || {
            let (app, club, id) = (app.clone(), club.clone(), id.clone());
            busy.set(true);
            spawn_local_scoped(async move {
                let answer = app.api.call(|a| a.invitation_revoke().club(&club).id(&id).send()).await;
                busy.set(false);
                match answer {
                    Ok(()) => {
                        app.success("members.revoked");
                        // Removing the row ends this task: it comes last.
                        rows.update(|all| all.retain(|i| i.id != id));
                    }
                    Err(failure) => app.failure(&failure),
                }
            });
        })
    };
    let question = t("members.revoke_question").replace("{email}", &invitation.email);
    let (email, row_email) = (invitation.email.clone(), invitation.email.clone());
    view! {
        tr(data-testid="invitation-row", data-email=row_email,
            class=move || if current.with(|i| i.expired) { "invitation expired" } else { "invitation" }) {
            td { (email) }
            td { (role_text(invitation.role)) }
            td {
                (move || {
                    let now = current.get_clone();
                    let when = format::date(now.expires_at.get(..10).unwrap_or(&now.expires_at), locale);
                    if now.expired {
                        view! { span(class="badge badge-bad", data-testid="invitation-expired") { (t("members.expired")) } " " (when) }
                    } else {
                        view! { (when) }
                    }
                })
            }
            td(class="row-actions") {
                button(class="button", r#type="button", data-testid="invitation-resend", disabled=move || busy.get(), on:click=resend) {
                    (t("members.resend"))
                }
                Confirm(label="members.revoke", question=question, testid="invitation-revoke", busy=*busy, action=revoke)
            }
        }
    }
}
