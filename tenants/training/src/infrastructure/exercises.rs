//! The exercise catalogue in the club's `exercises` table.

use std::time::Duration;

use async_trait::async_trait;
use dropit_tenancy::{
    ClubCtx,
    infrastructure::{ClubPools, begin_club_txn},
};
use sea_orm::{ConnectionTrait, DbBackend, DbErr, QueryResult, Statement, Value};
use uuid::Uuid;

use super::failed;
use crate::{
    application::{CatalogueError, ExerciseCatalogue, ExerciseFilter, Page},
    domain::exercise::{Category, Exercise, ExerciseContent, ReferenceLift},
};

const COLUMNS: &str = "id, name_fr, name_en, category, tags, description, reference_lift, starter_key IS NOT NULL AS starter, archived_at IS NOT NULL AS archived";

#[derive(Clone)]
pub struct PgExerciseCatalogue {
    db: ClubPools,
    statement_timeout: Duration,
}

impl PgExerciseCatalogue {
    pub fn new(db: impl Into<ClubPools>, statement_timeout: Duration) -> Self {
        Self { db: db.into(), statement_timeout }
    }
}

fn exercise(row: &QueryResult) -> Result<Exercise, DbErr> {
    let category: String = row.try_get("", "category")?;
    let reference: Option<String> = row.try_get("", "reference_lift")?;
    Ok(Exercise {
        id: row.try_get("", "id")?,
        name_fr: row.try_get("", "name_fr")?,
        name_en: row.try_get("", "name_en")?,
        category: Category::parse(&category).ok_or_else(|| DbErr::Custom(format!("unknown category {category}")))?,
        tags: row.try_get("", "tags")?,
        description: row.try_get("", "description")?,
        reference_lift: reference.as_deref().and_then(ReferenceLift::parse),
        starter: row.try_get("", "starter")?,
        archived: row.try_get("", "archived")?,
    })
}

fn content_values(content: &ExerciseContent) -> [Value; 6] {
    [
        content.name_fr.clone().into(),
        content.name_en.clone().into(),
        content.category.as_str().into(),
        content.tags.clone().into(),
        content.description.clone().into(),
        content.reference_lift.map(|r| r.as_str().to_owned()).into(),
    ]
}

#[async_trait]
impl ExerciseCatalogue for PgExerciseCatalogue {
    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgExerciseCatalogue.list"))]
    async fn list(
        &self,
        ctx: &ClubCtx,
        filter: &ExerciseFilter,
        offset: u64,
        limit: u64,
    ) -> Result<Page<Exercise>, CatalogueError> {
        let txn = begin_club_txn(&self.db, ctx, self.statement_timeout).await.map_err(failed)?;
        let conditions = "($1::text IS NULL OR category = $1)
            AND ($2::text IS NULL OR name_fr ILIKE $2 OR name_en ILIKE $2)
            AND ($3::text IS NULL OR $3 = ANY(tags))
            AND ($4 OR archived_at IS NULL)";
        let values = || -> Vec<Value> {
            vec![
                filter.category.map(|c| c.as_str().to_owned()).into(),
                filter.text.as_deref().map(dropit_infra::database::contains_pattern).into(),
                filter.tag.clone().into(),
                filter.include_archived.into(),
            ]
        };
        let total = txn
            .query_one_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                format!("SELECT count(*) AS n FROM exercises WHERE {conditions}"),
                values(),
            ))
            .await
            .map_err(failed)?
            .map(|row| row.try_get::<i64>("", "n"))
            .transpose()
            .map_err(failed)?
            .unwrap_or(0);
        let mut page_values = values();
        page_values.extend([(limit as i64).into(), (offset as i64).into()]);
        let rows = txn
            .query_all_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                format!("SELECT {COLUMNS} FROM exercises WHERE {conditions} ORDER BY category, name_en, id LIMIT $5 OFFSET $6"),
                page_values,
            ))
            .await
            .map_err(failed)?;
        let items = rows.iter().map(exercise).collect::<Result<Vec<_>, _>>().map_err(failed)?;
        txn.commit().await.map_err(failed)?;
        Ok(Page { items, total: total as u64 })
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgExerciseCatalogue.get"))]
    async fn get(&self, ctx: &ClubCtx, id: Uuid) -> Result<Option<Exercise>, CatalogueError> {
        let txn = begin_club_txn(&self.db, ctx, self.statement_timeout).await.map_err(failed)?;
        let row = txn
            .query_one_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                format!("SELECT {COLUMNS} FROM exercises WHERE id = $1"),
                [id.into()],
            ))
            .await
            .map_err(failed)?;
        let found = row.as_ref().map(exercise).transpose().map_err(failed)?;
        txn.commit().await.map_err(failed)?;
        Ok(found)
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgExerciseCatalogue.create"))]
    async fn create(&self, ctx: &ClubCtx, content: &ExerciseContent) -> Result<Exercise, CatalogueError> {
        let txn = begin_club_txn(&self.db, ctx, self.statement_timeout).await.map_err(failed)?;
        let row = txn
            .query_one_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                format!(
                    "INSERT INTO exercises (name_fr, name_en, category, tags, description, reference_lift)
                     VALUES ($1, $2, $3, $4, $5, $6) RETURNING {COLUMNS}"
                ),
                content_values(content),
            ))
            .await
            .map_err(failed)?
            .ok_or_else(|| CatalogueError("no row returned".to_owned()))?;
        let created = exercise(&row).map_err(failed)?;
        txn.commit().await.map_err(failed)?;
        Ok(created)
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgExerciseCatalogue.update"))]
    async fn update(
        &self,
        ctx: &ClubCtx,
        id: Uuid,
        content: &ExerciseContent,
        archived: bool,
    ) -> Result<Option<Exercise>, CatalogueError> {
        let txn = begin_club_txn(&self.db, ctx, self.statement_timeout).await.map_err(failed)?;
        let mut values = content_values(content).to_vec();
        values.extend([archived.into(), id.into()]);
        let row = txn
            .query_one_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                format!(
                    "UPDATE exercises SET name_fr = $1, name_en = $2, category = $3, tags = $4, description = $5,
                        reference_lift = $6, updated_at = now(),
                        archived_at = CASE WHEN $7 THEN coalesce(archived_at, now()) ELSE NULL END
                     WHERE id = $8 RETURNING {COLUMNS}"
                ),
                values,
            ))
            .await
            .map_err(failed)?;
        let updated = row.as_ref().map(exercise).transpose().map_err(failed)?;
        txn.commit().await.map_err(failed)?;
        Ok(updated)
    }
}
