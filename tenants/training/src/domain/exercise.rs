//! Exercises of the club's catalogue, and the rules a new or changed one must follow.

/// The family an exercise belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Category {
    Snatch,
    Clean,
    Jerk,
    CleanAndJerk,
    Pull,
    Squat,
    Press,
    Accessory,
}

impl Category {
    pub const ALL: [Category; 8] = [
        Category::Snatch,
        Category::Clean,
        Category::Jerk,
        Category::CleanAndJerk,
        Category::Pull,
        Category::Squat,
        Category::Press,
        Category::Accessory,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Category::Snatch => "snatch",
            Category::Clean => "clean",
            Category::Jerk => "jerk",
            Category::CleanAndJerk => "clean_and_jerk",
            Category::Pull => "pull",
            Category::Squat => "squat",
            Category::Press => "press",
            Category::Accessory => "accessory",
        }
    }

    pub fn parse(raw: &str) -> Option<Category> {
        Category::ALL.into_iter().find(|c| c.as_str() == raw)
    }
}

/// The lift a percentage refers to by default (a snatch pull's percentages refer to the snatch).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ReferenceLift {
    Snatch,
    Clean,
    Jerk,
    CleanAndJerk,
    BackSquat,
    FrontSquat,
}

impl ReferenceLift {
    pub const ALL: [ReferenceLift; 6] = [
        ReferenceLift::Snatch,
        ReferenceLift::Clean,
        ReferenceLift::Jerk,
        ReferenceLift::CleanAndJerk,
        ReferenceLift::BackSquat,
        ReferenceLift::FrontSquat,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ReferenceLift::Snatch => "snatch",
            ReferenceLift::Clean => "clean",
            ReferenceLift::Jerk => "jerk",
            ReferenceLift::CleanAndJerk => "clean_and_jerk",
            ReferenceLift::BackSquat => "back_squat",
            ReferenceLift::FrontSquat => "front_squat",
        }
    }

    pub fn parse(raw: &str) -> Option<ReferenceLift> {
        ReferenceLift::ALL.into_iter().find(|l| l.as_str() == raw)
    }
}

/// An exercise as the catalogue holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exercise {
    pub id: uuid::Uuid,
    pub name_fr: String,
    pub name_en: String,
    pub category: Category,
    pub tags: Vec<String>,
    pub description: String,
    pub reference_lift: Option<ReferenceLift>,
    /// From the starter catalogue every club begins with.
    pub starter: bool,
    pub archived: bool,
}

/// Why a field of an exercise is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    Required,
    TooLong,
    Invalid,
}

/// The validated content of an exercise, for creating or replacing one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExerciseContent {
    pub name_fr: String,
    pub name_en: String,
    pub category: Category,
    pub tags: Vec<String>,
    pub description: String,
    pub reference_lift: Option<ReferenceLift>,
}

/// What a client sends, before validation.
#[derive(Clone, Debug, Default)]
pub struct RawExercise {
    pub name_fr: String,
    pub name_en: String,
    pub category: String,
    pub tags: Vec<String>,
    pub description: String,
    pub reference_lift: Option<String>,
}

const MAX_TAGS: usize = 12;

fn name(raw: &str, field: &'static str, problems: &mut Vec<(&'static str, Problem)>) -> String {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        problems.push((field, Problem::Required));
    } else if trimmed.chars().count() > 120 {
        problems.push((field, Problem::TooLong));
    } else if trimmed.chars().any(char::is_control) {
        problems.push((field, Problem::Invalid));
    }
    trimmed.to_owned()
}

impl ExerciseContent {
    /// Checks every field and reports all the problems at once.
    pub fn validate(raw: RawExercise) -> Result<ExerciseContent, Vec<(&'static str, Problem)>> {
        let mut problems = Vec::new();
        let name_fr = name(&raw.name_fr, "name_fr", &mut problems);
        let name_en = name(&raw.name_en, "name_en", &mut problems);
        let category = Category::parse(&raw.category);
        if category.is_none() {
            problems.push(("category", Problem::Invalid));
        }
        let mut tags: Vec<String> = raw.tags.iter().map(|t| t.trim().to_lowercase()).collect();
        tags.sort();
        tags.dedup();
        let tag_ok = |t: &String| {
            (1..=32).contains(&t.len())
                && t.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
        };
        if tags.len() > MAX_TAGS {
            problems.push(("tags", Problem::TooLong));
        } else if !tags.iter().all(tag_ok) {
            problems.push(("tags", Problem::Invalid));
        }
        let description = raw.description.trim().to_owned();
        if description.chars().count() > 4000 {
            problems.push(("description", Problem::TooLong));
        }
        let reference_lift = match raw.reference_lift.as_deref().map(str::trim).filter(|r| !r.is_empty()) {
            None => None,
            Some(lift) => {
                let parsed = ReferenceLift::parse(lift);
                if parsed.is_none() {
                    problems.push(("reference_lift", Problem::Invalid));
                }
                parsed
            }
        };
        match (problems.is_empty(), category) {
            (true, Some(category)) => {
                Ok(ExerciseContent { name_fr, name_en, category, tags, description, reference_lift })
            }
            _ => Err(problems),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn raw() -> RawExercise {
        RawExercise {
            name_fr: " Arraché debout ".to_owned(),
            name_en: "Power snatch".to_owned(),
            category: "snatch".to_owned(),
            tags: vec!["Power".to_owned(), "power".to_owned(), "hang".to_owned()],
            description: String::new(),
            reference_lift: Some("snatch".to_owned()),
        }
    }

    #[test]
    fn a_valid_exercise_is_normalized() {
        let content = ExerciseContent::validate(raw()).expect("valid");
        assert_eq!(content.name_fr, "Arraché debout");
        assert_eq!(content.tags, vec!["hang", "power"]);
        assert_eq!(content.reference_lift, Some(ReferenceLift::Snatch));
    }

    #[test]
    fn every_problem_is_reported_at_once() {
        let bad = RawExercise {
            name_fr: String::new(),
            name_en: "x".repeat(121),
            category: "cardio".to_owned(),
            tags: vec!["no spaces".to_owned()],
            description: "d".repeat(4001),
            reference_lift: Some("deadlift".to_owned()),
        };
        let problems = ExerciseContent::validate(bad).expect_err("invalid");
        assert_eq!(
            problems,
            vec![
                ("name_fr", Problem::Required),
                ("name_en", Problem::TooLong),
                ("category", Problem::Invalid),
                ("tags", Problem::Invalid),
                ("description", Problem::TooLong),
                ("reference_lift", Problem::Invalid),
            ]
        );
    }
}
