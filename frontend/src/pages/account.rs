//! The person's own account, whatever their role: language, password, sessions.

use sycamore::prelude::*;
use sycamore_router::navigate;

use crate::{
    components::{layout::Layout, toasts::after},
    pages::settings::preferences::Preferences,
    state::use_app,
};

#[component]
pub fn Account() -> View {
    let app = use_app();
    if app.signed_in().is_none() {
        after(0, || navigate("/login?next=/account"));
        return view! {};
    }
    view! {
        Layout(title="nav.account") {
            div(class="settings-layout", data-testid="account") { div(class="settings-column") { Preferences() } }
        }
    }
}
