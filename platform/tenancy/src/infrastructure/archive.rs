//! The end of a club's life, and its return: suspend, archive (`pg_dump -n` of its schema to
//! object storage), drop, restore.

use std::{
    path::{Path, PathBuf},
    process::Stdio,
    sync::Arc,
};

use opendal::Operator;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, DbErr, Statement, TransactionTrait};
use tokio::process::Command;

use super::{
    provision::{create_role, grant_club_role},
    registry::PgClubRegistry,
};
use crate::{
    application::ClubChanges,
    domain::{Club, ClubStatus},
};

#[derive(Debug, thiserror::Error)]
pub enum LifecycleError {
    #[error("the club is {actual}; this needs it {expected}")]
    WrongStatus { actual: ClubStatus, expected: &'static str },
    #[error("the club has no archive")]
    NoArchive,
    #[error("the club's schema still exists; drop it before restoring")]
    SchemaExists,
    #[error("{tool} failed: {message}")]
    Tool { tool: &'static str, message: String },
    #[error("object storage: {0}")]
    Storage(#[from] opendal::Error),
    #[error(transparent)]
    Database(#[from] DbErr),
    #[error("{0}")]
    Io(#[from] std::io::Error),
}

/// Where `pg_dump` and `pg_restore` are, and how they reach the database.
#[derive(Debug, Clone)]
pub struct PgTools {
    bin_dir: Option<PathBuf>,
    /// The database URL without its password.
    url: String,
    password: Option<String>,
}

impl PgTools {
    /// `bin_dir` empty: the tools on `PATH`, else the newest `/usr/lib/postgresql/*/bin`.
    pub fn new(bin_dir: &Path, database_url: &str) -> Result<Self, LifecycleError> {
        let mut url = url::Url::parse(database_url)
            .map_err(|e| LifecycleError::Tool { tool: "pg_dump", message: format!("database url: {e}") })?;
        let password = url.password().map(|p| {
            url::form_urlencoded::parse(format!("p={p}").as_bytes())
                .next()
                .map(|(_, v)| v.into_owned())
                .unwrap_or_default()
        });
        let _ = url.set_password(None);
        let bin_dir = if bin_dir.as_os_str().is_empty() { default_bin_dir() } else { Some(bin_dir.to_owned()) };
        Ok(Self { bin_dir, url: url.to_string(), password })
    }

    fn command(&self, tool: &str) -> Command {
        let program = self.bin_dir.as_ref().map_or_else(|| PathBuf::from(tool), |dir| dir.join(tool));
        let mut command = Command::new(program);
        // The password goes through the environment, never the command line others can read.
        if let Some(password) = &self.password {
            command.env("PGPASSWORD", password);
        }
        command.stdin(Stdio::null()).kill_on_drop(true);
        command
    }
}

fn default_bin_dir() -> Option<PathBuf> {
    let on_path = std::env::var_os("PATH")
        .is_some_and(|paths| std::env::split_paths(&paths).any(|dir| dir.join("pg_dump").is_file()));
    if on_path {
        return None;
    }
    let mut candidates: Vec<PathBuf> = std::fs::read_dir("/usr/lib/postgresql")
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path().join("bin"))
        .filter(|bin| bin.join("pg_dump").is_file())
        .collect();
    candidates.sort_by_key(|p| p.parent().and_then(|v| v.file_name()).and_then(|v| v.to_str()?.parse::<u32>().ok()));
    candidates.pop()
}

/// Lifecycle operations on clubs. Each change is announced through `changes`, so servers
/// stop serving a suspended club at once.
#[derive(Clone)]
pub struct ClubLifecycle {
    db: DatabaseConnection,
    registry: PgClubRegistry,
    storage: Operator,
    tools: PgTools,
    changes: Arc<dyn ClubChanges>,
}

impl ClubLifecycle {
    pub fn new(db: DatabaseConnection, storage: Operator, tools: PgTools, changes: Arc<dyn ClubChanges>) -> Self {
        Self { registry: PgClubRegistry::new(db.clone()), db, storage, tools, changes }
    }

    pub async fn suspend(&self, club: &Club) -> Result<(), LifecycleError> {
        self.transition(club, &[ClubStatus::Active], ClubStatus::Suspended, "active").await
    }

    pub async fn resume(&self, club: &Club) -> Result<(), LifecycleError> {
        self.transition(club, &[ClubStatus::Suspended], ClubStatus::Active, "suspended").await
    }

    async fn transition(
        &self,
        club: &Club,
        from: &[ClubStatus],
        to: ClubStatus,
        expected: &'static str,
    ) -> Result<(), LifecycleError> {
        if self.registry.transition(club.id, from, to).await? {
            tracing::info!(club = %club.id, slug = %club.slug, status = %to, "club status changed");
            self.changes.club_changed(club).await;
            Ok(())
        } else {
            let actual = self.registry.find_by_id(club.id).await?.map_or(club.status, |c| c.status);
            Err(LifecycleError::WrongStatus { actual, expected })
        }
    }

    /// Dumps a suspended club's schema to object storage and marks the club archived.
    /// Returns the archive's key.
    pub async fn archive(&self, club: &Club) -> Result<String, LifecycleError> {
        if club.status != ClubStatus::Suspended {
            return Err(LifecycleError::WrongStatus { actual: club.status, expected: "suspended" });
        }
        let output = self
            .tools
            .command("pg_dump")
            .args(["--format=custom", "--no-owner", "--no-privileges", "--schema"])
            .arg(club.schema.as_str())
            .arg("--dbname")
            .arg(&self.tools.url)
            .output()
            .await?;
        if !output.status.success() {
            return Err(tool_error("pg_dump", &output.stderr));
        }
        let key = format!("clubs/{}/archives/{}.dump", club.id, chrono::Utc::now().format("%Y%m%dT%H%M%S%.3fZ"));
        self.storage.write(&key, output.stdout).await?;
        let updated = self
            .db
            .execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "UPDATE platform.clubs SET status = 'archived', archive_key = $1, updated_at = now()
                 WHERE id = $2 AND status = 'suspended'",
                [key.clone().into(), club.id.as_uuid().into()],
            ))
            .await?;
        if updated.rows_affected() != 1 {
            self.storage.delete(&key).await?;
            return Err(LifecycleError::WrongStatus { actual: club.status, expected: "suspended" });
        }
        tracing::info!(club = %club.id, %key, "club archived");
        self.changes.club_changed(club).await;
        Ok(key)
    }

    /// Drops the club's schema and role. An archived club keeps its registry row, to be
    /// restored; `force` drops a club that is not archived, registry row included.
    pub async fn drop_club(&self, club: &Club, force: bool) -> Result<(), LifecycleError> {
        if club.status != ClubStatus::Archived && !force {
            return Err(LifecycleError::WrongStatus { actual: club.status, expected: "archived" });
        }
        let txn = self.db.begin().await?;
        txn.execute_unprepared(&format!(
            "DROP SCHEMA IF EXISTS {schema} CASCADE; DROP OWNED BY {role}; DROP ROLE {role}",
            schema = club.schema.quoted(),
            role = club.role.quoted()
        ))
        .await?;
        if club.status != ClubStatus::Archived {
            txn.execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "DELETE FROM platform.clubs WHERE id = $1",
                [club.id.as_uuid().into()],
            ))
            .await?;
        }
        txn.commit().await?;
        tracing::info!(club = %club.id, slug = %club.slug, "club dropped");
        self.changes.club_changed(club).await;
        Ok(())
    }

