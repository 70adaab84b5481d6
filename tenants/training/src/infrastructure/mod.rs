//! PostgreSQL adapters of training, each call in the club envelope.

mod exercises;
mod workouts;

pub use exercises::PgExerciseCatalogue;
pub use workouts::PgWorkoutStore;
