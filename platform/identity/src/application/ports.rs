//! Ports: what the identity use cases need from the outside world.

use std::time::Duration;

use async_trait::async_trait;
use chrono::{DateTime, Utc};

use crate::domain::{Client, Email, Password, SessionId, User, UserId};

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("already exists")]
    Conflict,
    #[error("storage failed: {0}")]
    Failed(String),
}

#[async_trait]
pub trait UserStore: Send + Sync {
    /// Fails with `Conflict` when the email is taken.
    async fn insert(&self, user: &User, password_hash: &str) -> Result<(), StoreError>;
    /// The user and their password hash.
    async fn find_by_email(&self, email: &Email) -> Result<Option<(User, String)>, StoreError>;
    async fn find(&self, id: UserId) -> Result<Option<User>, StoreError>;
    /// The user and their password hash, by id.
    async fn find_with_hash(&self, id: UserId) -> Result<Option<(User, String)>, StoreError>;
    async fn set_password_hash(&self, id: UserId, hash: &str) -> Result<(), StoreError>;
    /// Fails with `Conflict` when another account uses the address.
    async fn set_email(&self, id: UserId, email: &Email) -> Result<(), StoreError>;
}

/// What an emailed token is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenPurpose {
    PasswordReset,
    EmailChange,
}

impl TokenPurpose {
    pub fn as_str(self) -> &'static str {
        match self {
            TokenPurpose::PasswordReset => "password_reset",
            TokenPurpose::EmailChange => "email_change",
        }
    }
}

/// Why an emailed token was not accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TokenRejection {
    #[error("unknown token")]
    Unknown,
    #[error("token already used")]
    Used,
    #[error("token expired")]
    Expired,
}

/// Single-use tokens sent by email, kept as hashes.
#[async_trait]
pub trait AccountTokenStore: Send + Sync {
    async fn issue(
        &self,
        user: UserId,
        purpose: TokenPurpose,
        new_email: Option<&Email>,
        token_hash: [u8; 32],
        expires_at: DateTime<Utc>,
    ) -> Result<(), StoreError>;
    /// Uses a token up: its user, and the new email for an email change.
    async fn consume(
        &self,
        token_hash: [u8; 32],
        purpose: TokenPurpose,
    ) -> Result<Result<(UserId, Option<String>), TokenRejection>, StoreError>;
}

/// What happened to a refresh token presented for rotation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rotation {
    Rotated {
        session: SessionId,
        user: UserId,
    },
    Unknown,
    /// Already used once: someone replays it, so the whole session was revoked.
    Reused,
    Revoked,
    Expired,
}

#[async_trait]
pub trait SessionStore: Send + Sync {
    /// Opens a session with its first refresh token (stored as a hash).
    async fn open(
        &self,
        user: UserId,
        client: Client,
        token_hash: [u8; 32],
        expires_at: DateTime<Utc>,
    ) -> Result<SessionId, StoreError>;
    /// Swaps a refresh token for a new one, atomically; a reused token revokes its session.
    async fn rotate(
        &self,
        token_hash: [u8; 32],
        new_hash: [u8; 32],
        expires_at: DateTime<Utc>,
    ) -> Result<Rotation, StoreError>;
    async fn revoke(&self, session: SessionId, reason: &str) -> Result<(), StoreError>;
    /// Revokes every open session of a user; returns how many.
    async fn revoke_all(&self, user: UserId, reason: &str) -> Result<u64, StoreError>;
    /// Revokes every open session of a user but one.
    async fn revoke_others(&self, user: UserId, keep: SessionId, reason: &str) -> Result<u64, StoreError>;
}

/// Counts failed sign-ins per key (an account, an address) over a window.
#[async_trait]
pub trait AttemptLimiter: Send + Sync {
    /// When one of the keys is locked, how long until it is not.
    async fn locked(&self, keys: &[String]) -> Option<Duration>;
    async fn failed(&self, keys: &[String]);
    async fn forget(&self, key: &str);
}

pub trait PasswordHasher: Send + Sync {
    fn hash(&self, password: &Password) -> Result<String, StoreError>;
    fn verify(&self, candidate: &str, hash: &str) -> bool;
    /// Spends the time of a verification, for unknown accounts.
    fn waste_time(&self, candidate: &str);
}

/// What a valid access token says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AccessClaims {
    pub user: UserId,
    pub session: SessionId,
    pub operator: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum TokenError {
    #[error("the token has expired")]
    Expired,
    #[error("the token is not valid")]
    Invalid,
}

pub trait AccessTokens: Send + Sync {
    /// A signed token and its lifetime.
    fn issue(&self, claims: &AccessClaims) -> Result<(String, Duration), StoreError>;
    fn verify(&self, token: &str) -> Result<AccessClaims, TokenError>;
}

/// Port: the club's athletes who have no account yet, kept by the athletes module, so that an
/// invitation can be made for one of them.
#[async_trait]
pub trait AthleteInvites: Send + Sync {
    /// Whether the club has this athlete, active and without an account.
    async fn invitable(&self, club: &dropit_tenancy::ClubCtx, athlete: uuid::Uuid) -> Result<bool, StoreError>;
    /// Notes that an invitation is out for the athlete.
    async fn invited(
        &self,
        club: &dropit_tenancy::ClubCtx,
        athlete: uuid::Uuid,
        invitation: uuid::Uuid,
    ) -> Result<(), StoreError>;
}
