//! HTTP endpoints of tenancy, and how its errors reach clients.

mod clubs;

pub use clubs::{ClubsApi, club_error};
