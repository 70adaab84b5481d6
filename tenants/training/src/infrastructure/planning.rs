//! Planned sessions in the club's `planned_sessions` table.

use std::time::Duration;

use async_trait::async_trait;
use chrono::NaiveDate;
use dropit_tenancy::{
    ClubCtx,
    infrastructure::{ClubPools, begin_club_txn},
};
use sea_orm::{ConnectionTrait, DatabaseTransaction, DbBackend, DbErr, QueryResult, Statement, Value};
use uuid::Uuid;

use super::failed;
use super::loads::{Maxima, add_maximum, loading_from, setup_for};
use super::workouts::{basis, decode_lines_text, encode_lines, read};
use crate::{
    application::{AthleteProgram, CatalogueError, PlannedSession, Planning, PlanningError},
    domain::{load::Grams, workout::Workout},
};

const COLUMNS: &str = "id, athlete_id, on_date, source_workout_id, name, notes, lines::text AS lines, status = 'cancelled' AS cancelled, group_id, basis";

/// `program_of`'s first statement: the athlete who is the account `$1`, their own bar, the
/// club's loading settings and their maxima, in one row. (The load benchmark's pgbench script
/// sends it too.)
pub const PROGRAM_ATHLETE: &str = "SELECT a.id, a.bar_grams AS own_bar_grams, s.weight_rounding, s.bar_grams, \
    s.collar_grams, s.plates, coalesce((SELECT json_agg(json_build_array(r.lift, r.kind, r.grams)) \
    FROM reference_maxima r WHERE r.athlete_id = a.id), '[]') AS maxima \
    FROM athletes a CROSS JOIN club_settings s WHERE a.user_id = $1 AND s.id = 1";

/// `program_of`'s second statement: the sessions of athlete `$1` from `$2` to `$3`, by date.
pub fn program_sessions() -> String {
    format!(
        "SELECT {COLUMNS} FROM planned_sessions WHERE athlete_id = $1 AND on_date BETWEEN $2 AND $3 \
         ORDER BY on_date, created_at, id"
    )
}

#[derive(Clone)]
pub struct PgPlanning {
    db: ClubPools,
    statement_timeout: Duration,
}

impl PgPlanning {
    pub fn new(db: impl Into<ClubPools>, statement_timeout: Duration) -> Self {
        Self { db: db.into(), statement_timeout }
    }
}

fn session(row: &QueryResult) -> Result<PlannedSession, DbErr> {
    Ok(PlannedSession {
        id: row.try_get("", "id")?,
        athlete_id: row.try_get("", "athlete_id")?,
        date: row.try_get("", "on_date")?,
        source_workout_id: row.try_get("", "source_workout_id")?,
        name: row.try_get("", "name")?,
        notes: row.try_get("", "notes")?,
        lines: decode_lines_text(&row.try_get::<String>("", "lines")?)?,
        cancelled: row.try_get("", "cancelled")?,
        group_id: row.try_get("", "group_id")?,
        basis: basis(&row.try_get::<String>("", "basis")?),
    })
}

/// Schedules one copy of a workout (its lines already encoded), inside the caller's transaction.
pub(crate) async fn insert_session(
    txn: &DatabaseTransaction,
    workout: &Workout,
    lines: &Value,
    athlete: Uuid,
    date: NaiveDate,
    group: Option<Uuid>,
) -> Result<PlannedSession, DbErr> {
    let row = txn
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            format!(
                "INSERT INTO planned_sessions
                    (athlete_id, on_date, source_workout_id, name, notes, lines, group_id, lines_digest, basis)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, md5($6::jsonb::text), $8) RETURNING {COLUMNS}"
            ),
            [
                athlete.into(),
                date.into(),
                workout.id.into(),
                workout.content.name.clone().into(),
                workout.content.notes.clone().into(),
                lines.clone(),
                group.into(),
                workout.content.basis.as_str().into(),
            ],
        ))
        .await?
        .ok_or_else(|| DbErr::Custom("no row returned".to_owned()))?;
    session(&row)
}

