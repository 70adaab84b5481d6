//! The frame around every signed-in screen: the club (or a switch between clubs), the sync
//! state, and the page below.

use sycamore::prelude::*;

use crate::{
    components::sync_badge::SyncBadge,
    state::{t, training_clubs, use_app},
};

#[component(inline_props)]
pub fn Frame(children: Children) -> View {
    let app = use_app();
    let clubs = app.signed_in().map(|me| training_clubs(&me)).unwrap_or_default();
    let current = app.club.get_clone_untracked().unwrap_or_default();
    let club_part = if clubs.len() > 1 {
        let options: Vec<View> = clubs
            .iter()
            .map(|club| {
                let (slug, name) = (club.slug.clone(), club.name.clone());
                let selected = slug == current;
                view! { option(value=slug, selected=selected) { (name) } }
            })
            .collect();
        let switching = app.clone();
        view! {
            label(class="club-switch") {
                span(class="visually-hidden") { (t("mobile.club")) }
                select(data-testid="club-switch", on:change=move |ev: web_sys::Event| {
                    use wasm_bindgen::JsCast;
                    let Some(select) = ev.target().and_then(|t| t.dyn_into::<web_sys::HtmlSelectElement>().ok()) else { return };
                    let app = switching.clone();
                    wasm_bindgen_futures::spawn_local(async move { app.choose_club(select.value()).await });
                }) { (options) }
            }
        }
    } else {
        let name = clubs.iter().find(|c| c.slug == current).map(|c| c.name.clone()).unwrap_or_default();
        view! { span(class="club-name", data-testid="club-name") { (name) } }
    };
    let body = children.call();
    view! {
        header(class="topbar") {
            a(class="brand", href="/m/") { "DropIt" }
            (club_part)
            SyncBadge()
        }
        main(class="content") { (body) }
    }
}
