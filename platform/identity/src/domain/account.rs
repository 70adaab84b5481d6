//! A person's account, their password policy and their memberships.

use std::fmt;

use dropit_kernel::Locale;
use dropit_permissions::Role;
use uuid::Uuid;

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum InvalidAccount {
    #[error("not a valid email address")]
    Email,
    #[error("a display name is 1 to 80 characters")]
    DisplayName,
    #[error("the password is too weak")]
    WeakPassword,
    #[error("the password is too long")]
    LongPassword,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct UserId(Uuid);

impl UserId {
    pub fn generate() -> Self {
        Self(Uuid::now_v7())
    }

    pub fn from_uuid(id: Uuid) -> Self {
        Self(id)
    }

    pub fn as_uuid(&self) -> Uuid {
        self.0
    }
}

impl fmt::Display for UserId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct SessionId(Uuid);

impl SessionId {
    pub fn generate() -> Self {
        Self(Uuid::now_v7())
    }

    pub fn from_uuid(id: Uuid) -> Self {
        Self(id)
    }

    pub fn as_uuid(&self) -> Uuid {
        self.0
    }
}

/// An email address, trimmed and lowercased: one account per address whatever its case.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Email(String);

impl Email {
    pub fn parse(raw: &str) -> Result<Self, InvalidAccount> {
        let normalized = raw.trim().to_lowercase();
        let valid = normalized.len() <= 254
            && email_address::EmailAddress::is_valid(&normalized)
            && normalized.rsplit_once('@').is_some_and(|(_, domain)| domain.contains('.'));
        if valid { Ok(Self(normalized)) } else { Err(InvalidAccount::Email) }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Email {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DisplayName(String);

impl DisplayName {
    pub fn parse(raw: &str) -> Result<Self, InvalidAccount> {
        let trimmed = raw.trim();
        if (1..=80).contains(&trimmed.chars().count()) && !trimmed.chars().any(char::is_control) {
            Ok(Self(trimmed.to_owned()))
        } else {
            Err(InvalidAccount::DisplayName)
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A new password that passed the policy: 10 to 128 characters, at least 5 different ones,
/// not a common password, not the email's name. Never printed.
pub struct Password(String);

/// Passwords seen first in breach lists, lowercased; the length rule already excludes the
/// shorter ones.
const COMMON: &[&str] = &[
    "1234567890",
    "12345678910",
    "0123456789",
    "qwertyuiop",
    "azertyuiop",
    "password123",
    "password1!",
    "motdepasse",
    "motdepasse1",
    "iloveyou12",
    "1q2w3e4r5t",
    "qwerty1234",
    "azerty1234",
    "administrator",
    "weightlifting",
    "halterophilie",
    "haltérophilie",
];

impl Password {
    pub fn new(raw: &str, email: &Email) -> Result<Self, InvalidAccount> {
        let chars = raw.chars().count();
        if chars > 128 {
            return Err(InvalidAccount::LongPassword);
        }
        let lower = raw.to_lowercase();
        let distinct = {
            let mut seen: Vec<char> = raw.chars().collect();
            seen.sort_unstable();
            seen.dedup();
            seen.len()
        };
        let local_part = email.as_str().split('@').next().unwrap_or_default();
        let weak = chars < 10 || distinct < 5 || COMMON.contains(&lower.as_str()) || lower.contains(local_part);
        if weak { Err(InvalidAccount::WeakPassword) } else { Ok(Self(raw.to_owned())) }
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(..)")
    }
}

/// Where a session lives: a browser keeps its refresh token in a cookie, a phone in its storage.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Client {
    Web,
    Mobile,
}

impl Client {
    pub fn as_str(self) -> &'static str {
        match self {
            Client::Web => "web",
            Client::Mobile => "mobile",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: UserId,
    pub email: Email,
    pub display_name: DisplayName,
    pub locale: Locale,
    pub is_operator: bool,
}

/// A person's role in one club.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Membership {
    pub user_id: UserId,
    pub club_id: Uuid,
    pub role: Role,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn email() -> Email {
        Email::parse("Coach.Martin@Club.FR ").expect("email")
    }

    #[test]
    fn emails_are_normalized_and_checked() {
        assert_eq!(email().as_str(), "coach.martin@club.fr");
        for bad in ["", "plain", "a@b", "a b@club.fr", "@club.fr", "x@", &format!("{}@club.fr", "a".repeat(250))] {
            assert_eq!(Email::parse(bad), Err(InvalidAccount::Email), "{bad}");
        }
    }

    #[test]
    fn the_password_policy() {
        assert!(Password::new("barbell-snatch-2026", &email()).is_ok());
        assert!(matches!(Password::new("short1!", &email()), Err(InvalidAccount::WeakPassword)));
        assert!(matches!(Password::new("aaaaaaaaaaaaaa", &email()), Err(InvalidAccount::WeakPassword)));
        assert!(matches!(Password::new("AzertyUIOP", &email()), Err(InvalidAccount::WeakPassword)));
        assert!(matches!(Password::new("coach.martin-2026!", &email()), Err(InvalidAccount::WeakPassword)));
        assert!(matches!(Password::new(&"ab1!".repeat(40), &email()), Err(InvalidAccount::LongPassword)));
        assert_eq!(format!("{:?}", Password::new("barbell-snatch-2026", &email()).expect("ok")), "Password(..)");
    }

    #[test]
    fn display_names_are_bounded() {
        assert_eq!(DisplayName::parse("  Léa  ").map(|n| n.as_str().to_owned()), Ok("Léa".to_owned()));
        assert_eq!(DisplayName::parse(""), Err(InvalidAccount::DisplayName));
        assert_eq!(DisplayName::parse(&"é".repeat(81)), Err(InvalidAccount::DisplayName));
    }
}
