//! Reading the audit log: a club's administrators read their club's, operators everything.

use dropit_http::ApiError;
use dropit_permissions::{Access, Permission};
use poem_openapi::{Object, OpenApi, param::Path, param::Query, payload::Json};

use super::auth::{BearerAuth, Guard};
use crate::infrastructure::audit::{AuditEntry, PgAuditLog};

/// What each operation of this API requires.
pub const ACCESS: &[(&str, Access)] = &[
    ("club_audit", Access::Club(Permission::AuditRead)),
    ("platform_audit", Access::Platform(Permission::PlatformAuditRead)),
];

/// The most entries one page holds.
const MAX_PAGE: u32 = 200;

pub struct AuditApi {
    log: PgAuditLog,
    guard: Guard,
}

impl AuditApi {
    pub fn new(log: PgAuditLog, guard: Guard) -> Self {
        Self { log, guard }
    }
}

#[derive(Debug, Object)]
pub struct AuditRecord {
    /// Also the cursor: pass it as `before` for the next page.
    pub id: i64,
    /// RFC 3339.
    pub at: String,
    pub club_id: Option<String>,
    pub actor_id: Option<String>,
    /// A stable name, such as `signed_in` or `role_changed`.
    pub action: String,
    pub subject: Option<String>,
    pub address: Option<String>,
}

fn record(entry: AuditEntry) -> AuditRecord {
    AuditRecord {
        id: entry.id,
        at: entry.at.to_rfc3339(),
        club_id: entry.club_id.map(|c| c.to_string()),
        actor_id: entry.actor_id.map(|a| a.to_string()),
        action: entry.action,
        subject: entry.subject,
        address: entry.address,
    }
}

#[OpenApi(prefix_path = "/v1", tag = "AuditTag::Audit")]
impl AuditApi {
    /// The club's security events, newest first.
    #[oai(path = "/clubs/:club/audit", method = "get", operation_id = "club_audit")]
    async fn club(
        &self,
        auth: BearerAuth,
        club: Path<String>,
        /// Entries older than this id.
        before: Query<Option<i64>>,
        /// At most this many entries (up to 200, 50 by default).
        #[oai(validator(minimum(value = "1"), maximum(value = "200")))]
        limit: Query<Option<u32>>,
    ) -> Result<Json<Vec<AuditRecord>>, ApiError> {
        let (club, _) = self.guard.club(&auth.0, &club, Permission::AuditRead).await?;
        let entries = self
            .log
            .read(Some(club.id.as_uuid()), before.0, limit.0.unwrap_or(50).min(MAX_PAGE))
            .await
            .map_err(|e| ApiError::internal(&e))?;
        Ok(Json(entries.into_iter().map(record).collect()))
    }

    /// Every security event, newest first, optionally of one club.
    #[oai(path = "/platform/audit", method = "get", operation_id = "platform_audit")]
    async fn platform(
        &self,
        auth: BearerAuth,
        /// Only this club's events (its id).
        club: Query<Option<String>>,
        before: Query<Option<i64>>,
        #[oai(validator(minimum(value = "1"), maximum(value = "200")))] limit: Query<Option<u32>>,
    ) -> Result<Json<Vec<AuditRecord>>, ApiError> {
        self.guard.platform(&auth.0, Permission::PlatformAuditRead).await?;
        let club = match club.0.as_deref() {
            Some(raw) => Some(
                uuid::Uuid::parse_str(raw).map_err(|_| ApiError::new(dropit_kernel::ErrorCode::InvalidParameter))?,
            ),
            None => None,
        };
        let entries = self
            .log
            .read(club, before.0, limit.0.unwrap_or(50).min(MAX_PAGE))
            .await
            .map_err(|e| ApiError::internal(&e))?;
        Ok(Json(entries.into_iter().map(record).collect()))
    }
}

#[derive(poem_openapi::Tags)]
enum AuditTag {
    /// The audit log.
    Audit,
}
