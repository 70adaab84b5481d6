//! Creating an account, then the onboarding that creates the person's club.

use dropit_kernel::Locale;
use dropit_sdk::types;
use sycamore::{futures::spawn_local_scoped, prelude::*};
use sycamore_router::navigate;

use crate::{
    components::field::{Field, Form},
    pages::public::PublicFrame,
    state::{failure_text, t, use_app},
    validation,
};

pub fn language_of(locale: Locale) -> types::Language {
    match locale {
        Locale::Fr => types::Language::Fr,
        Locale::En => types::Language::En,
    }
}

#[component]
pub fn SignUp() -> View {
    let app = use_app();
    let name = create_signal(String::new());
    let email = create_signal(String::new());
    let password = create_signal(String::new());
    let form = Form::new();
    let name_problem = form.problem("display_name", name, |v| validation::required(v, 80));
    let email_problem = form.problem("email", email, validation::email);
    let password_problem = form.problem("password", password, validation::new_password);
    let failed = create_signal(None::<String>);

    let submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let valid = validation::required(&name.get_clone(), 80).is_none()
            && validation::email(&email.get_clone()).is_none()
            && validation::new_password(&password.get_clone()).is_none();
        if !form.start(valid) {
            return;
        }
        let app = app.clone();
        spawn_local_scoped(async move {
            let request = types::SignUpRequest {
                display_name: name.get_clone().trim().to_owned(),
                email: email.get_clone().trim().to_owned(),
                password: password.get_clone(),
                locale: Some(language_of(app.locale.get_untracked())),
            };
            let outcome = match app.api.api().auth_sign_up().body(request).send().await {
                Ok(_) => match app.api.log_in(email.get_clone().trim(), &password.get_clone()).await {
                    Ok(_) => app.reload_me().await,
                    Err(failure) => Err(failure),
                },
                Err(error) => Err(error.into()),
            };
            match outcome {
                Ok(()) => {
                    form.done(None);
                    navigate("/onboarding");
                }
                Err(failure) => {
                    failed.set(Some(failure_text(&failure)));
                    form.done(Some(&failure));
                }
            }
        });
    };

    view! {
        PublicFrame(title="auth.sign_up") {
            form(class="card form", on:submit=submit, novalidate=true, data-testid="sign-up-form") {
                Field(label=t("auth.display_name"), name="display_name", value=name, autocomplete="name", problem=name_problem)
                Field(label=t("auth.email"), name="email", value=email, kind="email", autocomplete="email", problem=email_problem)
                Field(label=t("auth.new_password"), name="password", value=password, kind="password", autocomplete="new-password", problem=password_problem)
                p(class="hint") { (t("auth.password_rule")) }
                (move || failed.get_clone().map(|text| view! { p(class="form-error", role="alert") { (text) } }))
                button(class="button button-primary", r#type="submit", disabled=move || form.busy.get()) { (t("auth.sign_up")) }
                p(class="form-links") { a(href="/login") { (t("auth.have_account")) } }
            }
        }
    }
}
