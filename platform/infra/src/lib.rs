//! Adapters to the services DropIt runs on — PostgreSQL, Redis, object storage, Typesense —
//! with their typed settings and health checks, and the tracing setup.
//!
//! Each adapter is built from its settings by the composition root (`dropit-server`); nothing
//! here reads the environment.

pub mod cache;
pub mod database;
pub mod health;
pub mod mail;
pub mod search;
pub mod settings;
pub mod storage;
pub mod telemetry;

pub use health::{HealthCheck, HealthRegistry, ServiceHealth, ServiceStatus};
