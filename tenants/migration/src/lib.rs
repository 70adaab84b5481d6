//! Migrations of one club's schema. Each runs with the club's schema alone on the search
//! path, so tables are named without a schema; the ledger (`seaql_migrations`) lives in the
//! club's schema too, one per club.
//!
//! Migrations are expand/contract: a new version only adds (tables, nullable columns,
//! indexes); removals come in a later release, once no running server uses what goes.

pub use sea_orm_migration::prelude::*;

mod m20261125_000001_club_baseline;
mod m20261125_000002_exercises;
mod m20261125_000003_workouts;
mod m20261125_000004_planned_sessions;
mod m20261125_000005_loads;
mod m20261125_000006_session_logs;
mod m20261125_000007_athletes;
mod m20261125_000008_training_facts;
mod m20261125_000009_training_max;
mod m20261125_000010_media;

pub use m20261125_000008_training_facts::SET_FACTS_BACKFILL;

pub struct Migrator;

#[sea_orm_migration::async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261125_000001_club_baseline::Migration),
            Box::new(m20261125_000002_exercises::Migration),
            Box::new(m20261125_000003_workouts::Migration),
            Box::new(m20261125_000004_planned_sessions::Migration),
            Box::new(m20261125_000005_loads::Migration),
            Box::new(m20261125_000006_session_logs::Migration),
            Box::new(m20261125_000007_athletes::Migration),
            Box::new(m20261125_000008_training_facts::Migration),
            Box::new(m20261125_000009_training_max::Migration),
            Box::new(m20261125_000010_media::Migration),
        ]
    }
}
