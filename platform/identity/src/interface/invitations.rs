//! Invitations: a club administrator invites by email with a role; the invited person accepts
//! with an account they have or one they create.

use std::{sync::Arc, time::Duration};

use chrono::Utc;
use dropit_http::{ApiError, FieldError, path_id, request_locale};
use dropit_infra::mail::Mail;
use dropit_kernel::{ErrorCode, FieldErrorCode, Locale};
use dropit_permissions::{Access, Permission, Role};
use poem::Request;
use poem_openapi::{ApiResponse, Object, OpenApi, param::Path, payload::Json};

use super::{
    accounts::{Language, Profile},
    auth::{BearerAuth, Guard},
    members::ClubRoleName,
};
use crate::{
    application::{
        Accounts, AthleteInvites, AuditAction, AuditEvent, SignUp, SignUpError, UserStore, hash_token, new_secret_token,
    },
    domain::{Email, UserId},
    infrastructure::{
        invitations::{AcceptError, Invitation, InvitationState, NewInvitation, PgInvitations},
        users::PgUserStore,
    },
};

/// What each operation of this API requires.
pub const ACCESS: &[(&str, Access)] = &[
    ("invitation_create", Access::Club(Permission::MembersInvite)),
    ("invitation_list", Access::Club(Permission::MembersInvite)),
    ("invitation_resend", Access::Club(Permission::MembersInvite)),
    ("invitation_revoke", Access::Club(Permission::MembersInvite)),
    ("invitation_preview", Access::Public),
    ("invitation_accept", Access::Authenticated),
    ("invitation_sign_up", Access::Public),
];

pub struct InvitationsApi {
    invitations: PgInvitations,
    athletes: Arc<dyn AthleteInvites>,
    users: PgUserStore,
    accounts: Arc<Accounts>,
    guard: Guard,
    mail: Mail,
    public_url: String,
    ttl: Duration,
}

impl InvitationsApi {
    #[allow(clippy::too_many_arguments)]
    pub fn new(
        invitations: PgInvitations,
        athletes: Arc<dyn AthleteInvites>,
        users: PgUserStore,
        accounts: Arc<Accounts>,
        guard: Guard,
        mail: Mail,
        public_url: String,
        ttl: Duration,
    ) -> Self {
        Self {
            invitations,
            athletes,
            users,
            accounts,
            guard,
            mail,
            public_url: public_url.trim_end_matches('/').to_owned(),
            ttl,
        }
    }

    fn link(&self, token: &str) -> String {
        format!("{}/invitations/{token}", self.public_url)
    }

    /// Sends the invitation; a failure is logged and reported, the link still works.
    async fn send(&self, invitation: &Invitation, club: &str, inviter: &str, link: &str, locale: Locale) -> bool {
        let (subject, text) = invitation_mail(invitation, club, inviter, link, locale);
        match self.mail.send(&invitation.email, &subject, text).await {
            Ok(()) => true,
            Err(error) => {
                tracing::warn!(invitation = %invitation.id, %error, "invitation not sent; the link can be shared by hand");
                false
            }
        }
    }

    async fn inviter_name(&self, user: UserId) -> String {
        match self.users.find(user).await {
            Ok(Some(user)) => user.display_name.as_str().to_owned(),
            _ => String::new(),
        }
    }

    fn issued(&self, invitation: Invitation, token: &str, emailed: bool) -> IssuedInvitation {
        IssuedInvitation { invitation: summary(invitation), link: self.link(token), emailed }
    }
}

fn role_label(role: Role, locale: Locale) -> &'static str {
    match (role, locale) {
        (Role::ClubAdmin | Role::PlatformOperator, Locale::En) => "club administrator",
        (Role::Coach, Locale::En) => "coach",
        (Role::Athlete, Locale::En) => "athlete",
        (Role::ClubAdmin | Role::PlatformOperator, Locale::Fr) => "administrateur du club",
        (Role::Coach, Locale::Fr) => "entraîneur",
        (Role::Athlete, Locale::Fr) => "athlète",
    }
}

