//! Failed sign-in counting in Redis, shared by every server process; in-process when Redis
//! is away, so throttling never stops.

use std::time::Duration;

use async_trait::async_trait;
use moka::future::Cache;

use crate::application::AttemptLimiter;

#[derive(Clone, Copy, Debug)]
pub struct Limits {
    /// Failures per account before it is locked for the window.
    pub per_account: u32,
    /// Failures per network address before it is locked for the window.
    pub per_address: u32,
    pub window: Duration,
}

impl Limits {
    fn limit_of(&self, key: &str) -> u32 {
        if key.starts_with("account:") { self.per_account } else { self.per_address }
    }
}

pub struct RedisAttemptLimiter {
    redis: redis::aio::ConnectionManager,
    fallback: Cache<String, u32>,
    limits: Limits,
}

impl RedisAttemptLimiter {
    pub fn new(redis: redis::aio::ConnectionManager, limits: Limits) -> Self {
        let fallback = Cache::builder().time_to_live(limits.window).max_capacity(100_000).build();
        Self { redis, fallback, limits }
    }

    fn redis_key(key: &str) -> String {
        format!("dropit:signin-failures:{key}")
    }

    async fn redis_locked(&self, keys: &[String]) -> redis::RedisResult<Option<Duration>> {
        let mut conn = self.redis.clone();
        for key in keys {
            let (count, ttl): (Option<u32>, i64) =
                redis::pipe().get(Self::redis_key(key)).ttl(Self::redis_key(key)).query_async(&mut conn).await?;
            if count.unwrap_or(0) >= self.limits.limit_of(key) {
                return Ok(Some(Duration::from_secs(ttl.max(1) as u64)));
            }
        }
        Ok(None)
    }

    async fn redis_failed(&self, keys: &[String]) -> redis::RedisResult<()> {
        let mut conn = self.redis.clone();
        let mut pipe = redis::pipe();
        for key in keys {
            let key = Self::redis_key(key);
            pipe.incr(&key, 1).ignore().cmd("EXPIRE").arg(&key).arg(self.limits.window.as_secs()).arg("NX").ignore();
        }
        pipe.query_async(&mut conn).await
    }
}

#[async_trait]
impl AttemptLimiter for RedisAttemptLimiter {
    async fn locked(&self, keys: &[String]) -> Option<Duration> {
        match self.redis_locked(keys).await {
            Ok(locked) => locked,
            Err(error) => {
                tracing::warn!(%error, "redis unavailable; counting sign-in failures in this process");
                for key in keys {
                    if self.fallback.get(key).await.unwrap_or(0) >= self.limits.limit_of(key) {
                        return Some(self.limits.window);
                    }
                }
                None
            }
        }
    }

    async fn failed(&self, keys: &[String]) {
        if let Err(error) = self.redis_failed(keys).await {
            tracing::warn!(%error, "redis unavailable; counting sign-in failures in this process");
            for key in keys {
                let count = self.fallback.get(key).await.unwrap_or(0);
                self.fallback.insert(key.clone(), count + 1).await;
            }
        }
    }

    async fn forget(&self, key: &str) {
        let mut conn = self.redis.clone();
        let _: redis::RedisResult<()> = redis::cmd("DEL").arg(Self::redis_key(key)).query_async(&mut conn).await;
        self.fallback.invalidate(key).await;
    }
}
