//! Tenancy figures on this machine, against the local stack's PostgreSQL (`scripts/bench`):
//! provisioning time per club, a no-op fleet migration and a one-column additive fleet
//! migration over 1,000 clubs, each beside a bare-DDL baseline measured in the same run.

// A report: printing the figures is its purpose.
#![allow(clippy::print_stdout)]

#[path = "../tests/it/support.rs"]
#[allow(dead_code)]
mod support;

use std::time::{Duration, Instant};

use dropit_club_migration::Migrator;
use dropit_tenancy::infrastructure::fleet::{FleetEvent, FleetOptions, migrate_fleet};
use sea_orm::{ConnectionTrait, DatabaseConnection, TransactionTrait};
use support::{WithNote, fresh_database, provision};

const PROVISIONED: usize = 200;
const FLEET: usize = 1000;
const PARALLEL: usize = 4;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The least DDL a club needs: a schema and one table, in a transaction.
async fn bare_schema(db: &DatabaseConnection, i: usize) -> Duration {
    let started = Instant::now();
    let txn = db.begin().await.expect("begin");
    txn.execute_unprepared(&format!(
        "CREATE SCHEMA bare_{i}; CREATE TABLE bare_{i}.club_settings (id smallint PRIMARY KEY, locale text)"
    ))
    .await
    .expect("bare ddl");
    txn.commit().await.expect("commit");
    started.elapsed()
}

fn ignore(_: FleetEvent) {}

#[tokio::main]
async fn main() {
    let db = fresh_database(PARALLEL as u32 + 2).await;

    let mut provisioning = Vec::with_capacity(PROVISIONED);
    let mut baseline = Vec::with_capacity(PROVISIONED);
    for i in 0..PROVISIONED {
        baseline.push(bare_schema(&db, i).await);
        let started = Instant::now();
        provision::<Migrator>(&db, &format!("bench-{i:04}")).await;
        provisioning.push(started.elapsed());
    }
    provisioning.sort();
    baseline.sort();
    let (p50, p95, b50) = (percentile(&provisioning, 0.5), percentile(&provisioning, 0.95), percentile(&baseline, 0.5));
    println!("provisioning over {PROVISIONED} clubs: p50 {:.1} ms, p95 {:.1} ms", ms(p50), ms(p95));
    println!("  baseline (bare CREATE SCHEMA + CREATE TABLE): p50 {:.1} ms; ratio {:.1}x", ms(b50), ms(p50) / ms(b50));

    for i in PROVISIONED..FLEET {
        provision::<Migrator>(&db, &format!("bench-{i:04}")).await;
    }
    let options = FleetOptions { parallel: PARALLEL, club: None, dry_run: false };

    let started = Instant::now();
    let noop = migrate_fleet::<Migrator>(&db, &options, &ignore).await.expect("no-op fleet run");
    let noop_time = started.elapsed();
    assert_eq!((noop.migrated.len(), noop.skipped), (0, FLEET));
    println!("no-op fleet migration over {FLEET} clubs: {:.1} ms", ms(noop_time));

    let started = Instant::now();
    let additive = migrate_fleet::<WithNote>(&db, &options, &ignore).await.expect("additive fleet run");
    let additive_time = started.elapsed();
    assert_eq!((additive.migrated.len(), additive.failed.len()), (FLEET, 0));

    // Baseline: the same ALTER TABLE on each schema, sequentially, with no ledger, lock or grants.
    let started = Instant::now();
    for i in 0..PROVISIONED {
        db.execute_unprepared(&format!("ALTER TABLE bare_{i}.club_settings ADD COLUMN note text"))
            .await
            .expect("alter");
    }
    let bare_alter = started.elapsed() / PROVISIONED as u32;
    let per_club = additive_time / FLEET as u32;
    println!(
        "additive fleet migration over {FLEET} clubs ({PARALLEL} at a time): {:.2} s, {:.1} ms per club",
        additive_time.as_secs_f64(),
        ms(per_club)
    );
    println!("  baseline (bare ALTER TABLE per schema, one at a time): {:.1} ms per schema", ms(bare_alter));
}
