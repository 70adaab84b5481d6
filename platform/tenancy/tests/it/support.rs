//! A fresh migrated database per test, and club migrators with extra migrations.

use dropit_tenancy::{
    Club, ClubSlug, ClubTier,
    domain::ClubName,
    infrastructure::provision::{NewClub, provision_club, standard_seeders},
};
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement};
use sea_orm_migration::{MigrationTrait, MigratorTrait, prelude::*};

pub use dropit_testing::stack_var;

/// A new database with the platform schema migrated, and a pool of `max` connections on it.
pub async fn fresh_database(max: u32) -> DatabaseConnection {
    dropit_testing::fresh_database(max).await.0
}

pub fn database_url(name: &str) -> String {
    let mut url = url::Url::parse(&stack_var("DROPIT_DATABASE__URL")).expect("database url");
    url.set_path(name);
    url.to_string()
}

pub async fn database_name(db: &DatabaseConnection) -> String {
    scalar::<String>(db, "SELECT current_database()").await
}

pub async fn scalar<T: sea_orm::TryGetable>(db: &impl ConnectionTrait, sql: &str) -> T {
    let row = db
        .query_one_raw(Statement::from_string(DbBackend::Postgres, format!("SELECT ({sql}) AS v")))
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .expect("a row");
    row.try_get("", "v").expect("value")
}

pub fn new_club(slug: &str) -> NewClub {
    NewClub::new(
        ClubSlug::parse(slug).expect("slug"),
        ClubName::parse(&format!("Club {slug}")).expect("name"),
        ClubTier::Standard,
    )
}

pub async fn provision<M: MigratorTrait>(db: &DatabaseConnection, slug: &str) -> Club {
    provision_club::<M>(db, new_club(slug), &standard_seeders()).await.expect("provisioning")
}

/// The club migrations plus a `canary` table naming its club.
pub struct WithCanary;

impl MigratorTrait for WithCanary {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        let mut all = dropit_club_migration::Migrator::migrations();
        all.push(Box::new(Sql { name: "m29990101_000001_canary", sql: "CREATE TABLE canary (club text NOT NULL)" }));
        all
    }
}

/// The club migrations plus a one-column additive migration.
pub struct WithNote;

impl MigratorTrait for WithNote {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        let mut all = dropit_club_migration::Migrator::migrations();
        all.push(Box::new(Sql {
            name: "m29990101_000002_settings_note",
            sql: "ALTER TABLE club_settings ADD COLUMN note text",
        }));
        all
    }
}

/// The club migrations plus one that always fails.
pub struct Broken;

impl MigratorTrait for Broken {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        let mut all = dropit_club_migration::Migrator::migrations();
        all.push(Box::new(Sql { name: "m29990101_000003_broken", sql: "SELECT * FROM no_such_table" }));
        all
    }
}

pub struct Sql {
    pub name: &'static str,
    pub sql: &'static str,
}

impl MigrationName for Sql {
    fn name(&self) -> &str {
        self.name
    }
}

#[async_trait::async_trait]
impl MigrationTrait for Sql {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.get_connection().execute_unprepared(self.sql).await.map(drop)
    }
}
