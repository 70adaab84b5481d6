//! PostgreSQL adapters of the athletes module, each call in the club envelope, and the member
//! directory read from identity.

mod athletes;
mod data;
mod follow;
mod members;
mod stats;

use std::time::Duration;

use dropit_tenancy::infrastructure::ClubPools;

pub use follow::RecordKeeper;
pub use members::PlatformMembers;

/// The club's athletes and what is kept about them, in its schema.
#[derive(Clone)]
pub struct PgAthletes {
    db: ClubPools,
    statement_timeout: Duration,
}

impl PgAthletes {
    pub fn new(db: impl Into<ClubPools>, statement_timeout: Duration) -> Self {
        Self { db: db.into(), statement_timeout }
    }
}

fn failed(error: sea_orm::DbErr) -> crate::application::StoreError {
    crate::application::StoreError(error.to_string())
}

/// Ids as one parameter, `= ANY(string_to_array($n, ',')::uuid[])`.
fn id_list(ids: &[uuid::Uuid]) -> sea_orm::Value {
    ids.iter().map(uuid::Uuid::to_string).collect::<Vec<_>>().join(",").into()
}

/// A PostgreSQL statement with its parameters.
fn stmt(sql: impl Into<String>, values: impl IntoIterator<Item = sea_orm::Value>) -> sea_orm::Statement {
    sea_orm::Statement::from_sql_and_values(sea_orm::DbBackend::Postgres, sql, values)
}

/// A unique constraint refused the write.
fn is_unique_violation(error: &sea_orm::DbErr) -> bool {
    matches!(error.sql_err(), Some(sea_orm::SqlErr::UniqueConstraintViolation(_)))
}
