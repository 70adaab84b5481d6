//! Test support for the integration tests of every crate: the settings of the local stack
//! (exported by `scripts/test`) and a fresh database per test, so tests run in parallel.

pub mod browser;

use std::time::Duration;

use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection};

/// A `DROPIT_*` setting of the local stack.
pub fn stack_var(key: &str) -> String {
    std::env::var(key).unwrap_or_else(|_| panic!("{key} is not set: run the tests with scripts/test"))
}

/// Every `DROPIT_*` setting of the local stack.
pub fn stack_vars() -> Vec<(String, String)> {
    let vars: Vec<(String, String)> = std::env::vars().filter(|(k, _)| k.starts_with("DROPIT_")).collect();
    assert!(
        vars.iter().any(|(k, _)| k == "DROPIT_DATABASE__URL"),
        "the integration tests need the local stack: run them with scripts/test"
    );
    vars
}

/// Creates an empty database on the stack's server (named `dropit_test_…`, which
/// `scripts/test` drops on its next run) and returns its URL.
pub async fn fresh_database_url() -> String {
    let admin_url = stack_var("DROPIT_DATABASE__URL");
    let name = format!("dropit_test_{}", uuid::Uuid::now_v7().simple());
    let admin = Database::connect(&admin_url).await.expect("connecting to the stack's postgres");
    admin.execute_unprepared(&format!("CREATE DATABASE \"{name}\"")).await.expect("creating a test database");
    admin.close().await.expect("closing");
    let mut url = url::Url::parse(&admin_url).expect("database url");
    url.set_path(&name);
    url.to_string()
}

/// A fresh database with the platform schema migrated, and a pool of `max` connections on it.
pub async fn fresh_database(max: u32) -> (DatabaseConnection, String) {
    let url = fresh_database_url().await;
    let mut options = ConnectOptions::new(url.clone());
    options.max_connections(max).min_connections(0).sqlx_logging(false).acquire_timeout(Duration::from_secs(30));
    let db = Database::connect(options).await.expect("connecting to the test database");
    dropit_platform_migration::migrate(&db).await.expect("platform migrations");
    (db, url)
}
