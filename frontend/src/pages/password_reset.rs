//! Forgotten password: ask for a link by email, then choose a new password from that link.

use dropit_sdk::types;
use sycamore::{futures::spawn_local_scoped, prelude::*};
use sycamore_router::navigate;

use crate::{
    components::field::{Field, Form},
    pages::public::PublicFrame,
    state::{failure_text, t, use_app},
    validation,
};

/// Without a token, asks for the link; with the link's token, chooses the new password.
#[component(inline_props)]
pub fn PasswordReset(token: Option<String>) -> View {
    let step = match token {
        Some(token) => view! { ChooseNew(token=token) },
        None => view! { AskForLink() },
    };
    view! { PublicFrame(title="auth.reset_title") { (step) } }
}

#[component]
fn AskForLink() -> View {
    let app = use_app();
    let email = create_signal(String::new());
    let form = Form::new();
    let problem = form.problem("email", email, validation::email);
    let sent = create_signal(false);
    let submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        if !form.start(validation::email(&email.get_clone()).is_none()) {
            return;
        }
        let app = app.clone();
        spawn_local_scoped(async move {
            let request = types::ResetRequest { email: email.get_clone().trim().to_owned() };
            match app.api.api().auth_password_reset().body(request).send().await {
                Ok(_) => {
                    form.done(None);
                    sent.set(true);
                }
                Err(error) => {
                    let failure = error.into();
                    app.failure(&failure);
                    form.done(Some(&failure));
                }
            }
        });
    };
    view! {
        form(class="card form", on:submit=submit, novalidate=true, hidden=move || sent.get()) {
            p { (t("auth.reset_explain")) }
            Field(label=t("auth.email"), name="email", value=email, kind="email", autocomplete="email", problem=problem)
            button(class="button button-primary", r#type="submit", disabled=move || form.busy.get()) { (t("auth.reset_send")) }
            p(class="form-links") { a(href="/login") { (t("auth.back_to_log_in")) } }
        }
        div(class="card", role="status", data-testid="reset-sent", hidden=move || !sent.get()) {
            p { (t("auth.reset_sent")) } a(href="/login") { (t("auth.back_to_log_in")) }
        }
    }
}

#[component(inline_props)]
fn ChooseNew(token: String) -> View {
    let app = use_app();
    let password = create_signal(String::new());
    let form = Form::new();
    let problem = form.problem("new_password", password, validation::new_password);
    let failed = create_signal(None::<String>);
    let submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        if !form.start(validation::new_password(&password.get_clone()).is_none()) {
            return;
        }
        let app = app.clone();
        let token = token.clone();
        spawn_local_scoped(async move {
            let request = types::ResetConfirmation { token, new_password: password.get_clone() };
            match app.api.api().auth_password_reset_confirm().body(request).send().await {
                Ok(_) => {
                    form.done(None);
                    app.success("auth.reset_done");
                    navigate("/login");
                }
                Err(error) => {
                    let failure = error.into();
                    failed.set(Some(failure_text(&failure)));
                    form.done(Some(&failure));
                }
            }
        });
    };
    view! {
        form(class="card form", on:submit=submit, novalidate=true) {
            Field(label=t("auth.new_password"), name="new_password", value=password, kind="password", autocomplete="new-password", problem=problem)
            p(class="hint") { (t("auth.password_rule")) }
            (move || failed.get_clone().map(|text| view! { p(class="form-error", role="alert") { (text) } }))
            button(class="button button-primary", r#type="submit", disabled=move || form.busy.get()) { (t("auth.reset_save")) }
        }
    }
}
