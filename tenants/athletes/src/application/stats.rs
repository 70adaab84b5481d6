//! Statistics of an athlete or a group: the stored sessions reduced to facts for the pure
//! computation in `domain::stats`.

use std::{collections::HashMap, sync::Arc};

use chrono::NaiveDate;
use dropit_tenancy::ClubCtx;
use dropit_training::{
    application::{
        CatalogueError, ExerciseCatalogue, ExerciseFilter, LoadSettings, LoadSetup, LogStore, Planning, SetLoad,
        session_loads,
    },
    domain::{
        exercise::ReferenceLift,
        load::{Grams, Load},
        workout::Intensity,
    },
};
use uuid::Uuid;

use super::{AthleteData, AthleteStore, StoreError};
use crate::domain::stats::{CompetitionLift, Figures, SessionRef, SetFact, Statistics, figures, statistics};

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
    planning: Arc<dyn Planning>,
    logs: Arc<dyn LogStore>,
    loads: Arc<dyn LoadSettings>,
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
        planning: Arc<dyn Planning>,
        logs: Arc<dyn LogStore>,
        loads: Arc<dyn LoadSettings>,
    ) -> Self {
        Self { athletes, data, catalogue, planning, logs, loads }
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
        // Five independent reads, side by side.
        let (exercises, zones, setups, planned, logs) = tokio::try_join!(
            self.exercises(ctx),
            async { Ok::<_, StatsError>(self.data.zones(ctx).await?) },
            async { Ok::<_, StatsError>(self.loads.setups(ctx, &athletes).await?) },
            async { Ok::<_, StatsError>(self.planning.between(ctx, from, to, Some(&athletes)).await?) },
            async { Ok::<_, StatsError>(self.logs.between(ctx, from, to, Some(&athletes)).await?) },
        )?;
        let empty = LoadSetup {
            inventory: dropit_training::domain::load::PlateInventory::competition(Grams(20_000)),
            rounding: dropit_training::domain::load::Rounding::Nearest,
            maxima: HashMap::new(),
        };
        let facts_of = |exercise: &Uuid| exercises.get(exercise).copied();

        let mut planned_sessions = Vec::new();
        let mut planned_facts = Vec::new();
        for session in planned.iter().filter(|s| !s.cancelled) {
            planned_sessions.push(SessionRef {
                id: session.id,
                athlete: session.athlete_id,
                date: session.date,
                planned: None,
            });
            let setup = setups.get(&session.athlete_id).unwrap_or(&empty);
            for (line, loads) in session.lines.iter().zip(session_loads(session, setup)) {
                let first = line.parts.first().and_then(|p| facts_of(&p.exercise_id));
                let per_round: u32 = line.parts.iter().map(|p| p.reps).sum::<u32>().max(1);
                for (set, load) in line.sets.iter().zip(loads) {
                    let (load, reference) = match (load, set.intensity) {
                        (
                            SetLoad::FromPercent { low: Load::Loaded { load, .. }, .. },
                            Intensity::Percent { of, .. },
                        ) => (load, Some(of)),
                        (SetLoad::Fixed(Load::Loaded { load, .. }), _) => (load, first.and_then(|f| f.reference)),
                        // Without a load (RPE, free, no maximum, cannot be loaded), a set
                        // counts in no planned figure.
                        _ => continue,
                    };
                    planned_facts.push(SetFact {
                        athlete: session.athlete_id,
                        session: session.id,
                        date: session.date,
                        lifts: set.reps * per_round,
                        load,
                        made: true,
                        max: reference.and_then(|r| setup.maxima.get(&r).copied()),
                        lift: first.and_then(|f| f.lift).filter(|_| line.parts.len() == 1),
                    });
                }
            }
        }

        let mut log_refs = Vec::new();
        let mut done_facts = Vec::new();
        for log in &logs {
            log_refs.push(SessionRef {
                id: log.id,
                athlete: log.athlete_id,
                date: log.performed_on,
                planned: log.planned_session_id,
            });
            let setup = setups.get(&log.athlete_id).unwrap_or(&empty);
            for set in &log.sets {
                let first = set.parts.first().map_or(set.exercise_id, |p| p.exercise_id);
                let facts = facts_of(&first);
                done_facts.push(SetFact {
                    athlete: log.athlete_id,
                    session: log.id,
                    date: log.performed_on,
                    lifts: set.lifts(),
                    load: set.load,
                    made: set.made,
                    max: facts.and_then(|f| f.reference).and_then(|r| setup.maxima.get(&r).copied()),
                    lift: facts.and_then(|f| f.lift).filter(|_| set.parts.is_empty()),
                });
            }
        }

        let per_athlete = match scope {
            StatsScope::Athlete(_) => Vec::new(),
            StatsScope::Group(_) => athletes
                .iter()
                .map(|a| (*a, figures(done_facts.iter().filter(|f| f.athlete == *a), &zones, 1)))
                .collect(),
        };
        let statistics = statistics(crate::domain::stats::Inputs {
            from,
            to,
            athletes: athletes.len(),
            zones: &zones,
            planned_sessions: &planned_sessions,
            logs: &log_refs,
            planned: &planned_facts,
            done: &done_facts,
        });
        Ok(Report { athletes, statistics, per_athlete })
    }
}
