//! Changing and recovering credentials: password change, password reset by an emailed token,
//! email change confirmed from the new address.

use std::{sync::Arc, time::Duration};

use chrono::Utc;

use super::{
    accounts::{hash_token, new_secret_token},
    audit::{AuditAction, AuditEvent, AuditTrail},
    ports::{AccountTokenStore, PasswordHasher, SessionStore, StoreError, TokenPurpose, TokenRejection, UserStore},
};
use crate::domain::{Email, InvalidAccount, Password, SessionId, User, UserId};

/// How long a password-reset link works.
const RESET_TTL: Duration = Duration::from_secs(3600);
/// How long an email-change confirmation link works.
const EMAIL_CHANGE_TTL: Duration = Duration::from_secs(24 * 3600);

#[derive(Debug, thiserror::Error)]
pub enum CredentialError {
    #[error("the current password is wrong")]
    WrongPassword,
    #[error("invalid {0}")]
    Invalid(&'static str, InvalidAccount),
    #[error("the email is taken")]
    EmailTaken,
    #[error("the token was refused: {0}")]
    Token(TokenRejection),
    #[error(transparent)]
    Store(#[from] StoreError),
}

pub struct Credentials {
    users: Arc<dyn UserStore>,
    sessions: Arc<dyn SessionStore>,
    tokens: Arc<dyn AccountTokenStore>,
    hasher: Arc<dyn PasswordHasher>,
    audit: Arc<dyn AuditTrail>,
}

impl Credentials {
    pub fn new(
        users: Arc<dyn UserStore>,
        sessions: Arc<dyn SessionStore>,
        tokens: Arc<dyn AccountTokenStore>,
        hasher: Arc<dyn PasswordHasher>,
        audit: Arc<dyn AuditTrail>,
    ) -> Self {
        Self { users, sessions, tokens, hasher, audit }
    }

    async fn checked_user(&self, user: UserId, password: &str) -> Result<User, CredentialError> {
        match self.users.find_with_hash(user).await? {
            Some((user, hash)) if self.hasher.verify(password, &hash) => Ok(user),
            _ => Err(CredentialError::WrongPassword),
        }
    }

    /// Changes the password and closes every other session.
    pub async fn change_password(
        &self,
        user: UserId,
        session: SessionId,
        current: &str,
        new: &str,
    ) -> Result<(), CredentialError> {
        let user = self.checked_user(user, current).await?;
        let password = Password::new(new, &user.email).map_err(|e| CredentialError::Invalid("new_password", e))?;
        self.users.set_password_hash(user.id, &self.hasher.hash(&password)?).await?;
        self.sessions.revoke_others(user.id, session, "password changed").await?;
        self.audit.record(AuditEvent::new(AuditAction::PasswordChanged).by(user.id)).await;
        Ok(())
    }

    /// A reset token for the account with this email, if there is one (the caller answers
    /// the same either way).
    pub async fn request_reset(&self, email: &str) -> Result<Option<(User, String)>, StoreError> {
        let Ok(email) = Email::parse(email) else { return Ok(None) };
        let Some((user, _)) = self.users.find_by_email(&email).await? else {
            self.audit.record(AuditEvent::new(AuditAction::PasswordResetRequested).about(email.as_str())).await;
            return Ok(None);
        };
        let token = new_secret_token();
        self.tokens
            .issue(user.id, TokenPurpose::PasswordReset, None, hash_token(&token), Utc::now() + RESET_TTL)
            .await?;
        self.audit.record(AuditEvent::new(AuditAction::PasswordResetRequested).by(user.id).about(email.as_str())).await;
        Ok(Some((user, token)))
    }

    /// Sets a new password with a reset token and closes every session.
    pub async fn reset(&self, token: &str, new: &str) -> Result<(), CredentialError> {
        let user = match self.tokens.consume(hash_token(token), TokenPurpose::PasswordReset).await? {
            Ok((user, _)) => user,
            Err(rejection) => return Err(CredentialError::Token(rejection)),
        };
        let found = self.users.find(user).await?.ok_or(CredentialError::Token(TokenRejection::Unknown))?;
        let password = Password::new(new, &found.email).map_err(|e| CredentialError::Invalid("new_password", e))?;
        self.users.set_password_hash(user, &self.hasher.hash(&password)?).await?;
        self.sessions.revoke_all(user, "password reset").await?;
        self.audit.record(AuditEvent::new(AuditAction::PasswordReset).by(user)).await;
        Ok(())
    }

    /// A confirmation token to send to the new address.
    pub async fn request_email_change(
        &self,
        user: UserId,
        password: &str,
        new_email: &str,
    ) -> Result<(Email, String), CredentialError> {
        let new_email = Email::parse(new_email).map_err(|e| CredentialError::Invalid("new_email", e))?;
        let user = self.checked_user(user, password).await?;
        if self.users.find_by_email(&new_email).await?.is_some() {
            return Err(CredentialError::EmailTaken);
        }
        let token = new_secret_token();
        let expires_at = Utc::now() + EMAIL_CHANGE_TTL;
        self.tokens.issue(user.id, TokenPurpose::EmailChange, Some(&new_email), hash_token(&token), expires_at).await?;
        self.audit
            .record(AuditEvent::new(AuditAction::EmailChangeRequested).by(user.id).about(new_email.as_str()))
            .await;
        Ok((new_email, token))
    }

    pub async fn confirm_email_change(&self, token: &str) -> Result<(), CredentialError> {
        let (user, new_email) = match self.tokens.consume(hash_token(token), TokenPurpose::EmailChange).await? {
            Ok(found) => found,
            Err(rejection) => return Err(CredentialError::Token(rejection)),
        };
        let email = new_email
            .as_deref()
            .and_then(|e| Email::parse(e).ok())
            .ok_or(CredentialError::Token(TokenRejection::Unknown))?;
        match self.users.set_email(user, &email).await {
            Ok(()) => {}
            Err(StoreError::Conflict) => return Err(CredentialError::EmailTaken),
            Err(other) => return Err(other.into()),
        }
        self.audit.record(AuditEvent::new(AuditAction::EmailChanged).by(user).about(email.as_str())).await;
        Ok(())
    }
}
