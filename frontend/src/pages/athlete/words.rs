//! How the athlete pages name what the API sends as codes: lifts, kinds of maximum, sexes,
//! where a record comes from, account states and intensity zones.

use dropit_kernel::Locale;
use dropit_sdk::types::{AthleteBody, SexName};

use crate::{format, state::t};

/// The reference lifts a maximum is set for, as the API names them (`ReferenceLift`).
pub const LIFTS: [&str; 6] = ["snatch", "clean_and_jerk", "clean", "jerk", "back_squat", "front_squat"];

pub fn lift(code: &str) -> &'static str {
    match code {
        "snatch" => t("athletes.lift_snatch"),
        "clean" => t("athletes.lift_clean"),
        "jerk" => t("athletes.lift_jerk"),
        "clean_and_jerk" => t("athletes.lift_clean_and_jerk"),
        "back_squat" => t("athletes.lift_back_squat"),
        "front_squat" => t("athletes.lift_front_squat"),
        _ => t("athletes.lift_other"),
    }
}

pub fn sex(sex: Option<SexName>) -> &'static str {
    match sex {
        Some(SexName::Female) => t("athletes.female"),
        Some(SexName::Male) => t("athletes.male"),
        None => "–",
    }
}

pub fn source(code: &str) -> &'static str {
    match code {
        "tested" => t("athletes.source_tested"),
        "competition" => t("athletes.source_competition"),
        "training" => t("athletes.source_training"),
        _ => t("athletes.source_other"),
    }
}

/// The athlete's account: signs in themselves, invited, or managed by the coach; with the
/// badge class that goes with it.
pub fn account(athlete: &AthleteBody) -> (&'static str, &'static str) {
    if athlete.user_id.is_some() {
        (t("athletes.account_linked"), "badge badge-ok")
    } else if athlete.invited {
        (t("athletes.account_invited"), "badge")
    } else {
        (t("athletes.account_managed"), "badge badge-muted")
    }
}

/// Why there is no weight category.
pub fn category_problem(code: &str) -> &'static str {
    match code {
        "no_sex" => t("athletes.category_no_sex"),
        "no_bodyweight" => t("athletes.category_no_bodyweight"),
        "no_category_set" => t("athletes.category_no_set"),
        _ => t("athletes.category_unknown"),
    }
}

/// A zone of intensity: `< 70 %`, `70–80 %`, `≥ 90 %`.
pub fn zone(from: Option<f64>, to: Option<f64>, locale: Locale) -> String {
    let n = |v: f64| format::number(v, locale);
    match (from, to) {
        (None, Some(to)) => format!("< {} %", n(to)),
        (Some(from), None) => format!("≥ {} %", n(from)),
        (Some(from), Some(to)) => format!("{}–{} %", n(from), n(to)),
        (None, None) => "–".to_owned(),
    }
}

/// A category as the API labels it (`81`, `+109`), in kg.
pub fn category(label: &str) -> String {
    format!("{label} kg")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zones_read_as_ranges() {
        assert_eq!(zone(None, Some(70.0), Locale::En), "< 70 %");
        assert_eq!(zone(Some(70.0), Some(80.0), Locale::Fr), "70–80 %");
        assert_eq!(zone(Some(92.5), None, Locale::Fr), "≥ 92,5 %");
        assert_eq!(category("+109"), "+109 kg");
    }
}
