//! What statistics read, kept compact beside the documents they come from: each log's sets as
//! fixed-width binary facts (`session_logs.set_facts`: per set the exercise — a complex's
//! first —, lifts, grams and flags), and a digest of each planned session's lines, so sessions
//! copied from the same workout are read once.

use sea_orm_migration::prelude::*;

/// Writes every log's `set_facts` from its `sets` document, byte for byte as the training
/// adapter encodes them (a test holds the two to the same bytes).
pub const SET_FACTS_BACKFILL: &str = r"UPDATE session_logs l SET set_facts = coalesce((
    SELECT string_agg(
        uuid_send(coalesce((s.set -> 'parts' -> 0 ->> 0)::uuid, (s.set ->> 'exercise_id')::uuid))
        || int4send((s.set ->> 'reps')::integer * coalesce(
            (SELECT sum((p ->> 1)::integer) FROM jsonb_array_elements(s.set -> 'parts') p)::integer, 1))
        || int4send((s.set ->> 'grams')::integer)
        || set_byte('\x00'::bytea, 0,
            (s.set ->> 'made')::boolean::integer
            | ((jsonb_array_length(coalesce(s.set -> 'parts', '[]')) > 0)::integer << 1)),
        '' ORDER BY s.n)
    FROM jsonb_array_elements(l.sets) WITH ORDINALITY AS s (set, n)), '')";

#[derive(DeriveMigrationName)]
pub struct Migration;

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(&format!(
                "ALTER TABLE session_logs ADD COLUMN set_facts bytea;
                {SET_FACTS_BACKFILL};
                ALTER TABLE session_logs ALTER COLUMN set_facts SET NOT NULL;

                ALTER TABLE planned_sessions ADD COLUMN lines_digest text;
                UPDATE planned_sessions SET lines_digest = md5(lines::text);
                ALTER TABLE planned_sessions ALTER COLUMN lines_digest SET NOT NULL;"
            ))
            .await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager
            .get_connection()
            .execute_unprepared(
                "ALTER TABLE session_logs DROP COLUMN set_facts; ALTER TABLE planned_sessions DROP COLUMN lines_digest;",
            )
            .await?;
        Ok(())
    }
}
