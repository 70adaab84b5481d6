//! HTTP endpoints of identity: accounts and sessions, the signed-in person, club members.

mod accounts;
mod auth;
mod members;

pub use accounts::{ACCESS as ACCOUNTS_ACCESS, AccountsApi, CookiePolicy};
pub use auth::{BearerAuth, Guard, Principal};
pub use members::{ACCESS as MEMBERS_ACCESS, MembersApi};
