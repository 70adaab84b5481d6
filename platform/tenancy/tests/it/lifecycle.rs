//! Suspend, archive to object storage, drop, restore: the data comes back identical.

use std::{sync::Arc, time::Duration};

use dropit_club_migration::Migrator;
use dropit_infra::settings::{StorageBackend, StorageSettings};
use dropit_tenancy::{
    Club, ClubStatus,
    application::{ClubResolver, ResolveError},
    infrastructure::{
        PgClubRegistry,
        archive::{ClubLifecycle, LifecycleError, PgTools},
        begin_club_txn,
    },
};
use sea_orm::{ConnectionTrait, DatabaseConnection};

use crate::support::{WithCanary, database_name, database_url, fresh_database, provision, scalar, stack_var};

/// The stack's S3-compatible server: the archive takes the production path.
fn storage() -> opendal::Operator {
    let settings = StorageSettings {
        backend: StorageBackend::S3,
        fs_root: std::env::temp_dir(),
        s3_endpoint: stack_var("DROPIT_STORAGE__S3_ENDPOINT"),
        s3_bucket: stack_var("DROPIT_STORAGE__S3_BUCKET"),
        s3_region: stack_var("DROPIT_STORAGE__S3_REGION"),
        s3_access_key_id: stack_var("DROPIT_STORAGE__S3_ACCESS_KEY_ID"),
        s3_secret_access_key: stack_var("DROPIT_STORAGE__S3_SECRET_ACCESS_KEY").into(),
        timeout_ms: 10_000,
        max_upload_bytes: 1,
        media_types: String::new(),
    };
    dropit_infra::storage::operator(&settings).expect("storage")
}

async fn lifecycle(db: &DatabaseConnection) -> ClubLifecycle {
    let url = database_url(&database_name(db).await);
    let changes = Arc::new(ClubResolver::new(Arc::new(PgClubRegistry::new(db.clone())), Duration::from_secs(1), 10));
    ClubLifecycle::new(db.clone(), storage(), PgTools::new(std::path::Path::new(""), &url).expect("pg tools"), changes)
}

async fn reload(db: &DatabaseConnection, club: &Club) -> Club {
    PgClubRegistry::new(db.clone()).find_by_id(club.id).await.expect("query").expect("row")
}

/// Row count and checksum of every table of the club's schema.
async fn fingerprint(db: &DatabaseConnection, club: &Club) -> Vec<(String, i64, String)> {
    let mut out = Vec::new();
    for table in ["club_settings", "canary", "seaql_migrations"] {
        let relation = format!("{}.{table}", club.schema.quoted());
        let count = scalar::<i64>(db, &format!("SELECT count(*) FROM {relation}")).await;
        let checksum = scalar::<String>(
            db,
            &format!("SELECT coalesce(md5(string_agg(t::text, '|' ORDER BY t::text)), '') FROM {relation} t"),
        )
        .await;
        out.push((table.to_owned(), count, checksum));
    }
    out
}

#[tokio::test]
async fn archive_drop_restore_returns_identical_data() {
    let db = fresh_database(4).await;
    let club = provision::<WithCanary>(&db, "haltero-lyon").await;
    let txn = begin_club_txn(&db, &club.context(), std::time::Duration::from_secs(5)).await.expect("txn");
    txn.execute_unprepared("INSERT INTO canary SELECT 'row ' || g FROM generate_series(1, 500) g").await.expect("data");
    txn.execute_unprepared("UPDATE club_settings SET locale = 'en', weight_rounding = 'floor'").await.expect("data");
    txn.commit().await.expect("commit");
    let before = fingerprint(&db, &club).await;

    let lifecycle = lifecycle(&db).await;
    let resolver =
        ClubResolver::new(Arc::new(PgClubRegistry::new(db.clone())), std::time::Duration::from_millis(1), 10);
    lifecycle.suspend(&club).await.expect("suspend");
    assert!(matches!(resolver.resolve("haltero-lyon").await, Err(ResolveError::Suspended)));
    let key = lifecycle.archive(&reload(&db, &club).await).await.expect("archive");
    assert!(storage().exists(&key).await.expect("stat"), "the archive is not in storage");
    assert!(key.starts_with(&format!("clubs/{}/", club.id)), "{key}");
    let archived = reload(&db, &club).await;
    assert_eq!(archived.status, ClubStatus::Archived);
    assert!(matches!(resolver.resolve("haltero-lyon").await, Err(ResolveError::Archived)));

    lifecycle.drop_club(&archived, false).await.expect("drop");
    let schema = club.schema.as_str();
    assert!(!scalar::<bool>(&db, &format!("EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = '{schema}')")).await);

    lifecycle.restore(&reload(&db, &club).await).await.expect("restore");
    assert_eq!(fingerprint(&db, &club).await, before);
    assert_eq!(reload(&db, &club).await.status, ClubStatus::Active);
    // The club's role works again on its restored tables.
    let txn = begin_club_txn(&db, &club.context(), std::time::Duration::from_secs(5)).await.expect("txn");
    assert_eq!(scalar::<i64>(&txn, "SELECT count(*) FROM canary").await, 500);
}

