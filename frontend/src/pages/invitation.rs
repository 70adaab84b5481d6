//! An invitation link: who invites whom to which club, then joining with the current account
//! or a new one.

use dropit_sdk::types;
use sycamore::{futures::spawn_local_scoped, prelude::*};
use sycamore_router::navigate;

use crate::{
    components::{
        field::{Field, Form},
        loaded::loaded,
    },
    pages::{public::PublicFrame, sign_up::language_of},
    resource::Resource,
    state::{AppState, failure_text, t, use_app},
    validation,
};

pub fn role_text(role: types::ClubRoleName) -> &'static str {
    match role {
        types::ClubRoleName::ClubAdmin => t("role.club_admin"),
        types::ClubRoleName::Coach => t("role.coach"),
        types::ClubRoleName::Athlete => t("role.athlete"),
    }
}

#[component(inline_props)]
pub fn Invitation(token: String) -> View {
    let app = use_app();
    let preview = {
        let (api, token) = (app.api.clone(), token.clone());
        Resource::new(move || {
            let (api, token) = (api.clone(), token.clone());
            async move { api.call(|a| a.invitation_preview().token(&token).send()).await }
        })
    };
    let body = loaded(&preview, move |invitation| {
        let summary = format!("{} · {}", invitation.club_name, role_text(invitation.role));
        let token = token.clone();
        let email = invitation.email.clone();
        let shown_email = email.clone();
        let action = match app.signed_in() {
            Some(me) if me.profile.email == email => view! { Accept(token=token) },
            Some(_) => view! { p(class="form-error") { (t("invite.other_account")) } },
            None => view! { JoinWithNewAccount(token=token, email=email.clone()) },
        };
        view! {
            div(class="card", data-testid="invitation") {
                p { (t("invite.joining")) } p(class="lead") { strong { (summary) } }
                p(class="hint") { (shown_email) }
                (action)
            }
        }
    });
    view! { PublicFrame(title="invite.title") { (body) } }
}

async fn enter(app: &AppState, slug: &str) {
    if app.reload_me().await.is_ok() {
        navigate(&format!("/c/{slug}"));
    }
}

#[component(inline_props)]
fn Accept(token: String) -> View {
    let app = use_app();
    let busy = create_signal(false);
    let accept = move |_| {
        let (app, token) = (app.clone(), token.clone());
        busy.set(true);
        spawn_local_scoped(async move {
            match app.api.call(|a| a.invitation_accept().token(&token).send()).await {
                Ok(joined) => enter(&app, &joined.club_slug).await,
                Err(failure) => app.failure(&failure),
            }
            busy.set(false);
        });
    };
    view! { button(class="button button-primary", data-testid="accept", disabled=move || busy.get(), on:click=accept) { (t("invite.accept")) } }
}

#[component(inline_props)]
fn JoinWithNewAccount(token: String, email: String) -> View {
    let app = use_app();
    let name = create_signal(String::new());
    let password = create_signal(String::new());
    let form = Form::new();
    let name_problem = form.problem("display_name", name, |v| validation::required(v, 80));
    let password_problem = form.problem("password", password, validation::new_password);
    let failed = create_signal(None::<String>);
    let next = format!("/login?next={}", js_sys::encode_uri_component(&format!("/invitations/{token}")));
    let submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let valid = validation::required(&name.get_clone(), 80).is_none()
            && validation::new_password(&password.get_clone()).is_none();
        if !form.start(valid) {
            return;
        }
        let (app, token, email) = (app.clone(), token.clone(), email.clone());
        spawn_local_scoped(async move {
            let request = types::InvitationSignUp {
                display_name: name.get_clone().trim().to_owned(),
                password: password.get_clone(),
                locale: Some(language_of(app.locale.get_untracked())),
            };
            let outcome = match app.api.api().invitation_sign_up().token(&token).body(request).send().await {
                Ok(_) => app.api.log_in(&email, &password.get_clone()).await.map(|_| ()),
                Err(error) => Err(error.into()),
            };
            match outcome {
                Ok(()) => {
                    form.done(None);
                    if app.reload_me().await.is_ok() {
                        navigate("/");
                    }
                }
                Err(failure) => {
                    failed.set(Some(failure_text(&failure)));
                    form.done(Some(&failure));
                }
            }
        });
    };
    view! {
        form(class="form", on:submit=submit, novalidate=true, data-testid="invitation-sign-up") {
            Field(label=t("auth.display_name"), name="display_name", value=name, autocomplete="name", problem=name_problem)
            Field(label=t("auth.new_password"), name="password", value=password, kind="password", autocomplete="new-password", problem=password_problem)
            p(class="hint") { (t("auth.password_rule")) }
            (move || failed.get_clone().map(|text| view! { p(class="form-error", role="alert") { (text) } }))
            button(class="button button-primary", r#type="submit", disabled=move || form.busy.get()) { (t("invite.join")) }
            p(class="form-links") { a(href=next) { (t("invite.have_account")) } }
        }
    }
}
