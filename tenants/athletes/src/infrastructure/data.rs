//! Bodyweights, category sets, records, competitions, readiness, the activity feed and the
//! club's intensity zones.

use async_trait::async_trait;
use chrono::{DateTime, NaiveDate, Utc};
use dropit_tenancy::{
    ClubCtx,
    infrastructure::{ClubTxn, begin_club_txn},
};
use dropit_training::domain::load::Grams;
use sea_orm::{ConnectionTrait, DbErr, QueryResult, Value};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{PgAthletes, failed, id_list, is_unique_violation, stmt};
use crate::{
    application::{
        ActivityItem, AthleteData, Bodyweight, Competition, CompetitionResult, NewRecord, StoreError, WriteError,
    },
    domain::{
        athlete::Sex,
        category::CategorySet,
        competition::{Attempt, Entry},
        readiness::Readiness,
        records::{Record, Source},
        stats::Zones,
    },
};

fn grams(row: &QueryResult, column: &str) -> Result<Grams, DbErr> {
    Ok(Grams(row.try_get::<i32>("", column)?.max(0) as u32))
}

fn json_error(error: serde_json::Error) -> DbErr {
    DbErr::Custom(error.to_string())
}

#[derive(Serialize, Deserialize)]
struct StoredAttempt {
    grams: u32,
    made: bool,
}

fn attempts_value(attempts: &[Attempt]) -> Value {
    let stored: Vec<_> = attempts.iter().map(|a| StoredAttempt { grams: a.load.0, made: a.made }).collect();
    Value::Json(Some(Box::new(serde_json::to_value(stored).unwrap_or_default())))
}

fn attempts(row: &QueryResult, column: &str) -> Result<Vec<Attempt>, DbErr> {
    let stored: Vec<StoredAttempt> = serde_json::from_value(row.try_get("", column)?).map_err(json_error)?;
    Ok(stored.into_iter().map(|a| Attempt { load: Grams(a.grams), made: a.made }).collect())
}

const RECORD_COLUMNS: &str = "id, athlete_id, exercise_id, grams, on_date, source, note";

fn record(row: &QueryResult) -> Result<Record, DbErr> {
    Ok(Record {
        id: row.try_get("", "id")?,
        athlete_id: row.try_get("", "athlete_id")?,
        exercise_id: row.try_get("", "exercise_id")?,
        load: grams(row, "grams")?,
        date: row.try_get("", "on_date")?,
        source: Source::parse(&row.try_get::<String>("", "source")?).unwrap_or(Source::Tested),
        note: row.try_get("", "note")?,
    })
}

/// Keeps a record in the transaction (see `AthleteData::add_record`).
pub(super) async fn add_record_in(txn: &ClubTxn, new: &NewRecord) -> Result<Option<Record>, DbErr> {
    let row = txn
        .query_one_raw(stmt(
            format!(
                "INSERT INTO personal_records (athlete_id, exercise_id, grams, on_date, source, source_id, note)
                 VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (source_id, exercise_id) DO NOTHING
                 RETURNING {RECORD_COLUMNS}"
            ),
            [
                new.athlete_id.into(),
                new.exercise_id.into(),
                (new.load.0 as i32).into(),
                new.date.into(),
                new.source.as_str().into(),
                new.source_id.into(),
                new.note.clone().into(),
            ],
        ))
        .await?;
    let kept = row.as_ref().map(record).transpose()?;
    if let Some(kept) = &kept {
        // A record is news only when it beats what was there.
        let previous = txn
            .query_one_raw(stmt(
                "SELECT max(grams) AS best FROM personal_records WHERE athlete_id = $1 AND exercise_id = $2 AND id <> $3",
                [kept.athlete_id.into(), kept.exercise_id.into(), kept.id.into()],
            ))
            .await
            ?
            .and_then(|row| row.try_get::<Option<i32>>("", "best").ok().flatten());
        if previous.is_none_or(|best| best < kept.load.0 as i32) {
            let details = serde_json::json!({
                "exercise_id": kept.exercise_id,
                "kg": kept.load.kg(),
                "previous_kg": previous.map(|g| f64::from(g) / 1000.0),
                "source": kept.source.as_str(),
                "on_date": kept.date.to_string(),
            });
            txn.execute_raw(stmt(
                "INSERT INTO activity (athlete_id, kind, subject_id, details) VALUES ($1, 'record', $2, $3)",
                [kept.athlete_id.into(), kept.id.into(), Value::Json(Some(Box::new(details)))],
            ))
            .await?;
        }
    }
    Ok(kept)
}

