//! HTTP endpoints of training.

mod exercises;

pub use exercises::{ACCESS as EXERCISES_ACCESS, ExercisesApi};
