//! Workout templates in the club's `workouts` and `workout_lines` tables; a line's parts and
//! sets are stored as JSON documents of this module's own shape.

use std::time::Duration;

use async_trait::async_trait;
use dropit_tenancy::{
    ClubCtx,
    infrastructure::{ClubPools, begin_club_txn},
};
use sea_orm::{ConnectionTrait, DatabaseTransaction, DbBackend, DbErr, Statement, Value};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{failed, planning::insert_session};
use crate::{
    application::{CatalogueError, ImportedWorkout, Page, WorkoutError, WorkoutStore, WorkoutSummary},
    domain::{
        exercise::ReferenceLift,
        workout::{Basis, Intensity, Part, SetPrescription, Workout, WorkoutContent, WorkoutLine},
    },
};

#[derive(Serialize, Deserialize)]
struct StoredPart {
    exercise_id: Uuid,
    reps: u32,
}

#[derive(Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
enum StoredIntensity {
    Percent { min: f64, max: f64, of: String },
    Kg { kg: f64 },
    Rpe { min: f64, max: f64 },
    Free,
}

#[derive(Serialize, Deserialize)]
struct StoredSet {
    reps: u32,
    intensity: StoredIntensity,
}

fn stored_set(set: &SetPrescription) -> StoredSet {
    let intensity = match set.intensity {
        Intensity::Percent { min, max, of } => StoredIntensity::Percent { min, max, of: of.as_str().to_owned() },
        Intensity::Kilograms(kg) => StoredIntensity::Kg { kg },
        Intensity::Rpe { min, max } => StoredIntensity::Rpe { min, max },
        Intensity::Free => StoredIntensity::Free,
    };
    StoredSet { reps: set.reps, intensity }
}

fn set_from(stored: StoredSet) -> Result<SetPrescription, DbErr> {
    let intensity = match stored.intensity {
        StoredIntensity::Percent { min, max, of } => Intensity::Percent {
            min,
            max,
            of: ReferenceLift::parse(&of).ok_or_else(|| DbErr::Custom(format!("unknown reference lift {of}")))?,
        },
        StoredIntensity::Kg { kg } => Intensity::Kilograms(kg),
        StoredIntensity::Rpe { min, max } => Intensity::Rpe { min, max },
        StoredIntensity::Free => Intensity::Free,
    };
    Ok(SetPrescription { reps: stored.reps, intensity })
}

/// A workout's lines as one JSON document, as planned sessions keep them.
pub(crate) fn encode_lines(lines: &[WorkoutLine]) -> Result<Value, DbErr> {
    #[derive(Serialize)]
    struct StoredLine {
        parts: Vec<StoredPart>,
        sets: Vec<StoredSet>,
        rest_seconds: Option<u32>,
        notes: String,
    }
    let stored: Vec<StoredLine> = lines
        .iter()
        .map(|line| StoredLine {
            parts: line.parts.iter().map(|p| StoredPart { exercise_id: p.exercise_id, reps: p.reps }).collect(),
            sets: line.sets.iter().map(stored_set).collect(),
            rest_seconds: line.rest_seconds,
            notes: line.notes.clone(),
        })
        .collect();
    json(stored)
}

pub fn decode_lines(value: serde_json::Value) -> Result<Vec<WorkoutLine>, DbErr> {
    lines_from(serde_json::from_value(value).map_err(|e| DbErr::Custom(e.to_string()))?)
}

/// The lines from their JSON text (`lines::text`): read straight into the stored shape, without
/// building a `serde_json::Value` first, for the reads that return many sessions.
pub fn decode_lines_text(text: &str) -> Result<Vec<WorkoutLine>, DbErr> {
    lines_from(serde_json::from_str(text).map_err(|e| DbErr::Custom(e.to_string()))?)
}

#[derive(Deserialize)]
struct StoredLine {
    parts: Vec<StoredPart>,
    sets: Vec<StoredSet>,
    rest_seconds: Option<u32>,
    notes: String,
}

fn lines_from(stored: Vec<StoredLine>) -> Result<Vec<WorkoutLine>, DbErr> {
    stored
        .into_iter()
        .map(|line| {
            Ok(WorkoutLine {
                parts: line.parts.into_iter().map(|p| Part { exercise_id: p.exercise_id, reps: p.reps }).collect(),
                sets: line.sets.into_iter().map(set_from).collect::<Result<_, _>>()?,
                rest_seconds: line.rest_seconds,
                notes: line.notes,
            })
        })
        .collect()
}

fn json(value: impl Serialize) -> Result<Value, DbErr> {
    serde_json::to_value(value).map(|v| Value::Json(Some(Box::new(v)))).map_err(|e| DbErr::Custom(e.to_string()))
}

