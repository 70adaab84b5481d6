//! Club memberships in `platform.memberships`.

use dropit_permissions::Role;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, DbErr, QueryResult, Statement};
use uuid::Uuid;

use crate::domain::{Membership, UserId};

/// A club as its member sees it in their list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberClub {
    pub club_id: Uuid,
    pub slug: String,
    pub name: String,
    pub status: String,
    pub role: Role,
}

/// A member as the club sees them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClubMember {
    pub user_id: UserId,
    pub email: String,
    pub display_name: String,
    pub role: Role,
}

#[derive(Clone)]
pub struct PgMemberships {
    db: DatabaseConnection,
}

fn role_of(row: &QueryResult) -> Result<Role, DbErr> {
    let raw: String = row.try_get("", "role")?;
    Role::parse(&raw).ok_or_else(|| DbErr::Custom(format!("platform.memberships holds an invalid role {raw}")))
}

impl PgMemberships {
    pub fn new(db: DatabaseConnection) -> Self {
        Self { db }
    }

    /// Adds a member, or changes their role when they already are one.
    pub async fn put<C: ConnectionTrait>(db: &C, user: UserId, club: Uuid, role: Role) -> Result<(), DbErr> {
        db.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "INSERT INTO platform.memberships (user_id, club_id, role) VALUES ($1, $2, $3)
             ON CONFLICT (user_id, club_id) DO UPDATE SET role = $3, updated_at = now()",
            [user.as_uuid().into(), club.into(), role.as_str().into()],
        ))
        .await
        .map(drop)
    }

    /// Changes a member's role; `false` when they are not a member.
    pub async fn set_role(&self, user: UserId, club: Uuid, role: Role) -> Result<bool, DbErr> {
        let result = self
            .db
            .execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "UPDATE platform.memberships SET role = $3, updated_at = now() WHERE user_id = $1 AND club_id = $2",
                [user.as_uuid().into(), club.into(), role.as_str().into()],
            ))
            .await?;
        Ok(result.rows_affected() == 1)
    }

    /// Ends a membership; the club keeps everything the member did. `false` when not a member.
    pub async fn remove(&self, user: UserId, club: Uuid) -> Result<bool, DbErr> {
        let result = self
            .db
            .execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "DELETE FROM platform.memberships WHERE user_id = $1 AND club_id = $2",
                [user.as_uuid().into(), club.into()],
            ))
            .await?;
        Ok(result.rows_affected() == 1)
    }

    pub async fn clubs_of(&self, user: UserId) -> Result<Vec<MemberClub>, DbErr> {
        let rows = self
            .db
            .query_all_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT c.id, c.slug, c.name, c.status, m.role FROM platform.memberships m
                 JOIN platform.clubs c ON c.id = m.club_id WHERE m.user_id = $1 ORDER BY c.name",
                [user.as_uuid().into()],
            ))
            .await?;
        rows.iter()
            .map(|row| {
                Ok(MemberClub {
                    club_id: row.try_get("", "id")?,
                    slug: row.try_get("", "slug")?,
                    name: row.try_get("", "name")?,
                    status: row.try_get("", "status")?,
                    role: role_of(row)?,
                })
            })
            .collect()
    }

    pub async fn members_of(&self, club: Uuid) -> Result<Vec<ClubMember>, DbErr> {
        let rows = self
            .db
            .query_all_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT u.id, u.email, u.display_name, m.role FROM platform.memberships m
                 JOIN platform.users u ON u.id = m.user_id WHERE m.club_id = $1 ORDER BY u.display_name, u.id",
                [club.into()],
            ))
            .await?;
        rows.iter()
            .map(|row| {
                Ok(ClubMember {
                    user_id: UserId::from_uuid(row.try_get("", "id")?),
                    email: row.try_get("", "email")?,
                    display_name: row.try_get("", "display_name")?,
                    role: role_of(row)?,
                })
            })
            .collect()
    }

    /// Every membership and every operator, to fill the authorizer at start-up.
    pub async fn everything(&self) -> Result<(Vec<Membership>, Vec<UserId>), DbErr> {
        let rows = self
            .db
            .query_all_raw(Statement::from_string(
                DbBackend::Postgres,
                "SELECT user_id, club_id, role FROM platform.memberships".to_owned(),
            ))
            .await?;
        let memberships = rows
            .iter()
            .map(|row| {
                Ok(Membership {
                    user_id: UserId::from_uuid(row.try_get("", "user_id")?),
                    club_id: row.try_get("", "club_id")?,
                    role: role_of(row)?,
                })
            })
            .collect::<Result<Vec<_>, DbErr>>()?;
        let operators = self
            .db
            .query_all_raw(Statement::from_string(
                DbBackend::Postgres,
                "SELECT id FROM platform.users WHERE is_operator".to_owned(),
            ))
            .await?
            .iter()
            .map(|row| row.try_get("", "id").map(UserId::from_uuid))
            .collect::<Result<Vec<_>, DbErr>>()?;
        Ok((memberships, operators))
    }
}
