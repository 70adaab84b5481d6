//! The frame around every signed-in screen: the club (or a switch between clubs), the sync
//! state, the tabs (program, records, check-in), and the page below. All at the top: a bar at
//! the bottom would sit under the thumb that logs sets.

use sycamore::prelude::*;

use crate::{
    components::sync_badge::SyncBadge,
    state::{t, training_clubs, use_app},
};

/// The screen a page belongs to, for the tabs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tab {
    Program,
    Records,
    CheckIn,
    None,
}

#[component(inline_props)]
pub fn Frame(tab: Tab, children: Children) -> View {
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
    let link = |to: Tab, href: &'static str, key: &'static str, testid: &'static str| {
        let current = if tab == to { "page" } else { "false" };
        view! { a(class="tab", href=href, aria-current=current, data-testid=testid) { (t(key)) } }
    };
    let tabs = vec![
        link(Tab::Program, "/m/", "mobile.tab.program", "tab-program"),
        link(Tab::Records, "/m/records", "mobile.tab.records", "tab-records"),
        link(Tab::CheckIn, "/m/check-in", "mobile.tab.check_in", "tab-check-in"),
    ];
    view! {
        header(class="topbar") {
            div(class="topbar-row") {
                a(class="brand", href="/m/") { "DropIt" }
                (club_part)
                SyncBadge()
            }
            nav(class="tabs", aria-label=t("mobile.tabs")) { (tabs) }
        }
        main(class="content") { (body) }
    }
}
