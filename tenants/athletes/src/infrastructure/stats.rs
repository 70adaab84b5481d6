//! What statistics read: each log's sets as compact binary facts (one row per log, not per
//! set), and planned sessions with a digest of their lines, each distinct set of lines read
//! once.

use std::collections::HashMap;

use async_trait::async_trait;
use chrono::NaiveDate;
use dropit_tenancy::{ClubCtx, infrastructure::begin_club_txn};
use dropit_training::{
    domain::workout::Basis,
    infrastructure::{decode_facts, decode_lines},
};
use sea_orm::{ConnectionTrait, DbBackend, DbErr, Statement};
use uuid::Uuid;

use super::{PgAthletes, failed, id_list};
use crate::application::{LoggedRow, PlannedReading, PlannedRow, StatsSource, StoreError};

#[async_trait]
impl StatsSource for PgAthletes {
    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgAthletes.planned"))]
    async fn planned(
        &self,
        ctx: &ClubCtx,
        athletes: &[Uuid],
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<PlannedReading, StoreError> {
        let txn = begin_club_txn(&self.db, ctx, self.statement_timeout).await.map_err(failed)?;
        let filter = "athlete_id = ANY(string_to_array($1, ',')::uuid[]) AND on_date BETWEEN $2 AND $3
            AND status = 'planned'";
        let values = || [id_list(athletes), from.into(), to.into()];
        let rows = txn
            .query_all_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                format!("SELECT id, athlete_id, on_date, lines_digest, basis FROM planned_sessions WHERE {filter}"),
                values(),
            ))
            .await
            .map_err(failed)?;
        let sessions = rows
            .iter()
            .map(|row| {
                Ok(PlannedRow {
                    id: row.try_get("", "id")?,
                    athlete: row.try_get("", "athlete_id")?,
                    date: row.try_get("", "on_date")?,
                    digest: row.try_get("", "lines_digest")?,
                    basis: Basis::parse(&row.try_get::<String>("", "basis")?).unwrap_or_default(),
                })
            })
            .collect::<Result<Vec<_>, DbErr>>()
            .map_err(failed)?;
        let distinct = txn
            .query_all_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                format!(
                    "SELECT DISTINCT ON (lines_digest) lines_digest, lines FROM planned_sessions WHERE {filter}
                     ORDER BY lines_digest"
                ),
                values(),
            ))
            .await
            .map_err(failed)?;
        let mut lines = HashMap::with_capacity(distinct.len());
        for row in &distinct {
            let digest: String = row.try_get("", "lines_digest").map_err(failed)?;
            lines.insert(digest, decode_lines(row.try_get("", "lines").map_err(failed)?).map_err(failed)?);
        }
        txn.commit().await.map_err(failed)?;
        Ok(PlannedReading { sessions, lines })
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgAthletes.logged"))]
    async fn logged(
        &self,
        ctx: &ClubCtx,
        athletes: &[Uuid],
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<LoggedRow>, StoreError> {
        let txn = begin_club_txn(&self.db, ctx, self.statement_timeout).await.map_err(failed)?;
        let rows = txn
            .query_all_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT id, athlete_id, performed_on, planned_session_id, set_facts FROM session_logs
                 WHERE athlete_id = ANY(string_to_array($1, ',')::uuid[]) AND performed_on BETWEEN $2 AND $3
                 ORDER BY performed_on, created_at, id",
                [id_list(athletes), from.into(), to.into()],
            ))
            .await
            .map_err(failed)?;
        let logged = rows
            .iter()
            .map(|row| {
                Ok(LoggedRow {
                    id: row.try_get("", "id")?,
                    athlete: row.try_get("", "athlete_id")?,
                    date: row.try_get("", "performed_on")?,
                    planned: row.try_get("", "planned_session_id")?,
                    sets: decode_facts(&row.try_get::<Vec<u8>>("", "set_facts")?),
                })
            })
            .collect::<Result<Vec<_>, DbErr>>()
            .map_err(failed)?;
        txn.commit().await.map_err(failed)?;
        Ok(logged)
    }
}
