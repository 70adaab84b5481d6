//! `/api/v1/me/password`, `/api/v1/me/email` and the emailed links that reset a password or
//! confirm a new address.

use std::sync::Arc;

use dropit_http::{ApiError, FieldError, request_locale};
use dropit_infra::mail::Mail;
use dropit_kernel::{ErrorCode, FieldErrorCode, Locale};
use dropit_permissions::Access;
use poem::Request;
use poem_openapi::{ApiResponse, Object, OpenApi, payload::Json};

use super::auth::BearerAuth;
use crate::application::{CredentialError, Credentials, TokenRejection};

/// What each operation of this API requires.
pub const ACCESS: &[(&str, Access)] = &[
    ("me_password_change", Access::Authenticated),
    ("me_email_change", Access::Authenticated),
    ("auth_password_reset", Access::Public),
    ("auth_password_reset_confirm", Access::Public),
    ("auth_email_change_confirm", Access::Public),
];

pub struct CredentialsApi {
    credentials: Arc<Credentials>,
    mail: Mail,
    public_url: String,
}

impl CredentialsApi {
    pub fn new(credentials: Arc<Credentials>, mail: Mail, public_url: String) -> Self {
        Self { credentials, mail, public_url: public_url.trim_end_matches('/').to_owned() }
    }

    async fn send(&self, to: &str, subject: &str, text: String) {
        if let Err(error) = self.mail.send(to, subject, text).await {
            tracing::warn!(%error, "account email not sent");
        }
    }
}

#[derive(Debug, Object)]
pub struct PasswordChange {
    pub current_password: String,
    pub new_password: String,
}

#[derive(Debug, Object)]
pub struct ResetRequest {
    pub email: String,
}

#[derive(Debug, Object)]
pub struct ResetConfirmation {
    pub token: String,
    pub new_password: String,
}

#[derive(Debug, Object)]
pub struct EmailChange {
    pub new_email: String,
    pub current_password: String,
}

#[derive(Debug, Object)]
pub struct EmailConfirmation {
    pub token: String,
}

#[derive(ApiResponse)]
pub enum Done {
    /// Done.
    #[oai(status = 204)]
    NoContent,
}

#[derive(ApiResponse)]
pub enum Accepted {
    /// Taken into account; the next step arrives by email.
    #[oai(status = 202)]
    Accepted,
}

fn credential_error(error: CredentialError) -> ApiError {
    match error {
        CredentialError::WrongPassword => {
            ApiError::validation(vec![FieldError::new("current_password", FieldErrorCode::WrongPassword)])
        }
        CredentialError::Invalid(field, invalid) => {
            ApiError::validation(vec![FieldError::new(field, super::accounts::field_code(invalid))])
        }
        CredentialError::EmailTaken => {
            ApiError::new(ErrorCode::EmailTaken).with_fields(vec![FieldError::new("new_email", FieldErrorCode::Taken)])
        }
        CredentialError::Token(TokenRejection::Unknown) => ErrorCode::AccountTokenInvalid.into(),
        CredentialError::Token(TokenRejection::Used) => ErrorCode::AccountTokenUsed.into(),
        CredentialError::Token(TokenRejection::Expired) => ErrorCode::AccountTokenExpired.into(),
        CredentialError::Store(error) => ApiError::internal(&error),
    }
}

#[OpenApi(prefix_path = "/v1", tag = "CredentialsTag::Credentials")]
impl CredentialsApi {
    /// Changes the password; every other session is closed.
    #[oai(path = "/me/password", method = "post", operation_id = "me_password_change")]
    async fn change_password(&self, auth: BearerAuth, request: Json<PasswordChange>) -> Result<Done, ApiError> {
        self.credentials
            .change_password(auth.0.user, auth.0.session, &request.current_password, &request.new_password)
            .await
            .map_err(credential_error)?;
        Ok(Done::NoContent)
    }

    /// Asks for a password-reset link by email. The answer is the same whether or not an
    /// account uses the address.
    #[oai(path = "/auth/password-reset", method = "post", operation_id = "auth_password_reset")]
    async fn request_reset(&self, req: &Request, request: Json<ResetRequest>) -> Result<Accepted, ApiError> {
        if let Some((user, token)) =
            self.credentials.request_reset(&request.email).await.map_err(|e| ApiError::internal(&e))?
        {
            let link = format!("{}/reset-password/{token}", self.public_url);
            let (subject, text) = match request_locale(req) {
                Locale::En => (
                    "Reset your DropIt password",
                    format!(
                        "Open this link within an hour to choose a new password:\n{link}\n\nIf you did not ask, ignore this message."
                    ),
                ),
                Locale::Fr => (
                    "Réinitialisez votre mot de passe DropIt",
                    format!(
                        "Ouvrez ce lien dans l'heure pour choisir un nouveau mot de passe :\n{link}\n\nSi vous n'avez rien demandé, ignorez ce message."
                    ),
                ),
            };
            self.send(user.email.as_str(), subject, text).await;
        }
        Ok(Accepted::Accepted)
    }

    /// Sets a new password with the emailed token; every session is closed.
    #[oai(path = "/auth/password-reset/confirm", method = "post", operation_id = "auth_password_reset_confirm")]
    async fn confirm_reset(&self, request: Json<ResetConfirmation>) -> Result<Done, ApiError> {
        self.credentials.reset(&request.token, &request.new_password).await.map_err(credential_error)?;
        Ok(Done::NoContent)
    }

    /// Asks to change the account's email: a confirmation link goes to the new address.
    #[oai(path = "/me/email", method = "post", operation_id = "me_email_change")]
    async fn change_email(
        &self,
        req: &Request,
        auth: BearerAuth,
        request: Json<EmailChange>,
    ) -> Result<Accepted, ApiError> {
        let (email, token) = self
            .credentials
            .request_email_change(auth.0.user, &request.current_password, &request.new_email)
            .await
            .map_err(credential_error)?;
        let link = format!("{}/confirm-email/{token}", self.public_url);
        let (subject, text) = match request_locale(req) {
            Locale::En => {
                ("Confirm your new DropIt email", format!("Open this link to use this address for DropIt:\n{link}\n"))
            }
            Locale::Fr => (
                "Confirmez votre nouvelle adresse DropIt",
                format!("Ouvrez ce lien pour utiliser cette adresse sur DropIt :\n{link}\n"),
            ),
        };
        self.send(email.as_str(), subject, text).await;
        Ok(Accepted::Accepted)
    }

    /// Confirms a new email with the token sent to it.
    #[oai(path = "/auth/email-change/confirm", method = "post", operation_id = "auth_email_change_confirm")]
    async fn confirm_email(&self, request: Json<EmailConfirmation>) -> Result<Done, ApiError> {
        self.credentials.confirm_email_change(&request.token).await.map_err(credential_error)?;
        Ok(Done::NoContent)
    }
}

#[derive(poem_openapi::Tags)]
enum CredentialsTag {
    /// Passwords and email addresses.
    Credentials,
}
