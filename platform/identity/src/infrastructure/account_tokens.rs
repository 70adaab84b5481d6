//! Emailed single-use tokens in `platform.account_tokens`.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement, TransactionTrait};

use super::failed;
use crate::{
    application::{AccountTokenStore, StoreError, TokenPurpose, TokenRejection},
    domain::{Email, UserId},
};

#[derive(Clone)]
pub struct PgAccountTokens {
    db: DatabaseConnection,
}

impl PgAccountTokens {
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }
}

#[async_trait]
impl AccountTokenStore for PgAccountTokens {
    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgAccountTokens.issue"))]
    async fn issue(
        &self,
        user: UserId,
        purpose: TokenPurpose,
        new_email: Option<&Email>,
        token_hash: [u8; 32],
        expires_at: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        self.db
            .execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "INSERT INTO platform.account_tokens (token_hash, user_id, purpose, new_email, expires_at)
                 VALUES ($1, $2, $3, $4, $5)",
                [
                    token_hash.to_vec().into(),
                    user.as_uuid().into(),
                    purpose.as_str().into(),
                    new_email.map(|e| e.as_str().to_owned()).into(),
                    expires_at.into(),
                ],
            ))
            .await
            .map_err(failed)
            .map(drop)
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgAccountTokens.consume"))]
    async fn consume(
        &self,
        token_hash: [u8; 32],
        purpose: TokenPurpose,
    ) -> Result<Result<(UserId, Option<String>), TokenRejection>, StoreError> {
        let txn = self.db.begin().await.map_err(failed)?;
        let row = txn
            .query_one_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT user_id, new_email, used_at IS NOT NULL AS used, expires_at < now() AS expired
                 FROM platform.account_tokens WHERE token_hash = $1 AND purpose = $2 FOR UPDATE",
                [token_hash.to_vec().into(), purpose.as_str().into()],
            ))
            .await
            .map_err(failed)?;
        let Some(row) = row else { return Ok(Err(TokenRejection::Unknown)) };
        if row.try_get::<bool>("", "used").map_err(failed)? {
            return Ok(Err(TokenRejection::Used));
        }
        if row.try_get::<bool>("", "expired").map_err(failed)? {
            return Ok(Err(TokenRejection::Expired));
        }
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "UPDATE platform.account_tokens SET used_at = now() WHERE token_hash = $1",
            [token_hash.to_vec().into()],
        ))
        .await
        .map_err(failed)?;
        txn.commit().await.map_err(failed)?;
        Ok(Ok((
            UserId::from_uuid(row.try_get("", "user_id").map_err(failed)?),
            row.try_get("", "new_email").map_err(failed)?,
        )))
    }
}
