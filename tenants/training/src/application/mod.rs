//! Use cases of training and the ports they need. Every port takes the club's context.

use async_trait::async_trait;
use dropit_tenancy::ClubCtx;
use uuid::Uuid;

use crate::domain::exercise::{Category, Exercise, ExerciseContent};

#[derive(Debug, thiserror::Error)]
#[error("the catalogue is unavailable: {0}")]
pub struct CatalogueError(pub String);

/// Which exercises a list shows.
#[derive(Clone, Debug, Default)]
pub struct ExerciseFilter {
    pub category: Option<Category>,
    /// Words found in the French or English name, in any case.
    pub text: Option<String>,
    pub tag: Option<String>,
    pub include_archived: bool,
}

/// A page of a list and how many items the whole list holds.
#[derive(Clone, Debug)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: u64,
}

/// Port: the club's exercise catalogue.
#[async_trait]
pub trait ExerciseCatalogue: Send + Sync {
    async fn list(
        &self,
        ctx: &ClubCtx,
        filter: &ExerciseFilter,
        offset: u64,
        limit: u64,
    ) -> Result<Page<Exercise>, CatalogueError>;
    async fn get(&self, ctx: &ClubCtx, id: Uuid) -> Result<Option<Exercise>, CatalogueError>;
    async fn create(&self, ctx: &ClubCtx, content: &ExerciseContent) -> Result<Exercise, CatalogueError>;
    /// Replaces the content and sets whether it is archived; `None` when there is no such exercise.
    async fn update(
        &self,
        ctx: &ClubCtx,
        id: Uuid,
        content: &ExerciseContent,
        archived: bool,
    ) -> Result<Option<Exercise>, CatalogueError>;
}
