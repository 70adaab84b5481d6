//! Accounts in plain Rust: values that can only be built valid.

mod account;

pub use account::{Client, DisplayName, Email, InvalidAccount, Membership, Password, SessionId, User, UserId};
