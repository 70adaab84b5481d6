//! Provisioning a club: role, schema, club migrations, grants, registry row and seed data,
//! all in one transaction, so a failure anywhere leaves nothing behind.

use async_trait::async_trait;
use sea_orm::{
    ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr, Statement, TransactionTrait,
};
use sea_orm_migration::MigratorTrait;

use super::registry::PgClubRegistry;
use crate::domain::{Club, ClubId, ClubName, ClubRole, ClubSchema, ClubSlug, ClubStatus, ClubTier};

/// What a new club starts from. Its id, from which its schema and role names derive, is
/// chosen here, before anything is created.
#[derive(Debug, Clone)]
pub struct NewClub {
    pub id: ClubId,
    pub slug: ClubSlug,
    pub name: ClubName,
    pub tier: ClubTier,
}

impl NewClub {
    pub fn new(slug: ClubSlug, name: ClubName, tier: ClubTier) -> Self {
        Self { id: ClubId::generate(), slug, name, tier }
    }
}

/// A step that fills a new club's schema (starter catalogue, default settings, …). Runs in
/// the provisioning transaction, with the club's schema on the search path.
#[async_trait]
pub trait ClubSeeder: Send + Sync {
    fn name(&self) -> &'static str;
    async fn seed(&self, txn: &DatabaseTransaction, club: &Club) -> Result<(), DbErr>;
}

/// The club's settings row, with the product's defaults.
pub struct DefaultSettings;

#[async_trait]
impl ClubSeeder for DefaultSettings {
    fn name(&self) -> &'static str {
        "default settings"
    }

    async fn seed(&self, txn: &DatabaseTransaction, _club: &Club) -> Result<(), DbErr> {
        txn.execute_unprepared("INSERT INTO club_settings DEFAULT VALUES").await.map(drop)
    }
}

/// The seeders every new club gets.
pub fn standard_seeders() -> Vec<Box<dyn ClubSeeder>> {
    vec![Box::new(DefaultSettings)]
}

#[derive(Debug, thiserror::Error)]
pub enum ProvisionError {
    #[error("the slug `{0}` is taken")]
    SlugTaken(String),
    #[error("provisioning failed: {0}")]
    Database(#[from] DbErr),
}

/// The name of the newest migration of `M`: the version a club's schema reaches with it.
pub fn target_version<M: MigratorTrait>() -> Option<String> {
    M::migrations().last().map(|m| m.name().to_owned())
}

/// Creates a club with the club migrations of `M`.
pub async fn provision_club<M: MigratorTrait>(
    db: &DatabaseConnection,
    new: NewClub,
    seeders: &[Box<dyn ClubSeeder>],
) -> Result<Club, ProvisionError> {
    let id = new.id;
    let club = Club {
        id,
        slug: new.slug,
        name: new.name,
        schema: ClubSchema::for_club(id),
        role: ClubRole::for_club(id),
        status: ClubStatus::Active,
        tier: new.tier,
        schema_version: target_version::<M>(),
        archive_key: None,
    };
    let started = std::time::Instant::now();
    let txn = db.begin().await?;
    if PgClubRegistry::slug_exists(&txn, &club.slug).await? {
        return Err(ProvisionError::SlugTaken(club.slug.to_string()));
    }
    create_role(&txn, &club.role).await?;
    txn.execute_unprepared(&format!(
        "CREATE SCHEMA {schema}; SET LOCAL search_path TO {schema}",
        schema = club.schema.quoted()
    ))
    .await?;
    M::up(&txn, None).await?;
    grant_club_role(&txn, &club.schema, &club.role).await?;
    insert_registry_row(&txn, &club).await.map_err(|e| slug_conflict(e, &club.slug))?;
    for seeder in seeders {
        seeder.seed(&txn, &club).await.map_err(|e| DbErr::Custom(format!("seeding {}: {e}", seeder.name())))?;
    }
    txn.commit().await.map_err(|e| slug_conflict(e, &club.slug))?;
    tracing::info!(club = %club.id, slug = %club.slug, schema = %club.schema, elapsed_ms = started.elapsed().as_millis() as u64, "club provisioned");
    Ok(club)
}

fn slug_conflict(error: DbErr, slug: &ClubSlug) -> ProvisionError {
    if error.to_string().contains("clubs_slug_key") {
        ProvisionError::SlugTaken(slug.to_string())
    } else {
        ProvisionError::Database(error)
    }
}

/// The club's role: no login, no inherited rights; the server's own role is made a member so
/// it can switch to it for a transaction.
pub(crate) async fn create_role<C: ConnectionTrait>(db: &C, role: &ClubRole) -> Result<(), DbErr> {
    db.execute_unprepared(&format!(
        "CREATE ROLE {role} NOLOGIN NOINHERIT; GRANT {role} TO CURRENT_USER",
        role = role.quoted()
    ))
    .await
    .map(drop)
}

/// What the club's role may do: use its schema and read and write its tables, now and for
/// tables later migrations add — but not touch the migration ledger.
pub(crate) async fn grant_club_role<C: ConnectionTrait>(
    db: &C,
    schema: &ClubSchema,
    role: &ClubRole,
) -> Result<(), DbErr> {
    let (s, r) = (schema.quoted(), role.quoted());
    db.execute_unprepared(&format!(
        "GRANT USAGE ON SCHEMA {s} TO {r};
         GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {s} TO {r};
         GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {s} TO {r};
         ALTER DEFAULT PRIVILEGES IN SCHEMA {s} GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO {r};
         ALTER DEFAULT PRIVILEGES IN SCHEMA {s} GRANT USAGE, SELECT ON SEQUENCES TO {r};
         REVOKE ALL ON {s}.seaql_migrations FROM {r};"
    ))
    .await
    .map(drop)
}

pub(crate) async fn insert_registry_row<C: ConnectionTrait>(db: &C, club: &Club) -> Result<(), DbErr> {
    db.execute_raw(Statement::from_sql_and_values(
        DbBackend::Postgres,
        "INSERT INTO platform.clubs (id, slug, name, schema_name, role_name, status, tier, schema_version)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        [
            club.id.as_uuid().into(),
            club.slug.as_str().into(),
            club.name.as_str().into(),
            club.schema.as_str().into(),
            club.role.as_str().into(),
            club.status.as_str().into(),
            club.tier.as_str().into(),
            club.schema_version.clone().into(),
        ],
    ))
    .await
    .map(drop)
}
