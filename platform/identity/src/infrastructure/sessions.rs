//! Sessions and their refresh tokens in `platform.sessions` and `platform.refresh_tokens`.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement, TransactionTrait};

use super::failed;
use crate::{
    application::{Rotation, SessionStore, StoreError},
    domain::{Client, SessionId, UserId},
};

#[derive(Clone)]
pub struct PgSessionStore {
    db: DatabaseConnection,
}

impl PgSessionStore {
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }

    /// Whether a session is closed (or unknown).
    pub async fn is_revoked(&self, session: SessionId) -> Result<bool, StoreError> {
        let row = self
            .db
            .query_one_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT revoked_at IS NOT NULL AS revoked FROM platform.sessions WHERE id = $1",
                [session.as_uuid().into()],
            ))
            .await
            .map_err(failed)?;
        Ok(row.map(|r| r.try_get::<bool>("", "revoked")).transpose().map_err(failed)?.unwrap_or(true))
    }
}

#[async_trait]
impl SessionStore for PgSessionStore {
    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgSessionStore.open"))]
    async fn open(
        &self,
        user: UserId,
        client: Client,
        token_hash: [u8; 32],
        expires_at: DateTime<Utc>,
    ) -> Result<SessionId, StoreError> {
        let session = SessionId::generate();
        self.db
            .execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "WITH s AS (INSERT INTO platform.sessions (id, user_id, client) VALUES ($1, $2, $3))
                 INSERT INTO platform.refresh_tokens (token_hash, session_id, expires_at) VALUES ($4, $1, $5)",
                [
                    session.as_uuid().into(),
                    user.as_uuid().into(),
                    client.as_str().into(),
                    token_hash.to_vec().into(),
                    expires_at.into(),
                ],
            ))
            .await
            .map_err(failed)?;
        Ok(session)
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgSessionStore.rotate"))]
    async fn rotate(
        &self,
        token_hash: [u8; 32],
        new_hash: [u8; 32],
        expires_at: DateTime<Utc>,
    ) -> Result<Rotation, StoreError> {
        let txn = self.db.begin().await.map_err(failed)?;
        let row = txn
            .query_one_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT t.session_id, s.user_id, t.used_at IS NOT NULL AS used, t.expires_at < now() AS expired,
                        s.revoked_at IS NOT NULL AS revoked
                 FROM platform.refresh_tokens t JOIN platform.sessions s ON s.id = t.session_id
                 WHERE t.token_hash = $1 FOR UPDATE OF t, s",
                [token_hash.to_vec().into()],
            ))
            .await
            .map_err(failed)?;
        let Some(row) = row else { return Ok(Rotation::Unknown) };
        let get_bool = |column: &str| row.try_get::<bool>("", column).map_err(failed);
        let session = SessionId::from_uuid(row.try_get("", "session_id").map_err(failed)?);
        let user = UserId::from_uuid(row.try_get("", "user_id").map_err(failed)?);
        let outcome = if get_bool("revoked")? {
            Rotation::Revoked
        } else if get_bool("used")? {
            // A used token came back: whoever holds the family may be an attacker. Close it.
            txn.execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "UPDATE platform.sessions SET revoked_at = now(), revoked_reason = 'refresh token reused' WHERE id = $1",
                [session.as_uuid().into()],
            ))
            .await
            .map_err(failed)?;
            tracing::warn!(session = %session.as_uuid(), user = %user, "refresh token reused; session revoked");
            Rotation::Reused
        } else if get_bool("expired")? {
            Rotation::Expired
        } else {
            txn.execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "UPDATE platform.refresh_tokens SET used_at = now() WHERE token_hash = $1;",
                [token_hash.to_vec().into()],
            ))
            .await
            .map_err(failed)?;
            txn.execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "WITH s AS (UPDATE platform.sessions SET last_used_at = now() WHERE id = $1)
                 INSERT INTO platform.refresh_tokens (token_hash, session_id, expires_at) VALUES ($2, $1, $3)",
                [session.as_uuid().into(), new_hash.to_vec().into(), expires_at.into()],
            ))
            .await
            .map_err(failed)?;
            Rotation::Rotated { session, user }
        };
        txn.commit().await.map_err(failed)?;
        Ok(outcome)
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgSessionStore.revoke"))]
    async fn revoke(&self, session: SessionId, reason: &str) -> Result<(), StoreError> {
        self.db
            .execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "UPDATE platform.sessions SET revoked_at = now(), revoked_reason = $2 WHERE id = $1 AND revoked_at IS NULL",
                [session.as_uuid().into(), reason.into()],
            ))
            .await
            .map_err(failed)
            .map(drop)
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgSessionStore.revoke_others"))]
    async fn revoke_others(&self, user: UserId, keep: SessionId, reason: &str) -> Result<u64, StoreError> {
        let result = self
            .db
            .execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "UPDATE platform.sessions SET revoked_at = now(), revoked_reason = $3
                 WHERE user_id = $1 AND id <> $2 AND revoked_at IS NULL",
                [user.as_uuid().into(), keep.as_uuid().into(), reason.into()],
            ))
            .await
            .map_err(failed)?;
        Ok(result.rows_affected())
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgSessionStore.revoke_all"))]
    async fn revoke_all(&self, user: UserId, reason: &str) -> Result<u64, StoreError> {
        let result = self
            .db
            .execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "UPDATE platform.sessions SET revoked_at = now(), revoked_reason = $2
                 WHERE user_id = $1 AND revoked_at IS NULL",
                [user.as_uuid().into(), reason.into()],
            ))
            .await
            .map_err(failed)?;
        Ok(result.rows_affected())
    }
}
