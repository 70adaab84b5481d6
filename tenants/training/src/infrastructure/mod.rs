//! PostgreSQL adapters of training, each call in the club envelope.

mod cached;
mod exercises;
mod loads;
mod logs;
mod media;
mod planning;
mod search;
mod workouts;

pub use cached::CachedCatalogue;
pub use exercises::PgExerciseCatalogue;
pub use loads::PgLoadSettings;
pub use logs::{PgLogStore, SetFacts, decode_facts};
pub use media::{Media, MediaError, MediaStore};
pub use planning::{PROGRAM_ATHLETE, PgPlanning, program_sessions};
pub use search::{PgCatalogueText, TypesenseIndex};
pub use workouts::{PgWorkoutStore, decode_lines};

/// A storage failure, as the application layer sees it.
fn failed(error: sea_orm::DbErr) -> crate::application::CatalogueError {
    crate::application::CatalogueError(error.to_string())
}

/// Athlete ids as one parameter, `athlete_id = ANY(string_to_array($n, ',')::uuid[])`; `None`
/// for everyone.
fn athlete_list(athletes: Option<&[uuid::Uuid]>) -> sea_orm::Value {
    athletes.map(|ids| ids.iter().map(uuid::Uuid::to_string).collect::<Vec<_>>().join(",")).into()
}
