//! The person's own preferences, whatever the club: the app's language, their password, and
//! closing every session they have open.

use std::rc::Rc;

use dropit_kernel::Locale;
use dropit_sdk::types;
use sycamore::{futures::spawn_local_scoped, prelude::*};
use sycamore_router::navigate;

use crate::{
    components::field::{Field, Form},
    pages::members::confirm::Confirm,
    state::{t, use_app},
    validation,
};

#[component]
pub fn Preferences() -> View {
    view! {
        section(class="card club-section", aria-labelledby="preferences-title") {
            h2(id="preferences-title") { (t("settings.preferences")) }
            p(class="hint") { (t("settings.preferences_hint")) }
            Language()
            PasswordChange()
            LogOutEverywhere()
        }
    }
}

#[component]
fn Language() -> View {
    let app = use_app();
    let current = app.locale.get_untracked();
    let choose = move |ev: web_sys::Event| {
        let value = crate::components::field::select_of(&ev).map(|s| s.value());
        if let Some(locale) = value.as_deref().and_then(Locale::from_tag) {
            // The page is drawn again in the new language: this is the last thing done.
            app.set_locale(locale);
        }
    };
    view! {
        div(class="field preference") {
            label(r#for="settings-language") { (t("settings.app_language")) }
            select(id="settings-language", data-testid="settings-language", on:change=choose) {
                option(value="en", selected=current == Locale::En) { "English" }
                option(value="fr", selected=current == Locale::Fr) { "Français" }
            }
        }
    }
}

#[component]
fn PasswordChange() -> View {
    let app = use_app();
    let current = create_signal(String::new());
    let new = create_signal(String::new());
    let form = Form::new();
    let current_problem = form.problem("current_password", current, |v| validation::required(v, 128));
    let new_problem = form.problem("new_password", new, validation::new_password);
    let email = app.signed_in().map(|me| me.profile.email).unwrap_or_default();
    let submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        let valid = validation::required(&current.get_clone(), 128).is_none()
            && validation::new_password(&new.get_clone()).is_none();
        if !form.start(valid) {
            return;
        }
        let app = app.clone();
        spawn_local_scoped(async move {
            let change = types::PasswordChange { current_password: current.get_clone(), new_password: new.get_clone() };
            match app.api.call(|a| a.me_password_change().body(change.clone()).send()).await {
                Ok(()) => {
                    form.done(None);
                    form.submitted.set(false);
                    current.set(String::new());
                    new.set(String::new());
                    app.success("settings.password_changed");
                }
                Err(failure) => {
                    form.done(Some(&failure));
                    app.failure(&failure);
                }
            }
        });
    };
    view! {
        form(class="form preference", on:submit=submit, novalidate=true, data-testid="password-form") {
            h3 { (t("settings.password")) }
            // Password managers file the new password under this account.
            input(r#type="email", name="username", autocomplete="username", value=email, readonly=true, hidden=true)
            Field(label=t("settings.current_password"), name="current_password", value=current, kind="password",
                autocomplete="current-password", problem=current_problem)
            Field(label=t("auth.new_password"), name="new_password", value=new, kind="password",
                autocomplete="new-password", problem=new_problem)
            p(class="hint") { (t("auth.password_rule")) " " (t("settings.password_sessions")) }
            div(class="actions") {
                button(class="button", r#type="submit", data-testid="password-save", disabled=move || form.busy.get()) {
                    (t("settings.password_change"))
                }
            }
        }
    }
}

#[component]
fn LogOutEverywhere() -> View {
    let app = use_app();
    let busy = create_signal(false);
    let action: Rc<dyn Fn()> = Rc::new(move || {
        let app = app.clone();
        busy.set(true);
        spawn_local_scoped(async move {
            match app.api.call(|a| a.auth_log_out_everywhere().send()).await {
                Ok(()) => {
                    // The API closed every session and cleared the cookie; this tab forgets its token.
                    app.api.set_access_token(None);
                    app.signed_out();
                    navigate("/login");
                }
                Err(failure) => {
                    busy.set(false);
                    app.failure(&failure);
                }
            }
        });
    });
    view! {
        div(class="preference") {
            h3 { (t("settings.sessions")) }
            p(class="hint") { (t("settings.log_out_everywhere_hint")) }
            Confirm(label="settings.log_out_everywhere", question=t("settings.log_out_everywhere_question").to_owned(),
                testid="log-out-everywhere", busy=*busy, action=action)
        }
    }
}
