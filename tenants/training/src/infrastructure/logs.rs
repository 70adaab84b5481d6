//! Session logs in the club's `session_logs` table.

use std::time::Duration;

use async_trait::async_trait;
use chrono::NaiveDate;
use dropit_tenancy::{ClubCtx, infrastructure::begin_club_txn};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, DbErr, QueryResult, Statement, Value};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::failed;
use crate::{
    application::{CatalogueError, LogError, LogStore},
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
    db: DatabaseConnection,
    statement_timeout: Duration,
}

impl PgLogStore {
    pub fn new(db: DatabaseConnection, statement_timeout: Duration) -> Self {
        Self { db, statement_timeout }
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

#[async_trait]
impl LogStore for PgLogStore {
    async fn record(&self, ctx: &ClubCtx, log: &SessionLog) -> Result<(SessionLog, bool), LogError> {
        let txn = begin_club_txn(&self.db, ctx, self.statement_timeout).await.map_err(failed)?;
        if let Some(planned) = log.planned_session_id {
            let owner = txn
                .query_one_raw(Statement::from_sql_and_values(
                    DbBackend::Postgres,
                    "SELECT athlete_id FROM planned_sessions WHERE id = $1",
                    [planned.into()],
                ))
                .await
                .map_err(failed)?
                .map(|row| row.try_get::<Uuid>("", "athlete_id"))
                .transpose()
                .map_err(failed)?;
            if owner != Some(log.athlete_id) {
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
            .execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "INSERT INTO session_logs (id, athlete_id, planned_session_id, performed_on, session_rpe, duration_minutes, notes, sets)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (id) DO NOTHING",
                [
                    log.id.into(),
                    log.athlete_id.into(),
                    log.planned_session_id.into(),
                    log.performed_on.into(),
                    log.session_rpe.into(),
                    log.duration_minutes.map(|d| d as i32).into(),
                    log.notes.clone().into(),
                    Value::Json(Some(Box::new(sets))),
                ],
            ))
            .await
            .map_err(failed)?;
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
        if stored.athlete_id != log.athlete_id {
            return Err(LogError::NotTheirs);
        }
        txn.commit().await.map_err(failed)?;
        Ok((stored, inserted.rows_affected() == 1))
    }

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
