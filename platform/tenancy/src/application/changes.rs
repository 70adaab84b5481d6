//! Port: telling every server process that a club changed, so none serves it from a stale cache.

use async_trait::async_trait;

use crate::domain::Club;

#[async_trait]
pub trait ClubChanges: Send + Sync {
    /// Called after a club's status or schema changed. Best effort: a failure is logged by
    /// the adapter, and caches still expire on their own.
    async fn club_changed(&self, club: &Club);
}
