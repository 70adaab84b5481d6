//! HTTP endpoints of identity: accounts and sessions, the signed-in person, club members.

mod accounts;
mod audit;
mod auth;
mod credentials;
mod invitations;
mod members;
mod platform;

pub use accounts::{ACCESS as ACCOUNTS_ACCESS, AccountsApi, CookiePolicy};
pub use audit::{ACCESS as AUDIT_ACCESS, AuditApi};
pub use auth::{BearerAuth, Guard, Principal};
pub use credentials::{ACCESS as CREDENTIALS_ACCESS, CredentialsApi};
pub use invitations::{ACCESS as INVITATIONS_ACCESS, InvitationsApi};
pub use members::{ACCESS as MEMBERS_ACCESS, MembersApi};
pub use platform::{ACCESS as PLATFORM_ACCESS, PlatformApi};