/// The heaviest record of each of these exercises, in the transaction.
pub(super) async fn best_records_in(
    txn: &ClubTxn,
    athlete: Uuid,
    exercises: &[Uuid],
) -> Result<Vec<(Uuid, Grams)>, DbErr> {
    if exercises.is_empty() {
        return Ok(Vec::new());
    }
    let rows = txn
        .query_all_raw(stmt(
            "SELECT exercise_id, max(grams) AS grams FROM personal_records
             WHERE athlete_id = $1 AND exercise_id = ANY(string_to_array($2, ',')::uuid[]) GROUP BY exercise_id",
            [athlete.into(), id_list(exercises)],
        ))
        .await?;
    rows.iter().map(|row| Ok((row.try_get("", "exercise_id")?, grams(row, "grams")?))).collect()
}

/// A line of the coach's activity feed, in the transaction.
pub(super) async fn note_activity_in(
    txn: &ClubTxn,
    athlete: Uuid,
    kind: &str,
    subject: Option<Uuid>,
    details: serde_json::Value,
) -> Result<(), DbErr> {
    txn.execute_raw(stmt(
        "INSERT INTO activity (athlete_id, kind, subject_id, details) VALUES ($1, $2, $3, $4)",
        [athlete.into(), kind.into(), subject.into(), Value::Json(Some(Box::new(details)))],
    ))
    .await
    .map(drop)
}

const RESULT_COLUMNS: &str = "r.id, r.athlete_id, r.bodyweight_grams, r.snatch, r.clean_and_jerk, \
    c.id AS competition_id, c.name, c.on_date, c.place";

fn competition(row: &QueryResult, id: &str) -> Result<Competition, DbErr> {
    Ok(Competition {
        id: row.try_get("", id)?,
        name: row.try_get("", "name")?,
        date: row.try_get("", "on_date")?,
        place: row.try_get("", "place")?,
    })
}

fn result(row: &QueryResult) -> Result<CompetitionResult, DbErr> {
    Ok(CompetitionResult {
        id: row.try_get("", "id")?,
        competition: competition(row, "competition_id")?,
        athlete_id: row.try_get("", "athlete_id")?,
        entry: Entry {
            bodyweight: grams(row, "bodyweight_grams")?,
            snatch: attempts(row, "snatch")?,
            clean_and_jerk: attempts(row, "clean_and_jerk")?,
        },
    })
}

fn category_set(row: &QueryResult) -> Result<CategorySet, DbErr> {
    Ok(CategorySet {
        id: row.try_get("", "id")?,
        name: row.try_get("", "name")?,
        sex: Sex::parse(&row.try_get::<String>("", "sex")?).unwrap_or(Sex::Male),
        valid_from: row.try_get("", "valid_from")?,
        valid_to: row.try_get("", "valid_to")?,
        limits: row
            .try_get::<String>("", "limits")?
            .split(',')
            .filter_map(|g| g.parse::<u32>().ok())
            .map(Grams)
            .collect(),
        international: row.try_get("", "international")?,
    })
}

fn readiness(row: &QueryResult) -> Result<Readiness, DbErr> {
    let score = |c: &str| row.try_get::<i16>("", c).map(|v| v.clamp(0, 255) as u8);
    Ok(Readiness {
        date: row.try_get("", "on_date")?,
        sleep: score("sleep")?,
        soreness: score("soreness")?,
        stress: score("stress")?,
        mood: score("mood")?,
        note: row.try_get("", "note")?,
    })
}

impl PgAthletes {
    async fn all<T>(
        &self,
        ctx: &ClubCtx,
        sql: impl Into<String>,
        values: impl IntoIterator<Item = Value>,
        map: impl Fn(&QueryResult) -> Result<T, DbErr>,
    ) -> Result<Vec<T>, StoreError> {
        let txn = begin_club_txn(&self.db, ctx, self.statement_timeout).await.map_err(failed)?;
        let rows = txn.query_all_raw(stmt(sql, values)).await.map_err(failed)?;
        let items = rows.iter().map(map).collect::<Result<Vec<_>, _>>().map_err(failed)?;
        txn.commit().await.map_err(failed)?;
        Ok(items)
    }

    async fn execute(
        &self,
        ctx: &ClubCtx,
        sql: impl Into<String>,
        values: impl IntoIterator<Item = Value>,
    ) -> Result<u64, StoreError> {
        let txn = begin_club_txn(&self.db, ctx, self.statement_timeout).await.map_err(failed)?;
        let done = txn.execute_raw(stmt(sql, values)).await.map_err(failed)?;
        txn.commit().await.map_err(failed)?;
        Ok(done.rows_affected())
    }
}

