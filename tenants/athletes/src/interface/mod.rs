//! HTTP interface of the athletes module: `/api/v1/clubs/{club}/athletes…`, `/groups…`,
//! `/competitions…`, `/activity`, `/readiness`, `/category-sets`, and the athlete's own
//! `/me/…` views.

mod athletes;
mod progress;
mod stats;
mod wellbeing;

use std::sync::Arc;

use dropit_http::{ApiError, FieldError};
use dropit_identity::interface::Guard;
use dropit_kernel::{ErrorCode, FieldErrorCode};
use dropit_permissions::Access;
use dropit_tenancy::{Club, ClubCtx};
use dropit_training::application::{ExerciseCatalogue, LogStore, Roster};
use uuid::Uuid;

pub use athletes::AthletesApi;
pub use progress::ProgressApi;
pub use stats::StatsApi;
pub use wellbeing::WellbeingApi;

use crate::application::{AthleteData, AthleteStore, StoreError};

/// What each operation of these APIs requires.
pub fn access() -> Vec<(&'static str, Access)> {
    [athletes::ACCESS, progress::ACCESS, stats::ACCESS, wellbeing::ACCESS].concat()
}

/// What every API of the module works with.
#[derive(Clone)]
pub struct Context {
    pub athletes: Arc<dyn AthleteStore>,
    pub data: Arc<dyn AthleteData>,
    pub roster: Arc<dyn Roster>,
    pub catalogue: Arc<dyn ExerciseCatalogue>,
    pub logs: Arc<dyn LogStore>,
    pub stats: crate::application::StatsService,
    pub guard: Guard,
}

fn unavailable(error: impl std::error::Error + 'static) -> ApiError {
    ApiError::internal(&error)
}

impl From<StoreError> for ApiError {
    fn from(error: StoreError) -> Self {
        unavailable(error)
    }
}

fn field(name: impl Into<String>, code: FieldErrorCode) -> ApiError {
    ApiError::validation(vec![FieldError::new(name, code)])
}

fn kg(grams: dropit_training::domain::load::Grams) -> f64 {
    grams.kg()
}

impl Context {
    /// The athlete a path names, active or archived; another club's id is a 404 like an
    /// unknown one.
    async fn athlete(&self, club: &Club, raw: &str) -> Result<(ClubCtx, Uuid), ApiError> {
        let id = dropit_http::path_id(raw)?;
        let ctx = club.context();
        self.athletes.get(&ctx, id).await?.ok_or(ErrorCode::NotFound)?;
        Ok((ctx, id))
    }

    /// The signed-in member's athlete, created on a write; `None` on a read before any.
    async fn me(&self, club: &Club, user: Uuid, write: bool) -> Result<(ClubCtx, Option<Uuid>), ApiError> {
        let ctx = club.context();
        let athlete = self.roster.athlete_of(&ctx, user, write).await.map_err(unavailable)?;
        Ok((ctx, athlete))
    }
}
