//! HTTP endpoints of tenancy, and how its errors reach clients.

mod clubs;

pub use clubs::{ACCESS, ClubsApi, club_error};
