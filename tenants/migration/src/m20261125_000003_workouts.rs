//! Workout templates: ordered lines, each an exercise or a complex with its prescription.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE TABLE workouts (
                    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
                    notes text NOT NULL DEFAULT '' CHECK (length(notes) <= 4000),
                    archived_at timestamptz,
                    created_at timestamptz NOT NULL DEFAULT now(),
                    updated_at timestamptz NOT NULL DEFAULT now()
                );
                -- parts: [{exercise_id, reps}], one for an exercise, several for a complex.
                -- sets: [{reps, intensity}], one entry a set, so sets may differ.
                CREATE TABLE workout_lines (
                    workout_id uuid NOT NULL REFERENCES workouts (id) ON DELETE CASCADE,
                    position integer NOT NULL CHECK (position >= 0),
                    parts jsonb NOT NULL,
                    sets jsonb NOT NULL,
                    rest_seconds integer CHECK (rest_seconds BETWEEN 0 AND 3600),
                    notes text NOT NULL DEFAULT '' CHECK (length(notes) <= 1000),
                    PRIMARY KEY (workout_id, position)
                );",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.get_connection().execute_unprepared("DROP TABLE workout_lines; DROP TABLE workouts;").await?;
        Ok(())
    }
}
