//! The frame of the pages seen before signing in: the brand, the language switch and a card.

use dropit_kernel::Locale;
use sycamore::prelude::*;

use crate::state::{t, use_app};

#[component(inline_props)]
pub fn PublicFrame(title: &'static str, children: Children) -> View {
    let app = use_app();
    let switch = move |locale: Locale, label: &'static str| {
        let app = app.clone();
        let pressed = app.locale.get_untracked() == locale;
        view! {
            button(class="lang", aria-pressed=if pressed { "true" } else { "false" },
                data-testid=format!("lang-{}", locale.tag()), on:click=move |_| app.set_locale(locale)) { (label) }
        }
    };
    let en = switch(Locale::En, "EN");
    let fr = switch(Locale::Fr, "FR");
    view! {
        main(id="main", class="public") {
            div(class="public-head") {
                a(class="brand", href="/") { "DropIt" }
                div(class="langs", role="group", aria-label=t("nav.language")) { (en) (fr) }
            }
            h1 { (t(title)) }
            (children)
        }
    }
}
