//! Loads computed in the browser with the server's own engine (`dropit-loads`): the SDK's
//! club loading, athlete and maxima become the engine's inputs, so a preview shows exactly
//! what the athlete's planned session will say.

use std::collections::HashMap;

use dropit_loads::{Grams, PlateInventory, PlateStock, Rounding, SetIntensity, set_load};
use dropit_sdk::types;

pub use dropit_loads::{Load, SetLoad, Unloadable};

/// What one athlete's loads are computed from, as the server's `LoadSetup`.
#[derive(Clone, Debug, PartialEq)]
pub struct LoadSetup {
    inventory: PlateInventory,
    rounding: Rounding,
    one_rep_max: HashMap<String, Grams>,
    training_max: HashMap<String, Grams>,
}

impl LoadSetup {
    /// The club's plates on the athlete's own bar when they have one (as the server does),
    /// and their maxima. `None` when the club's inventory cannot load a bar.
    pub fn new(
        loading: &types::LoadingBody,
        athlete_bar_kg: Option<f64>,
        maxima: &[types::MaximumBody],
    ) -> Option<Self> {
        let bar = Grams::from_kg(athlete_bar_kg.unwrap_or(loading.bar_kg))?;
        let collar = Grams::from_kg(loading.collar_kg)?;
        let plates = loading
            .plates
            .iter()
            .map(|p| Some(PlateStock { weight: Grams::from_kg(p.kg)?, count: p.count }))
            .collect::<Option<Vec<_>>>()?;
        let inventory = PlateInventory::new(bar, collar, plates).ok()?;
        let rounding = match loading.rounding {
            types::RoundingName::Nearest => Rounding::Nearest,
            types::RoundingName::Floor => Rounding::Floor,
            types::RoundingName::Ceil => Rounding::Ceil,
        };
        let (mut one_rep_max, mut training_max) = (HashMap::new(), HashMap::new());
        for maximum in maxima {
            if let Some(grams) = Grams::from_kg(maximum.kg) {
                let kind = match maximum.kind {
                    types::BasisName::OneRepMax => &mut one_rep_max,
                    types::BasisName::TrainingMax => &mut training_max,
                };
                kind.insert(maximum.lift.clone(), grams);
            }
        }
        Some(Self { inventory, rounding, one_rep_max, training_max })
    }

    /// The athlete's maximum of `lift` on `basis`, in kilograms.
    pub fn maximum(&self, lift: &str, basis: types::BasisName) -> Option<f64> {
        self.maxima(basis).get(lift).map(|g| g.kg())
    }

    fn maxima(&self, basis: types::BasisName) -> &HashMap<String, Grams> {
        match basis {
            types::BasisName::OneRepMax => &self.one_rep_max,
            types::BasisName::TrainingMax => &self.training_max,
        }
    }

    /// The loads of every set of some lines, in the API's shape: what a planned session would
    /// carry for this athlete.
    pub fn line_loads(&self, lines: &[types::LineBody], basis: types::BasisName) -> Vec<types::LineLoadsBody> {
        lines
            .iter()
            .map(|line| types::LineLoadsBody {
                sets: line.sets.iter().map(|set| body(self.set(&set.intensity, basis))).collect(),
            })
            .collect()
    }

    /// The load of one set of a workout whose percentages are of `basis` maxima; the
    /// engine names the lift whose maximum is missing.
    pub fn set(&self, intensity: &types::IntensityBody, basis: types::BasisName) -> SetLoad<String> {
        let input = match intensity.kind {
            types::IntensityKind::Percent => match (intensity.min, &intensity.of) {
                (Some(min), Some(of)) => SetIntensity::Percent {
                    min,
                    // An absent top is the single value, as the API reads it.
                    max: intensity.max.unwrap_or(min),
                    of: of.clone(),
                    maximum: self.maxima(basis).get(of).copied(),
                },
                _ => SetIntensity::AthleteChooses,
            },
            types::IntensityKind::Kg => match intensity.kg {
                Some(kg) => SetIntensity::Kilograms(kg),
                None => SetIntensity::AthleteChooses,
            },
            types::IntensityKind::Rpe | types::IntensityKind::Free => SetIntensity::AthleteChooses,
        };
        set_load(input, &self.inventory, self.rounding)
    }
}

