//! PostgreSQL adapters of training, each call in the club envelope.

mod exercises;
mod planning;
mod workouts;

pub use exercises::PgExerciseCatalogue;
pub use planning::PgPlanning;
pub use workouts::PgWorkoutStore;
