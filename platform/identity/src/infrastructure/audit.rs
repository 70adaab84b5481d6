//! The audit trail in `platform.audit_log`.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, DbErr, Statement};
use uuid::Uuid;

use crate::application::{AuditEvent, AuditTrail};

/// A stored event, for reading.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub club_id: Option<Uuid>,
    pub actor_id: Option<Uuid>,
    pub action: String,
    pub subject: Option<String>,
    pub address: Option<String>,
}

#[derive(Clone)]
pub struct PgAuditLog {
    db: DatabaseConnection,
}

impl PgAuditLog {
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }

    /// Newest first, `limit` entries before the entry `before` (exclusive), of one club or all.
    pub async fn read(&self, club: Option<Uuid>, before: Option<i64>, limit: u32) -> Result<Vec<AuditEntry>, DbErr> {
        let rows = self
            .db
            .query_all_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT id, at, club_id, actor_id, action, subject, address FROM platform.audit_log
                 WHERE ($1::uuid IS NULL OR club_id = $1) AND ($2::bigint IS NULL OR id < $2)
                 ORDER BY id DESC LIMIT $3",
                [club.into(), before.into(), i64::from(limit).into()],
            ))
            .await?;
        rows.iter()
            .map(|row| {
                Ok(AuditEntry {
                    id: row.try_get("", "id")?,
                    at: row.try_get("", "at")?,
                    club_id: row.try_get("", "club_id")?,
                    actor_id: row.try_get("", "actor_id")?,
                    action: row.try_get("", "action")?,
                    subject: row.try_get("", "subject")?,
                    address: row.try_get("", "address")?,
                })
            })
            .collect()
    }
}

#[async_trait]
impl AuditTrail for PgAuditLog {
    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgAuditLog.record"))]
    async fn record(&self, event: AuditEvent) {
        let inserted = self
            .db
            .execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "INSERT INTO platform.audit_log (club_id, actor_id, action, subject, address) VALUES ($1, $2, $3, $4, $5)",
                [
                    event.club.into(),
                    event.actor.map(|a| a.as_uuid()).into(),
                    event.action.as_str().into(),
                    event.subject.clone().into(),
                    event.address.clone().into(),
                ],
            ))
            .await;
        if let Err(error) = inserted {
            tracing::error!(action = event.action.as_str(), %error, "audit event lost");
        }
    }
}
