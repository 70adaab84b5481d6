//! An address that leads nowhere.

use sycamore::prelude::*;

use crate::{pages::public::PublicFrame, state::t};

#[component]
pub fn NotFound() -> View {
    view! {
        PublicFrame(title="page.not_found") {
            div(class="card", data-testid="not-found") { p { (t("page.not_found_text")) } a(href="/") { (t("page.home")) } }
        }
    }
}
