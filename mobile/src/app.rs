//! The app: its routes under `/m/` (the `<base href="/m/">` of `index.html`), the session
//! restored from the phone, the browser's network events, and the frame that renders the
//! current page again when the language changes.

use sycamore::{futures::spawn_local_scoped, prelude::*};
use sycamore_router::{HistoryIntegration, Route, Router, navigate_replace};

use crate::{
    components::{
        frame::{Frame, Tab},
        notice::Notice,
    },
    pages,
    state::{AppState, Session, t},
    store::Store,
    timers::{after, on_window},
};

/// Paths below `/m`.
#[derive(Route, Clone, Debug, PartialEq)]
pub enum AppRoute {
    #[to("/")]
    Program,
    #[to("/login")]
    LogIn,
    #[to("/sessions/<id>")]
    Session { id: String },
    #[to("/records")]
    Records,
    #[to("/check-in")]
    CheckIn,
    #[not_found]
    NotFound,
}

#[component(inline_props)]
pub fn App(store: Store) -> View {
    let app = AppState::new(store);
    provide_context(app.clone());
    let starting = app.clone();
    spawn_local_scoped(async move { starting.start().await });

    // The browser's own idea of the network; the outbox also retries on a timer, since a
    // phone can be "online" with the server out of reach.
    let outbox = app.outbox.clone();
    on_window("online", move || outbox.kick());
    let outbox = app.outbox.clone();
    on_window("offline", move || outbox.went_offline());
    let reconnects = app.reconnects;
    let refreshing = app.clone();
    create_effect(move || {
        if reconnects.get() > 0 {
            let app = refreshing.clone();
            wasm_bindgen_futures::spawn_local(async move { app.refresh_program().await });
        }
    });

    // Only a change of kind draws the screen again: a refreshed profile must not wipe a
    // session being logged.
    let session = app.session;
    let kind = create_selector(move || session.with(Kind::of));
    let locale = app.locale;
    view! {
        Router(integration=HistoryIntegration::new(), view=move |route: ReadSignal<AppRoute>| {
            // One element around everything: the router listens for clicks on links there.
            view! {
                div(class="app") {
                (move || {
                    locale.track();
                    match kind.get() {
                        Kind::Unknown => view! {
                            div(class="splash", aria-busy="true") { span(class="spinner") (t("common.loading")) }
                        },
                        Kind::SignedOut => match route.get_clone() {
                            AppRoute::LogIn => view! { pages::log_in::LogIn() },
                            _ => {
                                after(0, || navigate_replace("/m/login"));
                                view! {}
                            }
                        },
                        Kind::Unreachable => view! { pages::unreachable::Unreachable() },
                        Kind::SignedIn => page(route.get_clone()),
                    }
                })
                Notice()
                }
            }
        })
    }
}

fn page(route: AppRoute) -> View {
    match route {
        AppRoute::Program => view! { Frame(tab=Tab::Program) { pages::program::ProgramPage() } },
        AppRoute::Session { id } => view! { Frame(tab=Tab::Program) { pages::session::SessionPage(id=id) } },
        AppRoute::Records => view! { Frame(tab=Tab::Records) { pages::records::RecordsPage() } },
        AppRoute::CheckIn => view! { Frame(tab=Tab::CheckIn) { pages::check_in::CheckInPage() } },
        AppRoute::LogIn => {
            // Already signed in.
            after(0, || navigate_replace("/m/"));
            view! {}
        }
        AppRoute::NotFound => view! { Frame(tab=Tab::None) { pages::not_found::NotFound() } },
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Unknown,
    SignedOut,
    Unreachable,
    SignedIn,
}

impl Kind {
    fn of(session: &Session) -> Self {
        match session {
            Session::Unknown => Kind::Unknown,
            Session::SignedOut => Kind::SignedOut,
            Session::Unreachable => Kind::Unreachable,
            Session::SignedIn(_) => Kind::SignedIn,
        }
    }
}
