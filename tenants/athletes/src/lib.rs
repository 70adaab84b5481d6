//! Athletes of a club: profiles (with an account or managed by the coach), groups, bodyweight
//! and weight categories, personal records, competitions, readiness check-ins, the coach's
//! activity feed and training statistics. Hexagonal like training: pure domain, ports in
//! `application`, PostgreSQL in `infrastructure`, HTTP in `interface`.

pub mod application;
pub mod domain;
pub mod infrastructure;
pub mod interface;
