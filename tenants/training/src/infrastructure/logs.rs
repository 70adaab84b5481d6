//! Session logs in the club's `session_logs` table.

use std::time::Duration;

use async_trait::async_trait;
use chrono::NaiveDate;
use dropit_tenancy::{
    ClubCtx,
    infrastructure::{ClubPools, ClubTxn, begin_club_txn},
};
use sea_orm::{ConnectionTrait, DbBackend, DbErr, QueryResult, Statement, Value};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::failed;
use crate::{
    application::{CatalogueError, LogError, LogFollower, LogStore},
    domain::{
        load::Grams,
        log::{LoggedSet, SessionLog},
        workout::Part,
    },
};

const COLUMNS: &str = "id, athlete_id, planned_session_id, performed_on, session_rpe::float8 AS session_rpe, \
    duration_minutes, notes, sets, coach_comment";

#[derive(Serialize, Deserialize)]
struct StoredSet {
    exercise_id: Uuid,
    reps: u32,
    grams: u32,
    rpe: Option<f64>,
    made: bool,
    note: String,
    /// `[[exercise_id, reps], …]` for a complex.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    parts: Vec<(Uuid, u32)>,
}

#[derive(Clone)]
pub struct PgLogStore {
    db: ClubPools,
    statement_timeout: Duration,
}

impl PgLogStore {
    pub fn new(db: impl Into<ClubPools>, statement_timeout: Duration) -> Self {
        Self { db: db.into(), statement_timeout }
    }
}

fn log_from(row: &QueryResult) -> Result<SessionLog, DbErr> {
    let sets: Vec<StoredSet> =
        serde_json::from_value(row.try_get("", "sets")?).map_err(|e| DbErr::Custom(e.to_string()))?;
    Ok(SessionLog {
        id: row.try_get("", "id")?,
        athlete_id: row.try_get("", "athlete_id")?,
        planned_session_id: row.try_get("", "planned_session_id")?,
        performed_on: row.try_get("", "performed_on")?,
        session_rpe: row.try_get("", "session_rpe")?,
        duration_minutes: row.try_get::<Option<i32>>("", "duration_minutes")?.map(|d| d.max(0) as u32),
        notes: row.try_get("", "notes")?,
        sets: sets
            .into_iter()
            .map(|s| LoggedSet {
                exercise_id: s.exercise_id,
                reps: s.reps,
                load: Grams(s.grams),
                rpe: s.rpe,
                made: s.made,
                note: s.note,
                parts: s.parts.into_iter().map(|(exercise_id, reps)| Part { exercise_id, reps }).collect(),
            })
            .collect(),
        coach_comment: row.try_get("", "coach_comment")?,
    })
}

/// A logged set as statistics read it, from `session_logs.set_facts`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SetFacts {
    /// The exercise, or a complex's first.
    pub exercise_id: Uuid,
    /// Repetitions × the lifts of one round of a complex.
    pub lifts: u32,
    pub grams: u32,
    pub made: bool,
    pub complex: bool,
}

/// Bytes per set: the exercise (16), lifts (4), grams (4, both big-endian) and flags (1: made,
/// 2: complex) — what the migration that added the column writes with `uuid_send` and
/// `int4send`.
const FACT_BYTES: usize = 25;

fn encode_facts(sets: &[LoggedSet]) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(sets.len() * FACT_BYTES);
    for set in sets {
        bytes.extend_from_slice(set.parts.first().map_or(set.exercise_id, |p| p.exercise_id).as_bytes());
        bytes.extend_from_slice(&set.lifts().to_be_bytes());
        bytes.extend_from_slice(&set.load.0.to_be_bytes());
        bytes.push(u8::from(set.made) | (u8::from(!set.parts.is_empty()) << 1));
    }
    bytes
}

/// The sets of a log's `set_facts`; trailing bytes short of a whole set are ignored.
pub fn decode_facts(bytes: &[u8]) -> Vec<SetFacts> {
    bytes
        .chunks_exact(FACT_BYTES)
        .map(|chunk| {
            let word = |at: usize| u32::from_be_bytes([chunk[at], chunk[at + 1], chunk[at + 2], chunk[at + 3]]);
            let mut id = [0u8; 16];
            id.copy_from_slice(&chunk[..16]);
            SetFacts {
                exercise_id: Uuid::from_bytes(id),
                lifts: word(16),
                grams: word(20),
                made: chunk[24] & 1 != 0,
                complex: chunk[24] & 2 != 0,
            }
        })
        .collect()
}

/// The `id` that `sql` selects for `key` (`$1`), if a row has one.
async fn id_of(txn: &ClubTxn, sql: &str, key: Uuid) -> Result<Option<Uuid>, CatalogueError> {
    txn.query_one_raw(Statement::from_sql_and_values(DbBackend::Postgres, sql, [key.into()]))
        .await
        .map_err(failed)?
        .map(|row| row.try_get::<Uuid>("", "id"))
        .transpose()
        .map_err(failed)
}

