//! HTTP endpoints of training.

mod exercises;
mod logs;
mod media;
pub mod paging;
mod planning;
mod search;
mod workouts;

pub use exercises::{ACCESS as EXERCISES_ACCESS, ExercisesApi};
pub use logs::{ACCESS as LOGS_ACCESS, LogsApi};
pub use media::{ACCESS as MEDIA_ACCESS, MediaApi};
pub use planning::{ACCESS as PLANNING_ACCESS, LineLoadsBody, PlanningApi, athlete_filter, date, range};
pub use search::{ACCESS as SEARCH_ACCESS, SearchApi};
pub use workouts::{ACCESS as WORKOUTS_ACCESS, WorkoutsApi};
