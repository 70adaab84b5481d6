//! `dropit migrate` on a fresh database, twice.

use dropit_infra::settings::DatabaseSettings;
use dropit_platform_migration::{Migrator, MigratorTrait};
use dropit_server::migrate::migrate_platform;
use sea_orm::{ConnectionTrait, Database, Statement};

use crate::support::fresh_database;

fn settings(url: &str) -> DatabaseSettings {
    DatabaseSettings {
        url: url.to_owned().into(),
        max_connections: 2,
        min_connections: 0,
        connect_timeout_secs: 5,
        acquire_timeout_secs: 5,
        max_lifetime_secs: 60,
        idle_timeout_secs: 60,
        club_pools: 1,
    }
}

#[tokio::test]
async fn migrating_twice_applies_once_and_keeps_the_ledger_in_the_platform_schema() {
    let url = fresh_database().await;
    let all = Migrator::migrations().len();
    assert_eq!(migrate_platform(&settings(&url)).await.expect("first run"), all);
    assert_eq!(migrate_platform(&settings(&url)).await.expect("second run"), 0);

    let db = Database::connect(&url).await.expect("connect");
    let row = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT count(*) AS n FROM platform.seaql_migrations".to_owned(),
        ))
        .await
        .expect("query")
        .expect("row");
    assert_eq!(row.try_get::<i64>("", "n").expect("count"), all as i64);
    let public_ledger = db
        .query_one_raw(Statement::from_string(
            db.get_database_backend(),
            "SELECT to_regclass('public.seaql_migrations') IS NULL AS absent".to_owned(),
        ))
        .await
        .expect("query")
        .expect("row");
    assert!(public_ledger.try_get::<bool>("", "absent").expect("bool"), "the ledger leaked into public");
}

#[tokio::test]
async fn concurrent_migrations_do_not_collide() {
    let url = fresh_database().await;
    let settings = settings(&url);
    let (a, b) = tokio::join!(migrate_platform(&settings), migrate_platform(&settings));
    assert_eq!(a.expect("first") + b.expect("second"), Migrator::migrations().len());
}
