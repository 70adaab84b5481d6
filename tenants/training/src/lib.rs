//! Training: what coaches prescribe and athletes lift.
//!
//! Layers: `domain` (the load engine, exercises; no framework), `application` (ports, each
//! taking the club's context), `infrastructure` (PostgreSQL in the club envelope), `interface`
//! (HTTP).

pub mod application;
pub mod domain;
pub mod infrastructure;
pub mod interface;