#[async_trait]
impl AthleteData for PgAthletes {
    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgAthletes.weigh_in"))]
    async fn weigh_in(&self, ctx: &ClubCtx, athlete: Uuid, weight: Bodyweight) -> Result<(), StoreError> {
        self.execute(
            ctx,
            "INSERT INTO bodyweights (athlete_id, on_date, grams) VALUES ($1, $2, $3)
             ON CONFLICT (athlete_id, on_date) DO UPDATE SET grams = $3",
            [athlete.into(), weight.date.into(), (weight.weight.0 as i32).into()],
        )
        .await
        .map(drop)
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgAthletes.bodyweights"))]
    async fn bodyweights(
        &self,
        ctx: &ClubCtx,
        athlete: Uuid,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<Bodyweight>, StoreError> {
        self.all(
            ctx,
            "SELECT on_date, grams FROM bodyweights WHERE athlete_id = $1 AND on_date BETWEEN $2 AND $3
             ORDER BY on_date",
            [athlete.into(), from.into(), to.into()],
            |row| Ok(Bodyweight { date: row.try_get("", "on_date")?, weight: grams(row, "grams")? }),
        )
        .await
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgAthletes.bodyweight_on"))]
    async fn bodyweight_on(
        &self,
        ctx: &ClubCtx,
        athlete: Uuid,
        date: NaiveDate,
    ) -> Result<Option<Bodyweight>, StoreError> {
        Ok(self
            .all(
                ctx,
                "SELECT on_date, grams FROM bodyweights WHERE athlete_id = $1 AND on_date <= $2
                 ORDER BY on_date DESC LIMIT 1",
                [athlete.into(), date.into()],
                |row| Ok(Bodyweight { date: row.try_get("", "on_date")?, weight: grams(row, "grams")? }),
            )
            .await?
            .pop())
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgAthletes.category_sets"))]
    async fn category_sets(&self, ctx: &ClubCtx) -> Result<Vec<CategorySet>, StoreError> {
        self.all(
            ctx,
            "SELECT id, name, sex, valid_from, valid_to, array_to_string(limits_grams, ',') AS limits, international FROM category_sets
             ORDER BY international DESC, valid_from, sex, name",
            [],
            category_set,
        )
        .await
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgAthletes.add_category_set"))]
    async fn add_category_set(&self, ctx: &ClubCtx, set: &CategorySet) -> Result<CategorySet, WriteError> {
        let limits = format!("{{{}}}", set.limits.iter().map(|g| g.0.to_string()).collect::<Vec<_>>().join(","));
        let txn = begin_club_txn(&self.db, ctx, self.statement_timeout).await.map_err(failed)?;
        let row = txn
            .query_one_raw(stmt(
                "INSERT INTO category_sets (name, sex, valid_from, valid_to, limits_grams)
                 VALUES ($1, $2, $3, $4, $5::integer[])
                 RETURNING id, name, sex, valid_from, valid_to, array_to_string(limits_grams, ',') AS limits, international",
                [
                    set.name.clone().into(),
                    set.sex.as_str().into(),
                    set.valid_from.into(),
                    set.valid_to.into(),
                    limits.into(),
                ],
            ))
            .await;
        let row = match row {
            Ok(row) => row.ok_or_else(|| StoreError("no row returned".to_owned()))?,
            Err(error) if is_unique_violation(&error) => return Err(WriteError::Taken),
            Err(error) => return Err(failed(error).into()),
        };
        let created = category_set(&row).map_err(failed)?;
        txn.commit().await.map_err(failed)?;
        Ok(created)
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgAthletes.records"))]
    async fn records(&self, ctx: &ClubCtx, athlete: Uuid) -> Result<Vec<Record>, StoreError> {
        self.all(
            ctx,
            format!(
                "SELECT {RECORD_COLUMNS} FROM personal_records WHERE athlete_id = $1
                 ORDER BY exercise_id, on_date, grams, created_at"
            ),
            [athlete.into()],
            record,
        )
        .await
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgAthletes.add_record"))]
    async fn add_record(&self, ctx: &ClubCtx, new: &NewRecord) -> Result<Option<Record>, StoreError> {
        let txn = begin_club_txn(&self.db, ctx, self.statement_timeout).await.map_err(failed)?;
        let kept = add_record_in(&txn, new).await.map_err(failed)?;
        txn.commit().await.map_err(failed)?;
        Ok(kept)
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgAthletes.best_records"))]
    async fn best_records(
        &self,
        ctx: &ClubCtx,
        athlete: Uuid,
        exercises: &[Uuid],
    ) -> Result<Vec<(Uuid, Grams)>, StoreError> {
        let txn = begin_club_txn(&self.db, ctx, self.statement_timeout).await.map_err(failed)?;
        let best = best_records_in(&txn, athlete, exercises).await.map_err(failed)?;
        txn.commit().await.map_err(failed)?;
        Ok(best)
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgAthletes.create_competition"))]
    async fn create_competition(
        &self,
        ctx: &ClubCtx,
        name: &str,
        date: NaiveDate,
        place: &str,
    ) -> Result<Competition, StoreError> {
        let mut created = self
            .all(
                ctx,
                "INSERT INTO competitions (name, on_date, place) VALUES ($1, $2, $3) RETURNING id, name, on_date, place",
                [name.into(), date.into(), place.into()],
                |row| competition(row, "id"),
            )
            .await?;
        created.pop().ok_or_else(|| StoreError("no row returned".to_owned()))
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgAthletes.competitions"))]
    async fn competitions(&self, ctx: &ClubCtx) -> Result<Vec<Competition>, StoreError> {
        self.all(ctx, "SELECT id, name, on_date, place FROM competitions ORDER BY on_date DESC, name", [], |row| {
            competition(row, "id")
        })
        .await
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgAthletes.competition"))]
    async fn competition(&self, ctx: &ClubCtx, id: Uuid) -> Result<Option<Competition>, StoreError> {
        Ok(self
            .all(ctx, "SELECT id, name, on_date, place FROM competitions WHERE id = $1", [id.into()], |row| {
                competition(row, "id")
            })
            .await?
            .pop())
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgAthletes.put_result"))]
    async fn put_result(
        &self,
        ctx: &ClubCtx,
        competition: Uuid,
        athlete: Uuid,
        entry: &Entry,
    ) -> Result<CompetitionResult, StoreError> {
        let txn = begin_club_txn(&self.db, ctx, self.statement_timeout).await.map_err(failed)?;
        txn.execute_raw(stmt(
            "INSERT INTO competition_results (competition_id, athlete_id, bodyweight_grams, snatch, clean_and_jerk)
             VALUES ($1, $2, $3, $4, $5)
             ON CONFLICT (competition_id, athlete_id) DO UPDATE
                SET bodyweight_grams = $3, snatch = $4, clean_and_jerk = $5",
            [
                competition.into(),
                athlete.into(),
                (entry.bodyweight.0 as i32).into(),
                attempts_value(&entry.snatch),
                attempts_value(&entry.clean_and_jerk),
            ],
        ))
        .await
        .map_err(failed)?;
        let row = txn
            .query_one_raw(stmt(
                format!(
                    "SELECT {RESULT_COLUMNS} FROM competition_results r JOIN competitions c ON c.id = r.competition_id
                     WHERE r.competition_id = $1 AND r.athlete_id = $2"
                ),
                [competition.into(), athlete.into()],
            ))
            .await
            .map_err(failed)?
            .ok_or_else(|| StoreError("the result vanished".to_owned()))?;
        let stored = result(&row).map_err(failed)?;
        txn.commit().await.map_err(failed)?;
        Ok(stored)
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgAthletes.results"))]
    async fn results(
        &self,
        ctx: &ClubCtx,
        competition: Option<Uuid>,
        athlete: Option<Uuid>,
    ) -> Result<Vec<CompetitionResult>, StoreError> {
        self.all(
            ctx,
            format!(
                "SELECT {RESULT_COLUMNS} FROM competition_results r JOIN competitions c ON c.id = r.competition_id
                 WHERE ($1::uuid IS NULL OR r.competition_id = $1) AND ($2::uuid IS NULL OR r.athlete_id = $2)
                 ORDER BY c.on_date DESC, r.athlete_id"
            ),
            [competition.into(), athlete.into()],
            result,
        )
        .await
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgAthletes.competition_exercises"))]
    async fn competition_exercises(&self, ctx: &ClubCtx) -> Result<(Option<Uuid>, Option<Uuid>), StoreError> {
        let rows = self
            .all(
                ctx,
                "SELECT starter_key, id FROM exercises WHERE starter_key IN ('snatch', 'clean_and_jerk')",
                [],
                |row| Ok((row.try_get::<String>("", "starter_key")?, row.try_get::<Uuid>("", "id")?)),
            )
            .await?;
        let find = |key: &str| rows.iter().find(|(k, _)| k == key).map(|(_, id)| *id);
        Ok((find("snatch"), find("clean_and_jerk")))
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgAthletes.check_in"))]
    async fn check_in(&self, ctx: &ClubCtx, athlete: Uuid, entry: &Readiness) -> Result<(), StoreError> {
        let txn = begin_club_txn(&self.db, ctx, self.statement_timeout).await.map_err(failed)?;
        let score = |v: u8| Value::from(i16::from(v));
        txn.execute_raw(stmt(
            "INSERT INTO readiness (athlete_id, on_date, sleep, soreness, stress, mood, note)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (athlete_id, on_date) DO UPDATE
                SET sleep = $3, soreness = $4, stress = $5, mood = $6, note = $7, updated_at = now()",
            [
                athlete.into(),
                entry.date.into(),
                score(entry.sleep),
                score(entry.soreness),
                score(entry.stress),
                score(entry.mood),
                entry.note.clone().into(),
            ],
        ))
        .await
        .map_err(failed)?;
        if entry.flagged() {
            let details = serde_json::json!({"on_date": entry.date.to_string(), "score": entry.score()});
            txn.execute_raw(stmt(
                "INSERT INTO activity (athlete_id, kind, details) VALUES ($1, 'readiness', $2)",
                [athlete.into(), Value::Json(Some(Box::new(details)))],
            ))
            .await
            .map_err(failed)?;
        }
        txn.commit().await.map_err(failed)
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgAthletes.readiness"))]
    async fn readiness(
        &self,
        ctx: &ClubCtx,
        athlete: Option<Uuid>,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<(Uuid, Readiness)>, StoreError> {
        self.all(
            ctx,
            "SELECT athlete_id, on_date, sleep, soreness, stress, mood, note FROM readiness
             WHERE on_date BETWEEN $1 AND $2 AND ($3::uuid IS NULL OR athlete_id = $3)
             ORDER BY on_date, athlete_id",
            [from.into(), to.into(), athlete.into()],
            |row| Ok((row.try_get("", "athlete_id")?, readiness(row)?)),
        )
        .await
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgAthletes.note_activity"))]
    async fn note_activity(
        &self,
        ctx: &ClubCtx,
        athlete: Uuid,
        kind: &str,
        subject: Option<Uuid>,
        details: serde_json::Value,
    ) -> Result<(), StoreError> {
        let txn = begin_club_txn(&self.db, ctx, self.statement_timeout).await.map_err(failed)?;
        note_activity_in(&txn, athlete, kind, subject, details).await.map_err(failed)?;
        txn.commit().await.map_err(failed)
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgAthletes.activity"))]
    async fn activity(
        &self,
        ctx: &ClubCtx,
        before: Option<DateTime<Utc>>,
        limit: u64,
    ) -> Result<Vec<ActivityItem>, StoreError> {
        self.all(
            ctx,
            "SELECT v.id, v.at, v.athlete_id, a.name, v.kind, v.subject_id, v.details
             FROM activity v JOIN athletes a ON a.id = v.athlete_id
             WHERE ($1::timestamptz IS NULL OR v.at < $1) ORDER BY v.at DESC, v.id LIMIT $2",
            [before.into(), (limit as i64).into()],
            |row| {
                Ok(ActivityItem {
                    id: row.try_get("", "id")?,
                    at: row.try_get("", "at")?,
                    athlete_id: row.try_get("", "athlete_id")?,
                    athlete_name: row.try_get("", "name")?,
                    kind: row.try_get("", "kind")?,
                    subject_id: row.try_get("", "subject_id")?,
                    details: row.try_get("", "details")?,
                })
            },
        )
        .await
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgAthletes.zones"))]
    async fn zones(&self, ctx: &ClubCtx) -> Result<Zones, StoreError> {
        let bounds = self
            .all(ctx, "SELECT intensity_zones FROM club_settings WHERE id = 1", [], |row| {
                serde_json::from_value::<Vec<f64>>(row.try_get("", "intensity_zones")?).map_err(json_error)
            })
            .await?
            .pop();
        Ok(bounds.map_or_else(Zones::prilepin, Zones))
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgAthletes.set_zones"))]
    async fn set_zones(&self, ctx: &ClubCtx, zones: &Zones) -> Result<(), StoreError> {
        let value = serde_json::to_value(&zones.0).map_err(|e| StoreError(e.to_string()))?;
        self.execute(
            ctx,
            "UPDATE club_settings SET intensity_zones = $1, updated_at = now() WHERE id = 1",
            [Value::Json(Some(Box::new(value)))],
        )
        .await
        .map(drop)
    }
}
