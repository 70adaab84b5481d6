//! HTTP endpoints of training.

mod exercises;
mod paging;
mod workouts;

pub use exercises::{ACCESS as EXERCISES_ACCESS, ExercisesApi};
pub use workouts::{ACCESS as WORKOUTS_ACCESS, WorkoutsApi};