#[derive(Clone)]
pub struct PgWorkoutStore {
    db: ClubPools,
    statement_timeout: Duration,
}

impl PgWorkoutStore {
    pub fn new(db: impl Into<ClubPools>, statement_timeout: Duration) -> Self {
        Self { db: db.into(), statement_timeout }
    }
}

async fn unknown_exercises(txn: &DatabaseTransaction, content: &WorkoutContent) -> Result<Vec<Uuid>, DbErr> {
    let wanted = content.exercise_ids();
    let rows = txn
        .query_all_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT id FROM exercises WHERE id = ANY($1)",
            [wanted.clone().into()],
        ))
        .await?;
    let found: Vec<Uuid> = rows.iter().map(|r| r.try_get("", "id")).collect::<Result<_, _>>()?;
    Ok(wanted.into_iter().filter(|id| !found.contains(id)).collect())
}

async fn write_lines(txn: &DatabaseTransaction, workout: Uuid, content: &WorkoutContent) -> Result<(), DbErr> {
    txn.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "DELETE FROM workout_lines WHERE workout_id = $1",
        [workout.into()],
    ))
    .await?;
    for (position, line) in content.lines.iter().enumerate() {
        let parts: Vec<StoredPart> =
            line.parts.iter().map(|p| StoredPart { exercise_id: p.exercise_id, reps: p.reps }).collect();
        let sets: Vec<StoredSet> = line.sets.iter().map(stored_set).collect();
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "INSERT INTO workout_lines (workout_id, position, parts, sets, rest_seconds, notes) VALUES ($1, $2, $3, $4, $5, $6)",
            [
                workout.into(),
                (position as i32).into(),
                json(parts)?,
                json(sets)?,
                line.rest_seconds.map(|r| r as i32).into(),
                line.notes.clone().into(),
            ],
        ))
        .await?;
    }
    Ok(())
}

/// A stored basis; the column's check allows only the two.
pub(crate) fn basis(raw: &str) -> Basis {
    Basis::parse(raw).unwrap_or_default()
}

pub(crate) async fn read(txn: &DatabaseTransaction, id: Uuid) -> Result<Option<Workout>, DbErr> {
    let Some(head) = txn
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT name, notes, basis, archived_at IS NOT NULL AS archived FROM workouts WHERE id = $1",
            [id.into()],
        ))
        .await?
    else {
        return Ok(None);
    };
    let rows = txn
        .query_all_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT parts, sets, rest_seconds, notes FROM workout_lines WHERE workout_id = $1 ORDER BY position",
            [id.into()],
        ))
        .await?;
    let decode = |e: serde_json::Error| DbErr::Custom(e.to_string());
    let mut lines = Vec::with_capacity(rows.len());
    for row in &rows {
        let parts: Vec<StoredPart> = serde_json::from_value(row.try_get("", "parts")?).map_err(decode)?;
        let sets: Vec<StoredSet> = serde_json::from_value(row.try_get("", "sets")?).map_err(decode)?;
        lines.push(WorkoutLine {
            parts: parts.into_iter().map(|p| Part { exercise_id: p.exercise_id, reps: p.reps }).collect(),
            sets: sets.into_iter().map(set_from).collect::<Result<_, _>>()?,
            rest_seconds: row.try_get::<Option<i32>>("", "rest_seconds")?.map(|r| r as u32),
            notes: row.try_get("", "notes")?,
        });
    }
    Ok(Some(Workout {
        id,
        content: WorkoutContent {
            name: head.try_get("", "name")?,
            notes: head.try_get("", "notes")?,
            basis: basis(&head.try_get::<String>("", "basis")?),
            lines,
        },
        archived: head.try_get("", "archived")?,
    }))
}

/// A new workout, inside the caller's transaction.
async fn create_in(txn: &DatabaseTransaction, content: &WorkoutContent) -> Result<Workout, WorkoutError> {
    let unknown = unknown_exercises(txn, content).await.map_err(failed)?;
    if !unknown.is_empty() {
        return Err(WorkoutError::UnknownExercises(unknown));
    }
    let row = txn
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "INSERT INTO workouts (name, notes, basis) VALUES ($1, $2, $3) RETURNING id",
            [content.name.clone().into(), content.notes.clone().into(), content.basis.as_str().into()],
        ))
        .await
        .map_err(failed)?
        .ok_or_else(|| CatalogueError("no row returned".to_owned()))?;
    let id: Uuid = row.try_get("", "id").map_err(failed)?;
    write_lines(txn, id, content).await.map_err(failed)?;
    Ok(read(txn, id).await.map_err(failed)?.ok_or_else(|| CatalogueError("vanished".to_owned()))?)
}

