//! The audit trail: security events worth answering "who did what, when" about.

use async_trait::async_trait;
use uuid::Uuid;

use crate::domain::UserId;

/// What happened. The names are stable: they are stored and shown as they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuditAction {
    SignedUp,
    SignedIn,
    SignInFailed,
    SignInThrottled,
    RefreshTokenReused,
    SignedOut,
    SignedOutEverywhere,
    SessionsRevoked,
    ClubCreated,
    RoleChanged,
    MemberRemoved,
    InvitationSent,
    InvitationAccepted,
    InvitationRevoked,
    ClubSuspended,
    ClubResumed,
    ClubArchived,
    ClubDropped,
    ClubRestored,
    PasswordChanged,
    PasswordResetRequested,
    PasswordReset,
    EmailChangeRequested,
    EmailChanged,
}

impl AuditAction {
    pub fn as_str(self) -> &'static str {
        match self {
            AuditAction::SignedUp => "signed_up",
            AuditAction::SignedIn => "signed_in",
            AuditAction::SignInFailed => "sign_in_failed",
            AuditAction::SignInThrottled => "sign_in_throttled",
            AuditAction::RefreshTokenReused => "refresh_token_reused",
            AuditAction::SignedOut => "signed_out",
            AuditAction::SignedOutEverywhere => "signed_out_everywhere",
            AuditAction::SessionsRevoked => "sessions_revoked",
            AuditAction::ClubCreated => "club_created",
            AuditAction::RoleChanged => "role_changed",
            AuditAction::MemberRemoved => "member_removed",
            AuditAction::InvitationSent => "invitation_sent",
            AuditAction::InvitationAccepted => "invitation_accepted",
            AuditAction::InvitationRevoked => "invitation_revoked",
            AuditAction::ClubSuspended => "club_suspended",
            AuditAction::ClubResumed => "club_resumed",
            AuditAction::ClubArchived => "club_archived",
            AuditAction::ClubDropped => "club_dropped",
            AuditAction::ClubRestored => "club_restored",
            AuditAction::PasswordChanged => "password_changed",
            AuditAction::PasswordResetRequested => "password_reset_requested",
            AuditAction::PasswordReset => "password_reset",
            AuditAction::EmailChangeRequested => "email_change_requested",
            AuditAction::EmailChanged => "email_changed",
        }
    }
}

/// One event: who (if known) did what, in which club (if any), to what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEvent {
    pub action: AuditAction,
    pub actor: Option<UserId>,
    pub club: Option<Uuid>,
    /// What the action was about: an email, a user id, a role change.
    pub subject: Option<String>,
    pub address: Option<String>,
}

impl AuditEvent {
    pub fn new(action: AuditAction) -> Self {
        Self { action, actor: None, club: None, subject: None, address: None }
    }

    pub fn by(mut self, actor: UserId) -> Self {
        self.actor = Some(actor);
        self
    }

    pub fn in_club(mut self, club: Uuid) -> Self {
        self.club = Some(club);
        self
    }

    pub fn about(mut self, subject: impl Into<String>) -> Self {
        self.subject = Some(subject.into());
        self
    }

    pub fn from_address(mut self, address: impl Into<String>) -> Self {
        self.address = Some(address.into());
        self
    }
}

/// Port: where events go. Recording never fails the action it records; a lost event is
/// logged.
#[async_trait]
pub trait AuditTrail: Send + Sync {
    async fn record(&self, event: AuditEvent);
}
