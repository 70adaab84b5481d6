//! Who may do what. One matrix, role × permission, is the single source: the server loads it
//! into casbin (RBAC with domains: a club is a domain), and the UIs, compiled to wasm, ask
//! it which actions to show. No dependencies, so it builds everywhere.

use std::fmt;

/// A role a person holds in one club, or on the whole platform.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    ClubAdmin,
    Coach,
    Athlete,
    /// Runs the service; holds no club role by being an operator.
    PlatformOperator,
}

impl Role {
    pub const CLUB_ROLES: [Role; 3] = [Role::ClubAdmin, Role::Coach, Role::Athlete];

    pub fn as_str(self) -> &'static str {
        match self {
            Role::ClubAdmin => "club_admin",
            Role::Coach => "coach",
            Role::Athlete => "athlete",
            Role::PlatformOperator => "platform_operator",
        }
    }

    pub fn parse(raw: &str) -> Option<Role> {
        [Role::ClubAdmin, Role::Coach, Role::Athlete, Role::PlatformOperator].into_iter().find(|r| r.as_str() == raw)
    }

    /// A role held in a club (as opposed to the platform).
    pub fn is_club_role(self) -> bool {
        self != Role::PlatformOperator
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a permission applies: inside one club, or on the platform.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    Club,
    Platform,
}

/// The casbin domain of platform-wide permissions.
pub const PLATFORM_DOMAIN: &str = "platform";

macro_rules! permissions {
    ($($variant:ident => $resource:literal, $action:literal, $scope:ident, [$($role:ident),*];)+) => {
        /// Something a person may be allowed to do.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Permission {
            $($variant,)+
        }

        impl Permission {
            pub const ALL: &'static [Permission] = &[$(Permission::$variant,)+];

            pub fn resource(self) -> &'static str {
                match self { $(Permission::$variant => $resource,)+ }
            }

            pub fn action(self) -> &'static str {
                match self { $(Permission::$variant => $action,)+ }
            }

            pub fn scope(self) -> Scope {
                match self { $(Permission::$variant => Scope::$scope,)+ }
            }

            /// The roles the matrix grants this permission to.
            pub fn roles(self) -> &'static [Role] {
                match self { $(Permission::$variant => &[$(Role::$role),*],)+ }
            }
        }
    };
}

permissions! {
    ClubRead => "club", "read", Club, [ClubAdmin, Coach, Athlete];
    ClubUpdate => "club", "update", Club, [ClubAdmin];
    MembersRead => "members", "read", Club, [ClubAdmin, Coach];
    MembersInvite => "members", "invite", Club, [ClubAdmin];
    MembersUpdateRole => "members", "update_role", Club, [ClubAdmin];
    MembersRemove => "members", "remove", Club, [ClubAdmin];
    AuditRead => "audit", "read", Club, [ClubAdmin];
    ExercisesRead => "exercises", "read", Club, [ClubAdmin, Coach, Athlete];
    ExercisesWrite => "exercises", "write", Club, [ClubAdmin, Coach];
    WorkoutsRead => "workouts", "read", Club, [ClubAdmin, Coach];
    WorkoutsWrite => "workouts", "write", Club, [ClubAdmin, Coach];
    PlanningRead => "planning", "read", Club, [ClubAdmin, Coach];
    PlanningWrite => "planning", "write", Club, [ClubAdmin, Coach];
    OwnSessionsRead => "own_sessions", "read", Club, [ClubAdmin, Coach, Athlete];
    OwnLogsWrite => "own_logs", "write", Club, [ClubAdmin, Coach, Athlete];
    LogsRead => "logs", "read", Club, [ClubAdmin, Coach];
    LogsComment => "logs", "comment", Club, [ClubAdmin, Coach];
    AthletesRead => "athletes", "read", Club, [ClubAdmin, Coach];
    AthletesWrite => "athletes", "write", Club, [ClubAdmin, Coach];
    OwnAthleteRead => "own_athlete", "read", Club, [ClubAdmin, Coach, Athlete];
    OwnAthleteWrite => "own_athlete", "write", Club, [ClubAdmin, Coach, Athlete];
    PlatformClubsRead => "clubs", "read", Platform, [PlatformOperator];
    PlatformClubsManage => "clubs", "manage", Platform, [PlatformOperator];
    PlatformUsersRevoke => "users", "revoke", Platform, [PlatformOperator];
    PlatformAuditRead => "audit", "read", Platform, [PlatformOperator];
}

