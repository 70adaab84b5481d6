//! A workout's percentages refer to the athlete's one-repetition maximum or to their training
//! maximum, as the coach chooses per workout; athletes may have both for each lift.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(
                "ALTER TABLE reference_maxima
                    ADD COLUMN kind text NOT NULL DEFAULT 'one_rep_max' CHECK (kind IN ('one_rep_max', 'training_max')),
                    DROP CONSTRAINT reference_maxima_pkey,
                    ADD PRIMARY KEY (athlete_id, lift, kind);
                ALTER TABLE workouts ADD COLUMN basis text NOT NULL DEFAULT 'one_rep_max'
                    CHECK (basis IN ('one_rep_max', 'training_max'));
                ALTER TABLE planned_sessions ADD COLUMN basis text NOT NULL DEFAULT 'one_rep_max'
                    CHECK (basis IN ('one_rep_max', 'training_max'));",
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(
                "DELETE FROM reference_maxima WHERE kind <> 'one_rep_max';
                 ALTER TABLE reference_maxima DROP CONSTRAINT reference_maxima_pkey,
                    ADD PRIMARY KEY (athlete_id, lift), DROP COLUMN kind;
                 ALTER TABLE workouts DROP COLUMN basis;
                 ALTER TABLE planned_sessions DROP COLUMN basis;",
            )
            .await?;
        Ok(())
    }
}
