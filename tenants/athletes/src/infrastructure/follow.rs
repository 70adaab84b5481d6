//! What follows a new session log, written in the log's own transaction: a record for each
//! exercise whose heaviest made single beats the athlete's record, and a line in the coach's
//! activity feed.

use async_trait::async_trait;
use dropit_tenancy::infrastructure::ClubTxn;
use dropit_training::{
    application::{CatalogueError, LogFollower},
    domain::log::SessionLog,
};
use sea_orm::DbErr;

use super::data::{add_record_in, best_records_in, note_activity_in};
use crate::{
    application::NewRecord,
    domain::records::{Source, heaviest_singles},
};

#[derive(Clone, Copy, Default)]
pub struct RecordKeeper;

async fn follow(txn: &ClubTxn, log: &SessionLog) -> Result<(), DbErr> {
    let heaviest = heaviest_singles(log);
    let exercises: Vec<_> = heaviest.keys().copied().collect();
    let records: std::collections::HashMap<_, _> =
        best_records_in(txn, log.athlete_id, &exercises).await?.into_iter().collect();
    let mut kept = 0;
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
        if add_record_in(txn, &record).await?.is_some() {
            kept += 1;
        }
    }
    let details = serde_json::json!({
        "performed_on": log.performed_on.to_string(),
        "sets": log.sets.len(),
        "tonnage_kg": log.tonnage_kg(),
        "records": kept,
    });
    note_activity_in(txn, log.athlete_id, "log", Some(log.id), details).await
}

#[async_trait]
impl LogFollower for RecordKeeper {
    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "RecordKeeper.logged"))]
    async fn logged(&self, txn: &ClubTxn, log: &SessionLog) -> Result<(), CatalogueError> {
        follow(txn, log).await.map_err(|error| CatalogueError(error.to_string()))
    }
}
