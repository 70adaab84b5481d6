//! An athlete's profile, and the rules a new or changed one follows.

use chrono::NaiveDate;
use dropit_training::domain::load::Grams;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Sex {
    Female,
    Male,
}

impl Sex {
    pub fn as_str(self) -> &'static str {
        match self {
            Sex::Female => "female",
            Sex::Male => "male",
        }
    }

    pub fn parse(raw: &str) -> Option<Sex> {
        match raw {
            "female" => Some(Sex::Female),
            "male" => Some(Sex::Male),
            _ => None,
        }
    }
}

/// What a coach writes about an athlete.
#[derive(Clone, Debug, PartialEq)]
pub struct Profile {
    pub name: String,
    pub sex: Option<Sex>,
    pub birth_date: Option<NaiveDate>,
    /// The bar the athlete trains with, when not the club's.
    pub bar: Option<Grams>,
    pub level: String,
    pub notes: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Athlete {
    pub id: uuid::Uuid,
    /// The account that signs in as this athlete; none for an athlete the coach manages.
    pub user_id: Option<uuid::Uuid>,
    pub profile: Profile,
    /// An invitation is out to link an account to this profile.
    pub invited: bool,
    pub archived: bool,
    pub groups: Vec<uuid::Uuid>,
}

/// Why a field is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    Required,
    TooLong,
    OutOfRange,
}

impl Profile {
    /// Checks the profile on `today`; problems name their field as in the request.
    pub fn validate(mut self, today: NaiveDate) -> Result<Profile, Vec<(&'static str, Problem)>> {
        let mut problems = Vec::new();
        self.name = self.name.trim().to_owned();
        if self.name.is_empty() {
            problems.push(("name", Problem::Required));
        } else if self.name.chars().count() > 120 {
            problems.push(("name", Problem::TooLong));
        }
        let oldest = NaiveDate::from_ymd_opt(1900, 1, 2).unwrap_or(NaiveDate::MIN);
        if self.birth_date.is_some_and(|d| d < oldest || d > today) {
            problems.push(("birth_date", Problem::OutOfRange));
        }
        if self.bar.is_some_and(|b| !(5_000..=25_000).contains(&b.0)) {
            problems.push(("bar_kg", Problem::OutOfRange));
        }
        self.level = self.level.trim().to_owned();
        if self.level.chars().count() > 60 {
            problems.push(("level", Problem::TooLong));
        }
        if self.notes.chars().count() > 4000 {
            problems.push(("notes", Problem::TooLong));
        }
        if problems.is_empty() { Ok(self) } else { Err(problems) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn profile() -> Profile {
        Profile {
            name: "  Léa Dubois ".to_owned(),
            sex: Some(Sex::Female),
            birth_date: NaiveDate::from_ymd_opt(2008, 4, 2),
            bar: Some(Grams(15_000)),
            level: "national".to_owned(),
            notes: String::new(),
        }
    }

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).expect("date")
    }

    #[test]
    fn a_good_profile_is_trimmed() {
        assert_eq!(profile().validate(today()).expect("valid").name, "Léa Dubois");
    }

    #[test]
    fn bad_fields_are_named() {
        let bad = Profile {
            name: " ".to_owned(),
            birth_date: NaiveDate::from_ymd_opt(2027, 1, 1),
            bar: Some(Grams(40_000)),
            ..profile()
        };
        assert_eq!(
            bad.validate(today()).expect_err("invalid"),
            [("name", Problem::Required), ("birth_date", Problem::OutOfRange), ("bar_kg", Problem::OutOfRange)]
        );
    }
}
