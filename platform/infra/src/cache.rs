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

/// Values shared by every server in Redis, grouped under a key (one club's catalogue, say) so
/// a write drops the whole group at once, each group expiring after a time-to-live. Every
/// value is also kept in this process for a short while: when Redis is away, reads are served
/// from that copy and go to the database when it has none, so nothing fails and nothing waits
/// for Redis. (Without Redis, another server's writes reach this copy only when it expires.)
#[derive(Clone)]
pub struct TieredCache {
    redis: Redis,
    namespace: String,
    local: moka::future::Cache<(String, String), String>,
    ttl: Duration,
    /// Reads by outcome: `hit`, `miss`, and `local_hit` / `local_miss` while Redis is away.
    reads: prometheus::IntCounterVec,
}

impl TieredCache {
    /// `ttl` for Redis; the in-process copy lives at most `local_ttl`. Every key is under
    /// `dropit:<namespace>:`, the namespace naming the database the values come from (see
    /// [`namespace_of`]), so deployments sharing a Redis never read each other's values.
    pub fn new(redis: Redis, namespace: &str, ttl: Duration, local_ttl: Duration, capacity: u64) -> Self {
        let local = moka::future::Cache::builder()
            .max_capacity(capacity)
            .time_to_live(local_ttl.min(ttl))
            .support_invalidation_closures()
            .build();
        let reads = prometheus::IntCounterVec::new(
            prometheus::Opts::new("dropit_cache_reads_total", "Shared cache reads, by outcome"),
            &["result"],
        )
        .expect("a fixed metric definition");
        Self { redis, namespace: format!("dropit:{namespace}:"), local, ttl, reads }
    }

    /// Counts this cache's reads in `registry`.
    pub fn register_metrics(&self, registry: &prometheus::Registry) -> prometheus::Result<()> {
        registry.register(Box::new(self.reads.clone()))
    }

    /// The Redis key of a group.
    pub fn key(&self, group: &str) -> String {
        format!("{}{group}", self.namespace)
    }

    /// Drops some fields of a group, here and in Redis.
    pub async fn forget(&self, group: &str, fields: &[String]) {
        let mut connection = self.redis.connection();
        let dropped: Result<i64, _> =
            redis::cmd("HDEL").arg(self.key(group)).arg(fields).query_async(&mut connection).await;
        if let Err(error) = dropped {
            tracing::warn!(%error, group, "cache: redis unavailable; its copy expires on its own");
        }
        for field in fields {
            self.local.invalidate(&(group.to_owned(), field.clone())).await;
        }
    }

    /// The value of `field` in `group`, if cached.
    pub async fn get(&self, group: &str, field: &str) -> Option<String> {
        let mut connection = self.redis.connection();
        let shared: Result<Option<String>, _> =
            redis::cmd("HGET").arg(self.key(group)).arg(field).query_async(&mut connection).await;
        let (value, result) = match shared {
            Ok(value) => {
                let result = if value.is_some() { "hit" } else { "miss" };
                (value, result)
            }
            Err(error) => {
                tracing::debug!(%error, "cache: redis unavailable, reading the local copy");
                let value = self.local.get(&(group.to_owned(), field.to_owned())).await;
                let result = if value.is_some() { "local_hit" } else { "local_miss" };
                (value, result)
            }
        };
        self.reads.with_label_values(&[result]).inc();
        value
    }

    pub async fn put(&self, group: &str, field: &str, value: String) {
        let mut connection = self.redis.connection();
        let key = self.key(group);
        let stored: Result<(), _> = redis::pipe()
            .cmd("HSET")
            .arg(&key)
            .arg(field)
            .arg(&value)
            .ignore()
            .cmd("EXPIRE")
            .arg(&key)
            .arg(self.ttl.as_secs().max(1))
            .arg("NX")
            .ignore()
            .query_async(&mut connection)
            .await;
        if let Err(error) = stored {
            tracing::debug!(%error, "cache: redis unavailable, keeping a local copy only");
        }
        self.local.insert((group.to_owned(), field.to_owned()), value).await;
    }

    /// Drops every value of the group, here and in Redis.
    pub async fn invalidate(&self, group: &str) {
        let mut connection = self.redis.connection();
        let dropped: Result<i64, _> = redis::cmd("DEL").arg(self.key(group)).query_async(&mut connection).await;
        if let Err(error) = dropped {
            tracing::warn!(%error, group, "cache: redis unavailable; its copy expires on its own");
        }
        let group = group.to_owned();
        if let Err(error) = self.local.invalidate_entries_if(move |(g, _), _| *g == group) {
            tracing::warn!(%error, "cache: the local copy could not be dropped");
        }
    }
}

/// The namespace of a database's cached values: its name, from its URL.
pub fn namespace_of(database_url: &str) -> String {
    url::Url::parse(database_url)
        .ok()
        .map(|url| url.path().trim_start_matches('/').to_owned())
        .filter(|name| !name.is_empty())
        .unwrap_or_else(|| "default".to_owned())
}
