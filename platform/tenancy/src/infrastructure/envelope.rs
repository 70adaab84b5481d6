//! The club envelope: one transaction per piece of club work, opened with the club's search
//! path, role and statement timeout set transaction-locally in a single round trip.
//!
//! Never a session-level `SET` on the shared pool: when the transaction ends, the connection
//! is back to the login role with no club schema on its path, so a forgotten context fails
//! ("relation does not exist", "permission denied") instead of reading another club.

use std::{sync::Arc, time::Duration};

use sea_orm::{
    AccessMode, ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr, IsolationLevel, Statement,
    TransactionTrait,
};

use crate::domain::ClubCtx;

pub type ClubTxn = DatabaseTransaction;

/// Where a club's transactions run.
pub trait ClubConnections: Send + Sync {
    fn for_club(&self, ctx: &ClubCtx) -> &DatabaseConnection;
}

/// One pool serves every club.
impl ClubConnections for DatabaseConnection {
    fn for_club(&self, _: &ClubCtx) -> &DatabaseConnection {
        self
    }
}

/// The club connections split into pools that each serve a fixed share of the clubs (by club
/// id), so that each PostgreSQL backend meets fewer schemas and keeps their catalogue caches
/// warm. One pool is the plain pool.
#[derive(Clone)]
pub struct ClubPools(Arc<[DatabaseConnection]>);

impl ClubPools {
    /// # Panics
    /// With no pool at all.
    pub fn new(pools: Vec<DatabaseConnection>) -> Self {
        assert!(!pools.is_empty(), "at least one pool");
        Self(pools.into())
    }

    pub fn pools(&self) -> &[DatabaseConnection] {
        &self.0
    }
}

impl From<DatabaseConnection> for ClubPools {
    fn from(db: DatabaseConnection) -> Self {
        Self::new(vec![db])
    }
}

impl ClubConnections for ClubPools {
    fn for_club(&self, ctx: &ClubCtx) -> &DatabaseConnection {
        &self.0[shard(ctx, self.0.len())]
    }
}

/// The pool of `pools` serving the club: the same for a club in every server process.
fn shard(ctx: &ClubCtx, pools: usize) -> usize {
    let id = ctx.id.as_uuid().as_u128();
    let mixed = ((id ^ (id >> 64)) as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 32;
    (mixed % pools as u64) as usize
}

/// Begins a transaction confined to the club's schema and role.
pub async fn begin_club_txn(
    db: &(impl ClubConnections + ?Sized),
    ctx: &ClubCtx,
    statement_timeout: Duration,
) -> Result<ClubTxn, DbErr> {
    enter(db.for_club(ctx).begin().await?, ctx, statement_timeout).await
}

/// Begins a read-only transaction on one consistent snapshot of the club (an export).
pub async fn begin_club_snapshot(
    db: &(impl ClubConnections + ?Sized),
    ctx: &ClubCtx,
    statement_timeout: Duration,
) -> Result<ClubTxn, DbErr> {
    let txn =
        db.for_club(ctx).begin_with_config(Some(IsolationLevel::RepeatableRead), Some(AccessMode::ReadOnly)).await?;
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::{ClubId, ClubRole, ClubSchema};

    #[test]
    fn clubs_spread_evenly_over_the_pools_and_each_always_to_the_same() {
        let mut counts = [0usize; 5];
        for _ in 0..5_000 {
            let id = ClubId::generate();
            let ctx = ClubCtx { id, schema: ClubSchema::for_club(id), role: ClubRole::for_club(id) };
            let pool = shard(&ctx, counts.len());
            assert_eq!(pool, shard(&ctx.clone(), counts.len()));
            counts[pool] += 1;
        }
        assert!(counts.iter().all(|n| (850..1150).contains(n)), "{counts:?}");
        let id = ClubId::generate();
        assert_eq!(shard(&ClubCtx { id, schema: ClubSchema::for_club(id), role: ClubRole::for_club(id) }, 1), 0);
    }
}
