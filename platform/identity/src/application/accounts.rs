//! Signing up, signing in, refreshing and closing sessions.

use std::{sync::Arc, time::Duration};

use base64::Engine;
use chrono::Utc;
use dropit_kernel::Locale;
use sha2::{Digest, Sha256};

use super::audit::{AuditAction, AuditEvent, AuditTrail};
use super::ports::{
    AccessClaims, AccessTokens, AttemptLimiter, PasswordHasher, Rotation, SessionStore, StoreError, UserStore,
};
use crate::domain::{Client, DisplayName, Email, InvalidAccount, Password, SessionId, User, UserId};

pub struct SignUp {
    pub email: String,
    pub password: String,
    pub display_name: String,
    pub locale: Locale,
}

#[derive(Debug, thiserror::Error)]
pub enum SignUpError {
    /// The fields at fault, named as in the request.
    #[error("invalid fields")]
    Invalid(Vec<(&'static str, InvalidAccount)>),
    #[error("the email is taken")]
    EmailTaken,
    #[error(transparent)]
    Store(#[from] StoreError),
}

#[derive(Debug, thiserror::Error)]
pub enum LogInError {
    /// Wrong email or wrong password: one answer for both.
    #[error("invalid credentials")]
    InvalidCredentials,
    #[error("too many attempts")]
    Throttled { retry_after: Duration },
    #[error(transparent)]
    Store(#[from] StoreError),
}

#[derive(Debug, thiserror::Error)]
pub enum RefreshError {
    #[error("unknown refresh token")]
    Invalid,
    #[error("expired refresh token")]
    Expired,
    #[error("reused refresh token")]
    Reused,
    #[error("revoked session")]
    Revoked,
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// A fresh pair: a short access token and an opaque refresh token.
#[derive(Debug, Clone)]
pub struct Tokens {
    pub access_token: String,
    pub expires_in: Duration,
    pub refresh_token: String,
    pub session: SessionId,
    pub user: UserId,
}

pub struct Accounts {
    users: Arc<dyn UserStore>,
    sessions: Arc<dyn SessionStore>,
    limiter: Arc<dyn AttemptLimiter>,
    hasher: Arc<dyn PasswordHasher>,
    tokens: Arc<dyn AccessTokens>,
    audit: Arc<dyn AuditTrail>,
    refresh_ttl: Duration,
}

impl Accounts {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        users: Arc<dyn UserStore>,
        sessions: Arc<dyn SessionStore>,
        limiter: Arc<dyn AttemptLimiter>,
        hasher: Arc<dyn PasswordHasher>,
        tokens: Arc<dyn AccessTokens>,
        audit: Arc<dyn AuditTrail>,
        refresh_ttl: Duration,
    ) -> Self {
        Self { users, sessions, limiter, hasher, tokens, audit, refresh_ttl }
    }

    pub fn audit(&self) -> &Arc<dyn AuditTrail> {
        &self.audit
    }

    pub fn tokens(&self) -> &Arc<dyn AccessTokens> {
        &self.tokens
    }

    pub async fn sign_up(&self, request: SignUp) -> Result<User, SignUpError> {
        let mut invalid = Vec::new();
        let email = Email::parse(&request.email).map_err(|e| invalid.push(("email", e))).ok();
        let name = DisplayName::parse(&request.display_name).map_err(|e| invalid.push(("display_name", e))).ok();
        let password = email
            .as_ref()
            .and_then(|email| Password::new(&request.password, email).map_err(|e| invalid.push(("password", e))).ok());
        let (Some(email), Some(display_name), Some(password)) = (email, name, password) else {
            return Err(SignUpError::Invalid(invalid));
        };
        let user = User { id: UserId::generate(), email, display_name, locale: request.locale, is_operator: false };
        let hash = self.hasher.hash(&password)?;
        match self.users.insert(&user, &hash).await {
            Ok(()) => {
                self.audit.record(AuditEvent::new(AuditAction::SignedUp).by(user.id).about(user.email.as_str())).await;
                Ok(user)
            }
            Err(StoreError::Conflict) => Err(SignUpError::EmailTaken),
            Err(other) => Err(other.into()),
        }
    }

    /// Signs in. Failures count per account and per address; past the limit every attempt,
    /// even with the right password, is refused until the window passes.
    pub async fn log_in(
        &self,
        email: &str,
        password: &str,
        client: Client,
        address: &str,
    ) -> Result<Tokens, LogInError> {
        let normalized = email.trim().to_lowercase();
        let keys = [format!("account:{normalized}"), format!("address:{address}")];
        let event = |action| AuditEvent::new(action).about(normalized.clone()).from_address(address);
        if let Some(retry_after) = self.limiter.locked(&keys).await {
            self.audit.record(event(AuditAction::SignInThrottled)).await;
            return Err(LogInError::Throttled { retry_after });
        }
        let found = match Email::parse(&normalized) {
            Ok(email) => self.users.find_by_email(&email).await?,
            Err(_) => None,
        };
        let user = match found {
            Some((user, hash)) if self.hasher.verify(password, &hash) => user,
            Some(_) => {
                self.limiter.failed(&keys).await;
                self.audit.record(event(AuditAction::SignInFailed)).await;
                return Err(LogInError::InvalidCredentials);
            }
            None => {
                // The same work as a real check, so timing does not tell which accounts exist.
                self.hasher.waste_time(password);
                self.limiter.failed(&keys).await;
                self.audit.record(event(AuditAction::SignInFailed)).await;
                return Err(LogInError::InvalidCredentials);
            }
        };
        self.limiter.forget(&keys[0]).await;
        self.audit.record(event(AuditAction::SignedIn).by(user.id)).await;
        let refresh = new_refresh_token();
        let expires_at = Utc::now() + self.refresh_ttl;
        let session = self.sessions.open(user.id, client, hash_token(&refresh), expires_at).await?;
        self.issue(user.id, session, user.is_operator, refresh).await.map_err(LogInError::from)
    }

    pub async fn refresh(&self, refresh_token: &str) -> Result<Tokens, RefreshError> {
        let next = new_refresh_token();
        let expires_at = Utc::now() + self.refresh_ttl;
        match self.sessions.rotate(hash_token(refresh_token), hash_token(&next), expires_at).await? {
            Rotation::Rotated { session, user } => {
                let operator = self.users.find(user).await?.is_some_and(|u| u.is_operator);
                Ok(self.issue(user, session, operator, next).await?)
            }
            Rotation::Unknown => Err(RefreshError::Invalid),
            Rotation::Expired => Err(RefreshError::Expired),
            Rotation::Reused => {
                self.audit.record(AuditEvent::new(AuditAction::RefreshTokenReused)).await;
                Err(RefreshError::Reused)
            }
            Rotation::Revoked => Err(RefreshError::Revoked),
        }
    }

    pub async fn log_out(&self, user: UserId, session: SessionId) -> Result<(), StoreError> {
        self.sessions.revoke(session, "logout").await?;
        self.audit.record(AuditEvent::new(AuditAction::SignedOut).by(user)).await;
        Ok(())
    }

    pub async fn log_out_everywhere(&self, user: UserId) -> Result<u64, StoreError> {
        let closed = self.sessions.revoke_all(user, "logout everywhere").await?;
        self.audit.record(AuditEvent::new(AuditAction::SignedOutEverywhere).by(user)).await;
        Ok(closed)
    }

    /// An operator closes every session of someone else.
    pub async fn revoke_sessions(&self, operator: UserId, user: UserId) -> Result<u64, StoreError> {
        let closed = self.sessions.revoke_all(user, "revoked by an operator").await?;
        self.audit.record(AuditEvent::new(AuditAction::SessionsRevoked).by(operator).about(user.to_string())).await;
        Ok(closed)
    }

    async fn issue(
        &self,
        user: UserId,
        session: SessionId,
        operator: bool,
        refresh: String,
    ) -> Result<Tokens, StoreError> {
        let (access_token, expires_in) = self.tokens.issue(&AccessClaims { user, session, operator })?;
        Ok(Tokens { access_token, expires_in, refresh_token: refresh, session, user })
    }
}

/// 256 random bits, URL-safe: refresh tokens, invitation tokens.
pub fn new_secret_token() -> String {
    new_refresh_token()
}

fn new_refresh_token() -> String {
    use argon2::password_hash::rand_core::{OsRng, RngCore};
    let mut bytes = [0u8; 32];
    OsRng.fill_bytes(&mut bytes);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

pub fn hash_token(token: &str) -> [u8; 32] {
    Sha256::digest(token.as_bytes()).into()
}
