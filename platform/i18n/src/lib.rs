//! The text catalogues of the web back office and the mobile app. Each area keeps its own
//! table of `(key, English, French)`; `text` looks a key up in the person's language. A test
//! reads the apps' sources and fails on a key used there but missing here, so no screen shows
//! a raw key.

use dropit_kernel::Locale;

mod common;
mod mobile;
mod web;

/// One entry: the key, then the English and French texts.
pub type Entry = (&'static str, &'static str, &'static str);

const AREAS: &[&[Entry]] = &[
    common::ENTRIES,
    web::shell::ENTRIES,
    web::auth::ENTRIES,
    web::dashboard::ENTRIES,
    web::athletes::ENTRIES,
    web::catalogue::ENTRIES,
    web::workouts::ENTRIES,
    web::planning::ENTRIES,
    web::club::ENTRIES,
    web::operator::ENTRIES,
    web::transfer::ENTRIES,
    mobile::ENTRIES,
];

/// The text of `key` in `locale`; the key itself when it is missing, which a test prevents.
pub fn text(locale: Locale, key: &str) -> &'static str {
    match find(key) {
        Some((_, en, fr)) => match locale {
            Locale::En => en,
            Locale::Fr => fr,
        },
        None => "…",
    }
}

/// Whether the catalogues hold `key`.
pub fn has(key: &str) -> bool {
    find(key).is_some()
}

fn find(key: &str) -> Option<&'static Entry> {
    AREAS.iter().flat_map(|area| area.iter()).find(|(k, _, _)| *k == key)
}

/// Every entry of every area.
pub fn entries() -> impl Iterator<Item = &'static Entry> {
    AREAS.iter().flat_map(|area| area.iter())
}

#[cfg(test)]
mod tests;
