//! The PostgreSQL connection pool and its health check.

use std::time::Duration;

use async_trait::async_trait;
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};
use secrecy::ExposeSecret;

use crate::{HealthCheck, settings::DatabaseSettings};

/// `%text%` for LIKE / ILIKE, with the pattern characters of the text (`\`, `%`, `_`) escaped,
/// so user input only ever matches itself.
pub fn contains_pattern(text: &str) -> String {
    let escaped = text.replace('\\', "\\\\").replace('%', "\\%").replace('_', "\\_");
    format!("%{escaped}%")
}

/// Opens the pool. A lazy pool connects on first use, so the server starts (and reports
/// PostgreSQL down) while the database is unreachable, then recovers by itself.
pub async fn connect(settings: &DatabaseSettings, lazy: bool) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(settings.url.expose_secret().to_owned());
    options
        .max_connections(settings.max_connections)
        .min_connections(settings.min_connections)
        .connect_timeout(Duration::from_secs(settings.connect_timeout_secs))
        .acquire_timeout(Duration::from_secs(settings.acquire_timeout_secs))
        .max_lifetime(Duration::from_secs(settings.max_lifetime_secs))
        .idle_timeout(Duration::from_secs(settings.idle_timeout_secs))
        .sqlx_logging(false)
        .connect_lazy(lazy);
    Database::connect(options).await
}

pub struct PostgresHealth(pub DatabaseConnection);

#[async_trait]
impl HealthCheck for PostgresHealth {
    fn name(&self) -> &'static str {
        "postgres"
    }

    fn essential(&self) -> bool {
        true
    }

    async fn probe(&self) -> Result<(), String> {
        self.0.ping().await.map_err(|e| e.to_string())
    }
}

#[cfg(test)]
mod tests {
    use super::contains_pattern;

    #[test]
    fn pattern_characters_match_only_themselves() {
        assert_eq!(contains_pattern("snatch"), "%snatch%");
        assert_eq!(contains_pattern("100%_a\\b"), "%100\\%\\_a\\\\b%");
    }
}
