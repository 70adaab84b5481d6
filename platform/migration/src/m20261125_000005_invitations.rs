//! Invitations to join a club with a role: single use, with an expiry, stored as a hash.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(
                r"CREATE TABLE platform.invitations (
                    id uuid PRIMARY KEY,
                    club_id uuid NOT NULL REFERENCES platform.clubs (id) ON DELETE CASCADE,
                    email text NOT NULL CHECK (email = lower(email)),
                    role text NOT NULL CHECK (role IN ('club_admin', 'coach', 'athlete')),
                    token_hash bytea NOT NULL UNIQUE,
                    invited_by uuid REFERENCES platform.users (id) ON DELETE SET NULL,
                    created_at timestamptz NOT NULL DEFAULT now(),
                    expires_at timestamptz NOT NULL,
                    accepted_at timestamptz,
                    accepted_by uuid REFERENCES platform.users (id) ON DELETE SET NULL,
                    revoked_at timestamptz
                );
                CREATE INDEX invitations_club ON platform.invitations (club_id)
                    WHERE accepted_at IS NULL AND revoked_at IS NULL;",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.get_connection().execute_unprepared("DROP TABLE platform.invitations").await?;
        Ok(())
    }
}
