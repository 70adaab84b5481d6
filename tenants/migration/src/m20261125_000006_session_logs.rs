//! Session logs: what an athlete actually did, set by set, under an id the client chose, so a
//! retried upload never duplicates.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE TABLE session_logs (
                    id uuid PRIMARY KEY,
                    athlete_id uuid NOT NULL,
                    planned_session_id uuid REFERENCES planned_sessions (id) ON DELETE SET NULL,
                    performed_on date NOT NULL,
                    session_rpe numeric(3, 1) CHECK (session_rpe BETWEEN 1 AND 10),
                    duration_minutes integer CHECK (duration_minutes BETWEEN 0 AND 600),
                    notes text NOT NULL DEFAULT '' CHECK (length(notes) <= 2000),
                    -- [{exercise_id, reps, load_kg, rpe, made, note}]
                    sets jsonb NOT NULL,
                    coach_comment text NOT NULL DEFAULT '' CHECK (length(coach_comment) <= 2000),
                    created_at timestamptz NOT NULL DEFAULT now(),
                    updated_at timestamptz NOT NULL DEFAULT now()
                );
                CREATE INDEX session_logs_athlete ON session_logs (athlete_id, performed_on);",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.get_connection().execute_unprepared("DROP TABLE session_logs").await?;
        Ok(())
    }
}
