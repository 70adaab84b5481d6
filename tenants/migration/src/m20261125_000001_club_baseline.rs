//! The club's own settings, one row, seeded at provisioning.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE TABLE club_settings (
                    id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
                    locale text NOT NULL DEFAULT 'fr' CHECK (locale IN ('fr', 'en')),
                    timezone text NOT NULL DEFAULT 'Europe/Paris',
                    weight_rounding text NOT NULL DEFAULT 'nearest'
                        CHECK (weight_rounding IN ('nearest', 'floor', 'ceil')),
                    created_at timestamptz NOT NULL DEFAULT now(),
                    updated_at timestamptz NOT NULL DEFAULT now()
                )",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.get_connection().execute_unprepared("DROP TABLE club_settings").await?;
        Ok(())
    }
}
