//! Exercise media: videos and images, stored in object storage under the club's prefix; the
//! rows say which object belongs to which exercise.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE TABLE media (
                    id uuid PRIMARY KEY,
                    exercise_id uuid NOT NULL REFERENCES exercises (id) ON DELETE CASCADE,
                    content_type text NOT NULL CHECK (length(content_type) BETWEEN 3 AND 100),
                    size_bytes bigint NOT NULL CHECK (size_bytes > 0),
                    created_at timestamptz NOT NULL DEFAULT now()
                );
                CREATE INDEX media_exercise ON media (exercise_id, created_at);",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.get_connection().execute_unprepared("DROP TABLE media").await?;
        Ok(())
    }
}