/// A set's load as the API writes it.
pub fn body(load: SetLoad<String>) -> types::SetLoadBody {
    let empty = || types::SetLoadBody {
        target_kg: None,
        load_kg: None,
        per_side_kg: Vec::new(),
        high_load_kg: None,
        problem: None,
    };
    let from = |load: Load| match load {
        Load::Loaded { target, load, per_side } => types::SetLoadBody {
            target_kg: Some(target),
            load_kg: Some(load.kg()),
            per_side_kg: per_side.into_iter().map(Grams::kg).collect(),
            ..empty()
        },
        Load::CannotBeLoaded { target, reason, .. } => {
            types::SetLoadBody { target_kg: Some(target), problem: Some(reason.code().to_owned()), ..empty() }
        }
    };
    match load {
        SetLoad::FromPercent { low, high } => {
            let high_load_kg = match high {
                Some(Load::Loaded { load, .. }) => Some(load.kg()),
                _ => None,
            };
            types::SetLoadBody { high_load_kg, ..from(low) }
        }
        SetLoad::Fixed(load) => from(load),
        SetLoad::NoMaximum(_) => types::SetLoadBody { problem: Some("no_maximum".to_owned()), ..empty() },
        SetLoad::AthleteChooses => types::SetLoadBody { problem: Some("athlete_chooses".to_owned()), ..empty() },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn competition(bar_kg: f64) -> types::LoadingBody {
        let plates = [25.0, 20.0, 15.0, 10.0, 5.0, 2.5, 2.0, 1.5, 1.0, 0.5]
            .into_iter()
            .map(|kg| types::PlateBody { kg, count: if kg >= 10.0 { 16 } else { 4 } })
            .collect();
        types::LoadingBody { bar_kg, collar_kg: 2.5, plates, rounding: types::RoundingName::Nearest }
    }

    fn maximum(lift: &str, kg: f64, kind: types::BasisName) -> types::MaximumBody {
        types::MaximumBody { kg, kind, lift: lift.into() }
    }

    fn percent(min: f64, max: Option<f64>, of: &str) -> types::IntensityBody {
        types::IntensityBody { kg: None, kind: types::IntensityKind::Percent, max, min: Some(min), of: Some(of.into()) }
    }

    fn loaded(load: &Load) -> (f64, Vec<f64>) {
        match load {
            Load::Loaded { load, per_side, .. } => (load.kg(), per_side.iter().map(|g| g.kg()).collect()),
            other => panic!("expected a load, got {other:?}"),
        }
    }

    #[test]
    fn eighty_percent_of_the_snatch_is_what_the_server_prescribes() {
        let maxima = [maximum("snatch", 120.0, types::BasisName::OneRepMax)];
        let setup = LoadSetup::new(&competition(20.0), None, &maxima).expect("setup");
        match setup.set(&percent(80.0, None, "snatch"), types::BasisName::OneRepMax) {
            SetLoad::FromPercent { low, high: None } => assert_eq!(loaded(&low), (96.0, vec![25.0, 10.0, 0.5])),
            other => panic!("expected a load, got {other:?}"),
        }
        // The training maximum basis has no snatch maximum here.
        assert_eq!(
            setup.set(&percent(80.0, None, "snatch"), types::BasisName::TrainingMax),
            SetLoad::NoMaximum("snatch".to_owned())
        );
    }

    #[test]
    fn an_athletes_own_bar_replaces_the_clubs() {
        // 75 % of a 142 kg clean & jerk on a 15 kg bar: 107 kg, 25 + 15 + 2.5 + 1 a side.
        let maxima = [maximum("clean_and_jerk", 142.0, types::BasisName::TrainingMax)];
        let setup = LoadSetup::new(&competition(20.0), Some(15.0), &maxima).expect("setup");
        match setup.set(&percent(75.0, Some(80.0), "clean_and_jerk"), types::BasisName::TrainingMax) {
            SetLoad::FromPercent { low, high: Some(high) } => {
                assert_eq!(loaded(&low), (107.0, vec![25.0, 15.0, 2.5, 1.0]));
                assert_eq!(loaded(&high).0, 114.0);
            }
            other => panic!("expected a range, got {other:?}"),
        }
        assert_eq!(setup.maximum("clean_and_jerk", types::BasisName::TrainingMax), Some(142.0));
    }

    #[test]
    fn fixed_loads_and_free_sets() {
        let setup = LoadSetup::new(&competition(20.0), None, &[]).expect("setup");
        let kg =
            |kg| types::IntensityBody { kg: Some(kg), kind: types::IntensityKind::Kg, max: None, min: None, of: None };
        assert!(matches!(
            setup.set(&kg(101.5), types::BasisName::OneRepMax),
            SetLoad::Fixed(Load::CannotBeLoaded { reason: Unloadable::MissingPlates, .. })
        ));
        let free = types::IntensityBody { kind: types::IntensityKind::Free, ..kg(0.0) };
        assert_eq!(setup.set(&free, types::BasisName::OneRepMax), SetLoad::AthleteChooses);
    }

    #[test]
    fn a_club_without_plates_has_no_setup() {
        let mut loading = competition(20.0);
        loading.plates.clear();
        assert!(LoadSetup::new(&loading, None, &[]).is_none());
    }
}