#[async_trait]
impl WorkoutStore for PgWorkoutStore {
    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgWorkoutStore.list"))]
    async fn list(
        &self,
        ctx: &ClubCtx,
        include_archived: bool,
        offset: u64,
        limit: u64,
    ) -> Result<Page<WorkoutSummary>, CatalogueError> {
        let txn = begin_club_txn(&self.db, ctx, self.statement_timeout).await.map_err(failed)?;
        let rows = txn
            .query_all_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT w.id, w.name, w.archived_at IS NOT NULL AS archived,
                        (SELECT count(*) FROM workout_lines l WHERE l.workout_id = w.id) AS lines,
                        count(*) OVER () AS total
                 FROM workouts w WHERE ($1 OR w.archived_at IS NULL)
                 ORDER BY w.name, w.id LIMIT $2 OFFSET $3",
                [include_archived.into(), (limit as i64).into(), (offset as i64).into()],
            ))
            .await
            .map_err(failed)?;
        let total = rows.first().map(|r| r.try_get::<i64>("", "total")).transpose().map_err(failed)?.unwrap_or(0);
        let items = rows
            .iter()
            .map(|r| {
                Ok(WorkoutSummary {
                    id: r.try_get("", "id")?,
                    name: r.try_get("", "name")?,
                    lines: r.try_get::<i64>("", "lines")? as u32,
                    archived: r.try_get("", "archived")?,
                })
            })
            .collect::<Result<Vec<_>, DbErr>>()
            .map_err(failed)?;
        txn.commit().await.map_err(failed)?;
        Ok(Page { items, total: total as u64 })
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgWorkoutStore.get"))]
    async fn get(&self, ctx: &ClubCtx, id: Uuid) -> Result<Option<Workout>, CatalogueError> {
        let txn = begin_club_txn(&self.db, ctx, self.statement_timeout).await.map_err(failed)?;
        let found = read(&txn, id).await.map_err(failed)?;
        txn.commit().await.map_err(failed)?;
        Ok(found)
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgWorkoutStore.create"))]
    async fn create(&self, ctx: &ClubCtx, content: &WorkoutContent) -> Result<Workout, WorkoutError> {
        let txn = begin_club_txn(&self.db, ctx, self.statement_timeout).await.map_err(failed)?;
        let created = create_in(&txn, content).await?;
        txn.commit().await.map_err(failed)?;
        Ok(created)
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgWorkoutStore.import"))]
    async fn import(&self, ctx: &ClubCtx, program: &[ImportedWorkout]) -> Result<Vec<Workout>, WorkoutError> {
        let txn = begin_club_txn(&self.db, ctx, self.statement_timeout).await.map_err(failed)?;
        let mut created = Vec::with_capacity(program.len());
        for imported in program {
            let workout = create_in(&txn, &imported.content).await?;
            let lines = encode_lines(&workout.content.lines).map_err(failed)?;
            for (athlete, date, group) in &imported.sessions {
                insert_session(&txn, &workout, &lines, *athlete, *date, *group).await.map_err(failed)?;
            }
            created.push(workout);
        }
        // Nothing is kept unless everything went in.
        txn.commit().await.map_err(failed)?;
        Ok(created)
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgWorkoutStore.replace"))]
    async fn replace(
        &self,
        ctx: &ClubCtx,
        id: Uuid,
        content: &WorkoutContent,
        archived: bool,
    ) -> Result<Option<Workout>, WorkoutError> {
        let txn = begin_club_txn(&self.db, ctx, self.statement_timeout).await.map_err(failed)?;
        let updated = txn
            .execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "UPDATE workouts SET name = $2, notes = $3, basis = $5, updated_at = now(),
                    archived_at = CASE WHEN $4 THEN coalesce(archived_at, now()) ELSE NULL END
                 WHERE id = $1",
                [
                    id.into(),
                    content.name.clone().into(),
                    content.notes.clone().into(),
                    archived.into(),
                    content.basis.as_str().into(),
                ],
            ))
            .await
            .map_err(failed)?;
        if updated.rows_affected() == 0 {
            return Ok(None);
        }
        let unknown = unknown_exercises(&txn, content).await.map_err(failed)?;
        if !unknown.is_empty() {
            return Err(WorkoutError::UnknownExercises(unknown));
        }
        write_lines(&txn, id, content).await.map_err(failed)?;
        let replaced = read(&txn, id).await.map_err(failed)?;
        txn.commit().await.map_err(failed)?;
        Ok(replaced)
    }
}
