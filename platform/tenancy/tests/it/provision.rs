//! Provisioning: all of it or nothing.

use async_trait::async_trait;
use dropit_club_migration::Migrator;
use dropit_tenancy::{
    Club, ClubRole, ClubSchema, ClubStatus,
    infrastructure::{
        PgClubRegistry,
        provision::{ClubSeeder, NewClub, ProvisionError, provision_club, standard_seeders},
    },
};
use sea_orm::{DatabaseConnection, DatabaseTransaction, DbErr};
use sea_orm_migration::MigratorTrait;

use crate::support::{Broken, fresh_database, new_club, provision, scalar};

#[tokio::test]
async fn a_club_gets_its_schema_role_registry_row_and_settings() {
    let db = fresh_database(4).await;
    let club = provision::<Migrator>(&db, "haltero-lyon").await;
    assert_eq!(club.status, ClubStatus::Active);
    let found = PgClubRegistry::new(db.clone()).find_by_slug(&club.slug).await.expect("query").expect("row");
    assert_eq!(found, club);
    let (schema, role) = (club.schema.as_str(), club.role.as_str());
    assert!(scalar::<bool>(&db, &format!("EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = '{schema}')")).await);
    assert!(scalar::<bool>(&db, &format!("EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{role}')")).await);
    assert_eq!(scalar::<String>(&db, &format!("SELECT locale FROM {schema}.club_settings")).await, "fr");
    assert!(
        !scalar::<bool>(&db, &format!("has_table_privilege('{role}', '{schema}.seaql_migrations', 'INSERT')")).await,
        "the club role must not write the migration ledger"
    );
}

#[tokio::test]
async fn a_taken_slug_is_refused_and_leaves_nothing() {
    let db = fresh_database(4).await;
    provision::<Migrator>(&db, "haltero-lyon").await;
    let second = new_club("haltero-lyon");
    let err = provision_club::<Migrator>(&db, second.clone(), &standard_seeders()).await.expect_err("taken");
    assert!(matches!(err, ProvisionError::SlugTaken(_)), "{err}");
    assert_nothing_left(&db, &second).await;
}

/// No registry row, schema or role of the attempted club.
async fn assert_nothing_left(db: &DatabaseConnection, attempted: &NewClub) {
    let id = attempted.id.as_uuid();
    let schema = ClubSchema::for_club(attempted.id);
    let role = ClubRole::for_club(attempted.id);
    assert!(!scalar::<bool>(db, &format!("EXISTS (SELECT 1 FROM platform.clubs WHERE id = '{id}')")).await, "row");
    assert!(
        !scalar::<bool>(db, &format!("EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = '{schema}')")).await,
        "schema"
    );
    assert!(
        !scalar::<bool>(db, &format!("EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{}')", role.as_str())).await,
        "role"
    );
}

async fn provision_failing<M: MigratorTrait>(seeders: &[Box<dyn ClubSeeder>]) {
    let db = fresh_database(4).await;
    let attempt = new_club("doomed");
    provision_club::<M>(&db, attempt.clone(), seeders).await.expect_err("the injected failure");
    assert_nothing_left(&db, &attempt).await;
    assert_eq!(scalar::<i64>(&db, "SELECT count(*) FROM platform.clubs").await, 0);
    // The same club provisions fine once the failure is gone.
    let club = provision_club::<Migrator>(&db, attempt, &standard_seeders()).await.expect("retry");
    assert_eq!(club.status, ClubStatus::Active);
}

#[tokio::test]
async fn a_failing_migration_leaves_no_schema_role_or_row() {
    provision_failing::<Broken>(&standard_seeders()).await;
}

struct FailingSeeder;

#[async_trait]
impl ClubSeeder for FailingSeeder {
    fn name(&self) -> &'static str {
        "failing"
    }
    async fn seed(&self, _txn: &DatabaseTransaction, _club: &Club) -> Result<(), DbErr> {
        Err(DbErr::Custom("seed data is broken".to_owned()))
    }
}

#[tokio::test]
async fn a_failing_seeder_leaves_nothing() {
    provision_failing::<Migrator>(&[Box::new(FailingSeeder)]).await;
}
