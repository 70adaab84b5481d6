//! An address the app does not know.

use sycamore::prelude::*;

use crate::state::t;

#[component]
pub fn NotFound() -> View {
    view! {
        section(class="card", data-testid="not-found") {
            h1 { (t("mobile.not_found")) }
            a(class="button button-primary button-big", href="/m/") { (t("mobile.to_program")) }
        }
    }
}
