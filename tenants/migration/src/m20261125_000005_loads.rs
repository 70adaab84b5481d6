//! What loads are computed from: each athlete's reference maxima, and the club's bar, collars
//! and plates (the competition set until the club says otherwise).

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(
                r#"CREATE TABLE reference_maxima (
                    athlete_id uuid NOT NULL,
                    lift text NOT NULL CHECK (lift IN
                        ('snatch', 'clean', 'jerk', 'clean_and_jerk', 'back_squat', 'front_squat')),
                    grams integer NOT NULL CHECK (grams BETWEEN 1000 AND 500000),
                    updated_at timestamptz NOT NULL DEFAULT now(),
                    PRIMARY KEY (athlete_id, lift)
                );
                ALTER TABLE club_settings
                    ADD COLUMN bar_grams integer NOT NULL DEFAULT 20000 CHECK (bar_grams > 0),
                    ADD COLUMN collar_grams integer NOT NULL DEFAULT 2500 CHECK (collar_grams >= 0),
                    ADD COLUMN plates jsonb NOT NULL DEFAULT '[
                        {"grams": 25000, "count": 16}, {"grams": 20000, "count": 16}, {"grams": 15000, "count": 16},
                        {"grams": 10000, "count": 16}, {"grams": 5000, "count": 4}, {"grams": 2500, "count": 4},
                        {"grams": 2000, "count": 4}, {"grams": 1500, "count": 4}, {"grams": 1000, "count": 4},
                        {"grams": 500, "count": 4}]';"#,
            )
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(
                "DROP TABLE reference_maxima;
                 ALTER TABLE club_settings DROP COLUMN bar_grams, DROP COLUMN collar_grams, DROP COLUMN plates;",
            )
            .await?;
        Ok(())
    }
}
