//! Who the club's athletes are, for training: profiles are created the first time a member
//! with the athlete role is needed (scheduled, or logging), and an account that accepted an
//! invitation made for a managed athlete is linked to that athlete's profile.

use std::sync::Arc;

use async_trait::async_trait;
use dropit_tenancy::ClubCtx;
use dropit_training::application::{CatalogueError, Roster};
use uuid::Uuid;

use super::{AthleteStore, StoreError, WriteError};
use crate::domain::athlete::Profile;

/// What the platform knows of a member of the club.
#[derive(Clone, Debug, PartialEq)]
pub struct Membership {
    pub name: String,
    pub athlete_role: bool,
    /// The athlete profile the invitation they accepted was made for.
    pub invited_as: Option<Uuid>,
}

/// Port: the club's members, as identity keeps them.
#[async_trait]
pub trait MemberDirectory: Send + Sync {
    async fn member(&self, club: Uuid, user: Uuid) -> Result<Option<Membership>, StoreError>;
}

#[derive(Clone)]
pub struct ClubRoster {
    store: Arc<dyn AthleteStore>,
    members: Arc<dyn MemberDirectory>,
}

impl ClubRoster {
    pub fn new(store: Arc<dyn AthleteStore>, members: Arc<dyn MemberDirectory>) -> Self {
        Self { store, members }
    }

    /// The profile of a member with an account, created from the account when missing.
    async fn profile_for(&self, ctx: &ClubCtx, user: Uuid, member: Membership) -> Result<Uuid, StoreError> {
        if let Some(invited) = member.invited_as
            && self.store.link(ctx, invited, user).await?
        {
            return Ok(invited);
        }
        let profile = Profile {
            name: member.name,
            sex: None,
            birth_date: None,
            bar: None,
            level: String::new(),
            notes: String::new(),
        };
        match self.store.create(ctx, user, Some(user), &profile).await {
            Ok(athlete) => Ok(athlete.id),
            // Created meanwhile by another request.
            Err(WriteError::Taken) => {
                self.store.by_user(ctx, user).await?.map(|a| a.id).ok_or_else(|| StoreError("profile vanished".into()))
            }
            Err(WriteError::UnknownAthletes(_)) => Err(StoreError("unexpected".to_owned())),
            Err(WriteError::Store(error)) => Err(error),
        }
    }
}

#[async_trait]
impl Roster for ClubRoster {
    async fn athlete_of(&self, ctx: &ClubCtx, user: Uuid, create: bool) -> Result<Option<Uuid>, CatalogueError> {
        if let Some(athlete) = self.store.by_user(ctx, user).await? {
            return Ok(Some(athlete.id));
        }
        let Some(member) = self.members.member(ctx.id.as_uuid(), user).await? else {
            return Ok(None);
        };
        if !create && !member.athlete_role && member.invited_as.is_none() {
            return Ok(None);
        }
        Ok(Some(self.profile_for(ctx, user, member).await?))
    }

    async fn known(&self, ctx: &ClubCtx, ids: &[Uuid]) -> Result<Vec<Uuid>, CatalogueError> {
        let mut known = self.store.active(ctx, ids).await?;
        for id in ids {
            if known.contains(id) || self.store.get(ctx, *id).await?.is_some() {
                continue;
            }
            // Any member can be planned for (coaches train too): their profile comes with it.
            if let Some(member) = self.members.member(ctx.id.as_uuid(), *id).await? {
                known.push(self.profile_for(ctx, *id, member).await?);
            }
        }
        Ok(known)
    }

    async fn group(&self, ctx: &ClubCtx, group: Uuid) -> Result<Option<Vec<Uuid>>, CatalogueError> {
        Ok(self.store.group_members(ctx, group).await?)
    }
}
