//! `dropit migrate`: brings the `platform` schema to the latest version.

use anyhow::Context;
use dropit_infra::{database, settings::DatabaseSettings};
use sea_orm::DatabaseConnection;

/// Applies pending platform migrations; returns how many were applied.
pub async fn migrate_platform(settings: &DatabaseSettings) -> anyhow::Result<usize> {
    let db = database::connect(settings, false).await.context("connecting to postgres")?;
    let applied = migrate_platform_on(&db).await;
    db.close().await.context("closing the migration connection")?;
    applied
}

pub async fn migrate_platform_on(db: &DatabaseConnection) -> anyhow::Result<usize> {
    dropit_platform_migration::migrate(db).await.context("applying platform migrations")
}
