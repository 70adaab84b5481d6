//! The app's shared state, provided through context: the API session kept on the phone, the
//! signed-in person and their club, the cached program, the outbox and the language.

use std::rc::Rc;

use dropit_kernel::Locale;
use dropit_permissions::{Permission, Role, allows};
use dropit_sdk::{ApiFailure, DropIt, types};
use sycamore::prelude::*;

use crate::{
    device,
    outbox::Outbox,
    program::Program,
    store::{Store, StoreError},
};

/// Where the session stands.
#[derive(Clone, Debug, PartialEq)]
pub enum Session {
    /// Being restored from the phone.
    Unknown,
    SignedOut,
    /// Kept on the phone, but neither the server nor the cache could say who it is.
    Unreachable,
    SignedIn(types::Me),
}

/// How the last fetch of the program went.
#[derive(Clone, Debug, PartialEq)]
pub enum Fetch {
    Idle,
    Loading,
    Done,
    /// The server could not be reached: the cached program is shown.
    Offline,
    Failed(String),
}

#[derive(Clone)]
pub struct AppState {
    pub api: Rc<DropIt>,
    pub store: Store,
    pub locale: Signal<Locale>,
    pub session: Signal<Session>,
    pub user: Signal<Option<String>>,
    /// The club whose program is shown.
    pub club: Signal<Option<String>>,
    pub program: Signal<Option<Program>>,
    pub fetch: Signal<Fetch>,
    /// Planned sessions logged on this phone (sent or waiting).
    pub done: Signal<Vec<String>>,
    pub outbox: Outbox,
    /// Counts the server coming back, which fetches the program again.
    pub reconnects: Signal<u32>,
    pub notice: Signal<Option<String>>,
}

impl AppState {
    pub fn new(store: Store) -> Self {
        let origin = web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default();
        let api = Rc::new(DropIt::new(&origin));
        // Stored the moment the server issues them, including refreshes made inside a call.
        api.on_new_tokens(device::keep_tokens);
        let locale = device::locale().or_else(browser_locale).unwrap_or(Locale::En);
        api.set_language(locale.tag());
        let user = create_signal(None);
        let reconnects = create_signal(0_u32);
        let on_reconnect = Rc::new(move || reconnects.update(|n| *n += 1));
        let outbox = Outbox::new(store.clone(), Rc::clone(&api), user, on_reconnect);
        Self {
            api,
            store,
            locale: create_signal(locale),
            session: create_signal(Session::Unknown),
            user,
            club: create_signal(None),
            program: create_signal(None),
            fetch: create_signal(Fetch::Idle),
            done: create_signal(Vec::new()),
            outbox,
            reconnects,
            notice: create_signal(None),
        }
    }

    pub fn french(&self) -> bool {
        self.locale.get_untracked() == Locale::Fr
    }

