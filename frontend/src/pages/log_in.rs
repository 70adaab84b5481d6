//! Logging in, then going back where the person was headed.

use sycamore::{futures::spawn_local_scoped, prelude::*};
use sycamore_router::{navigate, use_search_query};

use crate::{
    components::field::{Field, Form},
    pages::public::PublicFrame,
    state::{t, use_app},
    validation,
};

#[component]
pub fn LogIn() -> View {
    let app = use_app();
    let next = use_search_query("next");
    let email = create_signal(String::new());
    let password = create_signal(String::new());
    let form = Form::new();
    let email_problem = form.problem("email", email, validation::email);
    let password_problem = form.problem("password", password, |p| validation::required(p, 128));
    let failed = create_signal(None::<String>);

    let submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let valid = email_problem.with(Option::is_none) && password_problem.with(Option::is_none);
        let valid = valid && validation::email(&email.get_clone()).is_none() && !password.with(String::is_empty);
        if !form.start(valid) {
            return;
        }
        let app = app.clone();
        spawn_local_scoped(async move {
            let outcome = app.api.log_in(email.get_clone().trim(), &password.get_clone()).await;
            let outcome = match outcome {
                Ok(_) => app.reload_me().await,
                Err(failure) => Err(failure),
            };
            match outcome {
                Ok(()) => {
                    form.done(None);
                    let target = next.get_clone().filter(|n| n.starts_with('/') && !n.starts_with("//"));
                    app.adopt_profile_language();
                    navigate(&target.unwrap_or_else(|| "/".to_owned()));
                }
                Err(failure) => {
                    failed.set(Some(crate::state::failure_text(&failure)));
                    form.done(Some(&failure));
                }
            }
        });
    };

    view! {
        PublicFrame(title="auth.log_in") {
            form(class="card form", on:submit=submit, novalidate=true, data-testid="log-in-form") {
                Field(label=t("auth.email"), name="email", value=email, kind="email", autocomplete="username", problem=email_problem)
                Field(label=t("auth.password"), name="password", value=password, kind="password", autocomplete="current-password", problem=password_problem)
                (move || failed.get_clone().map(|text| view! { p(class="form-error", role="alert") { (text) } }))
                button(class="button button-primary", r#type="submit", disabled=move || form.busy.get()) { (t("auth.log_in")) }
                p(class="form-links") {
                    a(href="/password-reset") { (t("auth.forgot")) }
                    " · "
                    a(href="/signup") { (t("auth.create_account")) }
                }
            }
        }
    }
}
