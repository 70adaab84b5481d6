//! `/api/v1/platform/…`: what platform operators do to clubs and accounts.

use std::sync::Arc;

use dropit_club_migration::Migrator as ClubMigrator;
use dropit_http::{ApiError, path_id};
use dropit_kernel::ErrorCode;
use dropit_permissions::{Access, Permission};
use dropit_tenancy::{
    Club,
    infrastructure::{
        PgClubRegistry,
        archive::{ClubLifecycle, LifecycleError},
        fleet::{FleetOptions, migrate_fleet},
    },
    interface::club_error,
};
use poem_openapi::{ApiResponse, Object, OpenApi, param::Path, param::Query, payload::Json};
use sea_orm::DatabaseConnection;

use super::auth::{BearerAuth, Guard};
use crate::{
    application::{Accounts, AuditAction, AuditEvent},
    domain::UserId,
};

/// What each operation of this API requires.
pub const ACCESS: &[(&str, Access)] = &[
    ("platform_clubs", Access::Platform(Permission::PlatformClubsRead)),
    ("platform_club_suspend", Access::Platform(Permission::PlatformClubsManage)),
    ("platform_club_resume", Access::Platform(Permission::PlatformClubsManage)),
    ("platform_club_archive", Access::Platform(Permission::PlatformClubsManage)),
    ("platform_club_restore", Access::Platform(Permission::PlatformClubsManage)),
    ("platform_club_drop", Access::Platform(Permission::PlatformClubsManage)),
    ("platform_clubs_migrate", Access::Platform(Permission::PlatformClubsManage)),
    ("platform_user_revoke_sessions", Access::Platform(Permission::PlatformUsersRevoke)),
];

pub struct PlatformApi {
    db: DatabaseConnection,
    guard: Guard,
    lifecycle: ClubLifecycle,
    accounts: Arc<Accounts>,
}

impl PlatformApi {
    pub fn new(db: DatabaseConnection, guard: Guard, lifecycle: ClubLifecycle, accounts: Arc<Accounts>) -> Self {
        Self { db, guard, lifecycle, accounts }
    }

    /// The club in the path, whatever its state, once the caller is known to be an operator.
    async fn club(&self, auth: &BearerAuth, raw: &str, permission: Permission) -> Result<Club, ApiError> {
        self.guard.platform(&auth.0, permission).await?;
        self.guard.resolver().club(raw).await.map_err(club_error)
    }

    async fn audit(&self, auth: &BearerAuth, club: &Club, action: AuditAction) {
        let event = AuditEvent::new(action).by(auth.0.user).in_club(club.id.as_uuid()).about(club.slug.to_string());
        self.accounts.audit().record(event).await;
    }

    /// The club as it is now in the registry (not the cached copy).
    async fn fresh(&self, club: &Club) -> Result<ClubSummary, ApiError> {
        let registry = PgClubRegistry::new(self.db.clone());
        let club =
            registry.find_by_id(club.id).await.map_err(|e| ApiError::internal(&e))?.ok_or(ErrorCode::NotFound)?;
        Ok(summary(&club))
    }
}

#[derive(Debug, Object)]
pub struct ClubSummary {
    pub id: String,
    pub slug: String,
    pub name: String,
    /// `provisioning`, `active`, `suspended` or `archived`.
    pub status: String,
    pub tier: String,
    pub schema_version: Option<String>,
    pub archive_key: Option<String>,
}

#[derive(Debug, Object)]
pub struct FailedClub {
    pub slug: String,
    pub error: String,
}

#[derive(Debug, Object)]
pub struct FleetSummary {
    pub target: String,
    pub migrated: u64,
    pub up_to_date: u64,
    pub failed: Vec<FailedClub>,
}

#[derive(ApiResponse)]
pub enum Dropped {
    /// The club's schema and role are gone.
    #[oai(status = 204)]
    NoContent,
}

fn summary(club: &Club) -> ClubSummary {
    ClubSummary {
        id: club.id.to_string(),
        slug: club.slug.to_string(),
        name: club.name.as_str().to_owned(),
        status: club.status.as_str().to_owned(),
        tier: club.tier.as_str().to_owned(),
        schema_version: club.schema_version.clone(),
        archive_key: club.archive_key.clone(),
    }
}

fn lifecycle_error(error: LifecycleError) -> ApiError {
    match error {
        LifecycleError::WrongStatus { .. } | LifecycleError::SchemaExists | LifecycleError::NoArchive => {
            ErrorCode::ClubStateConflict.into()
        }
        LifecycleError::SlugTaken(_) => ErrorCode::SlugTaken.into(),
        other => ApiError::internal(&other),
    }
}

#[OpenApi(prefix_path = "/v1/platform", tag = "PlatformTag::Platform")]
impl PlatformApi {
    /// Every club, oldest first.
    #[oai(path = "/clubs", method = "get", operation_id = "platform_clubs")]
    async fn clubs(&self, auth: BearerAuth) -> Result<Json<Vec<ClubSummary>>, ApiError> {
        self.guard.platform(&auth.0, Permission::PlatformClubsRead).await?;
        let clubs = PgClubRegistry::new(self.db.clone()).list().await.map_err(|e| ApiError::internal(&e))?;
        Ok(Json(clubs.iter().map(summary).collect()))
    }

