//! PostgreSQL adapters of training, each call in the club envelope.

mod exercises;
mod loads;
mod logs;
mod planning;
mod workouts;

pub use exercises::PgExerciseCatalogue;
pub use loads::PgLoadSettings;
pub use logs::PgLogStore;
pub use planning::PgPlanning;
pub use workouts::PgWorkoutStore;
