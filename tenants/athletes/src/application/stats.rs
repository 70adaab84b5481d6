//! Statistics of an athlete or a group: the stored sessions reduced to facts for the pure
//! computation in `domain::stats`.

use std::{collections::HashMap, sync::Arc};

use chrono::NaiveDate;
use dropit_tenancy::ClubCtx;
use dropit_training::{
    application::{CatalogueError, ExerciseCatalogue, ExerciseFilter, LoadSettings, LoadSetup, SetLoad, line_loads},
    domain::{
        exercise::ReferenceLift,
        load::{Grams, Load},
        workout::{Basis, Intensity, WorkoutLine},
    },
};
use uuid::Uuid;

use super::{AthleteData, AthleteStore, StatsSource, StoreError};
use crate::domain::stats::{CompetitionLift, Figures, Partial, SessionSums, SetFact, Statistics, Zones, statistics};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StatsScope {
    Athlete(Uuid),
    Group(Uuid),
}

#[derive(Debug, thiserror::Error)]
pub enum StatsError {
    #[error("no such athlete or group")]
    NotFound,
    #[error("{0}")]
    Unavailable(String),
}

impl From<StoreError> for StatsError {
    fn from(error: StoreError) -> Self {
        StatsError::Unavailable(error.0)
    }
}

impl From<CatalogueError> for StatsError {
    fn from(error: CatalogueError) -> Self {
        StatsError::Unavailable(error.0)
    }
}

#[derive(Clone)]
pub struct StatsService {
    athletes: Arc<dyn AthleteStore>,
    data: Arc<dyn AthleteData>,
    catalogue: Arc<dyn ExerciseCatalogue>,
    loads: Arc<dyn LoadSettings>,
    source: Arc<dyn StatsSource>,
}

/// What statistics need to know of an exercise.
#[derive(Clone, Copy)]
struct ExerciseFacts {
    reference: Option<ReferenceLift>,
    lift: Option<CompetitionLift>,
}

/// Statistics, and each athlete's own figures when a group is counted.
#[derive(Clone, Debug)]
pub struct Report {
    pub athletes: Vec<Uuid>,
    pub statistics: Statistics,
    pub per_athlete: Vec<(Uuid, Figures)>,
}

impl StatsService {
    pub fn new(
        athletes: Arc<dyn AthleteStore>,
        data: Arc<dyn AthleteData>,
        catalogue: Arc<dyn ExerciseCatalogue>,
        loads: Arc<dyn LoadSettings>,
        source: Arc<dyn StatsSource>,
    ) -> Self {
        Self { athletes, data, catalogue, loads, source }
    }

    async fn exercises(&self, ctx: &ClubCtx) -> Result<HashMap<Uuid, ExerciseFacts>, StatsError> {
        let filter = ExerciseFilter { include_archived: true, ..ExerciseFilter::default() };
        let catalogue = self.catalogue.list(ctx, &filter, 0, 100_000).await?;
        let (snatch, clean_and_jerk) = self.data.competition_exercises(ctx).await?;
        Ok(catalogue
            .items
            .into_iter()
            .map(|e| {
                let lift = if Some(e.id) == snatch {
                    Some(CompetitionLift::Snatch)
                } else if Some(e.id) == clean_and_jerk {
                    Some(CompetitionLift::CleanAndJerk)
                } else {
                    None
                };
                (e.id, ExerciseFacts { reference: e.reference_lift, lift })
            })
            .collect())
    }

