//! A club in the registry, and the context every club-data port takes.

use std::fmt;

use super::{ClubId, ClubName, ClubRole, ClubSchema, ClubSlug};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClubStatus {
    /// Being created; never served.
    Provisioning,
    Active,
    /// Kept intact but closed to its members.
    Suspended,
    /// Dumped to object storage; the schema may be dropped.
    Archived,
}

impl ClubStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            ClubStatus::Provisioning => "provisioning",
            ClubStatus::Active => "active",
            ClubStatus::Suspended => "suspended",
            ClubStatus::Archived => "archived",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Some(match raw {
            "provisioning" => ClubStatus::Provisioning,
            "active" => ClubStatus::Active,
            "suspended" => ClubStatus::Suspended,
            "archived" => ClubStatus::Archived,
            _ => return None,
        })
    }
}

impl fmt::Display for ClubStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ClubTier {
    Free,
    Standard,
    Premium,
}

impl ClubTier {
    pub fn as_str(self) -> &'static str {
        match self {
            ClubTier::Free => "free",
            ClubTier::Standard => "standard",
            ClubTier::Premium => "premium",
        }
    }

    pub fn parse(raw: &str) -> Option<Self> {
        Some(match raw {
            "free" => ClubTier::Free,
            "standard" => ClubTier::Standard,
            "premium" => ClubTier::Premium,
            _ => return None,
        })
    }
}

/// A club as the registry knows it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Club {
    pub id: ClubId,
    pub slug: ClubSlug,
    pub name: ClubName,
    pub schema: ClubSchema,
    pub role: ClubRole,
    pub status: ClubStatus,
    pub tier: ClubTier,
    /// The last club migration applied to its schema.
    pub schema_version: Option<String>,
    pub archive_key: Option<String>,
}

impl Club {
    /// The context of a request on this club's data.
    pub fn context(&self) -> ClubCtx {
        ClubCtx { id: self.id, schema: self.schema.clone(), role: self.role.clone() }
    }
}

/// Which club a piece of work is for: every port method touching club data takes one.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ClubCtx {
    pub id: ClubId,
    pub schema: ClubSchema,
    pub role: ClubRole,
}
