//! An invitation can be for an athlete the coach already manages: accepting it links the new
//! account to that athlete's profile (kept in the club's schema, so the id has no key here).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared("ALTER TABLE platform.invitations ADD COLUMN athlete_id uuid")
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.get_connection().execute_unprepared("ALTER TABLE platform.invitations DROP COLUMN athlete_id").await?;
        Ok(())
    }
}
