//! `/api/v1/clubs` (creating a club) and `/api/v1/clubs/{club}/members`.

use async_trait::async_trait;
use dropit_club_migration::Migrator as ClubMigrator;
use dropit_http::{ApiError, FieldError, path_id};
use dropit_kernel::{ErrorCode, FieldErrorCode};
use dropit_permissions::{Access, Permission, Role};
use dropit_tenancy::{
    Club, ClubSlug, ClubTier,
    domain::ClubName,
    infrastructure::provision::{ClubSeeder, NewClub, ProvisionError, provision_club, standard_seeders},
};
use poem_openapi::{ApiResponse, Enum, Object, OpenApi, param::Path, payload::Json};
use sea_orm::{DatabaseConnection, DatabaseTransaction, DbErr};

use super::auth::{BearerAuth, Guard};
use std::sync::Arc;

use crate::{
    application::{AuditAction, AuditEvent, AuditTrail},
    domain::UserId,
    infrastructure::memberships::{ClubMember, PgMemberships},
};

/// What each operation of this API requires.
pub const ACCESS: &[(&str, Access)] = &[
    ("club_create", Access::Authenticated),
    ("club_members", Access::Club(Permission::MembersRead)),
    ("club_member_update", Access::Club(Permission::MembersUpdateRole)),
    ("club_member_remove", Access::Club(Permission::MembersRemove)),
];

pub struct MembersApi {
    db: DatabaseConnection,
    memberships: PgMemberships,
    guard: Guard,
    audit: Arc<dyn AuditTrail>,
}

impl MembersApi {
    pub fn new(db: DatabaseConnection, memberships: PgMemberships, guard: Guard, audit: Arc<dyn AuditTrail>) -> Self {
        Self { db, memberships, guard, audit }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename_all = "snake_case")]
pub enum ClubRoleName {
    ClubAdmin,
    Coach,
    Athlete,
}

impl From<ClubRoleName> for Role {
    fn from(role: ClubRoleName) -> Self {
        match role {
            ClubRoleName::ClubAdmin => Role::ClubAdmin,
            ClubRoleName::Coach => Role::Coach,
            ClubRoleName::Athlete => Role::Athlete,
        }
    }
}

pub(super) fn role_name(role: Role) -> ClubRoleName {
    match role {
        Role::ClubAdmin | Role::PlatformOperator => ClubRoleName::ClubAdmin,
        Role::Coach => ClubRoleName::Coach,
        Role::Athlete => ClubRoleName::Athlete,
    }
}

#[derive(Debug, Object)]
pub struct NewClubRequest {
    /// The club's address in URLs: 3 to 40 lowercase letters, digits and inner hyphens.
    pub slug: String,
    pub name: String,
}

#[derive(Debug, Object)]
pub struct CreatedClub {
    pub id: String,
    pub slug: String,
    pub name: String,
    /// Always `club_admin`: the founder administers the club.
    pub role: ClubRoleName,
}

#[derive(ApiResponse)]
pub enum CreatedClubResponse {
    /// The club exists, with its own schema, and the founder is its administrator.
    #[oai(status = 201)]
    Created(Json<CreatedClub>),
}

#[derive(Debug, Object)]
pub struct Member {
    pub user_id: String,
    pub display_name: String,
    pub email: String,
    pub role: ClubRoleName,
}

#[derive(Debug, Object)]
pub struct RoleChange {
    pub role: ClubRoleName,
}

#[derive(ApiResponse)]
pub enum Removed {
    /// The person is no longer a member; the club keeps their history.
    #[oai(status = 204)]
    NoContent,
}

fn member(m: ClubMember) -> Member {
    Member { user_id: m.user_id.to_string(), display_name: m.display_name, email: m.email, role: role_name(m.role) }
}

/// The founder's membership, written in the provisioning transaction: a club never exists
/// without its administrator.
struct Founder(UserId);

#[async_trait]
impl ClubSeeder for Founder {
    fn name(&self) -> &'static str {
        "founder membership"
    }

    async fn seed(&self, txn: &DatabaseTransaction, club: &Club) -> Result<(), DbErr> {
        PgMemberships::put(txn, self.0, club.id.as_uuid(), Role::ClubAdmin).await
    }
}

fn database(error: DbErr) -> ApiError {
    ApiError::internal(&error)
}

