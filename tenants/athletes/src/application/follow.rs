//! What follows a new session log: a record for each exercise whose heaviest made single beats
//! the athlete's record, and a line in the coach's activity feed.

use std::{collections::HashMap, sync::Arc};

use async_trait::async_trait;
use dropit_tenancy::ClubCtx;
use dropit_training::{application::LogFollower, domain::log::SessionLog};

use super::{AthleteData, NewRecord, StoreError};
use crate::domain::records::Source;

#[derive(Clone)]
pub struct RecordKeeper {
    data: Arc<dyn AthleteData>,
}

impl RecordKeeper {
    pub fn new(data: Arc<dyn AthleteData>) -> Self {
        Self { data }
    }

    /// The records the log sets, once.
    pub async fn follow(&self, ctx: &ClubCtx, log: &SessionLog) -> Result<Vec<NewRecord>, StoreError> {
        let mut heaviest = HashMap::new();
        for set in log.sets.iter().filter(|s| s.made && s.reps == 1 && s.parts.is_empty() && s.load.0 >= 1_000) {
            let best = heaviest.entry(set.exercise_id).or_insert(set.load);
            if set.load.0 > best.0 {
                *best = set.load;
            }
        }
        let exercises: Vec<_> = heaviest.keys().copied().collect();
        let records: HashMap<_, _> =
            self.data.best_records(ctx, log.athlete_id, &exercises).await?.into_iter().collect();
        let mut kept = Vec::new();
        for (exercise_id, load) in heaviest {
            if records.get(&exercise_id).is_some_and(|record| record.0 >= load.0) {
                continue;
            }
            let record = NewRecord {
                athlete_id: log.athlete_id,
                exercise_id,
                load,
                date: log.performed_on,
                source: Source::Training,
                source_id: Some(log.id),
                note: String::new(),
            };
            if self.data.add_record(ctx, &record).await?.is_some() {
                kept.push(record);
            }
        }
        let details = serde_json::json!({
            "performed_on": log.performed_on.to_string(),
            "sets": log.sets.len(),
            "tonnage_kg": log.tonnage_kg(),
            "records": kept.len(),
        });
        self.data.note_activity(ctx, log.athlete_id, "log", Some(log.id), details).await?;
        Ok(kept)
    }
}

#[async_trait]
impl LogFollower for RecordKeeper {
    async fn logged(&self, ctx: &ClubCtx, log: &SessionLog) {
        if let Err(error) = self.follow(ctx, log).await {
            tracing::error!(%error, log = %log.id, "records of a new log were not kept");
        }
    }
}
