//! Identifiers of a club. Schema and role names are generated from the club's id, never from
//! input, and can only be built matching `^club_[a-z0-9_]{1,40}$` (schema) and
//! `^dropit_club_[a-z0-9_]{1,40}$` (role), so they are always safe to quote into SQL.

use std::fmt;

use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum InvalidName {
    #[error("a slug is 3 to 40 characters: lowercase letters, digits and inner hyphens")]
    Slug,
    #[error("a club name is 1 to 120 characters")]
    Name,
    #[error("not a generated club schema name")]
    Schema,
    #[error("not a generated club role name")]
    Role,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClubId(Uuid);

impl ClubId {
    pub fn generate() -> Self {
        Self(Uuid::new_v4())
    }

    pub fn from_uuid(id: Uuid) -> Self {
        Self(id)
    }

    pub fn as_uuid(&self) -> Uuid {
        self.0
    }

    /// Twelve hex digits of the id: 48 random bits, enough to keep names unique and short.
    fn short(&self) -> String {
        self.0.simple().to_string()[..12].to_owned()
    }
}

impl fmt::Display for ClubId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

/// The club's name in URLs: `haltero-lyon`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ClubSlug(String);

impl ClubSlug {
    pub fn parse(raw: &str) -> Result<Self, InvalidName> {
        let bytes = raw.as_bytes();
        let inner_ok = bytes.iter().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-');
        let ends_ok = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
        if (3..=40).contains(&bytes.len()) && inner_ok && ends_ok(bytes.first()) && ends_ok(bytes.last()) {
            Ok(Self(raw.to_owned()))
        } else {
            Err(InvalidName::Slug)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ClubSlug {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The club's display name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClubName(String);

impl ClubName {
    pub fn parse(raw: &str) -> Result<Self, InvalidName> {
        let trimmed = raw.trim();
        let chars = trimmed.chars().count();
        if (1..=120).contains(&chars) && !trimmed.chars().any(char::is_control) {
            Ok(Self(trimmed.to_owned()))
        } else {
            Err(InvalidName::Name)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

fn generated_suffix_ok(suffix: &str) -> bool {
    (1..=40).contains(&suffix.len())
        && suffix.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_')
}

/// The club's PostgreSQL schema: `club_<12 hex digits of the id>`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ClubSchema(String);

impl ClubSchema {
    pub fn for_club(id: ClubId) -> Self {
        Self(format!("club_{}", id.short()))
    }

    /// Re-reads a name stored in the registry, refusing anything that was not generated.
    pub fn parse(raw: &str) -> Result<Self, InvalidName> {
        match raw.strip_prefix("club_") {
            Some(suffix) if generated_suffix_ok(suffix) => Ok(Self(raw.to_owned())),
            _ => Err(InvalidName::Schema),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The name as a quoted SQL identifier; safe because of the validated alphabet.
    pub fn quoted(&self) -> String {
        format!("\"{}\"", self.0)
    }
}

impl fmt::Display for ClubSchema {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// The PostgreSQL role a club's requests run as: `dropit_club_<12 hex digits of the id>`.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct ClubRole(String);

impl ClubRole {
    pub fn for_club(id: ClubId) -> Self {
        Self(format!("dropit_club_{}", id.short()))
    }

    pub fn parse(raw: &str) -> Result<Self, InvalidName> {
        match raw.strip_prefix("dropit_club_") {
            Some(suffix) if generated_suffix_ok(suffix) => Ok(Self(raw.to_owned())),
            _ => Err(InvalidName::Role),
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn quoted(&self) -> String {
        format!("\"{}\"", self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_names_are_valid_and_short() {
        for _ in 0..100 {
            let id = ClubId::generate();
            let schema = ClubSchema::for_club(id);
            assert_eq!(ClubSchema::parse(schema.as_str()), Ok(schema.clone()));
            assert!(schema.as_str().len() <= 63);
            let role = ClubRole::for_club(id);
            assert_eq!(ClubRole::parse(role.as_str()), Ok(role.clone()));
            assert!(role.as_str().len() <= 63);
        }
    }

    #[test]
    fn hostile_names_are_refused() {
        for raw in
            ["club_\"; DROP", "club_", "public", "club_ABC", "club_a-b", "club_é", &format!("club_{}", "a".repeat(41))]
        {
            assert_eq!(ClubSchema::parse(raw), Err(InvalidName::Schema), "{raw}");
        }
        assert_eq!(ClubRole::parse("postgres"), Err(InvalidName::Role));
    }

    #[test]
    fn slugs_are_url_safe() {
        for ok in ["abc", "haltero-lyon", "club-2024", "a1b"] {
            assert!(ClubSlug::parse(ok).is_ok(), "{ok}");
        }
        for bad in ["ab", "-abc", "abc-", "Abc", "a b c", "a'b;c", "../etc", "аbc", "", &"a".repeat(41)] {
            assert_eq!(ClubSlug::parse(bad), Err(InvalidName::Slug), "{bad}");
        }
    }

    #[test]
    fn names_are_trimmed_and_bounded() {
        assert_eq!(ClubName::parse("  Haltéro Lyon ").map(|n| n.as_str().to_owned()), Ok("Haltéro Lyon".to_owned()));
        assert_eq!(ClubName::parse("   "), Err(InvalidName::Name));
        assert_eq!(ClubName::parse(&"é".repeat(121)), Err(InvalidName::Name));
        assert_eq!(ClubName::parse("a\u{0}b"), Err(InvalidName::Name));
    }
}
