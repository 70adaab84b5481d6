//! `/api/v1/platform/usage`: how much each club uses the platform, for operators. This is where
//! per-club figures live: Prometheus labels never name a club.

use std::time::Duration;

use dropit_http::ApiError;
use dropit_identity::interface::{BearerAuth, Guard};
use dropit_permissions::{Access, Permission};
use dropit_tenancy::{
    ClubStatus,
    infrastructure::{PgClubRegistry, begin_club_txn},
};
use poem_openapi::{Object, OpenApi, param::Query, payload::Json};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};

/// What each operation of this API requires.
pub const ACCESS: &[(&str, Access)] = &[("platform_usage", Access::Platform(Permission::PlatformClubsRead))];

pub struct UsageApi {
    db: DatabaseConnection,
    guard: Guard,
    statement_timeout: Duration,
}

impl UsageApi {
    pub fn new(db: DatabaseConnection, guard: Guard, statement_timeout: Duration) -> Self {
        Self { db, guard, statement_timeout }
    }
}

/// One club's use of the platform.
#[derive(Debug, Object)]
pub struct ClubUsage {
    pub club_id: String,
    pub slug: String,
    pub status: String,
    /// Athletes not archived.
    pub athletes: i64,
    /// Athletes who logged a session in the last 30 days.
    pub active_athletes_30d: i64,
    pub workouts: i64,
    /// Sessions planned for the last 30 days and the next 30.
    pub planned_sessions_60d: i64,
    /// Sessions logged in the last 30 days.
    pub logs_30d: i64,
    /// Bytes of exercise media in storage.
    pub media_bytes: i64,
    /// Bytes the club's schema takes in the database, indexes included.
    pub database_bytes: i64,
    /// When the last session was logged (RFC 3339).
    pub last_log_at: Option<String>,
}

#[derive(Debug, Object)]
pub struct UsagePage {
    pub items: Vec<ClubUsage>,
    pub page: u32,
    pub per_page: u32,
    pub total: u64,
}

const USAGE: &str = "SELECT
    (SELECT count(*) FROM athletes WHERE archived_at IS NULL) AS athletes,
    (SELECT count(DISTINCT athlete_id) FROM session_logs WHERE performed_on >= current_date - 30) AS active,
    (SELECT count(*) FROM workouts) AS workouts,
    (SELECT count(*) FROM planned_sessions WHERE on_date BETWEEN current_date - 30 AND current_date + 30) AS planned,
    (SELECT count(*) FROM session_logs WHERE performed_on >= current_date - 30) AS logs,
    (SELECT coalesce(sum(size_bytes), 0)::bigint FROM media) AS media,
    (SELECT coalesce(sum(pg_total_relation_size(c.oid)), 0)::bigint FROM pg_class c
        WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'm')) AS bytes,
    (SELECT max(created_at) FROM session_logs) AS last_log";

#[OpenApi(prefix_path = "/v1/platform", tag = "UsageTag::Usage")]
impl UsageApi {
    /// Each active or suspended club's use of the platform (athletes, activity over 30 days,
    /// storage), by slug, a page at a time.
    #[oai(path = "/usage", method = "get", operation_id = "platform_usage")]
    async fn usage(
        &self,
        auth: BearerAuth,
        #[oai(validator(minimum(value = "1")))] page: Query<Option<u32>>,
        #[oai(validator(minimum(value = "1"), maximum(value = "100")))] per_page: Query<Option<u32>>,
    ) -> Result<Json<UsagePage>, ApiError> {
        self.guard.platform(&auth.0, Permission::PlatformClubsRead).await?;
        let (page, per_page) = (page.0.unwrap_or(1), per_page.0.unwrap_or(50));
        let mut clubs: Vec<_> = PgClubRegistry::new(self.db.clone())
            .list()
            .await
            .map_err(|e| ApiError::internal(&e))?
            .into_iter()
            .filter(|c| matches!(c.status, ClubStatus::Active | ClubStatus::Suspended))
            .collect();
        clubs.sort_by(|a, b| a.slug.as_str().cmp(b.slug.as_str()));
        let total = clubs.len() as u64;
        let start = ((page - 1) as usize).saturating_mul(per_page as usize);
        let mut items = Vec::new();
        for club in clubs.into_iter().skip(start).take(per_page as usize) {
            let txn = begin_club_txn(&self.db, &club.context(), self.statement_timeout)
                .await
                .map_err(|e| ApiError::internal(&e))?;
            let row = txn
                .query_one_raw(Statement::from_string(DbBackend::Postgres, USAGE))
                .await
                .map_err(|e| ApiError::internal(&e))?;
            txn.commit().await.map_err(|e| ApiError::internal(&e))?;
            let Some(row) = row else { continue };
            let count = |name: &str| row.try_get::<i64>("", name).unwrap_or_default();
            items.push(ClubUsage {
                club_id: club.id.to_string(),
                slug: club.slug.as_str().to_owned(),
                status: club.status.as_str().to_owned(),
                athletes: count("athletes"),
                active_athletes_30d: count("active"),
                workouts: count("workouts"),
                planned_sessions_60d: count("planned"),
                logs_30d: count("logs"),
                media_bytes: count("media"),
                database_bytes: count("bytes"),
                last_log_at: row
                    .try_get::<Option<chrono::DateTime<chrono::Utc>>>("", "last_log")
                    .ok()
                    .flatten()
                    .map(|at| at.to_rfc3339()),
            });
        }
        Ok(Json(UsagePage { items, page, per_page, total }))
    }
}

#[derive(poem_openapi::Tags)]
enum UsageTag {
    /// The platform's use, club by club.
    Usage,
}
