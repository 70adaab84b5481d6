//! Tenancy against the real PostgreSQL (and S3 server) of the local stack: `scripts/test`
//! starts them and exports their settings. Each test gets its own database.

mod support;

mod fleet;
mod isolation;
mod layers;
mod lifecycle;
mod provision;
