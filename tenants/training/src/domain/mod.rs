//! The training domain in plain Rust.

pub mod exercise;
pub mod load;
pub mod log;
pub mod workout;
