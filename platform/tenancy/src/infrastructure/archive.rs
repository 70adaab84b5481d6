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
    provision::{NewClub, create_role, grant_club_role, insert_registry_row},
    registry::PgClubRegistry,
};
use crate::{
    application::ClubChanges,
    domain::{Club, ClubRole, ClubSchema, ClubStatus},
};

#[derive(Debug, thiserror::Error)]
pub enum LifecycleError {
    #[error("the club is {actual}; this needs it {expected}")]
    WrongStatus { actual: ClubStatus, expected: &'static str },
    #[error("the club has no archive")]
    NoArchive,
    #[error("the club's schema still exists; drop it before restoring")]
    SchemaExists,
    #[error("the slug `{0}` is taken")]
    SlugTaken(String),
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
        let key = archive_of(club)?;
        if self.schema_exists(&club.schema).await? {
            return Err(LifecycleError::SchemaExists);
        }
        self.load_archive(key, &club.schema, &club.schema, &club.role).await?;
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

    /// Creates a new, active club from an archived club's archive; the archived club stays
    /// as it is (its schema may even still exist).
    pub async fn restore_as(&self, club: &Club, new: NewClub) -> Result<Club, LifecycleError> {
        let key = archive_of(club)?;
        if PgClubRegistry::slug_exists(&self.db, &new.slug).await? {
            return Err(LifecycleError::SlugTaken(new.slug.to_string()));
        }
        let copy = Club {
            id: new.id,
            slug: new.slug,
            name: new.name,
            schema: ClubSchema::for_club(new.id),
            role: ClubRole::for_club(new.id),
            status: ClubStatus::Active,
            tier: new.tier,
            schema_version: club.schema_version.clone(),
            archive_key: None,
        };
        self.load_archive(key, &club.schema, &copy.schema, &copy.role).await?;
        let registered = async {
            let txn = self.db.begin().await?;
            grant_club_role(&txn, &copy.schema, &copy.role).await?;
            insert_registry_row(&txn, &copy).await?;
            txn.commit().await
        }
        .await;
        if let Err(error) = registered {
            self.forget_schema(&copy.schema, &copy.role).await?;
            return Err(error.into());
        }
        tracing::info!(from = %club.id, club = %copy.id, slug = %copy.slug, %key, "club restored as a new club");
        Ok(copy)
    }

    /// Loads an archive into `into` (renamed from `from`), owned by the server's role, with
    /// `role` created for it. All of it or nothing: on failure the role is dropped again.
    async fn load_archive(
        &self,
        key: &str,
        from: &ClubSchema,
        into: &ClubSchema,
        role: &ClubRole,
    ) -> Result<(), LifecycleError> {
        let dump = self.storage.read(key).await?.to_vec();
        let work = scratch_dir()?;
        let (dump_file, script_file) = (work.join("club.dump"), work.join("club.sql"));
        tokio::fs::write(&dump_file, &dump).await?;
        let loaded = async {
            let output = self
                .tools
                .command("pg_restore")
                .args(["--no-owner", "--no-privileges", "--file=-"])
                .arg(&dump_file)
                .output()
                .await?;
            if !output.status.success() {
                return Err(tool_error("pg_restore", &output.stderr));
            }
            let script = String::from_utf8(output.stdout)
                .map_err(|_| LifecycleError::Tool { tool: "pg_restore", message: "the script is not UTF-8".into() })?;
            tokio::fs::write(&script_file, rename_schema(&script, from, into)).await?;
            create_role(&self.db, role).await?;
            let output = self
                .tools
                .command("psql")
                .args(["--no-psqlrc", "--quiet", "--single-transaction", "--set=ON_ERROR_STOP=1", "--dbname"])
                .arg(&self.tools.url)
                .arg("--file")
                .arg(&script_file)
                .output()
                .await?;
            if output.status.success() {
                Ok(())
            } else {
                self.db.execute_unprepared(&format!("DROP ROLE IF EXISTS {}", role.quoted())).await?;
                Err(tool_error("psql", &output.stderr))
            }
        }
        .await;
        let _ = tokio::fs::remove_dir_all(&work).await;
        loaded
    }

    async fn forget_schema(&self, schema: &ClubSchema, role: &ClubRole) -> Result<(), DbErr> {
        self.db
            .execute_unprepared(&format!(
                "DROP SCHEMA IF EXISTS {schema} CASCADE; DROP OWNED BY {role}; DROP ROLE IF EXISTS {role}",
                schema = schema.quoted(),
                role = role.quoted()
            ))
            .await
            .map(drop)
    }

    async fn schema_exists(&self, schema: &ClubSchema) -> Result<bool, DbErr> {
        let row = self
            .db
            .query_one_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1) AS present",
                [schema.as_str().into()],
            ))
            .await?;
        Ok(row.map(|r| r.try_get::<bool>("", "present")).transpose()?.unwrap_or(false))
    }
}

fn archive_of(club: &Club) -> Result<&str, LifecycleError> {
    if club.status != ClubStatus::Archived {
        return Err(LifecycleError::WrongStatus { actual: club.status, expected: "archived" });
    }
    club.archive_key.as_deref().ok_or(LifecycleError::NoArchive)
}

/// A private directory for one restore's files.
fn scratch_dir() -> std::io::Result<PathBuf> {
    let dir = std::env::temp_dir().join(format!("dropit-restore-{}", uuid::Uuid::new_v4().simple()));
    std::fs::create_dir(&dir)?;
    Ok(dir)
}

/// Renames the schema in a plain-SQL dump, everywhere but in the rows of `COPY` blocks, so
/// data that happens to contain the schema's name stays as it was.
fn rename_schema(script: &str, from: &ClubSchema, into: &ClubSchema) -> String {
    let mut out = String::with_capacity(script.len());
    let mut in_rows = false;
    for line in script.split_inclusive('\n') {
        if in_rows {
            in_rows = line.trim_end_matches(['\n', '\r']) != "\\.";
            out.push_str(line);
        } else {
            in_rows = line.starts_with("COPY ") && line.trim_end().ends_with("FROM stdin;");
            out.push_str(&line.replace(from.as_str(), into.as_str()));
        }
    }
    out
}

fn tool_error(tool: &'static str, stderr: &[u8]) -> LifecycleError {
    LifecycleError::Tool { tool, message: String::from_utf8_lossy(stderr).trim().to_owned() }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::ClubId;

    #[test]
    fn renames_the_schema_but_not_the_rows() {
        let (from, into) = (ClubSchema::for_club(ClubId::generate()), ClubSchema::for_club(ClubId::generate()));
        let script = format!(
            "CREATE SCHEMA {f};\nCREATE TABLE {f}.canary (club text);\nCOPY {f}.canary (club) FROM stdin;\n{f}\nplain\n\\.\n\nALTER TABLE ONLY {f}.canary ADD CONSTRAINT x;\n",
            f = from.as_str()
        );
        let expected = format!(
            "CREATE SCHEMA {t};\nCREATE TABLE {t}.canary (club text);\nCOPY {t}.canary (club) FROM stdin;\n{f}\nplain\n\\.\n\nALTER TABLE ONLY {t}.canary ADD CONSTRAINT x;\n",
            f = from.as_str(),
            t = into.as_str()
        );
        assert_eq!(rename_schema(&script, &from, &into), expected);
    }
}
