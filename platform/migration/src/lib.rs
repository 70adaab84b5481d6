//! Migrations of the shared `platform` schema: the club registry, accounts and everything
//! that is not one club's data. Club schemas have their own migrator.
//!
//! The ledger (`seaql_migrations`) lives in the `platform` schema, so run this migrator on a
//! connection whose search path is `platform` (see `dropit-server`'s `migrate`).

pub use sea_orm_migration::prelude::*;

mod m20261125_000001_platform_schema;
mod m20261125_000002_club_registry;

/// The schema every platform table lives in.
pub const PLATFORM_SCHEMA: &str = "platform";

pub struct Migrator;

#[sea_orm_migration::async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261125_000001_platform_schema::Migration),
            Box::new(m20261125_000002_club_registry::Migration),
        ]
    }
}