fn invitation_mail(invitation: &Invitation, club: &str, inviter: &str, link: &str, locale: Locale) -> (String, String) {
    let role = role_label(invitation.role, locale);
    let until = invitation.expires_at.format("%Y-%m-%d %H:%M UTC");
    match locale {
        Locale::En => (
            format!("Join {club} on DropIt"),
            format!(
                "{inviter} invites you to join {club} on DropIt as {role}.\n\nOpen this link to accept (valid until {until}):\n{link}\n"
            ),
        ),
        Locale::Fr => (
            format!("Rejoignez {club} sur DropIt"),
            format!(
                "{inviter} vous invite à rejoindre {club} sur DropIt en tant que {role}.\n\nOuvrez ce lien pour accepter (valable jusqu'au {until}) :\n{link}\n"
            ),
        ),
    }
}

#[derive(Debug, Object)]
pub struct InvitationRequest {
    pub email: String,
    pub role: ClubRoleName,
    /// For the `athlete` role: the athlete the coach already manages, whose profile the new
    /// account takes over when the invitation is accepted.
    pub athlete_id: Option<String>,
}

#[derive(Debug, Object)]
pub struct InvitationSummary {
    pub id: String,
    pub email: String,
    pub role: ClubRoleName,
    /// RFC 3339.
    pub expires_at: String,
    pub expired: bool,
}

#[derive(Debug, Object)]
pub struct IssuedInvitation {
    pub invitation: InvitationSummary,
    /// The link to accept; shown once, to be shared by hand when the email cannot be sent.
    pub link: String,
    /// Whether the email went out.
    pub emailed: bool,
}

#[derive(ApiResponse)]
pub enum IssuedResponse {
    /// The invitation exists; its link is in the body and in the email.
    #[oai(status = 201)]
    Created(Json<IssuedInvitation>),
}

#[derive(ApiResponse)]
pub enum Revoked {
    /// The invitation no longer works.
    #[oai(status = 204)]
    NoContent,
}

#[derive(Debug, Object)]
pub struct InvitationPreview {
    pub club_slug: String,
    pub club_name: String,
    pub role: ClubRoleName,
    /// The address the invitation was sent to.
    pub email: String,
}

#[derive(Debug, Object)]
pub struct Joined {
    pub club_slug: String,
    pub role: ClubRoleName,
}

#[derive(Debug, Object)]
pub struct InvitationSignUp {
    pub display_name: String,
    pub password: String,
    pub locale: Option<Language>,
}

fn summary(invitation: Invitation) -> InvitationSummary {
    InvitationSummary {
        id: invitation.id.to_string(),
        email: invitation.email,
        role: super::members::role_name(invitation.role),
        expires_at: invitation.expires_at.to_rfc3339(),
        expired: invitation.expires_at < Utc::now(),
    }
}

fn database(error: sea_orm::DbErr) -> ApiError {
    ApiError::internal(&error)
}

fn accept_error(error: AcceptError) -> ApiError {
    match error {
        AcceptError::NotFound => ErrorCode::NotFound.into(),
        AcceptError::Used => ErrorCode::InvitationUsed.into(),
        AcceptError::Expired => ErrorCode::InvitationExpired.into(),
        AcceptError::Database(error) => database(error),
    }
}