    /// Chooses the language of the app and of the API's messages, remembered on this phone.
    pub fn set_locale(&self, locale: Locale) {
        device::keep_locale(locale);
        self.api.set_language(locale.tag());
        if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = root.set_attribute("lang", locale.tag());
        }
        self.locale.set(locale);
    }

    /// Opens the session kept on the phone: what the cache knows is shown at once, then the
    /// session is checked (its tokens refreshed when due) and everything fetched again. With no network the app stays on
    /// the cached data and the outbox waits.
    pub async fn start(&self) {
        let Some(kept) = device::kept_session() else {
            self.session.set(Session::SignedOut);
            return;
        };
        let fresh = kept.fresh(device::now_ms());
        self.api.set_refresh_token(Some(kept.refresh_token));
        self.api.set_access_token(kept.access_token);
        self.user.set(Some(kept.user_id.clone()));
        let cached: Option<types::Me> = self.store.cached(&me_key(&kept.user_id)).await.ok().flatten();
        if let Some(me) = cached {
            self.enter(me).await;
        }
        self.outbox.count().await;
        // A refresh token works once and a reused one closes the session, so the tokens are
        // refreshed only when the access token is about to expire (a page reloaded in the
        // middle of a refresh would otherwise lose the new token), and alone: nothing else
        // calls the API until it is done.
        let restored = if fresh { Ok(()) } else { self.api.refresh().await.map(|_| ()) };
        let me = match restored {
            Ok(()) => self.api.call(|a| a.me().send()).await,
            Err(failure) => Err(failure),
        };
        match me {
            Ok(me) => {
                let _ = self.store.cache(&me_key(&me.profile.id), &me).await;
                self.enter(me).await;
                self.outbox.enable();
                self.refresh_program().await;
                self.adopt_profile_language();
            }
            Err(failure) if unreachable(&failure) => {
                if self.session.with_untracked(|s| !matches!(s, Session::SignedIn(_))) {
                    self.session.set(Session::Unreachable);
                }
                self.fetch.set(Fetch::Offline);
                self.outbox.enable();
                self.outbox.server_unreachable();
            }
            // The session ended (signed out elsewhere, revoked, expired): sign in again.
            Err(_) => self.forget().await,
        }
    }

    /// Signs in with the mobile client kind: the tokens stay on the phone.
    pub async fn log_in(&self, email: &str, password: &str) -> Result<(), ApiFailure> {
        let tokens = self.api.log_in(email, password).await?;
        self.user.set(Some(tokens.user_id.clone()));
        let me = self.api.call(|a| a.me().send()).await?;
        let _ = self.store.cache(&me_key(&me.profile.id), &me).await;
        self.enter(me).await;
        self.outbox.enable();
        self.refresh_program().await;
        // Draws the screen again: last.
        self.adopt_profile_language();
        Ok(())
    }

    /// Shows a person's club and its cached program.
    async fn enter(&self, me: types::Me) {
        let clubs = training_clubs(&me);
        let chosen = device::club()
            .filter(|slug| clubs.iter().any(|c| &c.slug == slug))
            .or_else(|| clubs.first().map(|c| c.slug.clone()));
        self.user.set(Some(me.profile.id.clone()));
        // The club first: the signed-in screens are drawn as soon as the session is set.
        let changed = self.club.get_clone_untracked() != chosen;
        if changed {
            self.club.set(chosen);
        }
        self.session.set(Session::SignedIn(me));
        if changed {
            self.show_cached_program().await;
        }
    }

    pub async fn choose_club(&self, slug: String) {
        device::keep_club(&slug);
        self.club.set(Some(slug));
        self.show_cached_program().await;
        self.refresh_program().await;
    }

    async fn show_cached_program(&self) {
        let (Some(user), Some(club)) = (self.user.get_clone_untracked(), self.club.get_clone_untracked()) else {
            self.program.set(None);
            return;
        };
        let program: Option<Program> = self.store.cached(&Program::key(&user, &club)).await.ok().flatten();
        self.program.set(program);
        let done: Option<Vec<String>> = self.store.cached(&done_key(&user, &club)).await.ok().flatten();
        self.done.set(done.unwrap_or_default());
    }

    /// Fetches the program and replaces the cached one; keeps the cached one when the server
    /// cannot be reached.
    pub async fn refresh_program(&self) {
        let (Some(user), Some(club)) = (self.user.get_clone_untracked(), self.club.get_clone_untracked()) else {
            return;
        };
        self.fetch.set(Fetch::Loading);
        match Program::fetch(&self.api, &club, dropit_ui::format::today(), device::now_ms()).await {
            Ok(program) => {
                let _ = self.store.cache(&Program::key(&user, &club), &program).await;
                // The person may have switched clubs while it was on its way.
                if self.club.get_clone_untracked().as_deref() == Some(club.as_str()) {
                    self.program.set(Some(program));
                }
                self.fetch.set(Fetch::Done);
                self.outbox.reachable();
            }
            Err(failure) if unreachable(&failure) => {
                self.fetch.set(Fetch::Offline);
                self.outbox.server_unreachable();
            }
            // Not `t()`: this may run outside any component. The API's message is already in
            // the person's language.
            Err(failure) => self.fetch.set(Fetch::Failed(match failure {
                ApiFailure::Api { message, .. } => message,
                ApiFailure::Transport(error) => error,
            })),
        }
    }

    /// Remembers that a planned session was logged on this phone.
    pub async fn mark_done(&self, session_id: &str) {
        let (Some(user), Some(club)) = (self.user.get_clone_untracked(), self.club.get_clone_untracked()) else {
            return;
        };
        self.done.update(|done| {
            if !done.iter().any(|d| d == session_id) {
                done.push(session_id.to_owned());
            }
        });
        let _ = self.store.cache(&done_key(&user, &club), &self.done.get_clone_untracked()).await;
    }

    /// Signs out here and on the server (when it answers). Logs still waiting stay in the
    /// outbox under the person's id and go when they sign in again.
    pub async fn log_out(&self) {
        let _ = self.api.log_out().await;
        self.forget().await;
    }

    async fn forget(&self) {
        self.outbox.disable();
        if let Some(user) = self.user.get_clone_untracked() {
            let _ = self.store.uncache(&me_key(&user)).await;
            if let Some(club) = self.club.get_clone_untracked() {
                let _: Result<(), StoreError> = self.store.uncache(&Program::key(&user, &club)).await;
            }
        }
        device::forget_session();
        self.api.set_access_token(None);
        self.api.set_refresh_token(None);
        self.user.set(None);
        self.club.set(None);
        self.program.set(None);
        self.session.set(Session::SignedOut);
    }

    /// Takes the language of the person's profile unless this phone chose one.
    fn adopt_profile_language(&self) {
        let Some(me) = self.signed_in() else { return };
        let locale = match me.profile.locale {
            types::Language::Fr => Locale::Fr,
            types::Language::En => Locale::En,
        };
        if device::locale().is_none() && self.locale.get_untracked() != locale {
            self.set_locale(locale);
        }
    }

    pub fn signed_in(&self) -> Option<types::Me> {
        self.session.with_untracked(|s| match s {
            Session::SignedIn(me) => Some(me.clone()),
            _ => None,
        })
    }

    /// A short message at the bottom of the screen.
    pub fn tell(&self, text: impl Into<String>) {
        let text = text.into();
        self.notice.set(Some(text.clone()));
        let notice = self.notice;
        crate::timers::after(4_000, move || {
            if notice.with_untracked(|n| n.as_deref() == Some(text.as_str())) {
                notice.set(None);
            }
        });
    }
}

