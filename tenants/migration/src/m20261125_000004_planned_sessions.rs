//! Planned sessions: a workout scheduled for an athlete on a date, copied as it was then.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(
                "CREATE TABLE planned_sessions (
                    id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                    -- A platform account, by id only: no key leaves the club's schema.
                    athlete_id uuid NOT NULL,
                    on_date date NOT NULL,
                    source_workout_id uuid REFERENCES workouts (id) ON DELETE SET NULL,
                    name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
                    notes text NOT NULL DEFAULT '',
                    -- The workout's lines as they were when it was scheduled.
                    lines jsonb NOT NULL,
                    status text NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'cancelled')),
                    created_at timestamptz NOT NULL DEFAULT now(),
                    updated_at timestamptz NOT NULL DEFAULT now()
                );
                CREATE INDEX planned_sessions_athlete ON planned_sessions (athlete_id, on_date);
                CREATE INDEX planned_sessions_date ON planned_sessions (on_date);",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.get_connection().execute_unprepared("DROP TABLE planned_sessions").await?;
        Ok(())
    }
}
