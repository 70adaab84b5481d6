//! Numbers and dates the way people read them.

use dropit_kernel::Locale;

/// `102.5 kg` in English, `102,5 kg` in French; whole numbers without decimals.
pub fn kg(value: f64, locale: Locale) -> String {
    format!("{} kg", number(value, locale))
}

pub fn number(value: f64, locale: Locale) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    let text = if rounded.fract() == 0.0 { format!("{rounded:.0}") } else { format!("{rounded}") };
    match locale {
        Locale::Fr => text.replace('.', ","),
        Locale::En => text,
    }
}

/// A date of the API (`2026-12-01`) as `1 Dec 2026` or `1 déc. 2026`.
pub fn date(iso: &str, locale: Locale) -> String {
    let mut parts = iso.splitn(3, '-');
    let (Some(y), Some(m), Some(d)) = (parts.next(), parts.next(), parts.next()) else { return iso.to_owned() };
    let month = m.parse::<usize>().ok().filter(|m| (1..=12).contains(m)).map_or("", |m| month_short(m, locale));
    let day = d.get(..2).unwrap_or(d).trim_start_matches('0');
    format!("{day} {month} {y}")
}

pub fn month_short(month: usize, locale: Locale) -> &'static str {
    const EN: [&str; 12] = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
    const FR: [&str; 12] =
        ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."];
    let index = month.saturating_sub(1).min(11);
    match locale {
        Locale::En => EN[index],
        Locale::Fr => FR[index],
    }
}

/// Lowercase without French accents, so `epaule` finds `Épaulé`.
pub fn folded(text: &str) -> String {
    text.to_lowercase()
        .chars()
        .map(|c| match c {
            'à' | 'â' | 'ä' | 'á' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' | 'í' => 'i',
            'ô' | 'ö' | 'ó' => 'o',
            'ù' | 'û' | 'ü' | 'ú' => 'u',
            'ç' => 'c',
            c => c,
        })
        .collect()
}

/// Today on the person's clock.
pub fn today() -> chrono::NaiveDate {
    let now = js_sys::Date::new_0();
    chrono::NaiveDate::from_ymd_opt(now.get_full_year() as i32, now.get_month() + 1, now.get_date()).unwrap_or_default()
}

/// The Monday of the week holding `day`.
pub fn monday_of(day: chrono::NaiveDate) -> chrono::NaiveDate {
    use chrono::Datelike;
    day - chrono::Days::new(u64::from(day.weekday().num_days_from_monday()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn loads_and_dates_read_naturally() {
        assert_eq!(kg(102.5, Locale::Fr), "102,5 kg");
        assert_eq!(kg(100.0, Locale::En), "100 kg");
        assert_eq!(date("2026-12-01", Locale::Fr), "1 déc. 2026");
        assert_eq!(date("2026-03-15", Locale::En), "15 Mar 2026");
    }
}
