//! The club's members as identity keeps them (roles in the authorizer, names in the accounts,
//! invitations in the platform schema), and the invitations identity makes for athletes.

use async_trait::async_trait;
use dropit_identity::{
    application::{AthleteInvites, StoreError as IdentityStoreError, UserStore},
    domain::UserId,
    infrastructure::{authorization::Authorizer, invitations::PgInvitations, users::PgUserStore},
};
use dropit_permissions::Role;
use dropit_tenancy::{ClubCtx, infrastructure::begin_club_txn};
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use uuid::Uuid;

use super::{PgAthletes, failed};
use crate::application::{MemberDirectory, Membership, StoreError};

#[derive(Clone)]
pub struct PlatformMembers {
    authorizer: Authorizer,
    users: PgUserStore,
    invitations: PgInvitations,
}

impl PlatformMembers {
    pub fn new(authorizer: Authorizer, users: PgUserStore, invitations: PgInvitations) -> Self {
        Self { authorizer, users, invitations }
    }
}

#[async_trait]
impl MemberDirectory for PlatformMembers {
    async fn member(&self, club: Uuid, user: Uuid) -> Result<Option<Membership>, StoreError> {
        let id = UserId::from_uuid(user);
        let Some(role) = self.authorizer.role_in(id, club).await else {
            return Ok(None);
        };
        let Some(account) = self.users.find(id).await.map_err(|e| StoreError(e.to_string()))? else {
            return Ok(None);
        };
        let invited_as = if role == Role::Athlete {
            self.invitations.accepted_as_athlete(club, id).await.map_err(failed)?
        } else {
            None
        };
        Ok(Some(Membership {
            name: account.display_name.as_str().to_owned(),
            athlete_role: role == Role::Athlete,
            invited_as,
        }))
    }
}

fn identity_error(error: sea_orm::DbErr) -> IdentityStoreError {
    IdentityStoreError::Failed(error.to_string())
}

#[async_trait]
impl AthleteInvites for PgAthletes {
    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgAthletes.invitable"))]
    async fn invitable(&self, club: &ClubCtx, athlete: Uuid) -> Result<bool, IdentityStoreError> {
        let txn = begin_club_txn(&self.db, club, self.statement_timeout).await.map_err(identity_error)?;
        let found = txn
            .query_one_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT 1 AS one FROM athletes WHERE id = $1 AND user_id IS NULL AND archived_at IS NULL",
                [athlete.into()],
            ))
            .await
            .map_err(identity_error)?
            .is_some();
        txn.commit().await.map_err(identity_error)?;
        Ok(found)
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgAthletes.invited"))]
    async fn invited(&self, club: &ClubCtx, athlete: Uuid, invitation: Uuid) -> Result<(), IdentityStoreError> {
        let txn = begin_club_txn(&self.db, club, self.statement_timeout).await.map_err(identity_error)?;
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "UPDATE athletes SET invitation_id = $2, updated_at = now() WHERE id = $1",
            [athlete.into(), invitation.into()],
        ))
        .await
        .map_err(identity_error)?;
        txn.commit().await.map_err(identity_error)
    }
}
