//! `/api/v1/auth/…` and `/api/v1/me`: signing up, in and out, and who is signed in.

use std::sync::Arc;

use dropit_http::{ApiError, FieldError};
use dropit_kernel::{ErrorCode, FieldErrorCode, Locale};
use dropit_permissions::Access;
use poem::{Request, web::RemoteAddr};
use poem_openapi::{ApiResponse, Enum, Object, OpenApi, payload::Json};

use super::auth::BearerAuth;
use crate::{
    application::{Accounts, LogInError, RefreshError, SignUp, SignUpError, StoreError, Tokens, UserStore},
    domain::{Client, InvalidAccount, User},
    infrastructure::{memberships::PgMemberships, users::PgUserStore},
};

/// What each operation of this API requires.
pub const ACCESS: &[(&str, Access)] = &[
    ("auth_sign_up", Access::Public),
    ("auth_log_in", Access::Public),
    ("auth_refresh", Access::Public),
    ("auth_log_out", Access::Authenticated),
    ("auth_log_out_everywhere", Access::Authenticated),
    ("me", Access::Authenticated),
];

const REFRESH_COOKIE: &str = "dropit_refresh";

/// How the web app's refresh-token cookie is set.
#[derive(Clone, Debug)]
pub struct CookiePolicy {
    /// The cookie's lifetime, the refresh token's.
    pub max_age_secs: u64,
}

pub struct AccountsApi {
    accounts: Arc<Accounts>,
    users: PgUserStore,
    memberships: PgMemberships,
    cookie: CookiePolicy,
}

impl AccountsApi {
    pub fn new(accounts: Arc<Accounts>, users: PgUserStore, memberships: PgMemberships, cookie: CookiePolicy) -> Self {
        Self { accounts, users, memberships, cookie }
    }

    /// The refresh token as a cookie only JavaScript-free requests to `/api/v1/auth` carry;
    /// `Secure` except on localhost, where browsers accept it over plain HTTP anyway.
    fn set_cookie(&self, req: &Request, token: &str, max_age: u64) -> String {
        let host = req.uri().host().or_else(|| req.header("host")).unwrap_or_default();
        let local = host.starts_with("localhost") || host.starts_with("127.0.0.1") || host.starts_with("[::1]");
        let secure = if local { "" } else { "; Secure" };
        format!("{REFRESH_COOKIE}={token}; HttpOnly; SameSite=Strict; Path=/api/v1/auth; Max-Age={max_age}{secure}")
    }

    fn session(&self, req: &Request, tokens: Tokens, client: ClientKind) -> SessionResponse {
        let body = SessionTokens {
            access_token: tokens.access_token,
            token_type: "Bearer".to_owned(),
            expires_in: tokens.expires_in.as_secs(),
            refresh_token: (client == ClientKind::Mobile).then(|| tokens.refresh_token.clone()),
            user_id: tokens.user.to_string(),
        };
        let cookie =
            (client == ClientKind::Web).then(|| self.set_cookie(req, &tokens.refresh_token, self.cookie.max_age_secs));
        SessionResponse::Ok(Json(body), cookie)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename_all = "snake_case")]
pub enum ClientKind {
    /// A browser: the refresh token comes back as an httpOnly cookie.
    Web,
    /// The mobile app: the refresh token comes back in the body, for the device to keep.
    Mobile,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename_all = "snake_case")]
pub enum Language {
    Fr,
    En,
}

#[derive(Debug, Object)]
pub struct SignUpRequest {
    pub email: String,
    /// At least 10 characters, not a common password, not the email's name.
    pub password: String,
    pub display_name: String,
    pub locale: Option<Language>,
}

#[derive(Debug, Object)]
pub struct LogInRequest {
    pub email: String,
    pub password: String,
    pub client: ClientKind,
}

#[derive(Debug, Object)]
pub struct RefreshRequest {
    /// The mobile app's refresh token; the web app sends its cookie instead.
    pub refresh_token: Option<String>,
    pub client: ClientKind,
}

