//! Port: telling every server process that a club changed, so none serves it from a stale cache.

use async_trait::async_trait;

use crate::domain::Club;

#[async_trait]
pub trait ClubChanges: Send + Sync {
    /// Called after a club's status or schema changed. Best effort: a failure is logged by
    /// the adapter, and caches still expire on their own.
    async fn club_changed(&self, club: &Club);
}

/// Tells several listeners of each change, in order: this server's own caches first (at once,
/// so its next request sees the change), then the other servers.
pub struct EveryListener(pub Vec<std::sync::Arc<dyn ClubChanges>>);

#[async_trait]
impl ClubChanges for EveryListener {
    async fn club_changed(&self, club: &Club) {
        for listener in &self.0 {
            listener.club_changed(club).await;
        }
    }
}
