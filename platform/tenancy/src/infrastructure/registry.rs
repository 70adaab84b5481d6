//! The club registry in `platform.clubs`.

use async_trait::async_trait;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, DbErr, QueryResult, Statement, Value};

use crate::{
    application::{ClubDirectory, DirectoryError},
    domain::{Club, ClubId, ClubName, ClubRole, ClubSchema, ClubSlug, ClubStatus, ClubTier},
};

pub(crate) const CLUB_COLUMNS: &str =
    "id, slug, name, schema_name, role_name, status, tier, schema_version, archive_key";

#[derive(Clone)]
pub struct PgClubRegistry {
    db: DatabaseConnection,
}

impl PgClubRegistry {
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }

    pub async fn find_by_slug(&self, slug: &ClubSlug) -> Result<Option<Club>, DbErr> {
        find_one(&self.db, "slug = $1", slug.as_str().into()).await
    }

    pub async fn find_by_id(&self, id: ClubId) -> Result<Option<Club>, DbErr> {
        find_one(&self.db, "id = $1", id.as_uuid().into()).await
    }

    pub(crate) async fn slug_exists<C: ConnectionTrait>(db: &C, slug: &ClubSlug) -> Result<bool, DbErr> {
        Ok(find_one(db, "slug = $1", slug.as_str().into()).await?.is_some())
    }

    /// Every club, oldest first.
    pub async fn list(&self) -> Result<Vec<Club>, DbErr> {
        let sql = format!("SELECT {CLUB_COLUMNS} FROM platform.clubs ORDER BY created_at, id");
        let rows = self.db.query_all_raw(Statement::from_string(DbBackend::Postgres, sql)).await?;
        rows.iter().map(club_from_row).collect()
    }

    /// Moves a club from one status to another; `false` when it was not in `from`.
    pub async fn transition(&self, id: ClubId, from: &[ClubStatus], to: ClubStatus) -> Result<bool, DbErr> {
        let from: Vec<String> = from.iter().map(|s| s.as_str().to_owned()).collect();
        let result = self
            .db
            .execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "UPDATE platform.clubs SET status = $1, updated_at = now() WHERE id = $2 AND status = ANY($3)",
                [to.as_str().into(), id.as_uuid().into(), from.into()],
            ))
            .await?;
        Ok(result.rows_affected() == 1)
    }
}

pub(crate) async fn find_one<C: ConnectionTrait>(db: &C, filter: &str, value: Value) -> Result<Option<Club>, DbErr> {
    let sql = format!("SELECT {CLUB_COLUMNS} FROM platform.clubs WHERE {filter}");
    let row = db.query_one_raw(Statement::from_sql_and_values(DbBackend::Postgres, sql, [value])).await?;
    row.as_ref().map(club_from_row).transpose()
}

pub(crate) fn club_from_row(row: &QueryResult) -> Result<Club, DbErr> {
    let text = |column: &str| row.try_get::<String>("", column);
    let corrupt = |what: &str| DbErr::Custom(format!("platform.clubs holds an invalid {what}"));
    Ok(Club {
        id: ClubId::from_uuid(row.try_get("", "id")?),
        slug: ClubSlug::parse(&text("slug")?).map_err(|_| corrupt("slug"))?,
        name: ClubName::parse(&text("name")?).map_err(|_| corrupt("name"))?,
        schema: ClubSchema::parse(&text("schema_name")?).map_err(|_| corrupt("schema name"))?,
        role: ClubRole::parse(&text("role_name")?).map_err(|_| corrupt("role name"))?,
        status: ClubStatus::parse(&text("status")?).ok_or_else(|| corrupt("status"))?,
        tier: ClubTier::parse(&text("tier")?).ok_or_else(|| corrupt("tier"))?,
        schema_version: row.try_get("", "schema_version")?,
        archive_key: row.try_get("", "archive_key")?,
    })
}

#[async_trait]
impl ClubDirectory for PgClubRegistry {
    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgClubRegistry.find_by_slug"))]
    async fn find_by_slug(&self, slug: &ClubSlug) -> Result<Option<Club>, DirectoryError> {
        PgClubRegistry::find_by_slug(self, slug).await.map_err(|e| DirectoryError(e.to_string()))
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgClubRegistry.find_by_id"))]
    async fn find_by_id(&self, id: ClubId) -> Result<Option<Club>, DirectoryError> {
        PgClubRegistry::find_by_id(self, id).await.map_err(|e| DirectoryError(e.to_string()))
    }
}
