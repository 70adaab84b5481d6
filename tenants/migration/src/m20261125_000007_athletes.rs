//! Athletes: profiles (with or without an account), groups, bodyweight, weight-category sets
//! (data, versioned by date), personal records, competitions, readiness check-ins and the
//! coach's activity feed.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

/// (name, sex, valid from, valid to, upper limits in kg; the last class is "+" the last limit)
type CategorySet = (&'static str, &'static str, &'static str, Option<&'static str>, &'static [u32]);

const IWF_SETS: &[CategorySet] = &[
    ("IWF 2018 men", "male", "2018-11-01", Some("2025-05-31"), &[55, 61, 67, 73, 81, 89, 96, 102, 109]),
    ("IWF 2018 women", "female", "2018-11-01", Some("2025-05-31"), &[45, 49, 55, 59, 64, 71, 76, 81, 87]),
    ("IWF 2025 men", "male", "2025-06-01", Some("2026-07-31"), &[60, 65, 71, 79, 88, 94, 110]),
    ("IWF 2025 women", "female", "2025-06-01", Some("2026-07-31"), &[48, 53, 58, 63, 69, 77, 86]),
];

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared(
            "CREATE TABLE athletes (
                -- An athlete with an account is known by the account's id; one managed by the
                -- coach gets a new id, kept when they later accept an invitation.
                id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                user_id uuid UNIQUE,
                name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
                sex text CHECK (sex IN ('female', 'male')),
                birth_date date CHECK (birth_date > '1900-01-01'),
                bar_grams integer CHECK (bar_grams BETWEEN 5000 AND 25000),
                level text NOT NULL DEFAULT '' CHECK (length(level) <= 60),
                notes text NOT NULL DEFAULT '' CHECK (length(notes) <= 4000),
                -- The platform invitation that will link an account to this profile.
                invitation_id uuid,
                archived_at timestamptz,
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX athletes_name ON athletes (lower(name));

            CREATE TABLE athlete_groups (
                id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                name text NOT NULL CHECK (length(name) BETWEEN 1 AND 80),
                kind text NOT NULL DEFAULT 'training' CHECK (kind IN ('training', 'squad')),
                archived_at timestamptz,
                created_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE UNIQUE INDEX athlete_groups_name ON athlete_groups (lower(name));
            CREATE TABLE athlete_group_members (
                group_id uuid NOT NULL REFERENCES athlete_groups (id) ON DELETE CASCADE,
                athlete_id uuid NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
                PRIMARY KEY (group_id, athlete_id)
            );
            ALTER TABLE planned_sessions ADD COLUMN group_id uuid REFERENCES athlete_groups (id) ON DELETE SET NULL;

            CREATE TABLE bodyweights (
                athlete_id uuid NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
                on_date date NOT NULL,
                grams integer NOT NULL CHECK (grams BETWEEN 20000 AND 250000),
                PRIMARY KEY (athlete_id, on_date)
            );

            CREATE TABLE category_sets (
                id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                name text NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 80),
                sex text NOT NULL CHECK (sex IN ('female', 'male')),
                valid_from date NOT NULL,
                valid_to date CHECK (valid_to >= valid_from),
                -- Upper limits of each class, ascending; above the last is the \"+\" class.
                limits_grams integer[] NOT NULL CHECK (cardinality(limits_grams) BETWEEN 1 AND 20),
                -- The world federation's sets, which define the category shown by default.
                international boolean NOT NULL DEFAULT false,
                created_at timestamptz NOT NULL DEFAULT now()
            );

            CREATE TABLE personal_records (
                id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                athlete_id uuid NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
                exercise_id uuid NOT NULL REFERENCES exercises (id),
                grams integer NOT NULL CHECK (grams BETWEEN 1000 AND 500000),
                on_date date NOT NULL,
                source text NOT NULL CHECK (source IN ('tested', 'competition', 'training')),
                -- The log or competition result it came from, so it is recorded once.
                source_id uuid,
                note text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
                created_at timestamptz NOT NULL DEFAULT now(),
                UNIQUE (source_id, exercise_id)
            );
            CREATE INDEX personal_records_athlete ON personal_records (athlete_id, exercise_id, grams DESC);

            CREATE TABLE competitions (
                id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                name text NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
                on_date date NOT NULL,
                place text NOT NULL DEFAULT '' CHECK (length(place) <= 120),
                created_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE TABLE competition_results (
                id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                competition_id uuid NOT NULL REFERENCES competitions (id) ON DELETE CASCADE,
                athlete_id uuid NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
                bodyweight_grams integer NOT NULL CHECK (bodyweight_grams BETWEEN 20000 AND 250000),
                -- [{grams, made}] × 3, in the order attempted
                snatch jsonb NOT NULL,
                clean_and_jerk jsonb NOT NULL,
                UNIQUE (competition_id, athlete_id)
            );

            CREATE TABLE readiness (
                athlete_id uuid NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
                on_date date NOT NULL,
                sleep smallint NOT NULL CHECK (sleep BETWEEN 1 AND 5),
                soreness smallint NOT NULL CHECK (soreness BETWEEN 1 AND 5),
                stress smallint NOT NULL CHECK (stress BETWEEN 1 AND 5),
                mood smallint NOT NULL CHECK (mood BETWEEN 1 AND 5),
                note text NOT NULL DEFAULT '' CHECK (length(note) <= 500),
                updated_at timestamptz NOT NULL DEFAULT now(),
                PRIMARY KEY (athlete_id, on_date)
            );

            CREATE TABLE activity (
                id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                at timestamptz NOT NULL DEFAULT now(),
                athlete_id uuid NOT NULL REFERENCES athletes (id) ON DELETE CASCADE,
                kind text NOT NULL CHECK (kind IN ('record', 'log', 'readiness', 'competition')),
                subject_id uuid,
                details jsonb NOT NULL DEFAULT '{}'
            );
            CREATE INDEX activity_at ON activity (at DESC);

            -- Intensity zones of statistics, as lower bounds in % of 1RM (Prilepin's by default).
            ALTER TABLE club_settings ADD COLUMN intensity_zones jsonb NOT NULL DEFAULT '[70, 80, 90]';",
        )
        .await?;
        for (name, sex, from, to, limits) in IWF_SETS {
            let grams: Vec<String> = limits.iter().map(|kg| (kg * 1000).to_string()).collect();
            let to = to.map_or("NULL".to_owned(), |d| format!("'{d}'"));
            db.execute_unprepared(&format!(
                "INSERT INTO category_sets (name, sex, valid_from, valid_to, limits_grams, international)
                 VALUES ('{name}', '{sex}', '{from}', {to}, '{{{}}}', true)",
                grams.join(",")
            ))
            .await?;
        }
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(
                "ALTER TABLE club_settings DROP COLUMN intensity_zones;
                 ALTER TABLE planned_sessions DROP COLUMN group_id;
                 DROP TABLE activity, readiness, competition_results, competitions, personal_records,
                    category_sets, bodyweights, athlete_group_members, athlete_groups, athletes;",
            )
            .await?;
        Ok(())
    }
}
