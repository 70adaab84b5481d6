//! The exercise catalogue read through the shared cache: lists and single exercises are kept
//! per club (the `club:<id>:exercises` group), and every write drops the club's whole group.

use std::sync::Arc;

use async_trait::async_trait;
use dropit_infra::cache::TieredCache;
use dropit_tenancy::ClubCtx;
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::{
    application::{CatalogueError, ExerciseCatalogue, ExerciseFilter, Page},
    domain::exercise::{Category, Exercise, ExerciseContent, ReferenceLift},
};

#[derive(Clone)]
pub struct CachedCatalogue {
    inner: Arc<dyn ExerciseCatalogue>,
    cache: TieredCache,
}

impl CachedCatalogue {
    pub fn new(inner: Arc<dyn ExerciseCatalogue>, cache: TieredCache) -> Self {
        Self { inner, cache }
    }
}

fn group(ctx: &ClubCtx) -> String {
    format!("club:{}:exercises", ctx.id)
}

/// An exercise as the cache keeps it.
#[derive(Serialize, Deserialize)]
struct Cached {
    id: Uuid,
    name_fr: String,
    name_en: String,
    category: String,
    tags: Vec<String>,
    description: String,
    reference_lift: Option<String>,
    starter: bool,
    archived: bool,
}

impl From<&Exercise> for Cached {
    fn from(e: &Exercise) -> Self {
        Cached {
            id: e.id,
            name_fr: e.name_fr.clone(),
            name_en: e.name_en.clone(),
            category: e.category.as_str().to_owned(),
            tags: e.tags.clone(),
            description: e.description.clone(),
            reference_lift: e.reference_lift.map(|l| l.as_str().to_owned()),
            starter: e.starter,
            archived: e.archived,
        }
    }
}

impl Cached {
    fn exercise(self) -> Option<Exercise> {
        Some(Exercise {
            id: self.id,
            name_fr: self.name_fr,
            name_en: self.name_en,
            category: Category::parse(&self.category)?,
            tags: self.tags,
            description: self.description,
            reference_lift: match self.reference_lift {
                Some(lift) => Some(ReferenceLift::parse(&lift)?),
                None => None,
            },
            starter: self.starter,
            archived: self.archived,
        })
    }
}

#[derive(Serialize, Deserialize)]
struct CachedPage {
    items: Vec<Cached>,
    total: u64,
}

#[async_trait]
impl ExerciseCatalogue for CachedCatalogue {
    async fn list(
        &self,
        ctx: &ClubCtx,
        filter: &ExerciseFilter,
        offset: u64,
        limit: u64,
    ) -> Result<Page<Exercise>, CatalogueError> {
        let field = serde_json::json!([
            "list",
            filter.category.map(Category::as_str),
            filter.text,
            filter.tag,
            filter.include_archived,
            offset,
            limit
        ])
        .to_string();
        let group = group(ctx);
        if let Some(cached) = self.cache.get(&group, &field).await
            && let Ok(page) = serde_json::from_str::<CachedPage>(&cached)
            && let Some(items) = page.items.into_iter().map(Cached::exercise).collect::<Option<Vec<_>>>()
        {
            return Ok(Page { items, total: page.total });
        }
        let page = self.inner.list(ctx, filter, offset, limit).await?;
        let cached = CachedPage { items: page.items.iter().map(Cached::from).collect(), total: page.total };
        if let Ok(value) = serde_json::to_string(&cached) {
            self.cache.put(&group, &field, value).await;
        }
        Ok(page)
    }

    async fn get(&self, ctx: &ClubCtx, id: Uuid) -> Result<Option<Exercise>, CatalogueError> {
        let (group, field) = (group(ctx), format!("get:{id}"));
        if let Some(cached) = self.cache.get(&group, &field).await
            && let Ok(exercise) = serde_json::from_str::<Cached>(&cached)
            && let Some(exercise) = exercise.exercise()
        {
            return Ok(Some(exercise));
        }
        let found = self.inner.get(ctx, id).await?;
        if let Some(exercise) = &found
            && let Ok(value) = serde_json::to_string(&Cached::from(exercise))
        {
            self.cache.put(&group, &field, value).await;
        }
        Ok(found)
    }

    async fn create(&self, ctx: &ClubCtx, content: &ExerciseContent) -> Result<Exercise, CatalogueError> {
        let created = self.inner.create(ctx, content).await?;
        self.cache.invalidate(&group(ctx)).await;
        Ok(created)
    }

    async fn update(
        &self,
        ctx: &ClubCtx,
        id: Uuid,
        content: &ExerciseContent,
        archived: bool,
    ) -> Result<Option<Exercise>, CatalogueError> {
        let updated = self.inner.update(ctx, id, content, archived).await?;
        self.cache.invalidate(&group(ctx)).await;
        Ok(updated)
    }

    async fn forget(&self, ctx: &ClubCtx) {
        self.cache.invalidate(&group(ctx)).await;
    }
}