impl fmt::Display for Permission {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{}", self.resource(), self.action())
    }
}

/// What an API operation requires of its caller. Every operation declares one; a test walks
/// the OpenAPI document and checks each operation against every kind of caller.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Anyone, signed in or not.
    Public,
    /// Any signed-in person.
    Authenticated,
    /// A member of the club in the path, whose role grants the permission.
    Club(Permission),
    /// A platform operator.
    Platform(Permission),
}

/// Whether the matrix lets `role` do `permission`.
pub fn allows(role: Role, permission: Permission) -> bool {
    permission.roles().contains(&role)
}

/// The casbin model: RBAC with domains. Policies are stored once with the domain `*` (or
/// `platform`), and each membership is one grouping row `g, user, role, club`, which keeps a
/// check fast whatever the number of clubs and never lets a role in one club act in another.
pub const CASBIN_MODEL: &str = "\
[request_definition]
r = sub, dom, obj, act

[policy_definition]
p = sub, dom, obj, act

[role_definition]
g = _, _, _

[policy_effect]
e = some(where (p.eft == allow))

[matchers]
m = g(r.sub, p.sub, r.dom) && (p.dom == \"*\" || p.dom == r.dom) && r.obj == p.obj && r.act == p.act
";

/// The matrix as casbin policy rows: `[role, domain, resource, action]`.
pub fn casbin_policies() -> Vec<[String; 4]> {
    Permission::ALL
        .iter()
        .flat_map(|permission| {
            let domain = match permission.scope() {
                Scope::Club => "*",
                Scope::Platform => PLATFORM_DOMAIN,
            };
            permission.roles().iter().map(move |role| {
                [
                    role.as_str().to_owned(),
                    domain.to_owned(),
                    permission.resource().to_owned(),
                    permission.action().to_owned(),
                ]
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;

    #[test]
    fn every_permission_is_unique_and_granted_to_someone_of_its_scope() {
        let mut seen = HashSet::new();
        for permission in Permission::ALL {
            assert!(seen.insert((permission.resource(), permission.action(), permission.scope() == Scope::Club)));
            assert!(!permission.roles().is_empty(), "{permission} is granted to nobody");
            for role in permission.roles() {
                assert_eq!(role.is_club_role(), permission.scope() == Scope::Club, "{role} cannot hold {permission}");
            }
        }
    }

    #[test]
    fn athletes_cannot_manage_and_operators_hold_no_club_permission() {
        assert!(allows(Role::ClubAdmin, Permission::MembersInvite));
        assert!(!allows(Role::Coach, Permission::MembersInvite));
        assert!(!allows(Role::Athlete, Permission::MembersRead));
        assert!(
            Permission::ALL.iter().filter(|p| p.scope() == Scope::Club).all(|p| !allows(Role::PlatformOperator, *p))
        );
    }

    #[test]
    fn roles_round_trip() {
        for role in [Role::ClubAdmin, Role::Coach, Role::Athlete, Role::PlatformOperator] {
            assert_eq!(Role::parse(role.as_str()), Some(role));
        }
        assert_eq!(Role::parse("admin"), None);
    }

    #[test]
    fn policies_cover_the_matrix() {
        let count: usize = Permission::ALL.iter().map(|p| p.roles().len()).sum();
        assert_eq!(casbin_policies().len(), count);
    }
}
