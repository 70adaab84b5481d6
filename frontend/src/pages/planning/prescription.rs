//! A planned set as a coach reads it: `3 × 2 @ 75–80 %`, the load the API computed
//! (`82,5 kg`) and the plates on each side (`25 + 5 + 1,25`).

use dropit_kernel::Locale;
use dropit_sdk::types::{IntensityBody, IntensityKind, SetBody, SetLoadBody};

use crate::format::{kg, number};

/// `75 %` (French) or `75%`, `75–80 %` for a range.
pub fn percent(min: f64, max: Option<f64>, locale: Locale) -> String {
    let sign = match locale {
        Locale::Fr => " %",
        Locale::En => "%",
    };
    format!("{}{sign}", range(min, max, locale))
}

/// `7` or `7–8`; a top equal to the bottom is not a range.
pub fn range(min: f64, max: Option<f64>, locale: Locale) -> String {
    match max.filter(|max| (max - min).abs() > f64::EPSILON) {
        Some(max) => format!("{}–{}", number(min, locale), number(max, locale)),
        None => number(min, locale),
    }
}

/// The intensity without the lift's name (the caller adds it in the person's language):
/// `None` when the athlete chooses.
pub fn intensity(intensity: &IntensityBody, locale: Locale) -> Option<String> {
    match intensity.kind {
        IntensityKind::Percent => intensity.min.map(|min| percent(min, intensity.max, locale)),
        IntensityKind::Kg => intensity.kg.or(intensity.min).map(|value| kg(value, locale)),
        IntensityKind::Rpe => intensity.min.map(|min| format!("RPE {}", range(min, intensity.max, locale))),
        IntensityKind::Free => None,
    }
}

/// What to lift: `82,5 kg`, or `82,5–87,5 kg` for a percentage range; `None` when the API
/// could not compute it (its `problem` says why).
pub fn load(set: &SetLoadBody, locale: Locale) -> Option<String> {
    let low = set.load_kg?;
    Some(match set.high_load_kg.filter(|high| (high - low).abs() > f64::EPSILON) {
        Some(high) => format!("{}–{}", number(low, locale), kg(high, locale)),
        None => kg(low, locale),
    })
}

/// The plates for one side, heaviest first: `25 + 5 + 1,25`.
pub fn per_side(plates: &[f64], locale: Locale) -> String {
    plates.iter().map(|p| number(*p, locale)).collect::<Vec<_>>().join(" + ")
}

/// Consecutive sets that read the same (same reps, intensity and load), as
/// `(first set's index, how many)`, so five identical sets read `5 × 3` once.
pub fn runs(sets: &[SetBody], loads: Option<&[SetLoadBody]>) -> Vec<(usize, usize)> {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    for (i, set) in sets.iter().enumerate() {
        let same = runs
            .last()
            .is_some_and(|(first, _)| sets[*first] == *set && loads.map(|l| l.get(*first) == l.get(i)).unwrap_or(true));
        match runs.last_mut() {
            Some((_, count)) if same => *count += 1,
            _ => runs.push((i, 1)),
        }
    }
    runs
}

#[cfg(test)]
mod tests {
    use dropit_sdk::types::IntensityKind;

    use super::*;

    fn set(reps: u32, kind: IntensityKind, min: Option<f64>, max: Option<f64>) -> SetBody {
        SetBody { reps, intensity: IntensityBody { kind, min, max, of: Some("snatch".into()), kg: None } }
    }

    fn loaded(kg: f64) -> SetLoadBody {
        SetLoadBody { load_kg: Some(kg), target_kg: Some(kg), per_side_kg: vec![], high_load_kg: None, problem: None }
    }

    #[test]
    fn intensities_read_like_a_coach_writes_them() {
        let p = set(2, IntensityKind::Percent, Some(75.0), Some(80.0));
        assert_eq!(intensity(&p.intensity, Locale::Fr).as_deref(), Some("75–80 %"));
        let p = set(2, IntensityKind::Percent, Some(72.5), Some(72.5));
        assert_eq!(intensity(&p.intensity, Locale::En).as_deref(), Some("72.5%"));
        let r = set(3, IntensityKind::Rpe, Some(8.0), None);
        assert_eq!(intensity(&r.intensity, Locale::En).as_deref(), Some("RPE 8"));
        let mut k = set(3, IntensityKind::Kg, None, None);
        k.intensity.kg = Some(102.5);
        assert_eq!(intensity(&k.intensity, Locale::Fr).as_deref(), Some("102,5 kg"));
        assert_eq!(intensity(&set(3, IntensityKind::Free, None, None).intensity, Locale::Fr), None);
    }

    #[test]
    fn loads_and_plates_read_naturally() {
        let mut l = loaded(82.5);
        assert_eq!(load(&l, Locale::Fr).as_deref(), Some("82,5 kg"));
        l.high_load_kg = Some(87.5);
        assert_eq!(load(&l, Locale::En).as_deref(), Some("82.5–87.5 kg"));
        l.load_kg = None;
        assert_eq!(load(&l, Locale::En), None);
        assert_eq!(per_side(&[25.0, 5.0, 1.25], Locale::Fr), "25 + 5 + 1,25");
    }

    #[test]
    fn identical_sets_in_a_row_are_one_run() {
        let a = set(2, IntensityKind::Percent, Some(75.0), None);
        let b = set(1, IntensityKind::Percent, Some(85.0), None);
        let sets = vec![a.clone(), a.clone(), b.clone(), a.clone()];
        assert_eq!(runs(&sets, None), vec![(0, 2), (2, 1), (3, 1)]);
        // The same prescription with different computed loads stays apart.
        let loads = vec![loaded(80.0), loaded(82.5), loaded(90.0), loaded(80.0)];
        assert_eq!(runs(&sets, Some(&loads)), vec![(0, 1), (1, 1), (2, 1), (3, 1)]);
        assert!(runs(&[], None).is_empty());
    }
}
