//! One module per page.

pub mod account;
pub mod athlete;
pub mod athletes;
pub mod audit;
pub mod confirm_email;
pub mod dashboard;
pub mod exercises;
pub mod invitation;
pub mod log_in;
pub mod logs;
pub mod members;
pub mod not_found;
pub mod onboarding;
pub mod operator;
pub mod password_reset;
pub mod planning;
pub mod public;
pub mod settings;
pub mod sign_up;
pub mod transfer;
pub mod workout_builder;
pub mod workouts;
