//! The audit log of security events, per club and platform-wide.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(
                r"CREATE TABLE platform.audit_log (
                    id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                    at timestamptz NOT NULL DEFAULT now(),
                    -- No foreign keys: the log outlives the clubs and people it names.
                    club_id uuid,
                    actor_id uuid,
                    action text NOT NULL,
                    subject text,
                    address text
                );
                CREATE INDEX audit_log_club ON platform.audit_log (club_id, id DESC) WHERE club_id IS NOT NULL;",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.get_connection().execute_unprepared("DROP TABLE platform.audit_log").await?;
        Ok(())
    }
}
