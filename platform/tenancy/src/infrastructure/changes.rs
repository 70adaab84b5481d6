//! Club change notices over Redis pub/sub: the process that changes a club publishes, every
//! server process listens and forgets the club. Without Redis, caches expire on their own
//! (`tenancy.cache_ttl_secs`), so a missed notice only delays a change.

use std::time::Duration;

use async_trait::async_trait;
use futures::StreamExt;

use crate::{
    application::{ClubChanges, ClubResolver},
    domain::Club,
};

pub const CHANNEL: &str = "dropit:club-changed";

pub struct RedisClubChanges {
    connection: redis::aio::ConnectionManager,
}

impl RedisClubChanges {
    pub fn new(connection: redis::aio::ConnectionManager) -> Self {
        Self { connection }
    }
}

#[async_trait]
impl ClubChanges for RedisClubChanges {
    async fn club_changed(&self, club: &Club) {
        let mut connection = self.connection.clone();
        let notice = format!("{} {}", club.id, club.slug);
        let published: Result<i64, _> =
            redis::cmd("PUBLISH").arg(CHANNEL).arg(&notice).query_async(&mut connection).await;
        if let Err(error) = published {
            tracing::warn!(club = %club.id, %error, "could not publish a club change; caches will expire on their own");
        }
    }
}

/// Listens for change notices and forgets the clubs they name, reconnecting after a failure,
/// until the task is dropped.
pub async fn listen_for_changes(client: redis::Client, resolver: ClubResolver) {
    let mut backoff = Duration::from_millis(200);
    loop {
        match client.get_async_pubsub().await {
            Ok(mut pubsub) => match pubsub.subscribe(CHANNEL).await {
                Ok(()) => {
                    tracing::debug!("listening for club changes");
                    backoff = Duration::from_millis(200);
                    let mut messages = pubsub.into_on_message();
                    while let Some(message) = messages.next().await {
                        let Ok(notice) = message.get_payload::<String>() else { continue };
                        if let Some((id, slug)) = notice.split_once(' ') {
                            resolver.invalidate_keys(id, slug).await;
                        }
                    }
                }
                Err(error) => tracing::debug!(%error, "club change subscription failed"),
            },
            Err(error) => tracing::debug!(%error, "redis unavailable for club changes"),
        }
        tokio::time::sleep(backoff).await;
        backoff = (backoff * 2).min(Duration::from_secs(10));
    }
}
