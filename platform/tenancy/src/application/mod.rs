//! Use cases of tenancy and the ports they need.

mod changes;
mod resolver;

pub use changes::{ClubChanges, EveryListener};
pub use resolver::{ClubDirectory, ClubResolver, DirectoryError, ResolveError};