#[tokio::test]
async fn an_archive_restores_as_a_new_club_beside_the_original() {
    let db = fresh_database(4).await;
    let club = provision::<WithCanary>(&db, "haltero-lyon").await;
    let txn = begin_club_txn(&db, &club.context(), Duration::from_secs(5)).await.expect("txn");
    // A row holding the schema's own name must come back unchanged.
    let own_name = format!("INSERT INTO canary VALUES ('{}'), ('plain')", club.schema);
    txn.execute_unprepared(&own_name).await.expect("data");
    txn.commit().await.expect("commit");
    let lifecycle = lifecycle(&db).await;
    lifecycle.suspend(&club).await.expect("suspend");
    lifecycle.archive(&reload(&db, &club).await).await.expect("archive");

    let copy = lifecycle
        .restore_as(&reload(&db, &club).await, crate::support::new_club("haltero-lyon-copy"))
        .await
        .expect("restore as a new club");
    assert_ne!(copy.schema, club.schema);
    assert_eq!(reload(&db, &copy).await, copy);
    let original: Vec<_> = fingerprint(&db, &club).await;
    let restored: Vec<_> = fingerprint(&db, &copy).await;
    assert_eq!(restored, original);
    let txn = begin_club_txn(&db, &copy.context(), Duration::from_secs(5)).await.expect("txn");
    let own: String = scalar(&txn, "SELECT min(club) FROM canary WHERE club <> 'plain'").await;
    assert_eq!(own, club.schema.as_str());

    let taken = lifecycle.restore_as(&reload(&db, &club).await, crate::support::new_club("haltero-lyon-copy")).await;
    assert!(matches!(taken, Err(LifecycleError::SlugTaken(_))));
}

#[tokio::test]
async fn the_lifecycle_refuses_steps_out_of_order() {
    let db = fresh_database(2).await;
    let club = provision::<Migrator>(&db, "haltero-lyon").await;
    let lifecycle = lifecycle(&db).await;
    assert!(matches!(lifecycle.archive(&club).await, Err(LifecycleError::WrongStatus { .. })), "archive while active");
    assert!(
        matches!(lifecycle.drop_club(&club, false).await, Err(LifecycleError::WrongStatus { .. })),
        "drop while active"
    );
    assert!(matches!(lifecycle.resume(&club).await, Err(LifecycleError::WrongStatus { .. })), "resume while active");
    lifecycle.suspend(&club).await.expect("suspend");
    lifecycle.archive(&reload(&db, &club).await).await.expect("archive");
    assert!(matches!(lifecycle.restore(&reload(&db, &club).await).await, Err(LifecycleError::SchemaExists)));
    assert_eq!(reload(&db, &club).await.status, ClubStatus::Archived);
}

#[tokio::test]
async fn a_forced_drop_removes_a_live_club_entirely() {
    let db = fresh_database(2).await;
    let club = provision::<Migrator>(&db, "haltero-lyon").await;
    lifecycle(&db).await.drop_club(&club, true).await.expect("forced drop");
    assert_eq!(scalar::<i64>(&db, "SELECT count(*) FROM platform.clubs").await, 0);
    let role = club.role.as_str();
    assert!(!scalar::<bool>(&db, &format!("EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}')")).await);
}
