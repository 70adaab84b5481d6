//! Rest times: `90`, `90s`, `2'`, `2min`, `1'30`, `1:30`, `1 min 30`.

/// Longer than an hour is a typo, not a rest.
const MAX_REST_SECONDS: u32 = 3600;

/// Reads a rest time in seconds; a bare number is seconds.
pub(crate) fn parse_rest(text: &str) -> Option<u32> {
    let compact: String = text.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect();
    let compact = compact.replace(['’', '′'], "'").replace('″', "\"");
    let (minutes, seconds) = if let Some((m, s)) = compact.split_once(':') {
        (number(m)?, number(s)?)
    } else {
        let split = compact.find(|c: char| !c.is_ascii_digit()).unwrap_or(compact.len());
        let (first, rest) = compact.split_at(split);
        let first = number(first)?;
        match ["min", "mn", "m", "'"].iter().find_map(|unit| rest.strip_prefix(unit)) {
            Some(after) => (first, seconds_part(after)?),
            None if matches!(rest, "" | "s" | "sec" | "secs" | "\"" | "''") => (0, first),
            None => return None,
        }
    };
    let total = minutes.checked_mul(60)?.checked_add(seconds)?;
    (seconds < 60 || minutes == 0).then_some(total).filter(|t| *t <= MAX_REST_SECONDS)
}

fn seconds_part(text: &str) -> Option<u32> {
    let digits = text.trim_end_matches(['s', 'e', 'c', '"', '\'']);
    if digits.is_empty() { Some(0) } else { number(digits) }
}

fn number(text: &str) -> Option<u32> {
    if text.is_empty() || !text.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_usual_ways_of_writing_a_rest() {
        for (text, seconds) in [
            ("90", 90),
            ("90s", 90),
            ("90 sec", 90),
            ("2'", 120),
            ("2min", 120),
            ("2 min", 120),
            ("1'30", 90),
            ("1'30\"", 90),
            ("1’30", 90),
            ("1:30", 90),
            ("1 min 30", 90),
            ("1min30s", 90),
        ] {
            assert_eq!(parse_rest(text), Some(seconds), "{text}");
        }
    }

    #[test]
    fn refuses_what_is_not_a_rest() {
        for text in ["", "long", "2h", "1'75", "4000", "-3"] {
            assert_eq!(parse_rest(text), None, "{text}");
        }
    }
}
