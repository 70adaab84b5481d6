//! The bottom of the program: the language and signing out (which warns when logs still wait
//! for the server; they stay on the phone for the next sign-in).

use dropit_kernel::Locale;
use sycamore::prelude::*;

use crate::state::{t, use_app};

#[component]
pub fn Settings() -> View {
    let app = use_app();
    let state = app.outbox.state;
    let to_french = app.clone();
    let to_english = app.clone();
    let leaving = app.clone();
    let french = app.locale.get_untracked() == Locale::Fr;
    view! {
        section(class="settings") {
            div(class="row", role="group", aria-label=t("mobile.language")) {
                button(class=if french { "button button-quiet" } else { "button button-quiet is-on" }, r#type="button",
                    data-testid="lang-en", aria-pressed=(!french).to_string(),
                    on:click=move |_| to_english.set_locale(Locale::En)) { "English" }
                button(class=if french { "button button-quiet is-on" } else { "button button-quiet" }, r#type="button",
                    data-testid="lang-fr", aria-pressed=french.to_string(),
                    on:click=move |_| to_french.set_locale(Locale::Fr)) { "Français" }
            }
            (move || (state.with(|s| s.waiting) > 0).then(|| view! {
                p(class="hint") { (t("mobile.logout_waiting")) }
            }))
            button(class="button button-quiet", r#type="button", data-testid="log-out", on:click=move |_| {
                let app = leaving.clone();
                wasm_bindgen_futures::spawn_local(async move { app.log_out().await });
            }) { (t("mobile.log_out")) }
        }
    }
}