    /// Closes an active club to its members, keeping everything.
    #[oai(path = "/clubs/:club/suspend", method = "post", operation_id = "platform_club_suspend")]
    async fn suspend(&self, auth: BearerAuth, club: Path<String>) -> Result<Json<ClubSummary>, ApiError> {
        let club = self.club(&auth, &club, Permission::PlatformClubsManage).await?;
        self.lifecycle.suspend(&club).await.map_err(lifecycle_error)?;
        self.audit(&auth, &club, AuditAction::ClubSuspended).await;
        Ok(Json(self.fresh(&club).await?))
    }

    /// Opens a suspended club again.
    #[oai(path = "/clubs/:club/resume", method = "post", operation_id = "platform_club_resume")]
    async fn resume(&self, auth: BearerAuth, club: Path<String>) -> Result<Json<ClubSummary>, ApiError> {
        let club = self.club(&auth, &club, Permission::PlatformClubsManage).await?;
        self.lifecycle.resume(&club).await.map_err(lifecycle_error)?;
        self.audit(&auth, &club, AuditAction::ClubResumed).await;
        Ok(Json(self.fresh(&club).await?))
    }

    /// Dumps a suspended club's schema to object storage and marks it archived.
    #[oai(path = "/clubs/:club/archive", method = "post", operation_id = "platform_club_archive")]
    async fn archive(&self, auth: BearerAuth, club: Path<String>) -> Result<Json<ClubSummary>, ApiError> {
        let club = self.club(&auth, &club, Permission::PlatformClubsManage).await?;
        self.lifecycle.archive(&club).await.map_err(lifecycle_error)?;
        self.audit(&auth, &club, AuditAction::ClubArchived).await;
        Ok(Json(self.fresh(&club).await?))
    }

    /// Brings an archived club, whose schema was dropped, back from its archive.
    #[oai(path = "/clubs/:club/restore", method = "post", operation_id = "platform_club_restore")]
    async fn restore(&self, auth: BearerAuth, club: Path<String>) -> Result<Json<ClubSummary>, ApiError> {
        let club = self.club(&auth, &club, Permission::PlatformClubsManage).await?;
        self.lifecycle.restore(&club).await.map_err(lifecycle_error)?;
        self.audit(&auth, &club, AuditAction::ClubRestored).await;
        Ok(Json(self.fresh(&club).await?))
    }

    /// Drops an archived club's schema (`force`: any club, with its registry row).
    #[oai(path = "/clubs/:club", method = "delete", operation_id = "platform_club_drop")]
    async fn drop_club(
        &self,
        auth: BearerAuth,
        club: Path<String>,
        force: Query<Option<bool>>,
    ) -> Result<Dropped, ApiError> {
        let club = self.club(&auth, &club, Permission::PlatformClubsManage).await?;
        self.lifecycle.drop_club(&club, force.0.unwrap_or(false)).await.map_err(lifecycle_error)?;
        self.audit(&auth, &club, AuditAction::ClubDropped).await;
        Ok(Dropped::NoContent)
    }

    /// Brings every club schema to the newest club migration, four at a time.
    #[oai(path = "/clubs/migrate", method = "post", operation_id = "platform_clubs_migrate")]
    async fn migrate(&self, auth: BearerAuth) -> Result<Json<FleetSummary>, ApiError> {
        self.guard.platform(&auth.0, Permission::PlatformClubsManage).await?;
        let options = FleetOptions { parallel: 4, club: None, dry_run: false };
        let report =
            migrate_fleet::<ClubMigrator>(&self.db, &options, &|_| {}).await.map_err(|e| ApiError::internal(&e))?;
        Ok(Json(FleetSummary {
            target: report.target,
            migrated: report.migrated.len() as u64,
            up_to_date: report.skipped as u64,
            failed: report
                .failed
                .into_iter()
                .map(|(club, error)| FailedClub { slug: club.slug.to_string(), error })
                .collect(),
        }))
    }

    /// Closes every session of an account: refresh stops at once, access tokens expire.
    #[oai(path = "/users/:user/revoke-sessions", method = "post", operation_id = "platform_user_revoke_sessions")]
    async fn revoke_sessions(&self, auth: BearerAuth, user: Path<String>) -> Result<Dropped, ApiError> {
        self.guard.platform(&auth.0, Permission::PlatformUsersRevoke).await?;
        let user = UserId::from_uuid(path_id(&user)?);
        self.accounts.revoke_sessions(auth.0.user, user).await.map_err(|e| ApiError::internal(&e))?;
        tracing::info!(operator = %auth.0.user, %user, "sessions revoked by an operator");
        Ok(Dropped::NoContent)
    }
}

#[derive(poem_openapi::Tags)]
enum PlatformTag {
    /// Platform operations, for operators.
    Platform,
}
