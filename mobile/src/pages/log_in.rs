//! Signing in on the phone: the session is then kept on it, so the app opens signed in, with
//! or without a network.

use sycamore::prelude::*;

use crate::state::{failure_text, t, use_app};

#[component]
pub fn LogIn() -> View {
    let app = use_app();
    let email = create_signal(String::new());
    let password = create_signal(String::new());
    let busy = create_signal(false);
    let failed = create_signal(None::<String>);

    let submit = move |ev: web_sys::SubmitEvent| {
        ev.prevent_default();
        if busy.get() {
            return;
        }
        let address = email.get_clone().trim().to_owned();
        if !address.contains('@') || password.with(String::is_empty) {
            failed.set(Some(t("mobile.login.missing").to_owned()));
            return;
        }
        busy.set(true);
        failed.set(None);
        let app = app.clone();
        let secret = password.get_clone();
        // Not scoped to this page: signing in replaces it with the program while the flow
        // goes on (fetching the program), and it must not be cut short.
        wasm_bindgen_futures::spawn_local(async move {
            if let Err(failure) = app.log_in(&address, &secret).await {
                // Still signed out, so this page is still there.
                failed.set(Some(failure_text(&failure)));
                busy.set(false);
            }
        });
    };

    view! {
        main(class="login") {
            h1(class="brand-big") { "DropIt" }
            p(class="hint") { (t("mobile.login.intro")) }
            form(class="card form", on:submit=submit, novalidate=true, data-testid="log-in-form") {
                label(class="field") {
                    span { (t("auth.email")) }
                    input(name="email", r#type="email", autocomplete="username", inputmode="email", bind:value=email)
                }
                label(class="field") {
                    span { (t("auth.password")) }
                    input(name="password", r#type="password", autocomplete="current-password", bind:value=password)
                }
                (move || failed.get_clone().map(|text| view! { p(class="form-error", role="alert") { (text) } }))
                button(class="button button-primary button-big", r#type="submit", disabled=move || busy.get()) {
                    (t("auth.log_in"))
                }
            }
        }
    }
}