#[OpenApi(prefix_path = "/v1", tag = "InvitationsTag::Invitations")]
impl InvitationsApi {
    /// Invites someone by email to join the club with a role.
    #[oai(path = "/clubs/:club/invitations", method = "post", operation_id = "invitation_create")]
    async fn create(
        &self,
        req: &Request,
        auth: BearerAuth,
        club: Path<String>,
        request: Json<InvitationRequest>,
    ) -> Result<IssuedResponse, ApiError> {
        let (club, _) = self.guard.club(&auth.0, &club, Permission::MembersInvite).await?;
        let email = Email::parse(&request.email)
            .map_err(|_| ApiError::validation(vec![FieldError::new("email", FieldErrorCode::InvalidEmail)]))?;
        let athlete = match request.athlete_id.as_deref() {
            None => None,
            Some(raw) => {
                let id = uuid::Uuid::parse_str(raw).ok();
                let invitable = match id {
                    Some(id) if request.role == ClubRoleName::Athlete => {
                        self.athletes.invitable(&club.context(), id).await.map_err(|e| ApiError::internal(&e))?
                    }
                    _ => false,
                };
                if !invitable {
                    return Err(ApiError::validation(vec![FieldError::new("athlete_id", FieldErrorCode::Invalid)]));
                }
                id
            }
        };
        let token = new_secret_token();
        let expires_at = Utc::now() + self.ttl;
        let invitation = self
            .invitations
            .create(NewInvitation {
                club: club.id.as_uuid(),
                email: &email,
                role: request.role.into(),
                invited_by: auth.0.user,
                token_hash: hash_token(&token),
                expires_at,
                athlete,
            })
            .await
            .map_err(database)?;
        if let Some(athlete) = athlete {
            self.athletes.invited(&club.context(), athlete, invitation.id).await.map_err(|e| ApiError::internal(&e))?;
        }
        let inviter = self.inviter_name(auth.0.user).await;
        let emailed =
            self.send(&invitation, club.name.as_str(), &inviter, &self.link(&token), request_locale(req)).await;
        let subject = format!("{} as {}", invitation.email, invitation.role);
        let event =
            AuditEvent::new(AuditAction::InvitationSent).by(auth.0.user).in_club(club.id.as_uuid()).about(subject);
        self.accounts.audit().record(event).await;
        Ok(IssuedResponse::Created(Json(self.issued(invitation, &token, emailed))))
    }

    /// The club's invitations not yet accepted or revoked.
    #[oai(path = "/clubs/:club/invitations", method = "get", operation_id = "invitation_list")]
    async fn list(&self, auth: BearerAuth, club: Path<String>) -> Result<Json<Vec<InvitationSummary>>, ApiError> {
        let (club, _) = self.guard.club(&auth.0, &club, Permission::MembersInvite).await?;
        let pending = self.invitations.pending(club.id.as_uuid()).await.map_err(database)?;
        Ok(Json(pending.into_iter().map(summary).collect()))
    }

    /// Sends an invitation again with a new link and a new expiry; the old link stops working.
    #[oai(path = "/clubs/:club/invitations/:id/resend", method = "post", operation_id = "invitation_resend")]
    async fn resend(
        &self,
        req: &Request,
        auth: BearerAuth,
        club: Path<String>,
        id: Path<String>,
    ) -> Result<IssuedResponse, ApiError> {
        let (club, _) = self.guard.club(&auth.0, &club, Permission::MembersInvite).await?;
        let token = new_secret_token();
        let renewed = self
            .invitations
            .renew(club.id.as_uuid(), path_id(&id)?, hash_token(&token), Utc::now() + self.ttl)
            .await
            .map_err(database)?
            .ok_or(ErrorCode::NotFound)?;
        let inviter = self.inviter_name(auth.0.user).await;
        let emailed = self.send(&renewed, club.name.as_str(), &inviter, &self.link(&token), request_locale(req)).await;
        Ok(IssuedResponse::Created(Json(self.issued(renewed, &token, emailed))))
    }

    /// Revokes an invitation not yet accepted.
    #[oai(path = "/clubs/:club/invitations/:id", method = "delete", operation_id = "invitation_revoke")]
    async fn revoke(&self, auth: BearerAuth, club: Path<String>, id: Path<String>) -> Result<Revoked, ApiError> {
        let (club, _) = self.guard.club(&auth.0, &club, Permission::MembersInvite).await?;
        let id = path_id(&id)?;
        if self.invitations.revoke(club.id.as_uuid(), id).await.map_err(database)? {
            let event = AuditEvent::new(AuditAction::InvitationRevoked)
                .by(auth.0.user)
                .in_club(club.id.as_uuid())
                .about(id.to_string());
            self.accounts.audit().record(event).await;
            Ok(Revoked::NoContent)
        } else {
            Err(ErrorCode::NotFound.into())
        }
    }

