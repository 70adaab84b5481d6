//! The link of the email-change confirmation: confirms at once and says how it went.

use dropit_sdk::types;
use sycamore::prelude::*;

use crate::{
    components::loaded::loaded,
    pages::public::PublicFrame,
    resource::Resource,
    state::{t, use_app},
};

#[component(inline_props)]
pub fn ConfirmEmail(token: String) -> View {
    let app = use_app();
    let api = app.api.clone();
    let confirmed = Resource::new(move || {
        let (api, token) = (api.clone(), token.clone());
        async move {
            api.call(|a| a.auth_email_change_confirm().body(types::EmailConfirmation { token: token.clone() }).send())
                .await
        }
    });
    let body = loaded(&confirmed, move |()| {
        view! { div(class="card", role="status", data-testid="email-confirmed") { p { (t("auth.email_confirmed")) } a(href="/") { (t("page.home")) } } }
    });
    view! { PublicFrame(title="auth.email_title") { (body) } }
}
