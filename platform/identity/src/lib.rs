//! People: accounts and their sessions, club memberships, and what each person may do.
//!
//! Layers: `domain` (plain types, no framework), `application` (use cases and their ports),
//! `infrastructure` (PostgreSQL, Redis, argon2, JWT and casbin adapters), `interface` (HTTP).

pub mod application;
pub mod domain;
pub mod infrastructure;
pub mod interface;
