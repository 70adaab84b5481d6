//! Use cases of tenancy and the ports they need.

mod resolver;

pub use resolver::{ClubDirectory, ClubResolver, DirectoryError, ResolveError};
