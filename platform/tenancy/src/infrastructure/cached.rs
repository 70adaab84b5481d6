//! Registry lookups through the shared cache (the `clubs` group, a field per slug and per
//! id), between each server's in-process cache and PostgreSQL. Every server drops a club's
//! fields when it hears the club changed (see `changes`), and the group expires with the
//! shared cache's time-to-live.

use async_trait::async_trait;
use dropit_infra::cache::TieredCache;
use serde::{Deserialize, Serialize};

use crate::{
    application::{ClubDirectory, DirectoryError},
    domain::{Club, ClubId, ClubName, ClubRole, ClubSchema, ClubSlug, ClubStatus, ClubTier},
};

pub const GROUP: &str = "clubs";

/// The cache fields of a club known by its id and slug.
pub fn fields(id: &str, slug: &str) -> [String; 2] {
    [format!("slug:{slug}"), format!("id:{id}")]
}

#[derive(Clone)]
pub struct CachedDirectory<D> {
    inner: D,
    cache: TieredCache,
}

impl<D> CachedDirectory<D> {
    pub fn new(inner: D, cache: TieredCache) -> Self {
        Self { inner, cache }
    }
}

#[derive(Serialize, Deserialize)]
struct Cached {
    id: uuid::Uuid,
    slug: String,
    name: String,
    schema: String,
    role: String,
    status: String,
    tier: String,
    schema_version: Option<String>,
    archive_key: Option<String>,
}

impl Cached {
    fn of(club: &Club) -> Cached {
        Cached {
            id: club.id.as_uuid(),
            slug: club.slug.to_string(),
            name: club.name.as_str().to_owned(),
            schema: club.schema.as_str().to_owned(),
            role: club.role.as_str().to_owned(),
            status: club.status.as_str().to_owned(),
            tier: club.tier.as_str().to_owned(),
            schema_version: club.schema_version.clone(),
            archive_key: club.archive_key.clone(),
        }
    }

    /// Checked again like a registry row: a cached entry never bypasses the name rules.
    fn club(self) -> Option<Club> {
        Some(Club {
            id: ClubId::from_uuid(self.id),
            slug: ClubSlug::parse(&self.slug).ok()?,
            name: ClubName::parse(&self.name).ok()?,
            schema: ClubSchema::parse(&self.schema).ok()?,
            role: ClubRole::parse(&self.role).ok()?,
            status: ClubStatus::parse(&self.status)?,
            tier: ClubTier::parse(&self.tier)?,
            schema_version: self.schema_version,
            archive_key: self.archive_key,
        })
    }
}

impl<D: ClubDirectory> CachedDirectory<D> {
    async fn cached(&self, field: &str) -> Option<Club> {
        let value = self.cache.get(GROUP, field).await?;
        serde_json::from_str::<Cached>(&value).ok()?.club()
    }

    async fn keep(&self, found: &Option<Club>) {
        // Only clubs that exist are cached, so a new club is found at once.
        if let Some(club) = found
            && let Ok(value) = serde_json::to_string(&Cached::of(club))
        {
            for field in fields(&club.id.to_string(), club.slug.as_str()) {
                self.cache.put(GROUP, &field, value.clone()).await;
            }
        }
    }
}

#[async_trait]
impl<D: ClubDirectory> ClubDirectory for CachedDirectory<D> {
    async fn find_by_slug(&self, slug: &ClubSlug) -> Result<Option<Club>, DirectoryError> {
        if let Some(club) = self.cached(&format!("slug:{slug}")).await {
            return Ok(Some(club));
        }
        let found = self.inner.find_by_slug(slug).await?;
        self.keep(&found).await;
        Ok(found)
    }

    async fn find_by_id(&self, id: ClubId) -> Result<Option<Club>, DirectoryError> {
        if let Some(club) = self.cached(&format!("id:{id}")).await {
            return Ok(Some(club));
        }
        let found = self.inner.find_by_id(id).await?;
        self.keep(&found).await;
        Ok(found)
    }

    async fn forget(&self, id: &str, slug: &str) {
        self.cache.forget(GROUP, &fields(id, slug)).await;
    }
}
