//! A short message at the bottom of the screen, read out by screen readers.

use sycamore::prelude::*;

use crate::state::use_app;

#[component]
pub fn Notice() -> View {
    let notice = use_app().notice;
    view! {
        div(class="notice-area", role="status", aria-live="polite") {
            (move || notice.get_clone().map(|text| view! {
                p(class="notice", data-testid="notice", on:click=move |_| notice.set(None)) { (text) }
            }))
        }
    }
}
