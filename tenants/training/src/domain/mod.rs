//! The training domain in plain Rust.

pub mod load;
