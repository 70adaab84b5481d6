//! Use cases of identity and the ports they need.

mod accounts;
mod audit;
mod credentials;
mod ports;

pub use accounts::{Accounts, LogInError, RefreshError, SignUp, SignUpError, Tokens, hash_token, new_secret_token};
pub use audit::{AuditAction, AuditEvent, AuditTrail};
pub use credentials::{CredentialError, Credentials};
pub use ports::{
    AccessClaims, AccessTokens, AccountTokenStore, AthleteInvites, AttemptLimiter, PasswordHasher, Rotation,
    SessionStore, StoreError, TokenError, TokenPurpose, TokenRejection, UserStore,
};
