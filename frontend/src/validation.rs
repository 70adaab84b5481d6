//! The API's rules for what people type, checked before sending so a form can say what is
//! wrong at once. The API checks again and its field errors are shown the same way.

use crate::state::t;

/// A field's problem, as the text to show under it.
pub type Problem = Option<&'static str>;

pub fn email(raw: &str) -> Problem {
    let value = raw.trim();
    let shaped = value.len() <= 254
        && value.split_once('@').is_some_and(|(local, domain)| {
            !local.is_empty() && domain.contains('.') && !domain.starts_with('.') && !domain.ends_with('.')
        })
        && !value.contains(char::is_whitespace);
    (!shaped).then(|| t("validation.email"))
}

/// 10 to 128 characters with at least 5 different ones (the API also refuses common ones).
pub fn new_password(raw: &str) -> Problem {
    let count = raw.chars().count();
    let mut distinct: Vec<char> = raw.chars().collect();
    distinct.sort_unstable();
    distinct.dedup();
    (!(10..=128).contains(&count) || distinct.len() < 5).then(|| t("validation.password"))
}

pub fn required(raw: &str, max_chars: usize) -> Problem {
    let count = raw.trim().chars().count();
    if count == 0 {
        Some(t("validation.required"))
    } else if count > max_chars {
        Some(t("validation.too_long"))
    } else {
        None
    }
}

/// A club's address: 3 to 40 lowercase letters, digits and inner hyphens.
pub fn slug(raw: &str) -> Problem {
    let bytes = raw.as_bytes();
    let edge = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit());
    let ok = (3..=40).contains(&bytes.len())
        && bytes.iter().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
        && edge(bytes.first())
        && edge(bytes.last());
    (!ok).then(|| t("validation.slug"))
}

/// A slug suggested from a club's name: `Haltéro Lyon` → `haltero-lyon`.
pub fn slug_from(name: &str) -> String {
    let mut slug = String::new();
    for c in crate::format::folded(name).chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.ends_with('-') && !slug.is_empty() {
            slug.push('-');
        }
    }
    slug.trim_end_matches('-').chars().take(40).collect::<String>().trim_end_matches('-').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_match_the_api() {
        // The problems are texts of the catalogues, which need a reactive root to look up.
        let _ = sycamore::reactive::create_root(|| {
            assert!(email("coach@club.fr").is_none());
            assert!(email("coach@club").is_some());
            assert!(new_password("barbell-2026").is_none());
            assert!(new_password("aaaaaaaaaaaa").is_some());
            assert!(slug("haltero-lyon").is_none());
            assert!(slug("-lyon").is_some());
        });
        assert_eq!(slug_from("Haltéro Club  de Lyon!"), "haltero-club-de-lyon");
    }
}
