//! The club registry, and the status of each club in fleet migration runs.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared(
            r"CREATE TABLE platform.clubs (
                id uuid PRIMARY KEY,
                slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,38}[a-z0-9]$'),
                name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
                schema_name text NOT NULL UNIQUE CHECK (schema_name ~ '^club_[a-z0-9_]{1,40}$'),
                role_name text NOT NULL UNIQUE CHECK (role_name ~ '^dropit_club_[a-z0-9_]{1,40}$'),
                status text NOT NULL CHECK (status IN ('provisioning', 'active', 'suspended', 'archived')),
                tier text NOT NULL DEFAULT 'standard' CHECK (tier IN ('free', 'standard', 'premium')),
                schema_version text,
                archive_key text,
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now()
            )",
        )
        .await?;
        db.execute_unprepared("CREATE INDEX clubs_schema_version ON platform.clubs (schema_version)").await?;
        db.execute_unprepared(
            r"CREATE TABLE platform.club_migrations (
                club_id uuid PRIMARY KEY REFERENCES platform.clubs (id) ON DELETE CASCADE,
                target text NOT NULL,
                status text NOT NULL CHECK (status IN ('running', 'done', 'failed')),
                error text,
                started_at timestamptz NOT NULL DEFAULT now(),
                finished_at timestamptz
            )",
        )
        .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared("DROP TABLE platform.club_migrations").await?;
        db.execute_unprepared("DROP TABLE platform.clubs").await?;
        Ok(())
    }
}
