//! Migrations of the shared `platform` schema: the club registry, accounts and everything
//! that is not one club's data. Club schemas have their own migrator.
//!
//! The ledger (`seaql_migrations`) lives in the `platform` schema, so run this migrator on a
//! connection whose search path is `platform` (see `dropit-server`'s `migrate`).

pub use sea_orm_migration::prelude::*;

mod m20261125_000001_platform_schema;
mod m20261125_000002_club_registry;
mod m20261125_000003_identity;
mod m20261125_000005_invitations;
mod m20261125_000006_audit_log;
mod m20261125_000007_account_tokens;
mod m20261125_000008_athlete_invitations;

/// The schema every platform table lives in.
pub const PLATFORM_SCHEMA: &str = "platform";

/// Applies the pending platform migrations; returns how many there were.
///
/// One transaction, under an advisory lock so that concurrent runs wait for each other: the
/// schema is created if needed, then the migrations run with it alone on the search path, so
/// the ledger lives in the platform schema too.
pub async fn migrate(db: &sea_orm::DatabaseConnection) -> Result<usize, DbErr> {
    use sea_orm::TransactionTrait;

    // The lock comes first: two runs creating the schema at once would collide even with
    // IF NOT EXISTS.
    let txn = db.begin().await?;
    txn.execute_unprepared(&format!(
        "SELECT pg_advisory_xact_lock(hashtext('dropit:platform-migrations'));
         CREATE SCHEMA IF NOT EXISTS {PLATFORM_SCHEMA};
         SET LOCAL search_path TO {PLATFORM_SCHEMA}"
    ))
    .await?;
    let pending = Migrator::get_pending_migrations(&txn).await?.len();
    Migrator::up(&txn, None).await?;
    txn.commit().await?;
    Ok(pending)
}

pub struct Migrator;

#[sea_orm_migration::async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261125_000001_platform_schema::Migration),
            Box::new(m20261125_000002_club_registry::Migration),
            Box::new(m20261125_000003_identity::Migration),
            Box::new(m20261125_000005_invitations::Migration),
            Box::new(m20261125_000006_audit_log::Migration),
            Box::new(m20261125_000007_account_tokens::Migration),
            Box::new(m20261125_000008_athlete_invitations::Migration),
        ]
    }
}
