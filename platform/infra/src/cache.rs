//! The Redis connection used for caching and rate limits, and its health check.
//!
//! Redis is optional at run time: the connection is made lazily and re-made after a failure,
//! so the server starts and keeps serving while Redis is away.

use std::time::Duration;

use async_trait::async_trait;
use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use secrecy::ExposeSecret;

use crate::{HealthCheck, settings::RedisSettings};

#[derive(Clone)]
pub struct Redis {
    client: redis::Client,
    manager: ConnectionManager,
}

impl Redis {
    pub fn new(settings: &RedisSettings) -> Result<Self, redis::RedisError> {
        let client = redis::Client::open(settings.url.expose_secret())?;
        let timeout = Duration::from_millis(settings.timeout_ms);
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(timeout))
            .set_response_timeout(Some(timeout))
            .set_number_of_retries(1);
        let manager = ConnectionManager::new_lazy_with_config(client.clone(), config)?;
        Ok(Self { client, manager })
    }

    /// The client, for what needs a connection of its own (subscriptions).
    pub fn client(&self) -> &redis::Client {
        &self.client
    }

    /// A handle to the shared multiplexed connection; cheap to clone.
    pub fn connection(&self) -> ConnectionManager {
        self.manager.clone()
    }
}

pub struct RedisHealth(pub Redis);

#[async_trait]
impl HealthCheck for RedisHealth {
    fn name(&self) -> &'static str {
        "redis"
    }

    fn essential(&self) -> bool {
        false
    }

    async fn probe(&self) -> Result<(), String> {
        let mut conn = self.0.connection();
        let pong: String = redis::cmd("PING").query_async(&mut conn).await.map_err(|e| e.to_string())?;
        if pong == "PONG" { Ok(()) } else { Err(format!("unexpected reply {pong:?}")) }
    }
}
