//! Who is calling: the bearer token checked into a `Principal`, and the `Guard` that decides
//! whether they may act in a club.

use std::sync::Arc;

use dropit_http::ApiError;
use dropit_kernel::ErrorCode;
use dropit_permissions::{Permission, Role};
use dropit_tenancy::{Club, ClubStatus, application::ClubResolver, interface::club_error};
use poem::Request;
use poem_openapi::{SecurityScheme, auth::Bearer};

use crate::{
    application::{AccessTokens, TokenError},
    domain::{SessionId, UserId},
    infrastructure::authorization::Authorizer,
};

/// The signed-in person behind a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Principal {
    pub user: UserId,
    pub session: SessionId,
    pub operator: bool,
}

/// A bearer access token, as issued by `/auth/login` and `/auth/refresh`.
#[derive(SecurityScheme)]
#[oai(ty = "bearer", bearer_format = "JWT", checker = "check_bearer")]
pub struct BearerAuth(pub Principal);

async fn check_bearer(req: &Request, bearer: Bearer) -> poem::Result<Principal> {
    let tokens = req
        .data::<Arc<dyn AccessTokens>>()
        .ok_or_else(|| poem::Error::from(ApiError::new(ErrorCode::InternalError)))?;
    match tokens.verify(&bearer.token) {
        Ok(claims) => Ok(Principal { user: claims.user, session: claims.session, operator: claims.operator }),
        Err(TokenError::Expired) => Err(ApiError::new(ErrorCode::TokenExpired).into()),
        Err(TokenError::Invalid) => Err(ApiError::new(ErrorCode::TokenInvalid).into()),
    }
}

/// Decides whether a person may act in a club: the club must exist and be open, they must be
/// a member, and their role must grant the permission.
#[derive(Clone)]
pub struct Guard {
    resolver: ClubResolver,
    authorizer: Authorizer,
}

impl Guard {
    pub fn new(resolver: ClubResolver, authorizer: Authorizer) -> Self {
        Self { resolver, authorizer }
    }

    pub fn authorizer(&self) -> &Authorizer {
        &self.authorizer
    }

    pub fn resolver(&self) -> &ClubResolver {
        &self.resolver
    }

    /// The club in the path, if `principal` may do `permission` there. Someone who is not a
    /// member gets 404 whatever the club's state, so clubs stay invisible to outsiders.
    pub async fn club(
        &self,
        principal: &Principal,
        raw: &str,
        permission: Permission,
    ) -> Result<(Club, Role), ApiError> {
        self.ready().await?;
        let club = self.resolver.club(raw).await.map_err(club_error)?;
        let Some(role) = self.authorizer.role_in(principal.user, club.id.as_uuid()).await else {
            return Err(ErrorCode::NotFound.into());
        };
        match club.status {
            ClubStatus::Active => {}
            ClubStatus::Suspended => return Err(ErrorCode::ClubSuspended.into()),
            ClubStatus::Archived => return Err(ErrorCode::ClubArchived.into()),
            ClubStatus::Provisioning => return Err(ErrorCode::NotFound.into()),
        }
        if self.authorizer.allowed(principal.user, Some(club.id.as_uuid()), permission).await {
            Ok((club, role))
        } else {
            Err(ErrorCode::Forbidden.into())
        }
    }

    async fn ready(&self) -> Result<(), ApiError> {
        if self.authorizer.is_ready().await { Ok(()) } else { Err(ErrorCode::ServiceUnavailable.into()) }
    }

    /// Succeeds when `principal` holds a platform permission.
    pub async fn platform(&self, principal: &Principal, permission: Permission) -> Result<(), ApiError> {
        self.ready().await?;
        if self.authorizer.allowed(principal.user, None, permission).await {
            Ok(())
        } else {
            Err(ErrorCode::Forbidden.into())
        }
    }
}
