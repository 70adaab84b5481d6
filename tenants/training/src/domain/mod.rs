//! The training domain in plain Rust.

pub mod exercise;
// The load engine is its own crate so the wasm apps build the same code; re-exported so
// `domain::load` paths stay as they were.
pub use dropit_loads as load;
pub mod log;
pub mod workout;
