//! The frame around every signed-in page: the navigation the person's role allows, the club
//! switcher, the language switch and logging out.

use dropit_kernel::Locale;
use dropit_permissions::Permission;
use sycamore::{futures::spawn_local_scoped, prelude::*};
use sycamore_router::navigate;

use crate::state::{t, use_app};

/// The club sections, each shown only to roles the matrix grants its permission.
const SECTIONS: &[(&str, &str, Permission)] = &[
    ("", "nav.dashboard", Permission::ClubRead),
    ("/athletes", "nav.athletes", Permission::AthletesRead),
    ("/exercises", "nav.exercises", Permission::ExercisesRead),
    ("/workouts", "nav.workouts", Permission::WorkoutsRead),
    ("/planning", "nav.planning", Permission::PlanningRead),
    ("/logs", "nav.logs", Permission::LogsRead),
    ("/transfer", "nav.transfer", Permission::WorkoutsWrite),
    ("/members", "nav.members", Permission::MembersRead),
    ("/settings", "nav.settings", Permission::ClubUpdate),
    ("/audit", "nav.audit", Permission::AuditRead),
];

/// `club` is `None` on pages outside a club (the operator console, onboarding).
#[component(inline_props)]
pub fn Layout(club: Option<String>, title: &'static str, children: Children) -> View {
    let app = use_app();
    let me = app.signed_in();
    let name = me.as_ref().map(|m| m.profile.display_name.clone()).unwrap_or_default();
    let clubs = me.as_ref().map(|m| m.clubs.clone()).unwrap_or_default();
    let current = club.clone().unwrap_or_default();
    let path = web_sys::window().and_then(|w| w.location().pathname().ok()).unwrap_or_default();

    let links: Vec<View> = club
        .iter()
        .flat_map(|club| {
            let path = path.clone();
            SECTIONS.iter().filter(|(_, _, permission)| app.can(club, *permission)).map(move |(suffix, key, _)| {
                let href = format!("/c/{club}{suffix}");
                let here = if path == href { "page" } else { "false" };
                let testid = format!("nav-{}", key.trim_start_matches("nav."));
                view! { li { a(href=href, aria-current=here, data-testid=testid) { (t(key)) } } }
            })
        })
        .collect();
    let operator = app.is_operator().then(|| {
        view! { li { a(href="/operator", data-testid="nav-operator") { (t("nav.operator")) } } }
    });

    let switch_club = move |ev: web_sys::Event| {
        if let Some(select) = crate::components::field::select_of(&ev) {
            let slug = select.value();
            if slug == "+" {
                navigate("/onboarding");
            } else {
                navigate(&format!("/c/{slug}"));
            }
        }
    };
    let club_options: Vec<View> = clubs
        .iter()
        .map(|c| {
            let selected = c.slug == current;
            let (slug, name) = (c.slug.clone(), c.name.clone());
            view! { option(value=slug, selected=selected) { (name) } }
        })
        .collect();

    let switcher = (!clubs.is_empty()).then(|| {
        view! {
            label(class="visually-hidden", r#for="club-switch") { (t("nav.club")) }
            select(id="club-switch", class="club-switch", on:change=switch_club) {
                (club_options)
                option(value="+") { (t("nav.new_club")) }
            }
        }
    });

    let language = app.clone();
    let lang_button = move |locale: Locale, label: &'static str| {
        let app = language.clone();
        let pressed = app.locale.get_untracked() == locale;
        view! {
            button(class="lang", aria-pressed=if pressed { "true" } else { "false" }, data-testid=format!("lang-{}", locale.tag()),
                on:click=move |_| app.set_locale(locale)) { (label) }
        }
    };
    let en = lang_button(Locale::En, "EN");
    let fr = lang_button(Locale::Fr, "FR");

    let out = app.clone();
    let log_out = move |_| {
        let app = out.clone();
        spawn_local_scoped(async move {
            let _ = app.api.log_out().await;
            app.signed_out();
            navigate("/login");
        });
    };

    view! {
        a(class="skip", href="#main") { (t("nav.skip")) }
        div(class="frame") {
            nav(class="sidebar", aria-label=t("nav.label")) {
                div(class="brand") { a(href="/") { "DropIt" } }
                (switcher)
                ul { (links) (operator) }
            }
            div(class="main-column") {
                header(class="topbar") {
                    h1 { (t(title)) }
                    div(class="topbar-actions") {
                        div(class="langs", role="group", aria-label=t("nav.language")) { (en) (fr) }
                        a(class="who", href="/account", data-testid="who", title=t("nav.account")) { (name) }
                        button(class="button button-quiet", data-testid="log-out", on:click=log_out) { (t("nav.log_out")) }
                    }
                }
                main(id="main", tabindex="-1") { (children) }
            }
        }
    }
}
