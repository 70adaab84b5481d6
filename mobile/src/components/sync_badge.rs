//! Where the logs stand — all sent, some waiting, offline, or refused — always in sight. A tap
//! tries to send at once.

use sycamore::prelude::*;

use crate::{
    outbox::{SyncState, SyncStatus},
    state::{t, use_app},
};

/// The badge's words for a state.
fn words(state: &SyncState) -> String {
    let waiting = format!("{} {}", state.waiting, t("mobile.sync.waiting"));
    match state.status {
        SyncStatus::Synced => t("mobile.sync.synced").to_owned(),
        SyncStatus::Syncing => format!("{} · {waiting}", t("mobile.sync.syncing")),
        SyncStatus::Waiting => waiting,
        SyncStatus::Offline if state.waiting == 0 => t("mobile.sync.offline").to_owned(),
        SyncStatus::Offline => format!("{} · {waiting}", t("mobile.sync.offline")),
        SyncStatus::Error => format!("{} · {waiting}", t("mobile.sync.error")),
    }
}

#[component]
pub fn SyncBadge() -> View {
    let app = use_app();
    let state = app.outbox.state;
    let outbox = app.outbox.clone();
    view! {
        button(
            r#type="button",
            class=move || format!("sync sync-{}", state.with(|s| s.status.name())),
            data-testid="sync-state",
            data-state=move || state.with(|s| s.status.name()),
            data-count=move || state.with(|s| s.waiting.to_string()),
            title=move || state.with(|s| s.problem.clone().unwrap_or_default()),
            aria-live="polite",
            on:click=move |_| outbox.kick(),
        ) {
            span(class="sync-dot", aria-hidden="true")
            span { (move || state.with(words)) }
        }
    }
}