/// Stores the log as `athlete`'s in the transaction: the new row and what follows it, or the
/// one already stored under its id (`false`), which must be the same athlete's.
async fn store(
    txn: &ClubTxn,
    athlete: Uuid,
    log: &SessionLog,
    follower: &dyn LogFollower,
) -> Result<(SessionLog, bool), LogError> {
    if let Some(planned) = log.planned_session_id {
        let owner = id_of(txn, "SELECT athlete_id AS id FROM planned_sessions WHERE id = $1", planned).await?;
        if owner != Some(athlete) {
            return Err(LogError::NotTheirs);
        }
    }
    let sets: Vec<StoredSet> = log
        .sets
        .iter()
        .map(|s| StoredSet {
            exercise_id: s.exercise_id,
            reps: s.reps,
            grams: s.load.0,
            rpe: s.rpe,
            made: s.made,
            note: s.note.clone(),
            parts: s.parts.iter().map(|p| (p.exercise_id, p.reps)).collect(),
        })
        .collect();
    let sets = serde_json::to_value(sets).map_err(|e| CatalogueError(e.to_string()))?;
    let inserted = txn
            .query_one_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                format!(
                    "INSERT INTO session_logs
                        (id, athlete_id, planned_session_id, performed_on, session_rpe, duration_minutes, notes, sets, set_facts)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (id) DO NOTHING RETURNING {COLUMNS}"
                ),
                [
                    log.id.into(),
                    athlete.into(),
                    log.planned_session_id.into(),
                    log.performed_on.into(),
                    log.session_rpe.into(),
                    log.duration_minutes.map(|d| d as i32).into(),
                    log.notes.clone().into(),
                    Value::Json(Some(Box::new(sets))),
                    encode_facts(&log.sets).into(),
                ],
            ))
            .await
            .map_err(failed)?;
    if let Some(row) = inserted {
        let stored = log_from(&row).map_err(failed)?;
        follower.logged(txn, &stored).await?;
        return Ok((stored, true));
    }
    let row = txn
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            format!("SELECT {COLUMNS} FROM session_logs WHERE id = $1"),
            [log.id.into()],
        ))
        .await
        .map_err(failed)?
        .ok_or_else(|| CatalogueError("the log vanished".to_owned()))?;
    let stored = log_from(&row).map_err(failed)?;
    if stored.athlete_id != athlete {
        return Err(LogError::NotTheirs);
    }
    Ok((stored, false))
}

#[async_trait]
impl LogStore for PgLogStore {
    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgLogStore.record"))]
    async fn record(
        &self,
        ctx: &ClubCtx,
        log: &SessionLog,
        follower: &dyn LogFollower,
    ) -> Result<(SessionLog, bool), LogError> {
        let txn = begin_club_txn(&self.db, ctx, self.statement_timeout).await.map_err(failed)?;
        let stored = store(&txn, log.athlete_id, log, follower).await?;
        txn.commit().await.map_err(failed)?;
        Ok(stored)
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgLogStore.record_as"))]
    async fn record_as(
        &self,
        ctx: &ClubCtx,
        user: Uuid,
        log: &SessionLog,
        follower: &dyn LogFollower,
    ) -> Result<Option<(SessionLog, bool)>, LogError> {
        let txn = begin_club_txn(&self.db, ctx, self.statement_timeout).await.map_err(failed)?;
        let athlete = id_of(&txn, "SELECT id FROM athletes WHERE user_id = $1", user).await?;
        let stored = match athlete {
            Some(athlete) => Some(store(&txn, athlete, log, follower).await?),
            None => None,
        };
        txn.commit().await.map_err(failed)?;
        Ok(stored)
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgLogStore.between"))]
    async fn between(
        &self,
        ctx: &ClubCtx,
        from: NaiveDate,
        to: NaiveDate,
        athletes: Option<&[Uuid]>,
    ) -> Result<Vec<SessionLog>, CatalogueError> {
        let txn = begin_club_txn(&self.db, ctx, self.statement_timeout).await.map_err(failed)?;
        let rows = txn
            .query_all_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                format!(
                    "SELECT {COLUMNS} FROM session_logs WHERE performed_on BETWEEN $1 AND $2
                     AND ($3::text IS NULL OR athlete_id = ANY(string_to_array($3, ',')::uuid[])) ORDER BY performed_on, created_at, id"
                ),
                [from.into(), to.into(), super::athlete_list(athletes)],
            ))
            .await
            .map_err(failed)?;
        let logs = rows.iter().map(log_from).collect::<Result<Vec<_>, _>>().map_err(failed)?;
        txn.commit().await.map_err(failed)?;
        Ok(logs)
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgLogStore.comment"))]
    async fn comment(&self, ctx: &ClubCtx, id: Uuid, comment: &str) -> Result<Option<SessionLog>, CatalogueError> {
        let txn = begin_club_txn(&self.db, ctx, self.statement_timeout).await.map_err(failed)?;
        let row = txn
            .query_one_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                format!(
                    "UPDATE session_logs SET coach_comment = $2, updated_at = now() WHERE id = $1 RETURNING {COLUMNS}"
                ),
                [id.into(), comment.into()],
            ))
            .await
            .map_err(failed)?;
        let updated = row.as_ref().map(log_from).transpose().map_err(failed)?;
        txn.commit().await.map_err(failed)?;
        Ok(updated)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn set_facts_come_back_as_written() {
        let exercise = Uuid::new_v4();
        let set = |reps, grams, made, parts: Vec<Part>| LoggedSet {
            exercise_id: exercise,
            reps,
            load: Grams(grams),
            rpe: None,
            made,
            note: String::new(),
            parts,
        };
        let first = Uuid::new_v4();
        let complex = vec![Part { exercise_id: first, reps: 1 }, Part { exercise_id: exercise, reps: 2 }];
        let facts = decode_facts(&encode_facts(&[set(3, 80_500, true, Vec::new()), set(2, 100_000, false, complex)]));
        assert_eq!(
            facts,
            [
                SetFacts { exercise_id: exercise, lifts: 3, grams: 80_500, made: true, complex: false },
                SetFacts { exercise_id: first, lifts: 6, grams: 100_000, made: false, complex: true },
            ]
        );
    }
}
