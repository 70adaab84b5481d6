//! The `platform` schema itself, owned by the migrating role, closed to everyone else.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared("CREATE SCHEMA IF NOT EXISTS platform").await?;
        db.execute_unprepared("REVOKE ALL ON SCHEMA platform FROM PUBLIC").await?;
        db.execute_unprepared(
            "COMMENT ON SCHEMA platform IS 'DropIt control plane: club registry, accounts, memberships'",
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        // The ledger lives in this schema too: dropping it is a reset, never part of a rollback.
        manager.get_connection().execute_unprepared("COMMENT ON SCHEMA platform IS NULL").await?;
        Ok(())
    }
}
