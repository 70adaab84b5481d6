//! The outbox: logs finished on the phone (and readiness check-ins) wait in IndexedDB until the
//! server confirms them,
//! and the sync engine sends them — at start, when the browser says it is online again, right
//! after a log is queued, and on a timer while the server cannot be reached.
//!
//! **Exactly once**: an entry is stored (committed) before the athlete is told it is saved,
//! is sent under the id the phone chose, and leaves the outbox only after the server answered
//! that it holds it (stored now or already stored — the API is idempotent by id). A page
//! killed at any point therefore sends the entry again at the next start, and the server
//! stores it once.

use std::{cell::Cell, rc::Rc};

use dropit_sdk::{ApiFailure, DropIt, types};
use serde::{Deserialize, Serialize};
use sycamore::prelude::*;

use crate::{device, store::Store, timers::after};

/// What waits for the server. Both are idempotent: a log by the id the phone chose, a
/// check-in by its day (sending it again replaces it with the same).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Item {
    Log(types::LogInput),
    Readiness { date: String, check_in: types::ReadinessInput },
}

/// An item waiting for the server.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OutboxEntry {
    /// Whose it is: only that person's session sends it.
    pub user_id: String,
    pub club: String,
    /// When it was queued, in milliseconds since the epoch: entries go in that order.
    pub queued_at: f64,
    pub item: Item,
    /// The server's last refusal, if it refused it (the entry stays, never dropped).
    #[serde(default)]
    pub refused: Option<String>,
}