    pub async fn report(
        &self,
        ctx: &ClubCtx,
        scope: StatsScope,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Report, StatsError> {
        let athletes = match scope {
            StatsScope::Athlete(id) => {
                self.athletes.get(ctx, id).await?.ok_or(StatsError::NotFound)?;
                vec![id]
            }
            StatsScope::Group(id) => self.athletes.group_members(ctx, id).await?.ok_or(StatsError::NotFound)?,
        };
        let zones = self.data.zones(ctx).await?;
        // Four independent reads, side by side.
        let (exercises, setups, planned, logs) = tokio::try_join!(
            self.exercises(ctx),
            async { Ok::<_, StatsError>(self.loads.setups(ctx, &athletes).await?) },
            async { Ok::<_, StatsError>(self.source.planned(ctx, &athletes, from, to).await?) },
            async { Ok::<_, StatsError>(self.source.logged(ctx, &athletes, from, to).await?) },
        )?;
        let empty = LoadSetup {
            inventory: dropit_training::domain::load::PlateInventory::competition(Grams(20_000)),
            rounding: dropit_training::domain::load::Rounding::Nearest,
            maxima: HashMap::new(),
            training_maxima: HashMap::new(),
        };

        // Sessions copied from one workout have the same lines: each athlete's sums of a set
        // of lines are computed once.
        let mut planned_sums: HashMap<(Uuid, &str, Basis), Partial> = HashMap::new();
        let mut planned_sessions = Vec::with_capacity(planned.sessions.len());
        for row in &planned.sessions {
            let sums = planned_sums.entry((row.athlete, row.digest.as_str(), row.basis)).or_insert_with(|| {
                let lines = planned.lines.get(&row.digest).map(Vec::as_slice).unwrap_or_default();
                let setup = setups.get(&row.athlete).unwrap_or(&empty);
                planned_partial(lines, row.basis, setup, &exercises, &zones)
            });
            planned_sessions.push(SessionSums {
                id: row.id,
                athlete: row.athlete,
                date: row.date,
                planned: None,
                sums: sums.clone(),
            });
        }

        let logs: Vec<SessionSums> = logs
            .into_iter()
            .map(|log| {
                let setup = setups.get(&log.athlete).unwrap_or(&empty);
                let mut sums = Partial::default();
                for set in &log.sets {
                    let facts = exercises.get(&set.exercise_id).copied();
                    let fact = SetFact {
                        lifts: set.lifts,
                        load: Grams(set.grams),
                        made: set.made,
                        max: facts.and_then(|f| f.reference).and_then(|r| setup.maxima.get(&r).copied()),
                        lift: facts.and_then(|f| f.lift).filter(|_| !set.complex),
                    };
                    sums.add(&fact, &zones);
                }
                SessionSums { id: log.id, athlete: log.athlete, date: log.date, planned: log.planned, sums }
            })
            .collect();
        let per_athlete = match scope {
            StatsScope::Athlete(_) => Vec::new(),
            StatsScope::Group(_) => {
                let mut by_athlete: HashMap<Uuid, Partial> = HashMap::new();
                for log in &logs {
                    by_athlete.entry(log.athlete).or_default().merge(&log.sums);
                }
                athletes.iter().map(|a| (*a, by_athlete.remove(a).unwrap_or_default().figures(&zones, 1))).collect()
            }
        };
        let statistics = statistics(crate::domain::stats::Inputs {
            from,
            to,
            athletes: athletes.len(),
            zones: &zones,
            planned: &planned_sessions,
            logs: &logs,
        });
        Ok(Report { athletes, statistics, per_athlete })
    }
}

/// The sums of a planned session's lines for one athlete: every set whose load the engine
/// finds (a percentage of a maximum of the session's basis, or kg); relative intensity is
/// always against the 1RM of the lift the percentage refers to.
fn planned_partial(
    lines: &[WorkoutLine],
    basis: Basis,
    setup: &LoadSetup,
    exercises: &HashMap<Uuid, ExerciseFacts>,
    zones: &Zones,
) -> Partial {
    let mut sums = Partial::default();
    for (line, loads) in lines.iter().zip(line_loads(lines, basis, setup)) {
        let first = line.parts.first().and_then(|p| exercises.get(&p.exercise_id).copied());
        let per_round: u32 = line.parts.iter().map(|p| p.reps).sum::<u32>().max(1);
        for (set, load) in line.sets.iter().zip(loads) {
            let (load, reference) = match (load, set.intensity) {
                (SetLoad::FromPercent { low: Load::Loaded { load, .. }, .. }, Intensity::Percent { of, .. }) => {
                    (load, Some(of))
                }
                (SetLoad::Fixed(Load::Loaded { load, .. }), _) => (load, first.and_then(|f| f.reference)),
                // Without a load (RPE, free, no maximum, cannot be loaded), a set counts in no
                // planned figure.
                _ => continue,
            };
            let fact = SetFact {
                lifts: set.reps * per_round,
                load,
                made: true,
                max: reference.and_then(|r| setup.maxima.get(&r).copied()),
                lift: first.and_then(|f| f.lift).filter(|_| line.parts.len() == 1),
            };
            sums.add(&fact, zones);
        }
    }
    sums
}
