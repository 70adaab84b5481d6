//! The web back office's texts, one module per area.

pub(crate) mod athletes;
pub(crate) mod auth;
pub(crate) mod catalogue;
pub(crate) mod club;
pub(crate) mod dashboard;
pub(crate) mod operator;
pub(crate) mod planning;
pub(crate) mod shell;
pub(crate) mod transfer;
pub(crate) mod workouts;