#[async_trait]
impl Planning for PgPlanning {
    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgPlanning.schedule"))]
    async fn schedule(
        &self,
        ctx: &ClubCtx,
        workout: Uuid,
        athletes: &[Uuid],
        dates: &[NaiveDate],
        group: Option<Uuid>,
    ) -> Result<Vec<PlannedSession>, PlanningError> {
        let txn = begin_club_txn(&self.db, ctx, self.statement_timeout).await.map_err(failed)?;
        let template = read(&txn, workout).await.map_err(failed)?.ok_or(PlanningError::UnknownWorkout)?;
        let lines = encode_lines(&template.content.lines).map_err(failed)?;
        let mut planned = Vec::with_capacity(athletes.len() * dates.len());
        for athlete in athletes {
            for date in dates {
                let row = insert_session(&txn, &template, &lines, *athlete, *date, group).await.map_err(failed)?;
                planned.push(row);
            }
        }
        txn.commit().await.map_err(failed)?;
        Ok(planned)
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgPlanning.between"))]
    async fn between(
        &self,
        ctx: &ClubCtx,
        from: NaiveDate,
        to: NaiveDate,
        athletes: Option<&[Uuid]>,
    ) -> Result<Vec<PlannedSession>, CatalogueError> {
        let txn = begin_club_txn(&self.db, ctx, self.statement_timeout).await.map_err(failed)?;
        let rows = txn
            .query_all_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                format!(
                    "SELECT {COLUMNS} FROM planned_sessions
                     WHERE on_date BETWEEN $1 AND $2 AND ($3::text IS NULL OR athlete_id = ANY(string_to_array($3, ',')::uuid[]))
                     ORDER BY on_date, created_at, id"
                ),
                [from.into(), to.into(), super::athlete_list(athletes)],
            ))
            .await
            .map_err(failed)?;
        let sessions = rows.iter().map(session).collect::<Result<Vec<_>, _>>().map_err(failed)?;
        txn.commit().await.map_err(failed)?;
        Ok(sessions)
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgPlanning.program_of"))]
    async fn program_of(
        &self,
        ctx: &ClubCtx,
        user: Uuid,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Option<AthleteProgram>, CatalogueError> {
        let txn = begin_club_txn(&self.db, ctx, self.statement_timeout).await.map_err(failed)?;
        // The athlete, their own bar, the club's bar and plates and their maxima: one row.
        let Some(row) = txn
            .query_one_raw(Statement::from_sql_and_values(DbBackend::Postgres, PROGRAM_ATHLETE, [user.into()]))
            .await
            .map_err(failed)?
        else {
            txn.commit().await.map_err(failed)?;
            return Ok(None);
        };
        let athlete: Uuid = row.try_get("", "id").map_err(failed)?;
        let rows = txn
            .query_all_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                program_sessions(),
                [athlete.into(), from.into(), to.into()],
            ))
            .await
            .map_err(failed)?;
        txn.commit().await.map_err(failed)?;
        let sessions = rows.iter().map(session).collect::<Result<Vec<_>, _>>().map_err(failed)?;
        let own_bar = row.try_get::<Option<i32>>("", "own_bar_grams").map_err(failed)?.map(|g| Grams(g.max(0) as u32));
        let listed: Vec<(String, String, i32)> = serde_json::from_value(row.try_get("", "maxima").map_err(failed)?)
            .map_err(|e| CatalogueError(e.to_string()))?;
        let mut maxima = Maxima::default();
        for (lift, kind, grams) in &listed {
            add_maximum(&mut maxima, lift, kind, *grams);
        }
        let setup = setup_for(&loading_from(&row)?, own_bar, maxima)?;
        Ok(Some(AthleteProgram { sessions, setup }))
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgPlanning.change"))]
    async fn change(
        &self,
        ctx: &ClubCtx,
        id: Uuid,
        date: Option<NaiveDate>,
        cancelled: Option<bool>,
    ) -> Result<Option<PlannedSession>, CatalogueError> {
        let txn = begin_club_txn(&self.db, ctx, self.statement_timeout).await.map_err(failed)?;
        let row = txn
            .query_one_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                format!(
                    "UPDATE planned_sessions SET on_date = coalesce($2, on_date),
                        status = CASE WHEN $3::boolean IS NULL THEN status WHEN $3 THEN 'cancelled' ELSE 'planned' END,
                        updated_at = now()
                     WHERE id = $1 RETURNING {COLUMNS}"
                ),
                [id.into(), date.into(), cancelled.into()],
            ))
            .await
            .map_err(failed)?;
        let changed = row.as_ref().map(session).transpose().map_err(failed)?;
        txn.commit().await.map_err(failed)?;
        Ok(changed)
    }
}
