//! Liveness and readiness: is the process up, and can it serve (service by service).

use dropit_infra::{HealthRegistry, ServiceStatus};
use dropit_permissions::Access;
use poem_openapi::{ApiResponse, Enum, Object, OpenApi, payload::Json};

/// What each operation of this API requires.
pub const ACCESS: &[(&str, Access)] = &[("health_live", Access::Public), ("health_ready", Access::Public)];

pub struct HealthApi {
    registry: HealthRegistry,
}

impl HealthApi {
    pub fn new(registry: HealthRegistry) -> Self {
        Self { registry }
    }
}

/// The state of the whole server or of one service.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Enum)]
#[oai(rename_all = "snake_case")]
pub enum HealthStatus {
    /// Working.
    Up,
    /// Working without this service, with a fallback.
    Degraded,
    /// Not able to serve.
    Down,
}

impl From<ServiceStatus> for HealthStatus {
    fn from(status: ServiceStatus) -> Self {
        match status {
            ServiceStatus::Up => HealthStatus::Up,
            ServiceStatus::Degraded => HealthStatus::Degraded,
            ServiceStatus::Down => HealthStatus::Down,
        }
    }
}

#[derive(Debug, Object)]
pub struct Liveness {
    pub status: HealthStatus,
}

#[derive(Debug, Object)]
pub struct ServiceReport {
    /// `postgres`, `redis`, `typesense` or `storage`.
    pub name: String,
    pub status: HealthStatus,
    /// How long the check took.
    pub latency_ms: u64,
    /// Why the service is not up, when it is not.
    pub reason: Option<String>,
}

#[derive(Debug, Object)]
pub struct Readiness {
    /// The worst status of all services.
    pub status: HealthStatus,
    pub services: Vec<ServiceReport>,
}

#[derive(ApiResponse)]
pub enum ReadinessResponse {
    /// Every service is up, or some are degraded and the server works with fallbacks.
    #[oai(status = 200)]
    Ready(Json<Readiness>),
    /// An essential service is down: the server cannot serve data; load balancers should
    /// send traffic elsewhere. The body says which service.
    #[oai(status = 503)]
    NotReady(Json<Readiness>),
}

#[OpenApi(prefix_path = "/health", tag = "HealthTag::Health")]
impl HealthApi {
    /// The process is running and answering.
    #[oai(path = "/live", method = "get", operation_id = "health_live")]
    async fn live(&self) -> Json<Liveness> {
        Json(Liveness { status: HealthStatus::Up })
    }

    /// Whether the server can serve, and the state of each service it uses.
    #[oai(path = "/ready", method = "get", operation_id = "health_ready")]
    async fn ready(&self) -> ReadinessResponse {
        let services = self.registry.report().await;
        let worst = services.iter().map(|s| s.status).max().unwrap_or(ServiceStatus::Up);
        let readiness = Readiness {
            status: worst.into(),
            services: services
                .into_iter()
                .map(|s| ServiceReport {
                    name: s.name.to_owned(),
                    status: s.status.into(),
                    latency_ms: s.latency_ms,
                    reason: s.reason.map(str::to_owned),
                })
                .collect(),
        };
        if worst == ServiceStatus::Down {
            ReadinessResponse::NotReady(Json(readiness))
        } else {
            ReadinessResponse::Ready(Json(readiness))
        }
    }
}

#[derive(poem_openapi::Tags)]
enum HealthTag {
    /// Liveness and readiness probes.
    Health,
}