#[derive(Debug, Object)]
pub struct SessionTokens {
    pub access_token: String,
    /// Always `Bearer`.
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: u64,
    /// For the mobile app only; the web app gets a cookie.
    pub refresh_token: Option<String>,
    pub user_id: String,
}

#[derive(ApiResponse)]
pub enum SessionResponse {
    /// Signed in: a short-lived access token, and a refresh token (body or cookie).
    #[oai(status = 200)]
    Ok(Json<SessionTokens>, #[oai(header = "Set-Cookie")] Option<String>),
}

#[derive(ApiResponse)]
pub enum Done {
    /// Done.
    #[oai(status = 204)]
    NoContent(#[oai(header = "Set-Cookie")] Option<String>),
}

#[derive(Debug, Object)]
pub struct Profile {
    pub id: String,
    pub email: String,
    pub display_name: String,
    pub locale: Language,
    pub is_operator: bool,
}

#[derive(Debug, Object)]
pub struct MyClub {
    pub id: String,
    pub slug: String,
    pub name: String,
    /// `active`, `suspended` or `archived`.
    pub status: String,
    /// `club_admin`, `coach` or `athlete`.
    pub role: String,
}

#[derive(Debug, Object)]
pub struct Me {
    pub profile: Profile,
    pub clubs: Vec<MyClub>,
}

fn language(locale: Locale) -> Language {
    match locale {
        Locale::Fr => Language::Fr,
        Locale::En => Language::En,
    }
}

pub(super) fn profile(user: &User) -> Profile {
    Profile {
        id: user.id.to_string(),
        email: user.email.to_string(),
        display_name: user.display_name.as_str().to_owned(),
        locale: language(user.locale),
        is_operator: user.is_operator,
    }
}

fn store_error(error: StoreError) -> ApiError {
    match error {
        StoreError::Conflict => ErrorCode::Conflict.into(),
        StoreError::Failed(cause) => ApiError::internal(&StoreError::Failed(cause)),
    }
}

pub(super) fn field_code(error: InvalidAccount) -> FieldErrorCode {
    match error {
        InvalidAccount::Email => FieldErrorCode::InvalidEmail,
        InvalidAccount::WeakPassword => FieldErrorCode::WeakPassword,
        InvalidAccount::LongPassword => FieldErrorCode::TooLong,
        InvalidAccount::DisplayName => FieldErrorCode::Invalid,
    }
}

fn refresh_cookie(req: &Request) -> Option<String> {
    let header = req.header("cookie")?;
    header.split(';').find_map(|pair| pair.trim().strip_prefix(REFRESH_COOKIE)?.strip_prefix('=').map(str::to_owned))
}

#[OpenApi(prefix_path = "/v1", tag = "AccountsTag::Accounts")]
impl AccountsApi {
    /// Creates an account.
    #[oai(path = "/auth/signup", method = "post", operation_id = "auth_sign_up")]
    async fn sign_up(&self, request: Json<SignUpRequest>) -> Result<Json<Profile>, ApiError> {
        let request = request.0;
        let locale = match request.locale {
            Some(Language::En) => Locale::En,
            _ => Locale::Fr,
        };
        let signed_up = self
            .accounts
            .sign_up(SignUp {
                email: request.email,
                password: request.password,
                display_name: request.display_name,
                locale,
            })
            .await;
        match signed_up {
            Ok(user) => Ok(Json(profile(&user))),
            Err(SignUpError::Invalid(fields)) => Err(ApiError::validation(
                fields.into_iter().map(|(field, error)| FieldError::new(field, field_code(error))).collect(),
            )),
            Err(SignUpError::EmailTaken) => {
                Err(ApiError::new(ErrorCode::EmailTaken)
                    .with_fields(vec![FieldError::new("email", FieldErrorCode::Taken)]))
            }
            Err(SignUpError::Store(error)) => Err(store_error(error)),
        }
    }

