//! Invitations in `platform.invitations`: a token (kept as a hash) that makes whoever holds it
//! a member of a club with a role, once, before it expires.

use chrono::{DateTime, Utc};
use dropit_permissions::Role;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, DbErr, QueryResult, Statement, TransactionTrait};
use uuid::Uuid;

use super::memberships::PgMemberships;
use crate::domain::{Email, UserId};

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    pub id: Uuid,
    pub club_id: Uuid,
    pub email: String,
    pub role: Role,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// What a token holder may see before accepting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InvitationView {
    pub invitation: Invitation,
    pub club_slug: String,
    pub club_name: String,
    pub state: InvitationState,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InvitationState {
    Pending,
    Used,
    Expired,
    /// Revoked, or its club closed: to the holder it does not exist.
    Gone,
}

#[derive(Debug, thiserror::Error)]
pub enum AcceptError {
    #[error("no such invitation")]
    NotFound,
    #[error("the invitation was used")]
    Used,
    #[error("the invitation expired")]
    Expired,
    #[error(transparent)]
    Database(#[from] DbErr),
}

const COLUMNS: &str = "i.id, i.club_id, i.email, i.role, i.created_at, i.expires_at";

fn invitation(row: &QueryResult) -> Result<Invitation, DbErr> {
    let role: String = row.try_get("", "role")?;
    Ok(Invitation {
        id: row.try_get("", "id")?,
        club_id: row.try_get("", "club_id")?,
        email: row.try_get("", "email")?,
        role: Role::parse(&role).ok_or_else(|| DbErr::Custom(format!("invalid invitation role {role}")))?,
        created_at: row.try_get("", "created_at")?,
        expires_at: row.try_get("", "expires_at")?,
    })
}

/// An invitation to write.
#[derive(Debug, Clone)]
pub struct NewInvitation<'a> {
    pub club: Uuid,
    pub email: &'a Email,
    pub role: Role,
    pub invited_by: UserId,
    pub token_hash: [u8; 32],
    pub expires_at: DateTime<Utc>,
    /// The managed athlete whose profile the accepting account takes over.
    pub athlete: Option<Uuid>,
}

#[derive(Clone)]
pub struct PgInvitations {
    db: DatabaseConnection,
}

