//! The app's shared state, provided through context: the API session, the signed-in person,
//! the language and the toasts.

use std::rc::Rc;

use dropit_kernel::Locale;
use dropit_permissions::{Permission, Role, allows};
use dropit_sdk::{ApiFailure, DropIt, types};
use sycamore::prelude::*;

/// What every page reaches through `use_app()`.
#[derive(Clone)]
pub struct AppState {
    pub api: Rc<DropIt>,
    /// `None` until the session is known; then `Some(None)` when signed out.
    pub me: Signal<Option<Option<types::Me>>>,
    pub locale: Signal<Locale>,
    pub toasts: Signal<Vec<Toast>>,
    next_toast: Signal<u32>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Toast {
    pub id: u32,
    pub kind: ToastKind,
    pub text: String,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum ToastKind {
    Success,
    Error,
}

const LOCALE_KEY: &str = "dropit.locale";

impl AppState {
    pub fn new() -> Self {
        let origin = web_sys::window().and_then(|w| w.location().origin().ok()).unwrap_or_default();
        let api = Rc::new(DropIt::for_browser(&origin));
        let locale = stored_locale().or_else(browser_locale).unwrap_or(Locale::En);
        api.set_language(locale.tag());
        Self {
            api,
            me: create_signal(None),
            locale: create_signal(locale),
            toasts: create_signal(Vec::new()),
            next_toast: create_signal(0),
        }
    }

    /// Chooses the language of the app and of the API's messages, remembered on this browser.
    pub fn set_locale(&self, locale: Locale) {
        if let Some(storage) = local_storage() {
            let _ = storage.set_item(LOCALE_KEY, locale.tag());
        }
        self.api.set_language(locale.tag());
        if let Some(root) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.document_element()) {
            let _ = root.set_attribute("lang", locale.tag());
        }
        self.locale.set(locale);
    }

    pub fn signed_in(&self) -> Option<types::Me> {
        self.me.with(|me| me.clone().flatten())
    }

    /// The person's role in the club, if they belong to it.
    pub fn role_in(&self, club: &str) -> Option<Role> {
        self.me
            .with(|me| me.as_ref()?.as_ref()?.clubs.iter().find(|c| c.slug == club).and_then(|c| Role::parse(&c.role)))
    }

    /// Whether the matrix lets the person do `permission` in the club.
    pub fn can(&self, club: &str, permission: Permission) -> bool {
        self.role_in(club).is_some_and(|role| allows(role, permission))
    }

    pub fn is_operator(&self) -> bool {
        self.me.with(|me| me.as_ref().and_then(|m| m.as_ref()).is_some_and(|m| m.profile.is_operator))
    }

    /// Asks the API who is signed in and keeps the answer.
    pub async fn reload_me(&self) -> Result<(), ApiFailure> {
        let me = self.api.call(|api| api.me().send()).await?;
        self.me.set(Some(Some(me)));
        Ok(())
    }

    /// Takes the language of the person's profile unless this browser chose one. It renders
    /// the page again, so it is the last thing a flow does.
    pub fn adopt_profile_language(&self) {
        let Some(me) = self.signed_in() else { return };
        let locale = match me.profile.locale {
            types::Language::Fr => Locale::Fr,
            types::Language::En => Locale::En,
        };
        if stored_locale().is_none() && self.locale.get_untracked() != locale {
            self.set_locale(locale);
        }
    }

    pub fn signed_out(&self) {
        self.me.set(Some(None));
    }

    pub fn toast(&self, kind: ToastKind, text: impl Into<String>) {
        let id = self.next_toast.get();
        self.next_toast.set(id + 1);
        self.toasts.update(|toasts| toasts.push(Toast { id, kind, text: text.into() }));
        let toasts = self.toasts;
        crate::components::toasts::after(4_000, move || toasts.update(|all| all.retain(|t| t.id != id)));
    }

    pub fn success(&self, key: &'static str) {
        self.toast(ToastKind::Success, t(key));
    }

    /// Shows a failed call: the API's message, already in the person's language.
    pub fn failure(&self, failure: &ApiFailure) {
        self.toast(ToastKind::Error, failure_text(failure));
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

/// The text of `key` in the app's language. Pages render again when the language changes,
/// so the lookup does not need to track it.
pub fn t(key: &str) -> &'static str {
    let locale = try_use_context::<AppState>().map_or(Locale::En, |app| app.locale.get_untracked());
    dropit_i18n::text(locale, key)
}

fn local_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn stored_locale() -> Option<Locale> {
    local_storage()?.get_item(LOCALE_KEY).ok().flatten().and_then(|tag| Locale::from_tag(&tag))
}

fn browser_locale() -> Option<Locale> {
    let language = web_sys::window()?.navigator().language()?;
    Some(Locale::negotiate(&language))
}
