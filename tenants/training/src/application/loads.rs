//! Loads for an athlete's planned sessions: every percentage turned into kilograms on the
//! club's bar, from the athlete's reference maxima.

use std::collections::HashMap;

use async_trait::async_trait;
use dropit_tenancy::ClubCtx;
use uuid::Uuid;

use super::{CatalogueError, PlannedSession};
use crate::domain::{
    exercise::ReferenceLift,
    load::{Grams, PlateInventory, Rounding, SetIntensity, set_load},
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

/// The load of one prescribed set; the engine hands back the missing maximum's lift.
pub type SetLoad = crate::domain::load::SetLoad<ReferenceLift>;

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
                .map(|set| {
                    let intensity = match set.intensity {
                        Intensity::Percent { min, max, of } => {
                            SetIntensity::Percent { min, max, of, maximum: maxima.get(&of).copied() }
                        }
                        Intensity::Kilograms(kg) => SetIntensity::Kilograms(kg),
                        Intensity::Rpe { .. } | Intensity::Free => SetIntensity::AthleteChooses,
                    };
                    set_load(intensity, &setup.inventory, setup.rounding)
                })
                .collect()
        })
        .collect()
}