impl PgInvitations {
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }

    pub async fn create(&self, new: NewInvitation<'_>) -> Result<Invitation, DbErr> {
        let NewInvitation { club, email, role, invited_by, token_hash, expires_at, athlete } = new;
        let sql = format!(
            "INSERT INTO platform.invitations AS i (id, club_id, email, role, token_hash, invited_by, expires_at, athlete_id)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING {COLUMNS}"
        );
        let row = self
            .db
            .query_one_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                sql,
                [
                    Uuid::now_v7().into(),
                    club.into(),
                    email.as_str().into(),
                    role.as_str().into(),
                    token_hash.to_vec().into(),
                    invited_by.as_uuid().into(),
                    expires_at.into(),
                    athlete.into(),
                ],
            ))
            .await?
            .ok_or_else(|| DbErr::Custom("no row returned".to_owned()))?;
        invitation(&row)
    }

    /// Invitations neither accepted nor revoked, newest first (expired ones included, so they
    /// can be sent again).
    /// The athlete profile an invitation `user` accepted in `club` was made for.
    pub async fn accepted_as_athlete(&self, club: Uuid, user: UserId) -> Result<Option<Uuid>, DbErr> {
        let row = self
            .db
            .query_one_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT athlete_id FROM platform.invitations
                 WHERE club_id = $1 AND accepted_by = $2 AND athlete_id IS NOT NULL
                 ORDER BY accepted_at DESC LIMIT 1",
                [club.into(), user.as_uuid().into()],
            ))
            .await?;
        row.map(|r| r.try_get::<Uuid>("", "athlete_id")).transpose()
    }

    pub async fn pending(&self, club: Uuid) -> Result<Vec<Invitation>, DbErr> {
        let sql = format!(
            "SELECT {COLUMNS} FROM platform.invitations i
             WHERE i.club_id = $1 AND i.accepted_at IS NULL AND i.revoked_at IS NULL ORDER BY i.created_at DESC"
        );
        let rows =
            self.db.query_all_raw(Statement::from_sql_and_values(DbBackend::Postgres, sql, [club.into()])).await?;
        rows.iter().map(invitation).collect()
    }

    /// Gives a pending invitation a new token and expiry; `None` when it is not pending.
    pub async fn renew(
        &self,
        club: Uuid,
        id: Uuid,
        token_hash: [u8; 32],
        expires_at: DateTime<Utc>,
    ) -> Result<Option<Invitation>, DbErr> {
        let sql = format!(
            "UPDATE platform.invitations i SET token_hash = $3, expires_at = $4
             WHERE i.id = $2 AND i.club_id = $1 AND i.accepted_at IS NULL AND i.revoked_at IS NULL RETURNING {COLUMNS}"
        );
        let row = self
            .db
            .query_one_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                sql,
                [club.into(), id.into(), token_hash.to_vec().into(), expires_at.into()],
            ))
            .await?;
        row.as_ref().map(invitation).transpose()
    }

    /// Revokes a pending invitation; `false` when there was none.
    pub async fn revoke(&self, club: Uuid, id: Uuid) -> Result<bool, DbErr> {
        let result = self
            .db
            .execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "UPDATE platform.invitations SET revoked_at = now()
                 WHERE id = $2 AND club_id = $1 AND accepted_at IS NULL AND revoked_at IS NULL",
                [club.into(), id.into()],
            ))
            .await?;
        Ok(result.rows_affected() == 1)
    }

    pub async fn view(&self, token_hash: [u8; 32]) -> Result<Option<InvitationView>, DbErr> {
        view(&self.db, token_hash, false).await
    }

    /// Makes `user` a member as the invitation says, and uses it up, in one transaction.
    pub async fn accept(&self, token_hash: [u8; 32], user: UserId) -> Result<Invitation, AcceptError> {
        let txn = self.db.begin().await?;
        let view = view(&txn, token_hash, true).await?.ok_or(AcceptError::NotFound)?;
        match view.state {
            InvitationState::Pending => {}
            InvitationState::Used => return Err(AcceptError::Used),
            InvitationState::Expired => return Err(AcceptError::Expired),
            InvitationState::Gone => return Err(AcceptError::NotFound),
        }
        PgMemberships::put(&txn, user, view.invitation.club_id, view.invitation.role).await?;
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "UPDATE platform.invitations SET accepted_at = now(), accepted_by = $2 WHERE id = $1",
            [view.invitation.id.into(), user.as_uuid().into()],
        ))
        .await?;
        txn.commit().await?;
        Ok(view.invitation)
    }
}

async fn view<C: ConnectionTrait>(db: &C, token_hash: [u8; 32], lock: bool) -> Result<Option<InvitationView>, DbErr> {
    let sql = format!(
        "SELECT {COLUMNS}, c.slug, c.name, c.status, i.accepted_at IS NOT NULL AS used,
                i.revoked_at IS NOT NULL AS revoked, i.expires_at < now() AS expired
         FROM platform.invitations i JOIN platform.clubs c ON c.id = i.club_id
         WHERE i.token_hash = $1 {}",
        if lock { "FOR UPDATE OF i" } else { "" }
    );
    let row = db
        .query_one_raw(Statement::from_sql_and_values(DbBackend::Postgres, sql, [token_hash.to_vec().into()]))
        .await?;
    let Some(row) = row else { return Ok(None) };
    let flag = |column: &str| row.try_get::<bool>("", column);
    let status: String = row.try_get("", "status")?;
    let state = if flag("revoked")? || status != "active" {
        InvitationState::Gone
    } else if flag("used")? {
        InvitationState::Used
    } else if flag("expired")? {
        InvitationState::Expired
    } else {
        InvitationState::Pending
    };
    Ok(Some(InvitationView {
        invitation: invitation(&row)?,
        club_slug: row.try_get("", "slug")?,
        club_name: row.try_get("", "name")?,
        state,
    }))
}
