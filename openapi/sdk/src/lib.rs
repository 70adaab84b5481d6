//! The DropIt API client. The operations and types are generated from the OpenAPI document
//! (`Client`, `types`); [`DropIt`] adds the session: it signs in, keeps the tokens, puts the
//! access token on every request and refreshes it, and turns error answers into [`ApiFailure`].

#[allow(clippy::all, clippy::unwrap_used, missing_docs, unused, unreachable_pub)]
mod generated {
    include!(concat!(env!("OUT_DIR"), "/dropit_api.rs"));
}

pub mod session;

pub use generated::*;
pub use session::{ApiFailure, DropIt};
