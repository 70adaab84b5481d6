//! HTTP endpoints of training.

mod exercises;
mod logs;
mod paging;
mod planning;
mod workouts;

pub use exercises::{ACCESS as EXERCISES_ACCESS, ExercisesApi};
pub use logs::{ACCESS as LOGS_ACCESS, LogsApi};
pub use planning::{ACCESS as PLANNING_ACCESS, PlanningApi};
pub use workouts::{ACCESS as WORKOUTS_ACCESS, WorkoutsApi};
