//! From the `{club}` of a request path to the club's context, through a cache.

use std::{sync::Arc, time::Duration};

use async_trait::async_trait;
use moka::future::Cache;

use crate::domain::{Club, ClubCtx, ClubId, ClubSlug, ClubStatus};

#[derive(Debug, thiserror::Error)]
#[error("the club registry is unavailable: {0}")]
pub struct DirectoryError(pub String);

/// Port: reads clubs from the registry.
#[async_trait]
pub trait ClubDirectory: Send + Sync {
    async fn find_by_slug(&self, slug: &ClubSlug) -> Result<Option<Club>, DirectoryError>;
    async fn find_by_id(&self, id: ClubId) -> Result<Option<Club>, DirectoryError>;
    /// Forgets what it may keep of a club, known by its id and slug, after a change.
    async fn forget(&self, _id: &str, _slug: &str) {}
}

#[derive(Debug, thiserror::Error)]
pub enum ResolveError {
    /// Unknown, malformed, or not yet provisioned: all look the same from outside.
    #[error("no such club")]
    NotFound,
    #[error("the club is suspended")]
    Suspended,
    #[error("the club is archived")]
    Archived,
    #[error(transparent)]
    Unavailable(#[from] DirectoryError),
}

/// Resolves clubs by slug or id, caching what the registry answers for a short while.
///
/// The cache is keyed by what the path holds (slug or id) and holds whole clubs, so a
/// suspension is seen once the entry is invalidated or expires.
#[derive(Clone)]
pub struct ClubResolver {
    directory: Arc<dyn ClubDirectory>,
    cache: Cache<String, Club>,
}

impl ClubResolver {
    pub fn new(directory: Arc<dyn ClubDirectory>, ttl: Duration, capacity: u64) -> Self {
        Self { directory, cache: Cache::builder().time_to_live(ttl).max_capacity(capacity).build() }
    }

    /// The context of an active club, from a path segment holding its slug or its id.
    pub async fn resolve(&self, raw: &str) -> Result<ClubCtx, ResolveError> {
        self.active(raw).await.map(|club| club.context())
    }

    /// The active club behind a path segment holding its slug or its id.
    pub async fn active(&self, raw: &str) -> Result<Club, ResolveError> {
        let club = self.club(raw).await?;
        match club.status {
            ClubStatus::Active => Ok(club),
            ClubStatus::Suspended => Err(ResolveError::Suspended),
            ClubStatus::Archived => Err(ResolveError::Archived),
            ClubStatus::Provisioning => Err(ResolveError::NotFound),
        }
    }

    /// The club behind a path segment, whatever its status.
    pub async fn club(&self, raw: &str) -> Result<Club, ResolveError> {
        if let Some(club) = self.cache.get(raw).await {
            return Ok(club);
        }
        // Malformed values never reach the registry.
        let found = if let Ok(id) = uuid::Uuid::parse_str(raw) {
            if raw.len() != 36 {
                return Err(ResolveError::NotFound);
            }
            self.directory.find_by_id(ClubId::from_uuid(id)).await?
        } else {
            let slug = ClubSlug::parse(raw).map_err(|_| ResolveError::NotFound)?;
            self.directory.find_by_slug(&slug).await?
        };
        let club = found.ok_or(ResolveError::NotFound)?;
        self.cache.insert(raw.to_owned(), club.clone()).await;
        Ok(club)
    }

    /// Forgets a club, under its slug and its id, after it changed.
    pub async fn invalidate(&self, club: &Club) {
        self.invalidate_keys(&club.id.to_string(), club.slug.as_str()).await;
    }

    /// Forgets a club known by its id and slug as text (from a change notice).
    pub async fn invalidate_keys(&self, id: &str, slug: &str) {
        self.directory.forget(id, slug).await;
        self.cache.invalidate(slug).await;
        self.cache.invalidate(id).await;
    }
}

#[async_trait]
impl super::ClubChanges for ClubResolver {
    async fn club_changed(&self, club: &Club) {
        self.invalidate(club).await;
    }
}

#[cfg(test)]
mod tests {
    use std::sync::{
        Mutex,
        atomic::{AtomicUsize, Ordering},
    };

