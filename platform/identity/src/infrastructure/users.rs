//! Accounts in `platform.users`.

use async_trait::async_trait;
use dropit_kernel::Locale;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, DbErr, QueryResult, Statement, Value};

use super::failed;
use crate::{
    application::{StoreError, UserStore},
    domain::{DisplayName, Email, User, UserId},
};

#[derive(Clone)]
pub struct PgUserStore {
    db: DatabaseConnection,
}

impl PgUserStore {
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }

    /// Makes an account a platform operator (or not); `None` when there is no such account.
    pub async fn set_operator(&self, email: &Email, operator: bool) -> Result<Option<User>, StoreError> {
        self.db
            .execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "UPDATE platform.users SET is_operator = $1, updated_at = now() WHERE email = $2",
                [operator.into(), email.as_str().into()],
            ))
            .await
            .map_err(failed)?;
        Ok(self.find_by_email(email).await?.map(|(user, _)| user))
    }

    /// Replaces a user's password hash.
    pub async fn set_password_hash(&self, user: UserId, hash: &str) -> Result<(), StoreError> {
        self.db
            .execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "UPDATE platform.users SET password_hash = $2, updated_at = now() WHERE id = $1",
                [user.as_uuid().into(), hash.into()],
            ))
            .await
            .map_err(failed)
            .map(drop)
    }

    /// Every platform operator's email.
    pub async fn operators(&self) -> Result<Vec<String>, StoreError> {
        let rows = self
            .db
            .query_all_raw(Statement::from_string(
                DbBackend::Postgres,
                "SELECT email FROM platform.users WHERE is_operator ORDER BY email".to_owned(),
            ))
            .await
            .map_err(failed)?;
        rows.iter().map(|r| r.try_get::<String>("", "email").map_err(failed)).collect()
    }

    async fn one(&self, filter: &str, value: Value) -> Result<Option<(User, String)>, StoreError> {
        let sql = format!(
            "SELECT id, email, password_hash, display_name, locale, is_operator FROM platform.users WHERE {filter}"
        );
        let row = self
            .db
            .query_one_raw(Statement::from_sql_and_values(DbBackend::Postgres, sql, [value]))
            .await
            .map_err(failed)?;
        row.map(|row| user_from_row(&row).map_err(failed)).transpose()
    }
}

fn user_from_row(row: &QueryResult) -> Result<(User, String), DbErr> {
    let corrupt = |what: &str| DbErr::Custom(format!("platform.users holds an invalid {what}"));
    let user = User {
        id: UserId::from_uuid(row.try_get("", "id")?),
        email: Email::parse(&row.try_get::<String>("", "email")?).map_err(|_| corrupt("email"))?,
        display_name: DisplayName::parse(&row.try_get::<String>("", "display_name")?)
            .map_err(|_| corrupt("display name"))?,
        locale: Locale::from_tag(&row.try_get::<String>("", "locale")?).unwrap_or_default(),
        is_operator: row.try_get("", "is_operator")?,
    };
    Ok((user, row.try_get("", "password_hash")?))
}

#[async_trait]
impl UserStore for PgUserStore {
    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgUserStore.insert"))]
    async fn insert(&self, user: &User, password_hash: &str) -> Result<(), StoreError> {
        let inserted = self
            .db
            .execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "INSERT INTO platform.users (id, email, password_hash, display_name, locale, is_operator)
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (email) DO NOTHING",
                [
                    user.id.as_uuid().into(),
                    user.email.as_str().into(),
                    password_hash.into(),
                    user.display_name.as_str().into(),
                    user.locale.tag().into(),
                    user.is_operator.into(),
                ],
            ))
            .await
            .map_err(failed)?;
        if inserted.rows_affected() == 1 { Ok(()) } else { Err(StoreError::Conflict) }
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgUserStore.find_by_email"))]
    async fn find_by_email(&self, email: &Email) -> Result<Option<(User, String)>, StoreError> {
        self.one("email = $1", email.as_str().into()).await
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgUserStore.find"))]
    async fn find(&self, id: UserId) -> Result<Option<User>, StoreError> {
        Ok(self.one("id = $1", id.as_uuid().into()).await?.map(|(user, _)| user))
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgUserStore.find_with_hash"))]
    async fn find_with_hash(&self, id: UserId) -> Result<Option<(User, String)>, StoreError> {
        self.one("id = $1", id.as_uuid().into()).await
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgUserStore.set_password_hash"))]
    async fn set_password_hash(&self, id: UserId, hash: &str) -> Result<(), StoreError> {
        PgUserStore::set_password_hash(self, id, hash).await
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgUserStore.set_email"))]
    async fn set_email(&self, id: UserId, email: &Email) -> Result<(), StoreError> {
        let updated = self
            .db
            .execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "UPDATE platform.users SET email = $2, updated_at = now()
                 WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM platform.users WHERE email = $2 AND id <> $1)",
                [id.as_uuid().into(), email.as_str().into()],
            ))
            .await;
        match updated {
            Ok(result) if result.rows_affected() == 1 => Ok(()),
            Ok(_) => Err(StoreError::Conflict),
            Err(error) if error.to_string().contains("users_email") => Err(StoreError::Conflict),
            Err(error) => Err(failed(error)),
        }
    }
}
