//! PostgreSQL and object-storage adapters of tenancy.

pub mod archive;
pub mod cached;
pub mod changes;
pub mod envelope;
pub mod fleet;
pub mod provision;
pub mod registry;
pub mod settings;

pub use cached::CachedDirectory;
pub use envelope::{ClubConnections, ClubPools, ClubTxn, begin_club_snapshot, begin_club_txn};
pub use registry::PgClubRegistry;
