//! PostgreSQL adapters of training, each call in the club envelope.

mod exercises;

pub use exercises::PgExerciseCatalogue;