    /// Brings an archived club back from its archive, as it was, and makes it active.
    pub async fn restore(&self, club: &Club) -> Result<(), LifecycleError> {
        if club.status != ClubStatus::Archived {
            return Err(LifecycleError::WrongStatus { actual: club.status, expected: "archived" });
        }
        let key = club.archive_key.as_deref().ok_or(LifecycleError::NoArchive)?;
        if self.schema_exists(club).await? {
            return Err(LifecycleError::SchemaExists);
        }
        let dump = self.storage.read(key).await?.to_vec();
        let file = tempfile_path(club);
        tokio::fs::write(&file, &dump).await?;

        create_role(&self.db, &club.role).await?;
        let restored = self.pg_restore(&file).await;
        let _ = tokio::fs::remove_file(&file).await;
        if let Err(error) = restored {
            self.db.execute_unprepared(&format!("DROP ROLE IF EXISTS {}", club.role.quoted())).await?;
            return Err(error);
        }
        let txn = self.db.begin().await?;
        grant_club_role(&txn, &club.schema, &club.role).await?;
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "UPDATE platform.clubs SET status = 'active', updated_at = now() WHERE id = $1",
            [club.id.as_uuid().into()],
        ))
        .await?;
        txn.commit().await?;
        tracing::info!(club = %club.id, slug = %club.slug, %key, "club restored");
        self.changes.club_changed(club).await;
        Ok(())
    }

    async fn pg_restore(&self, file: &Path) -> Result<(), LifecycleError> {
        let output = self
            .tools
            .command("pg_restore")
            .args(["--no-owner", "--no-privileges", "--exit-on-error", "--single-transaction", "--dbname"])
            .arg(&self.tools.url)
            .arg(file)
            .output()
            .await?;
        if output.status.success() { Ok(()) } else { Err(tool_error("pg_restore", &output.stderr)) }
    }

    async fn schema_exists(&self, club: &Club) -> Result<bool, DbErr> {
        let row = self
            .db
            .query_one_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1) AS present",
                [club.schema.as_str().into()],
            ))
            .await?;
        Ok(row.map(|r| r.try_get::<bool>("", "present")).transpose()?.unwrap_or(false))
    }
}

fn tempfile_path(club: &Club) -> PathBuf {
    std::env::temp_dir().join(format!("dropit-restore-{}-{}.dump", club.id, uuid::Uuid::new_v4().simple()))
}

fn tool_error(tool: &'static str, stderr: &[u8]) -> LifecycleError {
    LifecycleError::Tool { tool, message: String::from_utf8_lossy(stderr).trim().to_owned() }
}
