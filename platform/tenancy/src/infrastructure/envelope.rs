//! The club envelope: one transaction per piece of club work, opened with the club's search
//! path, role and statement timeout set transaction-locally in a single round trip.
//!
//! Never a session-level `SET` on the shared pool: when the transaction ends, the connection
//! is back to the login role with no club schema on its path, so a forgotten context fails
//! ("relation does not exist", "permission denied") instead of reading another club.

use std::time::Duration;

use sea_orm::{
    AccessMode, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr, IsolationLevel, Statement,
    TransactionTrait,
};

use crate::domain::ClubCtx;

pub type ClubTxn = DatabaseTransaction;

/// Begins a transaction confined to the club's schema and role.
pub async fn begin_club_txn(
    db: &DatabaseConnection,
    ctx: &ClubCtx,
    statement_timeout: Duration,
) -> Result<ClubTxn, DbErr> {
    enter(db.begin().await?, ctx, statement_timeout).await
}

/// Begins a read-only transaction on one consistent snapshot of the club (an export).
pub async fn begin_club_snapshot(
    db: &DatabaseConnection,
    ctx: &ClubCtx,
    statement_timeout: Duration,
) -> Result<ClubTxn, DbErr> {
    let txn = db.begin_with_config(Some(IsolationLevel::RepeatableRead), Some(AccessMode::ReadOnly)).await?;
    enter(txn, ctx, statement_timeout).await
}

async fn enter(txn: ClubTxn, ctx: &ClubCtx, statement_timeout: Duration) -> Result<ClubTxn, DbErr> {
    txn.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "SELECT set_config('search_path', $1, true), set_config('role', $2, true), \
         set_config('statement_timeout', $3, true)",
        [ctx.schema.quoted().into(), ctx.role.as_str().into(), format!("{}ms", statement_timeout.as_millis()).into()],
    ))
    .await?;
    Ok(txn)
}
