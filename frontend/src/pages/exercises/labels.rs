//! How the catalogue's fixed values read: categories, reference lifts, an exercise's name in
//! the person's language and a file's size.

use dropit_kernel::Locale;

use crate::{format, state::t};

/// The categories the API accepts (the server's `Category::as_str`), in the order the lifts
/// are taught.
pub const CATEGORIES: [&str; 8] = ["snatch", "clean", "jerk", "clean_and_jerk", "pull", "squat", "press", "accessory"];

/// The reference lifts the API accepts (the server's `ReferenceLift::as_str`).
pub const REFERENCE_LIFTS: [&str; 6] = ["snatch", "clean", "jerk", "clean_and_jerk", "back_squat", "front_squat"];

/// A category as people read it; a value this app does not know yet shows as sent.
pub fn category(value: &str) -> String {
    let key = match value {
        "snatch" => t("catalogue.category_snatch"),
        "clean" => t("catalogue.category_clean"),
        "jerk" => t("catalogue.category_jerk"),
        "clean_and_jerk" => t("catalogue.category_clean_and_jerk"),
        "pull" => t("catalogue.category_pull"),
        "squat" => t("catalogue.category_squat"),
        "press" => t("catalogue.category_press"),
        "accessory" => t("catalogue.category_accessory"),
        other => return other.to_owned(),
    };
    key.to_owned()
}

pub fn reference_lift(value: &str) -> String {
    let key = match value {
        "snatch" => t("catalogue.lift_snatch"),
        "clean" => t("catalogue.lift_clean"),
        "jerk" => t("catalogue.lift_jerk"),
        "clean_and_jerk" => t("catalogue.lift_clean_and_jerk"),
        "back_squat" => t("catalogue.lift_back_squat"),
        "front_squat" => t("catalogue.lift_front_squat"),
        other => return other.to_owned(),
    };
    key.to_owned()
}

/// The name in the person's language first, then the other one (shown smaller).
pub fn names(locale: Locale, name_fr: &str, name_en: &str) -> (String, String) {
    match locale {
        Locale::Fr => (name_fr.to_owned(), name_en.to_owned()),
        Locale::En => (name_en.to_owned(), name_fr.to_owned()),
    }
}

/// `850 KB`, `12.4 MB` (`12,4 Mo` in French).
pub fn size(bytes: u64, locale: Locale) -> String {
    const KB: f64 = 1024.0;
    let bytes = bytes as f64;
    let (value, unit_en, unit_fr) = if bytes < KB * KB {
        ((bytes / KB).max(0.1), "KB", "Ko")
    } else if bytes < KB * KB * KB {
        (bytes / (KB * KB), "MB", "Mo")
    } else {
        (bytes / (KB * KB * KB), "GB", "Go")
    };
    let rounded = (value * 10.0).round() / 10.0;
    let unit = match locale {
        Locale::En => unit_en,
        Locale::Fr => unit_fr,
    };
    format!("{} {unit}", format::number(rounded, locale))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(size(870_400, Locale::En), "850 KB");
        assert_eq!(size(13_002_342, Locale::Fr), "12,4 Mo");
        assert_eq!(size(10, Locale::En), "0.1 KB");
        assert_eq!(size(3 * 1024 * 1024 * 1024, Locale::En), "3 GB");
    }

    #[test]
    fn the_persons_language_comes_first() {
        assert_eq!(names(Locale::Fr, "Arraché", "Snatch"), ("Arraché".to_owned(), "Snatch".to_owned()));
        assert_eq!(names(Locale::En, "Arraché", "Snatch").0, "Snatch");
    }
}
