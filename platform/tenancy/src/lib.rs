//! Clubs as tenants. Each club lives in its own PostgreSQL schema, reached through its own
//! role; the `platform.clubs` registry says which schema and role belong to which club.
//!
//! Layers: `domain` (plain types, no framework), `application` (use cases and their ports),
//! `infrastructure` (PostgreSQL and storage adapters), `interface` (HTTP endpoints).

pub mod application;
pub mod domain;
pub mod infrastructure;
pub mod interface;

pub use domain::{Club, ClubCtx, ClubId, ClubRole, ClubSchema, ClubSlug, ClubStatus, ClubTier};
