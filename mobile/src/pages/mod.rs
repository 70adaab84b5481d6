//! The app's screens, one module each.

pub mod check_in;
pub mod log_in;
pub mod not_found;
pub mod program;
pub mod records;
pub mod session;
pub mod settings;
pub mod unreachable;