    /// What an invitation offers, for the page that accepts it.
    #[oai(path = "/invitations/:token", method = "get", operation_id = "invitation_preview")]
    async fn preview(&self, token: Path<String>) -> Result<Json<InvitationPreview>, ApiError> {
        let view = self.invitations.view(hash_token(&token)).await.map_err(database)?.ok_or(ErrorCode::NotFound)?;
        match view.state {
            InvitationState::Pending => Ok(Json(InvitationPreview {
                club_slug: view.club_slug,
                club_name: view.club_name,
                role: super::members::role_name(view.invitation.role),
                email: view.invitation.email,
            })),
            InvitationState::Used => Err(ErrorCode::InvitationUsed.into()),
            InvitationState::Expired => Err(ErrorCode::InvitationExpired.into()),
            InvitationState::Gone => Err(ErrorCode::NotFound.into()),
        }
    }

    /// Accepts an invitation with the signed-in account.
    #[oai(path = "/invitations/:token/accept", method = "post", operation_id = "invitation_accept")]
    async fn accept(&self, auth: BearerAuth, token: Path<String>) -> Result<Json<Joined>, ApiError> {
        self.join(auth.0.user, &token).await
    }

    /// Creates an account with the invitation's email and accepts the invitation with it.
    #[oai(path = "/invitations/:token/sign-up", method = "post", operation_id = "invitation_sign_up")]
    async fn sign_up(&self, token: Path<String>, request: Json<InvitationSignUp>) -> Result<Json<Profile>, ApiError> {
        let view = self.invitations.view(hash_token(&token)).await.map_err(database)?.ok_or(ErrorCode::NotFound)?;
        match view.state {
            InvitationState::Pending => {}
            InvitationState::Used => return Err(ErrorCode::InvitationUsed.into()),
            InvitationState::Expired => return Err(ErrorCode::InvitationExpired.into()),
            InvitationState::Gone => return Err(ErrorCode::NotFound.into()),
        }
        let request = request.0;
        let locale = if request.locale == Some(Language::En) { Locale::En } else { Locale::Fr };
        let signed_up = self
            .accounts
            .sign_up(SignUp {
                email: view.invitation.email.clone(),
                password: request.password,
                display_name: request.display_name,
                locale,
            })
            .await;
        let user = match signed_up {
            Ok(user) => user,
            Err(SignUpError::Invalid(fields)) => {
                return Err(ApiError::validation(
                    fields
                        .into_iter()
                        .map(|(field, error)| FieldError::new(field, super::accounts::field_code(error)))
                        .collect(),
                ));
            }
            // The address has an account: its owner signs in and accepts instead.
            Err(SignUpError::EmailTaken) => return Err(ErrorCode::EmailTaken.into()),
            Err(SignUpError::Store(error)) => return Err(ApiError::internal(&error)),
        };
        self.join(user.id, &token).await?;
        Ok(Json(super::accounts::profile(&user)))
    }
}

impl InvitationsApi {
    async fn join(&self, user: UserId, token: &str) -> Result<Json<Joined>, ApiError> {
        let invitation = self.invitations.accept(hash_token(token), user).await.map_err(accept_error)?;
        let event = AuditEvent::new(AuditAction::InvitationAccepted)
            .by(user)
            .in_club(invitation.club_id)
            .about(format!("{} as {}", invitation.email, invitation.role));
        self.accounts.audit().record(event).await;
        self.guard
            .authorizer()
            .grant(user, invitation.club_id, invitation.role)
            .await
            .map_err(|e| ApiError::internal(&e))?;
        let club = self
            .guard
            .resolver()
            .club(&invitation.club_id.to_string())
            .await
            .map_err(dropit_tenancy::interface::club_error)?;
        Ok(Json(Joined { club_slug: club.slug.to_string(), role: super::members::role_name(invitation.role) }))
    }
}

#[derive(poem_openapi::Tags)]
enum InvitationsTag {
    /// Invitations to join a club.
    Invitations,
}
