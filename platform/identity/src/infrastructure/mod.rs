//! Adapters of identity: PostgreSQL stores, Redis attempt counting, argon2, JWT, casbin.

pub mod account_tokens;
pub mod audit;
pub mod authorization;
pub mod invitations;
pub mod jwt;
pub mod limiter;
pub mod memberships;
pub mod password;
pub mod sessions;
pub mod users;

fn failed(error: sea_orm::DbErr) -> crate::application::StoreError {
    crate::application::StoreError::Failed(error.to_string())
}
