//! The casbin enforcer, filled with the permission matrix (stored once per role, for every
//! club) and one grouping row per membership: `g, user, role, club`.

use std::sync::Arc;

use casbin::{CoreApi, DefaultModel, Enforcer, MemoryAdapter, MgmtApi, RbacApi};
use dropit_permissions::{CASBIN_MODEL, PLATFORM_DOMAIN, Permission, Role, Scope, casbin_policies};
use tokio::sync::RwLock;
use uuid::Uuid;

use crate::domain::{Membership, UserId};

/// Answers "may this person do this here?"; cheap to clone and share.
///
/// It starts empty and is filled from the database by [`Authorizer::load`] (at start-up, and
/// again whenever the server wants to be sure it missed no change); until then it denies
/// everything and says it is not ready.
#[derive(Clone, Default)]
pub struct Authorizer {
    // A plain enforcer under a read lock: checks never wait for each other.
    enforcer: Arc<RwLock<Option<Enforcer>>>,
    /// Where changes are announced to the other server processes.
    publisher: Option<redis::aio::ConnectionManager>,
    /// Counts changes applied one by one, so a reload that read the database before one of
    /// them does not overwrite it.
    generation: Arc<std::sync::atomic::AtomicU64>,
}

/// The Redis channel of membership changes.
pub const CHANNEL: &str = "dropit:membership-changed";

impl Authorizer {
    /// An authorizer filled with these memberships and operators.
    pub async fn new(memberships: &[Membership], operators: &[UserId]) -> casbin::Result<Self> {
        let authorizer = Self::default();
        authorizer.load(memberships, operators).await?;
        Ok(authorizer)
    }

    /// Announces every change made through this authorizer on Redis, for the other servers.
    pub fn publishing_to(mut self, connection: redis::aio::ConnectionManager) -> Self {
        self.publisher = Some(connection);
        self
    }

    async fn publish(&self, notice: String) {
        let Some(connection) = &self.publisher else { return };
        let mut connection = connection.clone();
        let sent: redis::RedisResult<i64> =
            redis::cmd("PUBLISH").arg(CHANNEL).arg(&notice).query_async(&mut connection).await;
        if let Err(error) = sent {
            tracing::warn!(%error, "could not announce a membership change; other servers catch up at their next reload");
        }
    }

    /// Applies a notice published by another process.
    pub async fn apply_notice(&self, notice: &str) {
        let parts: Vec<&str> = notice.split(' ').collect();
        let user = |raw: &str| uuid::Uuid::parse_str(raw).ok().map(UserId::from_uuid);
        let applied = match parts.as_slice() {
            ["grant", u, c, r] => match (user(u), Uuid::parse_str(c).ok(), Role::parse(r)) {
                (Some(u), Some(c), Some(r)) => self.apply_grant(u, c, r).await.is_ok(),
                _ => false,
            },
            ["revoke", u, c] => match (user(u), Uuid::parse_str(c).ok()) {
                (Some(u), Some(c)) => self.apply_revoke(u, c).await.is_ok(),
                _ => false,
            },
            ["operator", u] => match user(u) {
                Some(u) => self.apply_operator(u).await.is_ok(),
                None => false,
            },
            _ => false,
        };
        if !applied {
            tracing::warn!(notice, "ignored a membership notice");
        }
    }

    pub async fn is_ready(&self) -> bool {
        self.enforcer.read().await.is_some()
    }

    /// Replaces everything the authorizer knows with these memberships and operators.
    pub async fn load(&self, memberships: &[Membership], operators: &[UserId]) -> casbin::Result<()> {
        let enforcer = Self::build(memberships, operators).await?;
        *self.enforcer.write().await = Some(enforcer);
        Ok(())
    }

    /// The number of changes applied so far; read it before reading the database for a reload.
    pub fn generation(&self) -> u64 {
        self.generation.load(std::sync::atomic::Ordering::SeqCst)
    }

