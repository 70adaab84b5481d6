//! The load of one prescribed set, from plain inputs: the server computes planned sessions
//! with it and the web app previews a workout for an athlete with the very same rules.

use crate::{Grams, Load, Percent, PlateInventory, Rounding, load_exactly, prescribe};

/// How heavy a set is prescribed, with the athlete's maximum already looked up. `Lift` is the
/// caller's name for a reference lift (the server's enum, the app's string), handed back when
/// the maximum is missing.
#[derive(Clone, Debug, PartialEq)]
pub enum SetIntensity<Lift> {
    /// A percentage (or range `min`–`max`) of the maximum of `of`; `maximum` is the athlete's
    /// maximum of that lift, `None` when they have none.
    Percent { min: f64, max: f64, of: Lift, maximum: Option<Grams> },
    /// A fixed load in kilograms.
    Kilograms(f64),
    /// RPE or free: nothing for the engine to compute.
    AthleteChooses,
}

/// The load of one prescribed set.
#[derive(Clone, Debug, PartialEq)]
pub enum SetLoad<Lift> {
    /// A percentage (range) of a maximum: the low end, and the high end of a range.
    FromPercent { low: Load, high: Option<Load> },
    /// A fixed load, and whether the plates build it.
    Fixed(Load),
    /// The athlete has no maximum (of the workout's basis) for the lift the percentage refers to.
    NoMaximum(Lift),
    /// RPE or free: the athlete chooses.
    AthleteChooses,
}

/// The load of one set on this inventory: a percentage is rounded as the club wants, a fixed
/// load is built exactly or flagged. A percentage or load the engine cannot take (0 %, a
/// negative weight) leaves the choice to the athlete rather than inventing a load.
pub fn set_load<Lift>(intensity: SetIntensity<Lift>, inventory: &PlateInventory, rounding: Rounding) -> SetLoad<Lift> {
    match intensity {
        SetIntensity::Percent { min, max, of, maximum } => {
            let Some(maximum) = maximum else { return SetLoad::NoMaximum(of) };
            let at = |p: f64| Percent::new(p).ok().map(|p| prescribe(maximum, p, inventory, rounding));
            match at(min) {
                Some(low) => SetLoad::FromPercent { low, high: if max > min { at(max) } else { None } },
                None => SetLoad::AthleteChooses,
            }
        }
        // A fixed load is the coach's exact choice: built as it is, or flagged.
        SetIntensity::Kilograms(kg) => match Grams::from_kg(kg) {
            Some(load) => SetLoad::Fixed(load_exactly(load, inventory)),
            None => SetLoad::AthleteChooses,
        },
        SetIntensity::AthleteChooses => SetLoad::AthleteChooses,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Unloadable;

    fn men() -> PlateInventory {
        PlateInventory::competition(Grams(20_000))
    }

    fn percent(min: f64, max: f64, maximum: Option<u32>) -> SetIntensity<&'static str> {
        SetIntensity::Percent { min, max, of: "snatch", maximum: maximum.map(Grams) }
    }

    fn load_of(load: &Load) -> Option<Grams> {
        match load {
            Load::Loaded { load, .. } => Some(*load),
            Load::CannotBeLoaded { .. } => None,
        }
    }

    #[test]
    fn a_percentage_range_gives_its_low_and_high_loads() {
        // 75–80 % of 120 kg: 90 and 96 kg.
        match set_load(percent(75.0, 80.0, Some(120_000)), &men(), Rounding::Nearest) {
            SetLoad::FromPercent { low, high: Some(high) } => {
                assert_eq!(load_of(&low), Some(Grams(90_000)));
                assert_eq!(load_of(&high), Some(Grams(96_000)));
            }
            other => panic!("expected a range, got {other:?}"),
        }
        // A single percentage has no high end.
        assert!(matches!(
            set_load(percent(80.0, 80.0, Some(120_000)), &men(), Rounding::Nearest),
            SetLoad::FromPercent { high: None, .. }
        ));
    }

    #[test]
    fn a_missing_maximum_names_its_lift() {
        assert_eq!(set_load(percent(80.0, 80.0, None), &men(), Rounding::Nearest), SetLoad::NoMaximum("snatch"));
    }

    #[test]
    fn fixed_loads_are_built_exactly_or_flagged() {
        assert!(matches!(
            set_load(SetIntensity::<()>::Kilograms(101.0), &men(), Rounding::Ceil),
            SetLoad::Fixed(Load::Loaded { load: Grams(101_000), .. })
        ));
        assert!(matches!(
            set_load(SetIntensity::<()>::Kilograms(101.5), &men(), Rounding::Nearest),
            SetLoad::Fixed(Load::CannotBeLoaded { reason: Unloadable::MissingPlates, .. })
        ));
    }

    #[test]
    fn what_the_engine_cannot_take_is_left_to_the_athlete() {
        assert_eq!(set_load(percent(0.0, 0.0, Some(100_000)), &men(), Rounding::Nearest), SetLoad::AthleteChooses);
        assert_eq!(set_load(SetIntensity::<()>::Kilograms(-5.0), &men(), Rounding::Nearest), SetLoad::AthleteChooses);
        assert_eq!(set_load(SetIntensity::<()>::AthleteChooses, &men(), Rounding::Nearest), SetLoad::AthleteChooses);
    }
}
