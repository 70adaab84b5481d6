//! `/metrics`: the server's state for Prometheus, in the text format. Request counts and
//! latencies are recorded as requests pass (`dropit_http::Metered`), cache reads as they happen;
//! the database pool, the services and the fleet are read when scraped. No label names a club:
//! per-club usage is the operator's `/api/v1/platform/usage`.

use std::sync::Arc;

use dropit_http::Metered;
use dropit_infra::{HealthRegistry, health::ServiceStatus};
use poem::{Endpoint, Request, Response, http::StatusCode};
use prometheus::{Encoder, IntGauge, IntGaugeVec, Opts, Registry, TextEncoder};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use secrecy::{ExposeSecret, SecretString};

/// Everything `/metrics` shows, registered once per server.
#[derive(Clone)]
pub struct ServerMetrics {
    registry: Registry,
    metered: Metered,
    pool: IntGaugeVec,
    pool_max: IntGauge,
    services: IntGaugeVec,
    clubs: IntGaugeVec,
    migrations: IntGaugeVec,
}

impl ServerMetrics {
    pub fn new(registry: Registry) -> prometheus::Result<Self> {
        let gauge_vec = |name: &str, help: &str, labels: &[&str]| -> prometheus::Result<IntGaugeVec> {
            let gauge = IntGaugeVec::new(Opts::new(name, help), labels)?;
            registry.register(Box::new(gauge.clone()))?;
            Ok(gauge)
        };
        let pool = gauge_vec("dropit_db_pool_connections", "Database pool connections, in use or idle", &["state"])?;
        let services = gauge_vec(
            "dropit_service_up",
            "Whether each service answers (1) or not (0); redis, search and storage down mean degraded",
            &["service"],
        )?;
        let clubs = gauge_vec("dropit_clubs", "Clubs provisioned, by status", &["status"])?;
        let migrations =
            gauge_vec("dropit_club_migrations", "Clubs by the outcome of their last fleet migration", &["status"])?;
        let pool_max = IntGauge::new("dropit_db_pool_max_connections", "The database pool's size limit")?;
        registry.register(Box::new(pool_max.clone()))?;
        let metered = Metered::new(&registry)?;
        Ok(Self { registry, metered, pool, pool_max, services, clubs, migrations })
    }

    /// The request metrics middleware feeding this registry.
    pub fn metered(&self) -> Metered {
        self.metered.clone()
    }

    /// Reads what is measured when scraped, then writes every series.
    async fn render(&self, db: &DatabaseConnection, health: &HealthRegistry, max_connections: u32) -> String {
        // The spec's unconnected state has no pool.
        if matches!(db.inner, sea_orm::DatabaseConnectionType::SqlxPostgresPoolConnection(_)) {
            let pool = db.get_postgres_connection_pool();
            let idle = pool.num_idle() as i64;
            self.pool.with_label_values(&["idle"]).set(idle);
            self.pool.with_label_values(&["in_use"]).set(i64::from(pool.size()) - idle);
        }
        self.pool_max.set(i64::from(max_connections));
        for service in health.report().await {
            self.services.with_label_values(&[service.name]).set(i64::from(service.status == ServiceStatus::Up));
        }
        for (gauge, table) in [(&self.clubs, "platform.clubs"), (&self.migrations, "platform.club_migrations")] {
            let counted = db
                .query_all_raw(Statement::from_string(
                    DbBackend::Postgres,
                    format!("SELECT status::text AS status, count(*) AS n FROM {table} GROUP BY status"),
                ))
                .await;
            // A status no row has any more reads 0, not its last value.
            gauge.reset();
            match counted {
                Ok(rows) => {
                    for row in rows {
                        if let (Ok(status), Ok(n)) = (row.try_get::<String>("", "status"), row.try_get::<i64>("", "n"))
                        {
                            gauge.with_label_values(&[&status]).set(n);
                        }
                    }
                }
                Err(error) => tracing::debug!(%error, "metrics: the fleet is not readable now"),
            }
        }
        let mut out = Vec::new();
        if let Err(error) = TextEncoder::new().encode(&self.registry.gather(), &mut out) {
            tracing::warn!(%error, "metrics: encoding failed");
        }
        String::from_utf8_lossy(&out).into_owned()
    }
}

/// The `/metrics` endpoint.
pub struct MetricsEndpoint {
    pub metrics: ServerMetrics,
    pub db: DatabaseConnection,
    pub health: HealthRegistry,
    pub max_connections: u32,
    pub token: Arc<SecretString>,
}

impl Endpoint for MetricsEndpoint {
    type Output = Response;

    async fn call(&self, req: Request) -> poem::Result<Response> {
        let token = self.token.expose_secret();
        if !token.is_empty() {
            let sent = req
                .headers()
                .get("authorization")
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.strip_prefix("Bearer "));
            if sent != Some(token) {
                return Ok(Response::builder().status(StatusCode::UNAUTHORIZED).finish());
            }
        }
        let body = self.metrics.render(&self.db, &self.health, self.max_connections).await;
        Ok(Response::builder().content_type("text/plain; version=0.0.4; charset=utf-8").body(body))
    }
}