    /// Like [`Authorizer::load`], unless a change was applied since `generation` was read:
    /// then the data may be older than that change, nothing is replaced and `false` returned.
    pub async fn reload(
        &self,
        generation: u64,
        memberships: &[Membership],
        operators: &[UserId],
    ) -> casbin::Result<bool> {
        let enforcer = Self::build(memberships, operators).await?;
        let mut current = self.enforcer.write().await;
        if self.generation() != generation {
            return Ok(false);
        }
        *current = Some(enforcer);
        Ok(true)
    }

    fn changed(&self) {
        self.generation.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
    }

    async fn build(memberships: &[Membership], operators: &[UserId]) -> casbin::Result<Enforcer> {
        let model = DefaultModel::from_str(CASBIN_MODEL).await?;
        let mut enforcer = Enforcer::new(model, MemoryAdapter::default()).await?;
        enforcer.enable_auto_save(false);
        let policies: Vec<Vec<String>> = casbin_policies().into_iter().map(Vec::from).collect();
        enforcer.add_policies(policies).await?;
        let mut groupings: Vec<Vec<String>> = memberships
            .iter()
            .map(|m| vec![m.user_id.to_string(), m.role.as_str().to_owned(), m.club_id.to_string()])
            .collect();
        groupings.extend(operators.iter().map(|user| {
            vec![user.to_string(), Role::PlatformOperator.as_str().to_owned(), PLATFORM_DOMAIN.to_owned()]
        }));
        if !groupings.is_empty() {
            enforcer.add_grouping_policies(groupings).await?;
        }
        Ok(enforcer)
    }

    /// Whether `user` may do `permission` in `club` (ignored for platform permissions).
    pub async fn allowed(&self, user: UserId, club: Option<Uuid>, permission: Permission) -> bool {
        let domain = match (permission.scope(), club) {
            (Scope::Platform, _) => PLATFORM_DOMAIN.to_owned(),
            (Scope::Club, Some(club)) => club.to_string(),
            (Scope::Club, None) => return false,
        };
        let request = (user.to_string(), domain, permission.resource(), permission.action());
        let enforcer = self.enforcer.read().await;
        let Some(enforcer) = enforcer.as_ref() else { return false };
        enforcer.enforce(request).unwrap_or_else(|error| {
            tracing::error!(%error, "casbin enforcement failed; denying");
            false
        })
    }

    /// The role `user` holds in `club`, if any.
    pub async fn role_in(&self, user: UserId, club: Uuid) -> Option<Role> {
        let enforcer = self.enforcer.read().await;
        let roles = enforcer.as_ref()?.get_roles_for_user(&user.to_string(), Some(&club.to_string()));
        roles.iter().find_map(|r| Role::parse(r))
    }

    /// Records a membership (replacing the role held before in that club), here and in every
    /// other server process.
    pub async fn grant(&self, user: UserId, club: Uuid, role: Role) -> casbin::Result<()> {
        self.apply_grant(user, club, role).await?;
        self.publish(format!("grant {user} {club} {role}")).await;
        Ok(())
    }

    /// Forgets a membership: the person loses every right in that club at once, here and in
    /// every other server process.
    pub async fn revoke(&self, user: UserId, club: Uuid) -> casbin::Result<()> {
        self.apply_revoke(user, club).await?;
        self.publish(format!("revoke {user} {club}")).await;
        Ok(())
    }

    pub async fn make_operator(&self, user: UserId) -> casbin::Result<()> {
        self.apply_operator(user).await?;
        self.publish(format!("operator {user}")).await;
        Ok(())
    }

    async fn apply_grant(&self, user: UserId, club: Uuid, role: Role) -> casbin::Result<()> {
        let mut enforcer = self.enforcer.write().await;
        self.changed();
        let Some(enforcer) = enforcer.as_mut() else { return Ok(()) };
        enforcer.remove_filtered_grouping_policy(0, vec![user.to_string(), String::new(), club.to_string()]).await?;
        enforcer.add_grouping_policy(vec![user.to_string(), role.as_str().to_owned(), club.to_string()]).await?;
        Ok(())
    }

    async fn apply_revoke(&self, user: UserId, club: Uuid) -> casbin::Result<()> {
        let mut enforcer = self.enforcer.write().await;
        self.changed();
        let Some(enforcer) = enforcer.as_mut() else { return Ok(()) };
        enforcer.remove_filtered_grouping_policy(0, vec![user.to_string(), String::new(), club.to_string()]).await?;
        Ok(())
    }

