//! Folding names so that case, accents, punctuation and `&`/`and`/`et` do not stop a match.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Folds `Épaulé & Jeté` and `epaule-et-jete` alike into `epaule jete`: lowercase ASCII-ish words separated by
/// single spaces, with the joining words dropped since coaches write them every which way.
pub(crate) fn fold(text: &str) -> String {
    let mut plain = String::with_capacity(text.len());
    for c in text.nfd() {
        if is_combining_mark(c) {
            continue;
        }
        match c {
            'œ' | 'Œ' => plain.push_str("oe"),
            'æ' | 'Æ' => plain.push_str("ae"),
            'ß' => plain.push_str("ss"),
            '&' => plain.push_str(" and "),
            c if c.is_alphanumeric() => plain.extend(c.to_lowercase()),
            _ => plain.push(' '),
        }
    }
    plain.split_whitespace().filter(|word| !matches!(*word, "and" | "et")).collect::<Vec<_>>().join(" ")
}

/// The folded text without spaces, so `Epaulé-jeté` and `Epaulejeté` compare equal.
pub(crate) fn compact(folded: &str) -> String {
    folded.chars().filter(|c| *c != ' ').collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_punctuation_and_joining_words() {
        assert_eq!(fold("Épaulé-Jeté"), "epaule jete");
        assert_eq!(fold("  Clean & Jerk "), "clean jerk");
        assert_eq!(fold("clean and jerk"), "clean jerk");
        assert_eq!(fold("Épaulé et jeté"), "epaule jete");
        assert_eq!(fold("Tirage d'arraché"), "tirage d arrache");
        assert_eq!(fold("CŒUR"), "coeur");
        assert_eq!(compact(&fold("Squat avant")), "squatavant");
    }
}
