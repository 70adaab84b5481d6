//! `dropit migrate`: brings the `platform` schema to the latest version.

use anyhow::Context;
use dropit_infra::{database, settings::DatabaseSettings};
use dropit_platform_migration::{Migrator, PLATFORM_SCHEMA};
use sea_orm::{ConnectionTrait, DatabaseConnection};
use sea_orm_migration::MigratorTrait;

/// Applies pending platform migrations; returns how many were applied.
pub async fn migrate_platform(settings: &DatabaseSettings) -> anyhow::Result<usize> {
    let db = database::connect(settings, false).await.context("connecting to postgres")?;
    let applied = migrate_platform_on(&db).await;
    db.close().await.context("closing the migration connection")?;
    applied
}

pub async fn migrate_platform_on(db: &DatabaseConnection) -> anyhow::Result<usize> {
    // The ledger lives in the platform schema: create it first, then work with it first on
    // the search path, in a transaction so concurrent runs wait for each other.
    db.execute_unprepared(&format!("CREATE SCHEMA IF NOT EXISTS {PLATFORM_SCHEMA}"))
        .await
        .context("creating the platform schema")?;
    let txn = sea_orm::TransactionTrait::begin(db).await.context("starting the migration transaction")?;
    txn.execute_unprepared(&format!(
        "SELECT pg_advisory_xact_lock(hashtext('dropit:platform-migrations')); SET LOCAL search_path TO {PLATFORM_SCHEMA}"
    ))
    .await
    .context("locking the platform migrations")?;
    let pending = Migrator::get_pending_migrations(&txn).await.context("reading the migration ledger")?.len();
    Migrator::up(&txn, None).await.context("applying platform migrations")?;
    txn.commit().await.context("committing platform migrations")?;
    Ok(pending)
}
