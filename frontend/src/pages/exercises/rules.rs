//! The API's rules for an exercise (`ExerciseContent::validate` on the server), checked before
//! sending so the form says what is wrong at once.

/// Why a field is refused, as the API says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    Required,
    TooLong,
    Invalid,
}

const MAX_NAME_CHARS: usize = 120;
const MAX_DESCRIPTION_CHARS: usize = 4000;
const MAX_TAGS: usize = 12;
const MAX_TAG_BYTES: usize = 32;

/// A name in French or English: required, at most 120 characters, no control characters.
pub fn name(raw: &str) -> Option<Problem> {
    let trimmed = raw.trim();
    if trimmed.is_empty() {
        Some(Problem::Required)
    } else if trimmed.chars().count() > MAX_NAME_CHARS {
        Some(Problem::TooLong)
    } else if trimmed.chars().any(char::is_control) {
        Some(Problem::Invalid)
    } else {
        None
    }
}

/// One of the categories the API knows.
pub fn category(raw: &str) -> Option<Problem> {
    if raw.is_empty() {
        Some(Problem::Required)
    } else if super::labels::CATEGORIES.contains(&raw) {
        None
    } else {
        Some(Problem::Invalid)
    }
}

/// The tags typed as `power, hang`: trimmed, lowercased, sorted and without repeats, as the
/// API stores them; empty pieces (`a,,b` or a trailing comma) are dropped.
pub fn tags(raw: &str) -> Vec<String> {
    let mut tags: Vec<String> = raw.split(',').map(|t| t.trim().to_lowercase()).filter(|t| !t.is_empty()).collect();
    tags.sort();
    tags.dedup();
    tags
}

/// At most 12 tags of 1 to 32 lowercase letters, digits, `_` or `-`.
pub fn tags_problem(raw: &str) -> Option<Problem> {
    let tags = tags(raw);
    let shaped = |t: &String| {
        (1..=MAX_TAG_BYTES).contains(&t.len())
            && t.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
    };
    if tags.len() > MAX_TAGS {
        Some(Problem::TooLong)
    } else if !tags.iter().all(shaped) {
        Some(Problem::Invalid)
    } else {
        None
    }
}

pub fn description(raw: &str) -> Option<Problem> {
    (raw.trim().chars().count() > MAX_DESCRIPTION_CHARS).then_some(Problem::TooLong)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_follow_the_api() {
        assert_eq!(name("  Arraché debout "), None);
        assert_eq!(name("   "), Some(Problem::Required));
        assert_eq!(name(&"x".repeat(121)), Some(Problem::TooLong));
        assert_eq!(name(&"é".repeat(120)), None);
        assert_eq!(name("a\tb"), Some(Problem::Invalid));
    }

    #[test]
    fn categories_are_the_servers() {
        assert_eq!(category("clean_and_jerk"), None);
        assert_eq!(category(""), Some(Problem::Required));
        assert_eq!(category("cardio"), Some(Problem::Invalid));
    }

    #[test]
    fn tags_are_normalized_like_the_api() {
        assert_eq!(tags(" Power, hang,,power, "), vec!["hang", "power"]);
        assert!(tags("").is_empty());
        assert_eq!(tags_problem("power, hang_2, no-hook"), None);
        assert_eq!(tags_problem("no spaces"), Some(Problem::Invalid));
        assert_eq!(tags_problem("été"), Some(Problem::Invalid));
        assert_eq!(tags_problem(&"x".repeat(33)), Some(Problem::Invalid));
        let thirteen: Vec<String> = (0..13).map(|i| format!("t{i}")).collect();
        assert_eq!(tags_problem(&thirteen.join(",")), Some(Problem::TooLong));
    }

    #[test]
    fn descriptions_have_a_limit() {
        assert_eq!(description(&"d".repeat(4000)), None);
        assert_eq!(description(&"d".repeat(4001)), Some(Problem::TooLong));
    }
}
