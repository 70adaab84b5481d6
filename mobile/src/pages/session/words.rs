//! A set's prescription and load in words.

use dropit_kernel::Locale;
use dropit_sdk::types;
use dropit_ui::format;

use crate::state::t;

/// The reference lift's name.
pub fn lift(key: &str) -> &'static str {
    match key {
        "snatch" => t("mobile.lift.snatch"),
        "clean" => t("mobile.lift.clean"),
        "jerk" => t("mobile.lift.jerk"),
        "clean_and_jerk" => t("mobile.lift.clean_and_jerk"),
        "back_squat" => t("mobile.lift.back_squat"),
        "front_squat" => t("mobile.lift.front_squat"),
        _ => t("mobile.lift.other"),
    }
}

fn range(min: Option<f64>, max: Option<f64>, locale: Locale) -> String {
    match (min, max) {
        (Some(min), Some(max)) if max != min => {
            format!("{}–{}", format::number(min, locale), format::number(max, locale))
        }
        (Some(min), _) => format::number(min, locale),
        _ => String::new(),
    }
}

/// `2 reps · 80 % snatch`, `1 rep · 100 kg`, `3 reps · RPE 8`.
pub fn prescription(set: &types::SetBody, locale: Locale) -> String {
    let reps = format!("{} {}", set.reps, if set.reps == 1 { t("mobile.rep") } else { t("mobile.reps_unit") });
    let i = &set.intensity;
    let intensity = match i.kind {
        types::IntensityKind::Percent => {
            format!("{} % {}", range(i.min, i.max, locale), i.of.as_deref().map(lift).unwrap_or_default())
        }
        types::IntensityKind::Kg => i.kg.map(|kg| format::kg(kg, locale)).unwrap_or_default(),
        types::IntensityKind::Rpe => format!("RPE {}", range(i.min, i.max, locale)),
        types::IntensityKind::Free => t("mobile.load.athlete_chooses").to_owned(),
    };
    format!("{reps} · {intensity}")
}

/// What to lift: `96 kg`, `96–100 kg`, or why there is no load.
pub fn load(load: &types::SetLoadBody, locale: Locale) -> String {
    match (load.load_kg, load.high_load_kg, load.problem.as_deref()) {
        (Some(low), Some(high), _) if high != low => {
            format!("{}–{}", format::number(low, locale), format::kg(high, locale))
        }
        (Some(kg), _, _) => format::kg(kg, locale),
        (None, _, Some("no_maximum")) => t("mobile.load.no_maximum").to_owned(),
        (None, _, Some("athlete_chooses")) => t("mobile.load.athlete_chooses").to_owned(),
        (None, _, _) => match load.target_kg {
            Some(target) => format!("{} ({})", t("mobile.load.cannot"), format::kg(target, locale)),
            None => t("mobile.load.cannot").to_owned(),
        },
    }
}

/// `2:00` for a rest.
pub fn minutes(seconds: u32) -> String {
    format!("{}:{:02}", seconds / 60, seconds % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rests_read_as_minutes_and_seconds() {
        assert_eq!(minutes(120), "2:00");
        assert_eq!(minutes(95), "1:35");
        assert_eq!(minutes(5), "0:05");
    }
}