impl OutboxEntry {
    /// Its key in the outbox: a second check-in of the same day replaces the first while both
    /// wait, as it would on the server.
    pub fn key(&self) -> String {
        match &self.item {
            Item::Log(log) => format!("log:{}", log.id),
            Item::Readiness { date, .. } => format!("readiness:{}:{}:{date}", self.user_id, self.club),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyncStatus {
    /// Nothing waits.
    Synced,
    /// Sending now.
    Syncing,
    /// Logs wait; the next attempt is on its way.
    Waiting,
    /// The server cannot be reached; logs (if any) wait for it.
    Offline,
    /// The server refused a log or the device's storage failed; the logs stay on the phone.
    Error,
}

impl SyncStatus {
    pub fn name(self) -> &'static str {
        match self {
            SyncStatus::Synced => "synced",
            SyncStatus::Syncing => "syncing",
            SyncStatus::Waiting => "waiting",
            SyncStatus::Offline => "offline",
            SyncStatus::Error => "error",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct SyncState {
    pub status: SyncStatus,
    /// Logs of the signed-in person still on the phone.
    pub waiting: usize,
    /// What went wrong, for `Error`.
    pub problem: Option<String>,
}

/// How long to wait before trying an unreachable server again, after `failures` in a row.
pub fn retry_delay_ms(failures: u32) -> i32 {
    (3_000_i32.saturating_mul(1 << failures.min(4))).min(15_000)
}

/// The sync engine, shared through the app's state.
#[derive(Clone)]
pub struct Outbox {
    store: Store,
    api: Rc<DropIt>,
    /// The signed-in person whose entries are sent.
    user: Signal<Option<String>>,
    pub state: Signal<SyncState>,
    /// Off until the session is restored, so the first refresh of the tokens is alone.
    enabled: Rc<Cell<bool>>,
    running: Rc<Cell<bool>>,
    again: Rc<Cell<bool>>,
    retry_scheduled: Rc<Cell<bool>>,
    failures: Rc<Cell<u32>>,
    /// Called when the server answers again after a time out of reach.
    on_reconnect: Rc<dyn Fn()>,
}

impl Outbox {
    pub fn new(store: Store, api: Rc<DropIt>, user: Signal<Option<String>>, on_reconnect: Rc<dyn Fn()>) -> Self {
        Self {
            store,
            api,
            user,
            state: create_signal(SyncState { status: SyncStatus::Synced, waiting: 0, problem: None }),
            enabled: Rc::default(),
            running: Rc::default(),
            again: Rc::default(),
            retry_scheduled: Rc::default(),
            failures: Rc::default(),
            on_reconnect,
        }
    }

    /// Queues a finished log (or a check-in) and starts sending it. Returns once the entry is committed to the
    /// phone's storage.
    pub async fn enqueue(&self, entry: OutboxEntry) -> Result<(), crate::store::StoreError> {
        self.store.outbox_put(&entry.key(), &entry).await?;
        self.count().await;
        self.kick();
        Ok(())
    }

    /// Lets the engine send (once the session is known) and starts a pass.
    pub fn enable(&self) {
        self.enabled.set(true);
        self.kick();
    }

    /// Stops sending (signed out).
    pub fn disable(&self) {
        self.enabled.set(false);
    }

    /// The person's entries, oldest first.
    pub async fn entries(&self) -> Vec<OutboxEntry> {
        let Some(user) = self.user.get_clone_untracked() else { return Vec::new() };
        let mut mine: Vec<OutboxEntry> = match self.store.outbox::<OutboxEntry>().await {
            Ok(all) => all.into_iter().filter(|e| e.user_id == user).collect(),
            Err(_) => Vec::new(),
        };
        mine.sort_by(|a, b| a.queued_at.total_cmp(&b.queued_at));
        mine
    }

    /// Shows how many logs wait, without sending (at start, before the session is restored).
    pub async fn count(&self) {
        let waiting = self.entries().await.len();
        self.state.update(|state| {
            state.waiting = waiting;
            if state.status == SyncStatus::Synced && waiting > 0 {
                state.status = SyncStatus::Waiting;
            } else if waiting == 0 && state.status != SyncStatus::Offline {
                *state = SyncState { status: SyncStatus::Synced, waiting: 0, problem: None };
            }
        });
    }

    /// The browser lost its network.
    pub fn went_offline(&self) {
        self.state.update(|state| state.status = SyncStatus::Offline);
    }

    /// Something other than the outbox (the program) found the server out of reach.
    pub fn server_unreachable(&self) {
        self.state.update(|state| {
            if state.status != SyncStatus::Error {
                state.status = SyncStatus::Offline;
            }
        });
        self.schedule_retry();
    }

    /// Starts a pass, or asks the running one for another.
    pub fn kick(&self) {
        if !self.enabled.get() {
            return;
        }
        if self.running.get() {
            self.again.set(true);
            return;
        }
        self.running.set(true);
        let this = self.clone();
        wasm_bindgen_futures::spawn_local(async move {
            loop {
                this.again.set(false);
                this.pass().await;
                if !this.again.get() || !this.enabled.get() {
                    break;
                }
            }
            this.running.set(false);
        });
    }

    async fn pass(&self) {
        let entries = self.entries().await;
        let was_offline = self.state.with_untracked(|s| s.status == SyncStatus::Offline);
        if entries.is_empty() {
            if was_offline {
                // Nothing to send tells nothing about the server: the program's fetch does,
                // and calls `reachable` or `server_unreachable`.
                (self.on_reconnect)();
            } else {
                self.state.set(SyncState { status: SyncStatus::Synced, waiting: 0, problem: None });
            }
            return;
        }
        let mut left = entries.len();
        self.state.set(SyncState { status: SyncStatus::Syncing, waiting: left, problem: None });
        let (mut unreachable, mut problem) = (false, None);
        for mut entry in entries {
            if !self.enabled.get() {
                return;
            }
            match self.send(&entry).await {
                // Stored now or already stored: either way the server holds it.
                Ok(_) => match self.store.outbox_remove(&entry.key()).await {
                    Ok(()) => {
                        left -= 1;
                        self.state.update(|s| s.waiting = left);
                    }
                    Err(error) => problem = Some(error.to_string()),
                },
                Err(ApiFailure::Transport(_)) => {
                    unreachable = true;
                    break;
                }
                // The server is there but not well: try again later, like a lost network.
                Err(ApiFailure::Api { status, .. }) if status >= 500 || status == 429 => {
                    unreachable = true;
                    break;
                }
                Err(ApiFailure::Api { message, status, .. }) => {
                    entry.refused = Some(message.clone());
                    let _ = self.store.outbox_put(&entry.key(), &entry).await;
                    problem = Some(message);
                    // A refused session ends every send; other refusals concern one log.
                    if status == 401 {
                        break;
                    }
                }
            }
        }
        let status = if left == 0 {
            SyncStatus::Synced
        } else if problem.is_some() {
            SyncStatus::Error
        } else if unreachable {
            SyncStatus::Offline
        } else {
            SyncStatus::Waiting
        };
        self.state.set(SyncState { status, waiting: left, problem });
        if unreachable {
            self.schedule_retry();
        } else {
            self.failures.set(0);
            if was_offline {
                self.reconnected();
            }
        }
    }

    /// Sends one entry; `Ok` when the server holds it.
    async fn send(&self, entry: &OutboxEntry) -> Result<(), ApiFailure> {
        let club = entry.club.as_str();
        match &entry.item {
            Item::Log(log) => {
                self.api.call(|a| a.my_log_record().club(club).body(log.clone()).send()).await.map(|_| ())
            }
            Item::Readiness { date, check_in } => self
                .api
                .call(|a| a.my_readiness_put().club(club).date(date.as_str()).body(check_in.clone()).send())
                .await
                .map(|_| ()),
        }
    }

    fn reconnected(&self) {
        self.failures.set(0);
        (self.on_reconnect)();
    }

    /// Something other than the outbox (the program) reached the server.
    pub fn reachable(&self) {
        self.failures.set(0);
        self.state.update(|state| {
            if state.status == SyncStatus::Offline {
                state.status = if state.waiting > 0 { SyncStatus::Waiting } else { SyncStatus::Synced };
            }
        });
        if self.state.with_untracked(|s| s.waiting > 0) {
            self.kick();
        }
    }

    fn schedule_retry(&self) {
        if self.retry_scheduled.replace(true) {
            return;
        }
        let failures = self.failures.get();
        self.failures.set(failures.saturating_add(1));
        let this = self.clone();
        after(retry_delay_ms(failures), move || {
            this.retry_scheduled.set(false);
            if device::online() {
                this.kick();
            } else {
                // The `online` event starts the next pass.
                this.failures.set(0);
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_slow_down_to_fifteen_seconds() {
        assert_eq!(retry_delay_ms(0), 3_000);
        assert_eq!(retry_delay_ms(1), 6_000);
        assert_eq!(retry_delay_ms(2), 12_000);
        assert_eq!(retry_delay_ms(9), 15_000);
    }
}
