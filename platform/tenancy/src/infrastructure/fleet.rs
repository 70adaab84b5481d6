//! Fleet migrations: bring every club schema to the newest club migration, a few at a time.
//!
//! Clubs already at the target are skipped by one registry query, without touching their
//! schemas. Each club migrates in its own transaction under a per-schema advisory lock, and
//! its registry version moves in the same transaction, so an interrupted run is resumed by
//! running it again. A failing club is recorded in `platform.club_migrations` and skipped;
//! the others go on.

use std::time::Instant;

use futures::StreamExt;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, DbErr, Statement, TransactionTrait};
use sea_orm_migration::MigratorTrait;

use super::{
    provision::{grant_club_role, target_version},
    registry::{CLUB_COLUMNS, club_from_row},
};
use crate::domain::{Club, ClubSlug};

/// Advisory-lock namespace of club schema migrations (the first key of the two-key form).
const LOCK_NAMESPACE: i32 = 0x0d0c_1ab5;

#[derive(Debug, Clone)]
pub struct FleetOptions {
    /// How many clubs migrate at once.
    pub parallel: usize,
    /// Only this club.
    pub club: Option<ClubSlug>,
    /// Report what would migrate, change nothing.
    pub dry_run: bool,
}

/// What happened to one club, as it happens.
#[derive(Debug, Clone)]
pub enum FleetEvent {
    /// The run starts with this many clubs to migrate.
    Planned {
        pending: usize,
        skipped: usize,
    },
    Migrated {
        club: Club,
    },
    Failed {
        club: Club,
        error: String,
    },
}

#[derive(Debug, Clone, Default)]
pub struct FleetReport {
    pub target: String,
    /// Clubs already at the target.
    pub skipped: usize,
    pub migrated: Vec<Club>,
    pub failed: Vec<(Club, String)>,
    /// With `dry_run`, the clubs that would migrate.
    pub pending: Vec<Club>,
}

pub async fn migrate_fleet<M: MigratorTrait>(
    db: &DatabaseConnection,
    options: &FleetOptions,
    on_event: &(dyn Fn(FleetEvent) + Sync),
) -> Result<FleetReport, DbErr> {
    let target = target_version::<M>().ok_or_else(|| DbErr::Custom("no club migrations".to_owned()))?;
    let (pending, skipped) = pending_clubs(db, &target, options.club.as_ref()).await?;
    on_event(FleetEvent::Planned { pending: pending.len(), skipped });
    let mut report = FleetReport { target: target.clone(), skipped, ..FleetReport::default() };
    if options.dry_run {
        report.pending = pending;
        return Ok(report);
    }

    let mut outcomes = futures::stream::iter(pending)
        .map(|club| {
            let target = target.clone();
            async move {
                let outcome = migrate_one::<M>(db, &club, &target).await;
                (club, outcome)
            }
        })
        .buffer_unordered(options.parallel.max(1));
    while let Some((club, outcome)) = outcomes.next().await {
        match outcome {
            Ok(()) => {
                on_event(FleetEvent::Migrated { club: club.clone() });
                report.migrated.push(club);
            }
            Err(error) => {
                let error = error.to_string();
                tracing::warn!(club = %club.id, slug = %club.slug, %error, "club migration failed");
                on_event(FleetEvent::Failed { club: club.clone(), error: error.clone() });
                report.failed.push((club, error));
            }
        }
    }
    Ok(report)
}

/// Clubs whose schema is behind the target, and how many are not.
async fn pending_clubs(
    db: &DatabaseConnection,
    target: &str,
    only: Option<&ClubSlug>,
) -> Result<(Vec<Club>, usize), DbErr> {
    // Migration names start with their date, so text order is version order; a schema ahead
    // of this binary (a newer server mid-rollout) is left alone.
    let sql = format!(
        "SELECT {CLUB_COLUMNS} FROM platform.clubs
         WHERE status IN ('active', 'suspended') AND (schema_version IS NULL OR schema_version < $1)
           AND ($2::text IS NULL OR slug = $2)
         ORDER BY created_at, id"
    );
    let rows = db
        .query_all_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            sql,
            [target.into(), only.map(|s| s.as_str().to_owned()).into()],
        ))
        .await?;
    let pending = rows.iter().map(club_from_row).collect::<Result<Vec<_>, _>>()?;
    let total = db
        .query_one_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT count(*) AS n FROM platform.clubs
             WHERE status IN ('active', 'suspended') AND ($1::text IS NULL OR slug = $1)",
            [only.map(|s| s.as_str().to_owned()).into()],
        ))
        .await?
        .map(|row| row.try_get::<i64>("", "n"))
        .transpose()?
        .unwrap_or(0);
    let skipped = (total as usize).saturating_sub(pending.len());
    Ok((pending, skipped))
}

async fn migrate_one<M: MigratorTrait>(db: &DatabaseConnection, club: &Club, target: &str) -> Result<(), DbErr> {
    let started = Instant::now();
    record(db, club, target, "running", None).await?;
    let result = async {
        let txn = db.begin().await?;
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "SELECT pg_advisory_xact_lock($1, hashtext($2))",
            [LOCK_NAMESPACE.into(), club.schema.as_str().into()],
        ))
        .await?;
        txn.execute_unprepared(&format!("SET LOCAL search_path TO {}", club.schema.quoted())).await?;
        M::up(&txn, None).await?;
        grant_club_role(&txn, &club.schema, &club.role).await?;
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "UPDATE platform.clubs SET schema_version = $1, updated_at = now() WHERE id = $2",
            [target.into(), club.id.as_uuid().into()],
        ))
        .await?;
        txn.commit().await
    }
    .await;
    match &result {
        Ok(()) => record(db, club, target, "done", None).await?,
        Err(error) => record(db, club, target, "failed", Some(error.to_string())).await?,
    }
    tracing::debug!(club = %club.id, elapsed_ms = started.elapsed().as_millis() as u64, ok = result.is_ok(), "club migration");
    result
}

/// The club's row in `platform.club_migrations`, written outside the migration transaction
/// so a failure stays recorded.
async fn record(
    db: &DatabaseConnection,
    club: &Club,
    target: &str,
    status: &str,
    error: Option<String>,
) -> Result<(), DbErr> {
    db.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "INSERT INTO platform.club_migrations (club_id, target, status, error, started_at, finished_at)
         VALUES ($1, $2, $3, $4, now(), CASE WHEN $3 = 'running' THEN NULL ELSE now() END)
         ON CONFLICT (club_id) DO UPDATE SET target = $2, status = $3, error = $4,
           started_at = CASE WHEN $3 = 'running' THEN now() ELSE platform.club_migrations.started_at END,
           finished_at = CASE WHEN $3 = 'running' THEN NULL ELSE now() END",
        [club.id.as_uuid().into(), target.into(), status.into(), error.into()],
    ))
    .await
    .map(drop)
}