/// The clubs whose program a person follows: those where they are an athlete first, then any
/// other where the matrix lets them read their own sessions.
pub fn training_clubs(me: &types::Me) -> Vec<types::MyClub> {
    let role = |c: &types::MyClub| Role::parse(&c.role);
    let mut clubs: Vec<types::MyClub> =
        me.clubs.iter().filter(|c| role(c).is_some_and(|r| allows(r, Permission::OwnSessionsRead))).cloned().collect();
    clubs.sort_by_key(|c| role(c) != Some(Role::Athlete));
    clubs
}

fn me_key(user: &str) -> String {
    format!("me:{user}")
}

fn done_key(user: &str, club: &str) -> String {
    format!("done:{user}:{club}")
}

/// Whether a failure means "no server to talk to" rather than "the server said no".
pub fn unreachable(failure: &ApiFailure) -> bool {
    match failure {
        ApiFailure::Transport(_) => true,
        ApiFailure::Api { status, .. } => *status >= 500,
    }
}

/// What to tell a person about a failed call.
pub fn failure_text(failure: &ApiFailure) -> String {
    match failure {
        ApiFailure::Api { message, .. } => message.clone(),
        ApiFailure::Transport(_) => t("common.offline").to_owned(),
    }
}

pub fn use_app() -> AppState {
    use_context::<AppState>()
}

/// The text of `key` in the app's language. Pages render again when the language changes.
pub fn t(key: &str) -> &'static str {
    let locale = try_use_context::<AppState>().map_or(Locale::En, |app| app.locale.get_untracked());
    dropit_i18n::text(locale, key)
}

fn browser_locale() -> Option<Locale> {
    let language = web_sys::window()?.navigator().language()?;
    Some(Locale::negotiate(&language))
}
