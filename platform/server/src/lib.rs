//! The `dropit` binary as a library: configuration, the operator CLI, the HTTP application
//! and the wiring of every adapter. `main` only calls [`cli::run`].

pub mod app;
pub mod cli;
pub mod clubs;
pub mod config;
pub mod http;
#[cfg(test)]
mod manifests;
pub mod media;
pub mod migrate;
pub mod operators;
pub mod search;
pub mod transfer;

pub use app::Application;
pub use config::Settings;
