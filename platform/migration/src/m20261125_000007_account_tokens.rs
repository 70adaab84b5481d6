//! Single-use tokens sent by email: password resets and email changes.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(
                r"CREATE TABLE platform.account_tokens (
                    token_hash bytea PRIMARY KEY,
                    user_id uuid NOT NULL REFERENCES platform.users (id) ON DELETE CASCADE,
                    purpose text NOT NULL CHECK (purpose IN ('password_reset', 'email_change')),
                    new_email text CHECK (new_email = lower(new_email)),
                    created_at timestamptz NOT NULL DEFAULT now(),
                    expires_at timestamptz NOT NULL,
                    used_at timestamptz
                );
                CREATE INDEX account_tokens_user ON platform.account_tokens (user_id);",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.get_connection().execute_unprepared("DROP TABLE platform.account_tokens").await?;
        Ok(())
    }
}
