//! Signed in on this phone, but with nothing cached yet and no server to ask.

use sycamore::prelude::*;

use crate::state::{t, use_app};

#[component]
pub fn Unreachable() -> View {
    let app = use_app();
    view! {
        main(class="login") {
            h1(class="brand-big") { "DropIt" }
            section(class="card", role="alert", data-testid="unreachable") {
                p { (t("mobile.unreachable")) }
                button(class="button button-primary button-big", r#type="button", on:click=move |_| {
                    let app = app.clone();
                    wasm_bindgen_futures::spawn_local(async move { app.start().await });
                }) { (t("common.retry")) }
            }
        }
    }
}
