//! The languages DropIt speaks and how a request's `Accept-Language` picks one.

use std::fmt;

/// A language the product has catalogues for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Locale {
    #[default]
    En,
    Fr,
}

impl Locale {
    pub const ALL: [Locale; 2] = [Locale::En, Locale::Fr];

    /// The BCP 47 primary language tag.
    pub fn tag(self) -> &'static str {
        match self {
            Locale::En => "en",
            Locale::Fr => "fr",
        }
    }

    /// Parses a single language tag such as `fr`, `fr-CA` or `EN_gb`.
    pub fn from_tag(tag: &str) -> Option<Locale> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or_default();
        if primary.eq_ignore_ascii_case("fr") {
            Some(Locale::Fr)
        } else if primary.eq_ignore_ascii_case("en") {
            Some(Locale::En)
        } else {
            None
        }
    }

    /// Picks the best supported locale from an `Accept-Language` header value,
    /// honouring quality values; falls back to English.
    pub fn negotiate(accept_language: &str) -> Locale {
        let mut best: Option<(Locale, u16)> = None;
        for item in accept_language.split(',') {
            let mut parts = item.split(';');
            let tag = parts.next().unwrap_or_default();
            let quality = parts.find_map(|p| p.trim().strip_prefix("q=")).map_or(Some(1000), parse_quality);
            let (Some(locale), Some(quality)) = (Locale::from_tag(tag), quality) else {
                continue;
            };
            if quality == 0 {
                continue;
            }
            // Strictly greater: earlier entries win ties, as the header lists preferences in order.
            if best.is_none_or(|(_, q)| quality > q) {
                best = Some((locale, quality));
            }
        }
        best.map(|(locale, _)| locale).unwrap_or_default()
    }
}

/// A quality value `0`..=`1` with up to three decimals, as thousandths.
fn parse_quality(raw: &str) -> Option<u16> {
    let value: f32 = raw.trim().parse().ok()?;
    (0.0..=1.0).contains(&value).then(|| (value * 1000.0).round() as u16)
}

impl fmt::Display for Locale {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.tag())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn negotiates_by_quality_then_order() {
        assert_eq!(Locale::negotiate("fr-FR,fr;q=0.9,en;q=0.8"), Locale::Fr);
        assert_eq!(Locale::negotiate("de-DE, en;q=0.5, fr;q=0.7"), Locale::Fr);
        assert_eq!(Locale::negotiate("en-GB, fr"), Locale::En);
        assert_eq!(Locale::negotiate("fr;q=0, en;q=0.1"), Locale::En);
    }

    #[test]
    fn falls_back_to_english() {
        assert_eq!(Locale::negotiate(""), Locale::En);
        assert_eq!(Locale::negotiate("de, es;q=0.9"), Locale::En);
        assert_eq!(Locale::negotiate("fr;q=banana"), Locale::En);
        assert_eq!(Locale::negotiate("*"), Locale::En);
    }

    #[test]
    fn parses_tags_case_insensitively() {
        assert_eq!(Locale::from_tag("FR_ca"), Some(Locale::Fr));
        assert_eq!(Locale::from_tag("en-US"), Some(Locale::En));
        assert_eq!(Locale::from_tag("frx"), None);
    }
}
