//! The club as a tenant, in plain Rust: names that can only be built valid.

mod club;
mod names;

pub use club::{Club, ClubCtx, ClubStatus, ClubTier};
pub use names::{ClubId, ClubName, ClubRole, ClubSchema, ClubSlug, InvalidName};
