//! Accounts, sessions with their refresh tokens, and club memberships.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(
                r"CREATE TABLE platform.users (
                    id uuid PRIMARY KEY,
                    email text NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
                    password_hash text NOT NULL,
                    display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 80),
                    locale text NOT NULL CHECK (locale IN ('fr', 'en')),
                    is_operator boolean NOT NULL DEFAULT false,
                    created_at timestamptz NOT NULL DEFAULT now(),
                    updated_at timestamptz NOT NULL DEFAULT now()
                );
                CREATE UNIQUE INDEX users_email ON platform.users (email);

                -- One signed-in device or browser: a family of refresh tokens.
                CREATE TABLE platform.sessions (
                    id uuid PRIMARY KEY,
                    user_id uuid NOT NULL REFERENCES platform.users (id) ON DELETE CASCADE,
                    client text NOT NULL CHECK (client IN ('web', 'mobile')),
                    created_at timestamptz NOT NULL DEFAULT now(),
                    last_used_at timestamptz NOT NULL DEFAULT now(),
                    revoked_at timestamptz,
                    revoked_reason text
                );
                CREATE INDEX sessions_user ON platform.sessions (user_id) WHERE revoked_at IS NULL;

                -- Refresh tokens are stored as SHA-256 hashes; a used one must never come back.
                CREATE TABLE platform.refresh_tokens (
                    token_hash bytea PRIMARY KEY,
                    session_id uuid NOT NULL REFERENCES platform.sessions (id) ON DELETE CASCADE,
                    created_at timestamptz NOT NULL DEFAULT now(),
                    expires_at timestamptz NOT NULL,
                    used_at timestamptz
                );
                CREATE INDEX refresh_tokens_session ON platform.refresh_tokens (session_id);

                CREATE TABLE platform.memberships (
                    user_id uuid NOT NULL REFERENCES platform.users (id) ON DELETE CASCADE,
                    club_id uuid NOT NULL REFERENCES platform.clubs (id) ON DELETE CASCADE,
                    role text NOT NULL CHECK (role IN ('club_admin', 'coach', 'athlete')),
                    created_at timestamptz NOT NULL DEFAULT now(),
                    updated_at timestamptz NOT NULL DEFAULT now(),
                    PRIMARY KEY (user_id, club_id)
                );
                CREATE INDEX memberships_club ON platform.memberships (club_id);",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(
                "DROP TABLE platform.memberships; DROP TABLE platform.refresh_tokens;
                 DROP TABLE platform.sessions; DROP TABLE platform.users;",
            )
            .await?;
        Ok(())
    }
}
