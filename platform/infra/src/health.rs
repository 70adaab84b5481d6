//! Health checks: each adapter says whether its service answers, and the registry runs them
//! all at once, each under a deadline, for `/api/health/ready`.

use std::{sync::Arc, time::Duration};

use async_trait::async_trait;
use tokio::time::Instant;

/// How a service is doing, from the product's point of view.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ServiceStatus {
    Up,
    /// Unreachable, but the product works without it (with a fallback).
    Degraded,
    /// Unreachable, and the product cannot serve its data without it.
    Down,
}

impl ServiceStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ServiceStatus::Up => "up",
            ServiceStatus::Degraded => "degraded",
            ServiceStatus::Down => "down",
        }
    }
}

/// One service's state at the time of a check.
#[derive(Clone, Debug)]
pub struct ServiceHealth {
    pub name: &'static str,
    pub status: ServiceStatus,
    pub latency_ms: u64,
    /// A short, non-sensitive reason when the service is not up.
    pub reason: Option<&'static str>,
}

/// A probe of one external service.
#[async_trait]
pub trait HealthCheck: Send + Sync {
    /// A stable name, such as `postgres` or `redis`.
    fn name(&self) -> &'static str;

    /// Whether the product is down without this service (or only degraded).
    fn essential(&self) -> bool;

    /// Succeeds when the service answers as expected.
    async fn probe(&self) -> Result<(), String>;
}

/// Every health check of the running server.
#[derive(Clone)]
pub struct HealthRegistry {
    checks: Vec<Arc<dyn HealthCheck>>,
    deadline: Duration,
}

impl HealthRegistry {
    pub fn new(deadline: Duration) -> Self {
        Self { checks: Vec::new(), deadline }
    }

    pub fn register(&mut self, check: Arc<dyn HealthCheck>) {
        self.checks.push(check);
    }

    /// Probes every service concurrently; a probe past the deadline counts as a failure.
    pub async fn report(&self) -> Vec<ServiceHealth> {
        let probes = self.checks.iter().map(|check| async move {
            let started = Instant::now();
            let outcome = tokio::time::timeout(self.deadline, check.probe()).await;
            let latency_ms = started.elapsed().as_millis() as u64;
            let failed = if check.essential() { ServiceStatus::Down } else { ServiceStatus::Degraded };
            let (status, reason) = match outcome {
                Ok(Ok(())) => (ServiceStatus::Up, None),
                Ok(Err(error)) => {
                    tracing::warn!(service = check.name(), %error, "health check failed");
                    (failed, Some("unreachable"))
                }
                Err(_) => {
                    tracing::warn!(
                        service = check.name(),
                        deadline_ms = self.deadline.as_millis() as u64,
                        "health check timed out"
                    );
                    (failed, Some("timed out"))
                }
            };
            ServiceHealth { name: check.name(), status, latency_ms, reason }
        });
        futures::future::join_all(probes).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fixed {
        essential: bool,
        result: Result<(), String>,
        delay: Duration,
    }

    #[async_trait]
    impl HealthCheck for Fixed {
        fn name(&self) -> &'static str {
            "fixed"
        }
        fn essential(&self) -> bool {
            self.essential
        }
        async fn probe(&self) -> Result<(), String> {
            tokio::time::sleep(self.delay).await;
            self.result.clone()
        }
    }

    fn check(essential: bool, result: Result<(), String>, delay_ms: u64) -> Arc<dyn HealthCheck> {
        Arc::new(Fixed { essential, result, delay: Duration::from_millis(delay_ms) })
    }

    #[tokio::test]
    async fn classifies_failures_by_essentialness_and_deadline() {
        let mut registry = HealthRegistry::new(Duration::from_millis(50));
        registry.register(check(true, Ok(()), 0));
        registry.register(check(true, Err("refused".into()), 0));
        registry.register(check(false, Err("refused".into()), 0));
        registry.register(check(false, Ok(()), 500));
        let statuses: Vec<_> = registry.report().await.into_iter().map(|h| (h.status, h.reason)).collect();
        assert_eq!(
            statuses,
            vec![
                (ServiceStatus::Up, None),
                (ServiceStatus::Down, Some("unreachable")),
                (ServiceStatus::Degraded, Some("unreachable")),
                (ServiceStatus::Degraded, Some("timed out")),
            ]
        );
    }
}
