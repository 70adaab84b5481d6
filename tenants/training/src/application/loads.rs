//! Loads for an athlete's planned sessions: every percentage turned into kilograms on the
//! club's bar, from the athlete's reference maxima.

use std::collections::HashMap;

use async_trait::async_trait;
use dropit_tenancy::ClubCtx;
use uuid::Uuid;

use super::{CatalogueError, PlannedSession};
use crate::domain::{
    exercise::ReferenceLift,
    load::{Grams, Load, Percent, PlateInventory, Rounding, load_exactly, prescribe},
    workout::{Basis, Intensity, WorkoutLine},
};

/// What loads are computed from, for one athlete in one club.
#[derive(Clone, Debug)]
pub struct LoadSetup {
    pub inventory: PlateInventory,
    pub rounding: Rounding,
    /// One-repetition maxima.
    pub maxima: HashMap<ReferenceLift, Grams>,
    /// Training maxima, for workouts based on them.
    pub training_maxima: HashMap<ReferenceLift, Grams>,
}

impl LoadSetup {
    /// The maxima percentages of a workout on this basis are of.
    pub fn maxima_for(&self, basis: Basis) -> &HashMap<ReferenceLift, Grams> {
        match basis {
            Basis::OneRepMax => &self.maxima,
            Basis::TrainingMax => &self.training_maxima,
        }
    }
}

/// How the club loads a bar: its bar, collars, plates and rounding.
#[derive(Clone, Debug, PartialEq)]
pub struct Loading {
    pub bar: Grams,
    pub collar: Grams,
    pub plates: Vec<crate::domain::load::PlateStock>,
    pub rounding: Rounding,
}

/// Port: the club's plates and the athletes' maxima.
#[async_trait]
pub trait LoadSettings: Send + Sync {
    async fn setup(&self, ctx: &ClubCtx, athlete: Uuid) -> Result<LoadSetup, CatalogueError>;
    /// The setups of several athletes at once.
    async fn setups(&self, ctx: &ClubCtx, athletes: &[Uuid]) -> Result<HashMap<Uuid, LoadSetup>, CatalogueError>;
    async fn loading(&self, ctx: &ClubCtx) -> Result<Loading, CatalogueError>;
    async fn set_loading(&self, ctx: &ClubCtx, loading: &Loading) -> Result<(), CatalogueError>;
    async fn set_maximum(
        &self,
        ctx: &ClubCtx,
        athlete: Uuid,
        lift: ReferenceLift,
        basis: Basis,
        max: Grams,
    ) -> Result<(), CatalogueError>;
}

/// The load of one prescribed set.
#[derive(Clone, Debug, PartialEq)]
pub enum SetLoad {
    /// A percentage (range) of a maximum: the low end, and the high end of a range.
    FromPercent { low: Load, high: Option<Load> },
    /// A fixed load, and whether the plates build it.
    Fixed(Load),
    /// The athlete has no maximum (of the workout's basis) for the lift the percentage refers to.
    NoMaximum(ReferenceLift),
    /// RPE or free: the athlete chooses.
    AthleteChooses,
}

/// Loads of every set of every line of a session.
pub fn session_loads(session: &PlannedSession, setup: &LoadSetup) -> Vec<Vec<SetLoad>> {
    line_loads(&session.lines, session.basis, setup)
}

/// Loads of every set of some lines whose percentages are of `basis` maxima.
pub fn line_loads(lines: &[WorkoutLine], basis: Basis, setup: &LoadSetup) -> Vec<Vec<SetLoad>> {
    let maxima = setup.maxima_for(basis);
    lines
        .iter()
        .map(|line| {
            line.sets
                .iter()
                .map(|set| match set.intensity {
                    Intensity::Percent { min, max, of } => match maxima.get(&of) {
                        Some(maximum) => {
                            let at = |p: f64| {
                                Percent::new(p).ok().map(|p| prescribe(*maximum, p, &setup.inventory, setup.rounding))
                            };
                            match at(min) {
                                Some(low) => SetLoad::FromPercent { low, high: if max > min { at(max) } else { None } },
                                None => SetLoad::AthleteChooses,
                            }
                        }
                        None => SetLoad::NoMaximum(of),
                    },
                    Intensity::Kilograms(kg) => match Grams::from_kg(kg) {
                        // A fixed load is the coach's exact choice: built as it is, or flagged.
                        Some(load) => SetLoad::Fixed(load_exactly(load, &setup.inventory)),
                        None => SetLoad::AthleteChooses,
                    },
                    Intensity::Rpe { .. } | Intensity::Free => SetLoad::AthleteChooses,
                })
                .collect()
        })
        .collect()
}
