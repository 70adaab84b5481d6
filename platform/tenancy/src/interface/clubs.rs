//! `/api/v1/clubs/{club}`: a club's public profile, read through the club envelope.

use std::time::Duration;

use dropit_http::ApiError;
use dropit_kernel::ErrorCode;
use dropit_permissions::Access;
use poem_openapi::{Object, OpenApi, param::Path, payload::Json};
use sea_orm::{DatabaseConnection, DbErr};
use tracing::Instrument;

use crate::{
    application::{ClubResolver, ResolveError},
    infrastructure::{begin_club_txn, settings::public_settings},
};

/// What each operation of this API requires.
pub const ACCESS: &[(&str, Access)] = &[("club_profile", Access::Public)];

pub struct ClubsApi {
    resolver: ClubResolver,
    db: DatabaseConnection,
    statement_timeout: Duration,
}

impl ClubsApi {
    pub fn new(resolver: ClubResolver, db: DatabaseConnection, statement_timeout: Duration) -> Self {
        Self { resolver, db, statement_timeout }
    }
}

/// What anyone may know of a club: shown on its sign-in and invitation pages.
#[derive(Debug, Object)]
pub struct ClubProfile {
    pub id: String,
    /// The club's name in URLs.
    pub slug: String,
    pub name: String,
    /// The club's default language: `fr` or `en`.
    pub locale: String,
    /// The club's time zone, such as `Europe/Paris`: planned sessions are dated in it.
    pub timezone: String,
}

/// Maps a failed club resolution: unknown → 404, suspended or archived → 403 with their own codes.
pub fn club_error(error: ResolveError) -> ApiError {
    match error {
        ResolveError::NotFound => ErrorCode::NotFound.into(),
        ResolveError::Suspended => ErrorCode::ClubSuspended.into(),
        ResolveError::Archived => ErrorCode::ClubArchived.into(),
        ResolveError::Unavailable(cause) => {
            tracing::error!(%cause, "club registry unavailable");
            ErrorCode::ServiceUnavailable.into()
        }
    }
}

fn database_error(error: DbErr) -> ApiError {
    match error {
        DbErr::ConnectionAcquire(_) | DbErr::Conn(_) => {
            tracing::error!(%error, "database unavailable");
            ErrorCode::ServiceUnavailable.into()
        }
        other => ApiError::internal(&other),
    }
}

#[OpenApi(prefix_path = "/v1/clubs", tag = "ClubsTag::Clubs")]
impl ClubsApi {
    /// A club's public profile, by slug or id.
    #[oai(path = "/:club", method = "get", operation_id = "club_profile")]
    async fn profile(&self, club: Path<String>) -> Result<Json<ClubProfile>, ApiError> {
        let club = self.resolver.active(&club).await.map_err(club_error)?;
        let span = tracing::info_span!("club", club = %club.id);
        let settings = async {
            let txn = begin_club_txn(&self.db, &club.context(), self.statement_timeout).await?;
            let settings = public_settings(&txn).await?;
            txn.commit().await?;
            Ok::<_, DbErr>(settings)
        }
        .instrument(span)
        .await
        .map_err(database_error)?;
        Ok(Json(ClubProfile {
            id: club.id.to_string(),
            slug: club.slug.to_string(),
            name: club.name.as_str().to_owned(),
            locale: settings.locale,
            timezone: settings.timezone,
        }))
    }
}

#[derive(poem_openapi::Tags)]
enum ClubsTag {
    /// Clubs: each one a tenant with its own data.
    Clubs,
}