    async fn apply_operator(&self, user: UserId) -> casbin::Result<()> {
        let row = vec![user.to_string(), Role::PlatformOperator.as_str().to_owned(), PLATFORM_DOMAIN.to_owned()];
        let mut enforcer = self.enforcer.write().await;
        self.changed();
        match enforcer.as_mut() {
            Some(enforcer) => enforcer.add_grouping_policy(row).await.map(drop),
            None => Ok(()),
        }
    }
}

/// Keeps an authorizer in step with the database: loads it (retrying until PostgreSQL
/// answers), applies the notices other processes publish, and reloads everything every
/// `every` in case a notice was lost. Runs until dropped.
pub async fn keep_in_sync(
    authorizer: Authorizer,
    memberships: super::memberships::PgMemberships,
    redis: redis::Client,
    every: std::time::Duration,
) {
    use futures::StreamExt;

    let reload = |authorizer: Authorizer, memberships: super::memberships::PgMemberships| async move {
        let generation = authorizer.generation();
        match memberships.everything().await {
            Ok((all, operators)) => match authorizer.reload(generation, &all, &operators).await {
                // A change landed meanwhile: read again at once.
                Ok(replaced) => replaced,
                Err(error) => {
                    tracing::error!(%error, "could not build the authorizer");
                    false
                }
            },
            Err(error) => {
                tracing::warn!(%error, "could not load memberships; retrying");
                false
            }
        }
    };
    let listener = {
        let authorizer = authorizer.clone();
        async move {
            loop {
                if let Ok(mut pubsub) = redis.get_async_pubsub().await
                    && pubsub.subscribe(CHANNEL).await.is_ok()
                {
                    let mut messages = pubsub.into_on_message();
                    while let Some(message) = messages.next().await {
                        if let Ok(notice) = message.get_payload::<String>() {
                            authorizer.apply_notice(&notice).await;
                        }
                    }
                }
                tokio::time::sleep(std::time::Duration::from_secs(1)).await;
            }
        }
    };
    let reloader = async move {
        loop {
            let delay = if reload(authorizer.clone(), memberships.clone()).await {
                every
            } else {
                std::time::Duration::from_secs(1)
            };
            tokio::time::sleep(delay).await;
        }
    };
    tokio::join!(listener, reloader);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn roles_apply_in_their_own_club_only() {
        let (coach, club_a, club_b) = (UserId::generate(), Uuid::new_v4(), Uuid::new_v4());
        let membership = Membership { user_id: coach, club_id: club_a, role: Role::Coach };
        let authorizer = Authorizer::new(&[membership], &[]).await.expect("enforcer");
        assert!(authorizer.allowed(coach, Some(club_a), Permission::MembersRead).await);
        assert!(!authorizer.allowed(coach, Some(club_a), Permission::MembersInvite).await);
        assert!(!authorizer.allowed(coach, Some(club_b), Permission::MembersRead).await);
        assert!(!authorizer.allowed(coach, None, Permission::PlatformClubsRead).await);
        assert_eq!(authorizer.role_in(coach, club_a).await, Some(Role::Coach));

        authorizer.grant(coach, club_a, Role::ClubAdmin).await.expect("grant");
        assert!(authorizer.allowed(coach, Some(club_a), Permission::MembersInvite).await);
        authorizer.revoke(coach, club_a).await.expect("revoke");
        assert!(!authorizer.allowed(coach, Some(club_a), Permission::MembersRead).await);
        assert_eq!(authorizer.role_in(coach, club_a).await, None);
    }

    #[tokio::test]
    async fn operators_act_on_the_platform_not_in_clubs() {
        let operator = UserId::generate();
        let authorizer = Authorizer::new(&[], &[operator]).await.expect("enforcer");
        assert!(authorizer.allowed(operator, None, Permission::PlatformClubsManage).await);
        assert!(!authorizer.allowed(operator, Some(Uuid::new_v4()), Permission::MembersRead).await);
    }
}