#[OpenApi(prefix_path = "/v1/clubs", tag = "MembersTag::Members")]
impl MembersApi {
    /// Creates a club; the signed-in person becomes its administrator.
    #[oai(path = "/", method = "post", operation_id = "club_create")]
    async fn create(&self, auth: BearerAuth, request: Json<NewClubRequest>) -> Result<CreatedClubResponse, ApiError> {
        let mut fields = Vec::new();
        let slug = ClubSlug::parse(&request.slug)
            .map_err(|_| fields.push(FieldError::new("slug", FieldErrorCode::Invalid)))
            .ok();
        let name = ClubName::parse(&request.name)
            .map_err(|_| fields.push(FieldError::new("name", FieldErrorCode::Invalid)))
            .ok();
        let (Some(slug), Some(name)) = (slug, name) else {
            return Err(ApiError::validation(fields));
        };
        let mut seeders = standard_seeders();
        seeders.push(Box::new(Founder(auth.0.user)));
        let club = match provision_club::<ClubMigrator>(
            &self.db,
            NewClub::new(slug, name, ClubTier::Standard),
            &seeders,
        )
        .await
        {
            Ok(club) => club,
            Err(ProvisionError::SlugTaken(_)) => {
                return Err(ApiError::new(ErrorCode::SlugTaken)
                    .with_fields(vec![FieldError::new("slug", FieldErrorCode::Taken)]));
            }
            Err(ProvisionError::Database(error)) => return Err(database(error)),
        };
        self.guard
            .authorizer()
            .grant(auth.0.user, club.id.as_uuid(), Role::ClubAdmin)
            .await
            .map_err(|e| ApiError::internal(&e))?;
        self.audit
            .record(
                AuditEvent::new(AuditAction::ClubCreated)
                    .by(auth.0.user)
                    .in_club(club.id.as_uuid())
                    .about(club.slug.to_string()),
            )
            .await;
        Ok(CreatedClubResponse::Created(Json(CreatedClub {
            id: club.id.to_string(),
            slug: club.slug.to_string(),
            name: club.name.as_str().to_owned(),
            role: ClubRoleName::ClubAdmin,
        })))
    }

    /// The club's members and their roles.
    #[oai(path = "/:club/members", method = "get", operation_id = "club_members")]
    async fn members(&self, auth: BearerAuth, club: Path<String>) -> Result<Json<Vec<Member>>, ApiError> {
        let (club, _) = self.guard.club(&auth.0, &club, Permission::MembersRead).await?;
        let members = self.memberships.members_of(club.id.as_uuid()).await.map_err(database)?;
        Ok(Json(members.into_iter().map(member).collect()))
    }

    /// Changes a member's role. The last administrator stays one.
    #[oai(path = "/:club/members/:user", method = "patch", operation_id = "club_member_update")]
    async fn update(
        &self,
        auth: BearerAuth,
        club: Path<String>,
        user: Path<String>,
        change: Json<RoleChange>,
    ) -> Result<Json<Member>, ApiError> {
        let (club, _) = self.guard.club(&auth.0, &club, Permission::MembersUpdateRole).await?;
        let user = UserId::from_uuid(path_id(&user)?);
        let role = Role::from(change.role);
        let members = self.memberships.members_of(club.id.as_uuid()).await.map_err(database)?;
        let target = members.iter().find(|m| m.user_id == user).ok_or(ErrorCode::NotFound)?;
        let admins = members.iter().filter(|m| m.role == Role::ClubAdmin).count();
        if target.role == Role::ClubAdmin && role != Role::ClubAdmin && admins == 1 {
            return Err(ErrorCode::LastClubAdmin.into());
        }
        self.memberships.set_role(user, club.id.as_uuid(), role).await.map_err(database)?;
        self.guard.authorizer().grant(user, club.id.as_uuid(), role).await.map_err(|e| ApiError::internal(&e))?;
        let change = format!("{user}: {} -> {}", target.role, role);
        self.audit
            .record(AuditEvent::new(AuditAction::RoleChanged).by(auth.0.user).in_club(club.id.as_uuid()).about(change))
            .await;
        Ok(Json(Member { role: role_name(role), ..member(target.clone()) }))
    }

    /// Removes a member: they lose access at once; what they did stays with the club.
    #[oai(path = "/:club/members/:user", method = "delete", operation_id = "club_member_remove")]
    async fn remove(&self, auth: BearerAuth, club: Path<String>, user: Path<String>) -> Result<Removed, ApiError> {
        let (club, _) = self.guard.club(&auth.0, &club, Permission::MembersRemove).await?;
        let user = UserId::from_uuid(path_id(&user)?);
        let members = self.memberships.members_of(club.id.as_uuid()).await.map_err(database)?;
        let target = members.iter().find(|m| m.user_id == user).ok_or(ErrorCode::NotFound)?;
        let admins = members.iter().filter(|m| m.role == Role::ClubAdmin).count();
        if target.role == Role::ClubAdmin && admins == 1 {
            return Err(ErrorCode::LastClubAdmin.into());
        }
        self.memberships.remove(user, club.id.as_uuid()).await.map_err(database)?;
        self.guard.authorizer().revoke(user, club.id.as_uuid()).await.map_err(|e| ApiError::internal(&e))?;
        let event = AuditEvent::new(AuditAction::MemberRemoved)
            .by(auth.0.user)
            .in_club(club.id.as_uuid())
            .about(user.to_string());
        self.audit.record(event).await;
        Ok(Removed::NoContent)
    }
}

#[derive(poem_openapi::Tags)]
enum MembersTag {
    /// Clubs and their members.
    Members,
}