    /// Signs in. Wrong email and wrong password get the same answer; repeated failures are
    /// throttled per account and per address, with `Retry-After`.
    #[oai(path = "/auth/login", method = "post", operation_id = "auth_log_in")]
    async fn log_in(
        &self,
        req: &Request,
        remote: &RemoteAddr,
        request: Json<LogInRequest>,
    ) -> Result<SessionResponse, ApiError> {
        let address = remote.as_socket_addr().map(|a| a.ip().to_string()).unwrap_or_else(|| remote.to_string());
        let client = match request.client {
            ClientKind::Web => Client::Web,
            ClientKind::Mobile => Client::Mobile,
        };
        match self.accounts.log_in(&request.email, &request.password, client, &address).await {
            Ok(tokens) => Ok(self.session(req, tokens, request.client)),
            Err(LogInError::InvalidCredentials) => Err(ErrorCode::InvalidCredentials.into()),
            Err(LogInError::Throttled { retry_after }) => {
                Err(ApiError::new(ErrorCode::TooManyAttempts).retry_after(retry_after.as_secs().max(1)))
            }
            Err(LogInError::Store(error)) => Err(store_error(error)),
        }
    }

    /// Swaps a refresh token for a new pair. Each refresh token works once: presenting a used
    /// one closes its whole session.
    #[oai(path = "/auth/refresh", method = "post", operation_id = "auth_refresh")]
    async fn refresh(&self, req: &Request, request: Json<RefreshRequest>) -> Result<SessionResponse, ApiError> {
        let token = match request.client {
            ClientKind::Mobile => request.refresh_token.clone(),
            ClientKind::Web => refresh_cookie(req),
        }
        .ok_or(ApiError::new(ErrorCode::Unauthorized))?;
        match self.accounts.refresh(&token).await {
            Ok(tokens) => Ok(self.session(req, tokens, request.client)),
            Err(RefreshError::Invalid) => Err(ErrorCode::TokenInvalid.into()),
            Err(RefreshError::Expired) => Err(ErrorCode::TokenExpired.into()),
            Err(RefreshError::Reused) => Err(ErrorCode::RefreshTokenReused.into()),
            Err(RefreshError::Revoked) => Err(ErrorCode::SessionRevoked.into()),
            Err(RefreshError::Store(error)) => Err(store_error(error)),
        }
    }

    /// Closes this session.
    #[oai(path = "/auth/logout", method = "post", operation_id = "auth_log_out")]
    async fn log_out(&self, req: &Request, auth: BearerAuth) -> Result<Done, ApiError> {
        self.accounts.log_out(auth.0.user, auth.0.session).await.map_err(store_error)?;
        Ok(Done::NoContent(Some(self.set_cookie(req, "", 0))))
    }

    /// Closes every session of the signed-in person, on every device.
    #[oai(path = "/auth/logout-everywhere", method = "post", operation_id = "auth_log_out_everywhere")]
    async fn log_out_everywhere(&self, req: &Request, auth: BearerAuth) -> Result<Done, ApiError> {
        self.accounts.log_out_everywhere(auth.0.user).await.map_err(store_error)?;
        Ok(Done::NoContent(Some(self.set_cookie(req, "", 0))))
    }

    /// The signed-in person and their clubs, with their role in each.
    #[oai(path = "/me", method = "get", operation_id = "me")]
    async fn me(&self, auth: BearerAuth) -> Result<Json<Me>, ApiError> {
        let user = self.users.find(auth.0.user).await.map_err(store_error)?.ok_or(ErrorCode::TokenInvalid)?;
        let clubs = self.memberships.clubs_of(user.id).await.map_err(|e| ApiError::internal(&e))?;
        Ok(Json(Me {
            profile: profile(&user),
            clubs: clubs
                .into_iter()
                .map(|c| MyClub {
                    id: c.club_id.to_string(),
                    slug: c.slug,
                    name: c.name,
                    status: c.status,
                    role: c.role.as_str().to_owned(),
                })
                .collect(),
        }))
    }
}

#[derive(poem_openapi::Tags)]
enum AccountsTag {
    /// Accounts and sessions.
    Accounts,
}
