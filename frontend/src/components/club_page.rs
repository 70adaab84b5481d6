//! The guard in front of every club page: signed in, a member of this club, and a role that
//! the matrix grants the page's permission. Another club is "not found", as the API says.

use dropit_permissions::Permission;
use sycamore::prelude::*;
use sycamore_router::navigate;

use crate::{
    components::{layout::Layout, toasts::after},
    state::{t, use_app},
};

#[component(inline_props)]
pub fn ClubPage(club: String, permission: Permission, title: &'static str, children: Children) -> View {
    let app = use_app();
    if app.signed_in().is_none() {
        let path = web_sys::window().and_then(|w| w.location().pathname().ok()).unwrap_or_default();
        let target = format!("/login?next={}", js_sys::encode_uri_component(&path));
        after(0, move || navigate(&target));
        return view! {};
    }
    if app.role_in(&club).is_none() {
        return view! {
            Layout(title="page.not_found") {
                div(class="panel", data-testid="not-found") { p { (t("page.club_not_found")) } a(href="/") { (t("page.home")) } }
            }
        };
    }
    if !app.can(&club, permission) {
        return view! {
            Layout(club=club, title="page.denied") {
                div(class="panel", role="alert", data-testid="denied") { p { (t("page.denied_text")) } }
            }
        };
    }
    view! { Layout(club=club, title=title) { (children) } }
}
