//! Fleet migrations: every club reaches the target; one failing club does not stop the rest.

use dropit_club_migration::Migrator;
use dropit_tenancy::infrastructure::fleet::{FleetEvent, FleetOptions, migrate_fleet};
use sea_orm::{ConnectionTrait, DatabaseConnection};

use crate::support::{WithNote, fresh_database, provision, scalar};

fn options(dry_run: bool) -> FleetOptions {
    FleetOptions { parallel: 4, club: None, dry_run }
}

fn ignore(_: FleetEvent) {}

async fn status_of(db: &DatabaseConnection, schema: &str) -> String {
    scalar(
        db,
        &format!(
            "SELECT m.status FROM platform.club_migrations m JOIN platform.clubs c ON c.id = m.club_id \
             WHERE c.schema_name = '{schema}'"
        ),
    )
    .await
}

/// As many clubs as the acceptance asks a fleet run to handle.
const FLEET: usize = 1000;

#[tokio::test]
async fn an_additive_migration_reaches_every_club_but_the_broken_one_then_resumes() {
    let db = fresh_database(6).await;
    let mut clubs = Vec::new();
    for i in 0..FLEET {
        clubs.push(provision::<Migrator>(&db, &format!("fleet-{i:04}")).await);
    }
    // Break one club: the column the migration adds is already there.
    let broken = &clubs[617];
    db.execute_unprepared(&format!("ALTER TABLE {}.club_settings ADD COLUMN note text", broken.schema.quoted()))
        .await
        .expect("breaking a club");

    let dry = migrate_fleet::<WithNote>(&db, &options(true), &ignore).await.expect("dry run");
    assert_eq!((dry.pending.len(), dry.skipped), (FLEET, 0));
    assert_eq!(scalar::<i64>(&db, "SELECT count(*) FROM platform.club_migrations").await, 0, "a dry run wrote");

    let report = migrate_fleet::<WithNote>(&db, &options(false), &ignore).await.expect("fleet run");
    assert_eq!(report.migrated.len(), FLEET - 1);
    assert_eq!(report.failed.len(), 1);
    assert_eq!(report.failed[0].0.id, broken.id);
    assert!(report.failed[0].1.contains("already exists"), "{}", report.failed[0].1);
    assert_eq!(status_of(&db, broken.schema.as_str()).await, "failed");
    assert_eq!(status_of(&db, clubs[0].schema.as_str()).await, "done");
    let with_note: i64 = scalar(
        &db,
        "SELECT count(*) FROM information_schema.columns \
         WHERE table_schema LIKE 'club\\_%' AND table_name = 'club_settings' AND column_name = 'note'",
    )
    .await;
    // Every club has the column: the migrated ones, and the broken one that had it already.
    assert_eq!(with_note, FLEET as i64);
    let at_target: i64 =
        scalar(&db, &format!("SELECT count(*) FROM platform.clubs WHERE schema_version = '{}'", report.target)).await;
    assert_eq!(at_target, FLEET as i64 - 1);

    // Fixed, the rerun migrates the one club left and skips the others without touching them.
    db.execute_unprepared(&format!("ALTER TABLE {}.club_settings DROP COLUMN note", broken.schema.quoted()))
        .await
        .expect("fixing the club");
    let rerun = migrate_fleet::<WithNote>(&db, &options(false), &ignore).await.expect("rerun");
    assert_eq!((rerun.migrated.len(), rerun.skipped, rerun.failed.len()), (1, FLEET - 1, 0));
    assert_eq!(status_of(&db, broken.schema.as_str()).await, "done");

    let noop = migrate_fleet::<WithNote>(&db, &options(false), &ignore).await.expect("no-op");
    assert_eq!((noop.migrated.len(), noop.skipped), (0, FLEET));
}

#[tokio::test]
async fn the_club_role_can_use_tables_a_fleet_migration_adds() {
    let db = fresh_database(2).await;
    let club = provision::<Migrator>(&db, "haltero-lyon").await;
    migrate_fleet::<crate::support::WithCanary>(&db, &options(false), &ignore).await.expect("fleet run");
    let txn = dropit_tenancy::infrastructure::begin_club_txn(&db, &club.context(), std::time::Duration::from_secs(5))
        .await
        .expect("club transaction");
    txn.execute_unprepared("INSERT INTO canary VALUES ('lyon')").await.expect("the new table is granted");
}

#[tokio::test]
async fn one_club_can_be_migrated_alone() {
    let db = fresh_database(2).await;
    let first = provision::<Migrator>(&db, "first").await;
    provision::<Migrator>(&db, "second").await;
    let only = FleetOptions { parallel: 1, club: Some(first.slug.clone()), dry_run: false };
    let report = migrate_fleet::<WithNote>(&db, &only, &ignore).await.expect("one club");
    assert_eq!(report.migrated.iter().map(|c| c.id).collect::<Vec<_>>(), vec![first.id]);
    let behind: i64 = scalar(&db, "SELECT count(*) FROM platform.clubs WHERE schema_version < 'm29990101'").await;
    assert_eq!(behind, 1);
}