    use super::*;
    use crate::domain::{ClubName, ClubRole, ClubSchema, ClubTier};

    struct Fake {
        clubs: Mutex<Vec<Club>>,
        lookups: AtomicUsize,
    }

    #[async_trait]
    impl ClubDirectory for Fake {
        async fn find_by_slug(&self, slug: &ClubSlug) -> Result<Option<Club>, DirectoryError> {
            self.lookups.fetch_add(1, Ordering::SeqCst);
            Ok(self.clubs.lock().expect("lock").iter().find(|c| &c.slug == slug).cloned())
        }
        async fn find_by_id(&self, id: ClubId) -> Result<Option<Club>, DirectoryError> {
            self.lookups.fetch_add(1, Ordering::SeqCst);
            Ok(self.clubs.lock().expect("lock").iter().find(|c| c.id == id).cloned())
        }
    }

    fn club(slug: &str, status: ClubStatus) -> Club {
        let id = ClubId::generate();
        Club {
            id,
            slug: ClubSlug::parse(slug).expect("slug"),
            name: ClubName::parse(slug).expect("name"),
            schema: ClubSchema::for_club(id),
            role: ClubRole::for_club(id),
            status,
            tier: ClubTier::Standard,
            schema_version: None,
            archive_key: None,
        }
    }

    fn resolver(clubs: Vec<Club>) -> (ClubResolver, Arc<Fake>) {
        let fake = Arc::new(Fake { clubs: Mutex::new(clubs), lookups: AtomicUsize::new(0) });
        (ClubResolver::new(fake.clone(), Duration::from_secs(60), 100), fake)
    }

    #[tokio::test]
    async fn resolves_by_slug_or_id_and_caches() {
        let lyon = club("haltero-lyon", ClubStatus::Active);
        let (resolver, fake) = resolver(vec![lyon.clone()]);
        assert_eq!(resolver.resolve("haltero-lyon").await.expect("slug").id, lyon.id);
        assert_eq!(resolver.resolve("haltero-lyon").await.expect("cached").id, lyon.id);
        assert_eq!(resolver.resolve(&lyon.id.to_string()).await.expect("id").id, lyon.id);
        assert_eq!(fake.lookups.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn status_decides_access() {
        let (resolver, _) = resolver(vec![
            club("closed", ClubStatus::Suspended),
            club("gone", ClubStatus::Archived),
            club("soon", ClubStatus::Provisioning),
        ]);
        assert!(matches!(resolver.resolve("closed").await, Err(ResolveError::Suspended)));
        assert!(matches!(resolver.resolve("gone").await, Err(ResolveError::Archived)));
        assert!(matches!(resolver.resolve("soon").await, Err(ResolveError::NotFound)));
    }

    #[tokio::test]
    async fn hostile_values_never_reach_the_registry() {
        let (resolver, fake) = resolver(vec![]);
        for raw in ["x'; DROP SCHEMA public; --", "..", "../etc", &"a".repeat(500), "Club", "сlub", ""] {
            assert!(matches!(resolver.resolve(raw).await, Err(ResolveError::NotFound)), "{raw}");
        }
        assert_eq!(fake.lookups.load(Ordering::SeqCst), 0);
    }

    #[tokio::test]
    async fn invalidation_sees_a_suspension() {
        let mut lyon = club("haltero-lyon", ClubStatus::Active);
        let (resolver, fake) = resolver(vec![lyon.clone()]);
        resolver.resolve("haltero-lyon").await.expect("active");
        lyon.status = ClubStatus::Suspended;
        *fake.clubs.lock().expect("lock") = vec![lyon.clone()];
        resolver.invalidate(&lyon).await;
        assert!(matches!(resolver.resolve("haltero-lyon").await, Err(ResolveError::Suspended)));
    }
}
