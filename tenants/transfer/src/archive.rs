//! The whole club as a portable archive: a zip holding `manifest.json`, one JSON array of rows
//! per table of the club's schema (`tables/<table>.json`) and each medium's bytes
//! (`media/<id>`). The format is documented in `tenants/transfer/ARCHIVE.md`.
//!
//! An archive is read back only into a club that holds nothing yet (just created): its seeded
//! catalogue and settings are replaced by the archive's, in one transaction. People's accounts
//! are not the club's to carry: athletes who had one come back as athletes the coach manages
//! (new ids, to be invited again), with all their history.

use std::{
    collections::{BTreeMap, HashMap},
    io::{Read, Seek, Write},
    time::Duration,
};

use dropit_tenancy::{
    Club, ClubCtx,
    infrastructure::{begin_club_snapshot, begin_club_txn},
};
use dropit_training::infrastructure::MediaStore;
use sea_orm::{ConnectionTrait, DatabaseConnection, DatabaseTransaction, DbBackend, DbErr, Statement};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;
use zip::{ZipArchive, ZipWriter, write::SimpleFileOptions};

/// What the manifest's `format` says.
pub const FORMAT: &str = "dropit-club-archive";
/// Raised when the layout of the archive itself changes (not the tables: those follow
/// `schema_version`).
pub const FORMAT_VERSION: u32 = 1;

/// Every table of a club's schema, parents before children so rows insert in this order.
/// Exporting refuses a schema with a table missing here, so an archive is never silently
/// partial.
pub const TABLES: &[&str] = &[
    "club_settings",
    "exercises",
    "media",
    "workouts",
    "workout_lines",
    "athletes",
    "athlete_groups",
    "athlete_group_members",
    "planned_sessions",
    "reference_maxima",
    "session_logs",
    "bodyweights",
    "category_sets",
    "personal_records",
    "competitions",
    "competition_results",
    "readiness",
    "activity",
];

/// The migrations ledger: the schema's own bookkeeping, not the club's data.
const LEDGER: &str = "seaql_migrations";

/// Tables that hold something once a club has been used; seeds (starter exercises, category
/// sets, settings) do not count.
const USER_DATA: &str = "SELECT (SELECT count(*) FROM athletes) + (SELECT count(*) FROM athlete_groups)
    + (SELECT count(*) FROM workouts) + (SELECT count(*) FROM planned_sessions)
    + (SELECT count(*) FROM session_logs) + (SELECT count(*) FROM media)
    + (SELECT count(*) FROM competitions) + (SELECT count(*) FROM reference_maxima)
    + (SELECT count(*) FROM exercises WHERE starter_key IS NULL) AS n";

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Manifest {
    pub format: String,
    pub format_version: u32,
    /// The last club migration applied to the tables' shape.
    pub schema_version: String,
    pub club: ClubName,
    pub exported_at: chrono::DateTime<chrono::Utc>,
    /// Rows per table.
    pub tables: BTreeMap<String, u64>,
    /// Files under `media/`.
    pub media: u64,
}

#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct ClubName {
    pub slug: String,
    pub name: String,
}

#[derive(Debug, thiserror::Error)]
pub enum ArchiveError {
    #[error("this is not a DropIt club archive")]
    NotAnArchive,
    #[error("archive format {0} is not one this server reads")]
    UnsupportedFormat(u32),
    /// Made by a newer server (or another product): its tables have a shape this one lacks.
    #[error("the archive's schema {0} is newer than this server's")]
    NewerSchema(String),
    #[error("the club already holds data")]
    ClubNotEmpty,
    #[error("the archive is damaged: {0}")]
    Damaged(String),
    #[error("unavailable: {0}")]
    Unavailable(String),
}

impl From<DbErr> for ArchiveError {
    fn from(error: DbErr) -> Self {
        ArchiveError::Unavailable(error.to_string())
    }
}

impl From<std::io::Error> for ArchiveError {
    fn from(error: std::io::Error) -> Self {
        ArchiveError::Unavailable(error.to_string())
    }
}

/// What a restore put in.
#[derive(Clone, Debug, PartialEq)]
pub struct Restored {
    pub tables: BTreeMap<String, u64>,
    pub media: u64,
    /// Athletes whose account stayed behind; they are now managed by the coach.
    pub unlinked_athletes: u64,
}

#[derive(Clone)]
pub struct ClubArchive {
    db: DatabaseConnection,
    media: MediaStore,
    statement_timeout: Duration,
}

impl ClubArchive {
    pub fn new(db: DatabaseConnection, media: MediaStore, statement_timeout: Duration) -> Self {
        Self { db, media, statement_timeout }
    }

    /// Writes the club's archive into `out` (a temporary file) from one consistent snapshot.
    pub async fn export(&self, club: &Club, out: std::fs::File) -> Result<(std::fs::File, Manifest), ArchiveError> {
        let ctx = club.context();
        let txn = begin_club_snapshot(&self.db, &ctx, self.statement_timeout).await?;
        let present = tables_of(&txn).await?;
        if let Some(unknown) = present.iter().find(|t| !TABLES.contains(&t.as_str())) {
            return Err(ArchiveError::Unavailable(format!("table {unknown} is not part of the archive format")));
        }
        let mut tables: Vec<(&str, Vec<Value>)> = Vec::with_capacity(TABLES.len());
        for table in TABLES {
            let row = txn
                .query_one_raw(Statement::from_string(
                    DbBackend::Postgres,
                    format!("SELECT coalesce(jsonb_agg(to_jsonb(t)), '[]'::jsonb) AS rows FROM {table} t"),
                ))
                .await?
                .ok_or_else(|| ArchiveError::Unavailable("no rows".into()))?;
            let rows = match row.try_get::<Value>("", "rows")? {
                Value::Array(rows) => rows,
                other => return Err(ArchiveError::Unavailable(format!("{table}: not an array: {other}"))),
            };
            tables.push((*table, rows));
        }
        txn.commit().await?;

        let media = tables.iter().find(|(t, _)| *t == "media").map(|(_, rows)| media_ids(rows)).unwrap_or_default();
        let manifest = Manifest {
            format: FORMAT.to_owned(),
            format_version: FORMAT_VERSION,
            schema_version: club.schema_version.clone().unwrap_or_default(),
            club: ClubName { slug: club.slug.as_str().to_owned(), name: club.name.as_str().to_owned() },
            exported_at: chrono::Utc::now(),
            tables: tables.iter().map(|(t, rows)| ((*t).to_owned(), rows.len() as u64)).collect(),
            media: media.len() as u64,
        };

        let head = manifest.clone();
        let mut zip = blocking(move || -> Result<_, ArchiveError> {
            let mut zip = ZipWriter::new(out);
            let options = SimpleFileOptions::default();
            zip.start_file("manifest.json", options).map_err(damaged)?;
            serde_json::to_writer_pretty(&mut zip, &head).map_err(damaged)?;
            zip.start_file("README.txt", options).map_err(damaged)?;
            zip.write_all(README.as_bytes())?;
            for (table, rows) in &tables {
                zip.start_file(format!("tables/{table}.json"), options).map_err(damaged)?;
                serde_json::to_writer(&mut zip, rows).map_err(damaged)?;
            }
            Ok(zip)
        })
        .await?;
        // Media one at a time: only one file is ever in memory.
        for id in media {
            let bytes = self.media.object(&ctx, id).await.map_err(|e| ArchiveError::Unavailable(e.to_string()))?;
            zip = blocking(move || -> Result<_, ArchiveError> {
                // Photos and videos are compressed already.
                let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
                zip.start_file(format!("media/{id}"), stored).map_err(damaged)?;
                zip.write_all(&bytes)?;
                Ok(zip)
            })
            .await?;
        }
        let file = blocking(move || zip.finish().map_err(damaged)).await?;
        Ok((file, manifest))
    }

    /// Reads an archive back into `club`, which must hold nothing yet. All or nothing.
    pub async fn restore<R: Read + Seek + Send + 'static>(
        &self,
        club: &Club,
        archive: R,
    ) -> Result<Restored, ArchiveError> {
        let ctx = club.context();
        let (manifest, mut tables, zip) = blocking(move || read_archive(archive)).await?;
        check_versions(&manifest, club.schema_version.as_deref())?;
        let unlinked_athletes = unlink_accounts(&mut tables);
        self.check_empty(&ctx).await?;

        let media = tables.get("media").map(|rows| media_ids(rows)).unwrap_or_default();
        let mut stored = Vec::with_capacity(media.len());
        let outcome = match self.copy_media(&ctx, zip, &media, &mut stored).await {
            Ok(()) => self.insert(&ctx, &tables).await,
            Err(error) => Err(error),
        };
        if let Err(error) = outcome {
            for id in stored {
                if let Err(error) = self.media.remove_object(&ctx, id).await {
                    tracing::warn!(%error, %id, "a medium of a failed restore is left in storage");
                }
            }
            return Err(error);
        }
        Ok(Restored {
            tables: tables.iter().map(|(t, rows)| (t.clone(), rows.len() as u64)).collect(),
            media: media.len() as u64,
            unlinked_athletes,
        })
    }

    /// Copies each medium of the archive to storage, one at a time; `stored` says which went
    /// in, for the caller to remove if the restore fails.
    async fn copy_media<R: Read + Seek + Send + 'static>(
        &self,
        ctx: &ClubCtx,
        mut zip: ZipArchive<R>,
        media: &[Uuid],
        stored: &mut Vec<Uuid>,
    ) -> Result<(), ArchiveError> {
        for &id in media {
            let bytes;
            (zip, bytes) = blocking(move || {
                let mut bytes = Vec::new();
                zip.by_name(&format!("media/{id}"))
                    .map_err(|_| ArchiveError::Damaged(format!("media/{id} is missing")))?
                    .read_to_end(&mut bytes)
                    .map_err(damaged)?;
                Ok((zip, bytes))
            })
            .await?;
            self.media.put_object(ctx, id, bytes).await.map_err(|e| ArchiveError::Unavailable(e.to_string()))?;
            stored.push(id);
        }
        Ok(())
    }

    async fn check_empty(&self, ctx: &ClubCtx) -> Result<(), ArchiveError> {
        let txn = begin_club_txn(&self.db, ctx, self.statement_timeout).await?;
        let used = user_data(&txn).await?;
        txn.commit().await?;
        if used { Err(ArchiveError::ClubNotEmpty) } else { Ok(()) }
    }

    async fn insert(&self, ctx: &ClubCtx, tables: &HashMap<String, Vec<Value>>) -> Result<(), ArchiveError> {
        let txn = begin_club_txn(&self.db, ctx, self.statement_timeout).await?;
        // Checked again inside the transaction: nothing written in between is overwritten.
        txn.execute_unprepared("LOCK TABLE athletes, workouts, exercises IN SHARE ROW EXCLUSIVE MODE").await?;
        if user_data(&txn).await? {
            return Err(ArchiveError::ClubNotEmpty);
        }
        // The seeds of a new club give way to the archive's own.
        txn.execute_unprepared("DELETE FROM category_sets; DELETE FROM exercises; DELETE FROM club_settings").await?;
        let columns = columns_of(&txn).await?;
        for table in TABLES {
            let Some(rows) = tables.get(*table).filter(|rows| !rows.is_empty()) else { continue };
            let known = columns.get(*table).map(Vec::as_slice).unwrap_or_default();
            let mut named: Vec<&str> = Vec::new();
            for row in rows {
                let Some(object) = row.as_object() else {
                    return Err(ArchiveError::Damaged(format!("{table}: a row is not an object")));
                };
                for key in object.keys() {
                    if !known.iter().any(|c| c == key) {
                        return Err(ArchiveError::Damaged(format!("{table}: unknown column {key}")));
                    }
                    if !named.contains(&key.as_str()) {
                        named.push(key);
                    }
                }
            }
            // Only the columns the archive has: a column added since takes its default.
            let list = named.iter().map(|c| format!("\"{c}\"")).collect::<Vec<_>>().join(", ");
            txn.execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                format!("INSERT INTO {table} ({list}) SELECT {list} FROM jsonb_populate_recordset(NULL::{table}, $1)"),
                [sea_orm::Value::Json(Some(Box::new(Value::Array(rows.clone()))))],
            ))
            .await
            .map_err(|e| ArchiveError::Damaged(format!("{table}: {e}")))?;
        }
        txn.commit().await?;
        Ok(())
    }
}

async fn user_data(txn: &DatabaseTransaction) -> Result<bool, DbErr> {
    let row = txn
        .query_one_raw(Statement::from_string(DbBackend::Postgres, USER_DATA))
        .await?
        .ok_or_else(|| DbErr::Custom("no count".into()))?;
    Ok(row.try_get::<i64>("", "n")? > 0)
}

/// The tables of the club's schema (the transaction's search path), but the ledger.
pub async fn tables_of(txn: &DatabaseTransaction) -> Result<Vec<String>, DbErr> {
    let rows = txn
        .query_all_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT table_name::text AS name FROM information_schema.tables
             WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' ORDER BY 1",
        ))
        .await?;
    let names: Vec<String> = rows.iter().map(|r| r.try_get("", "name")).collect::<Result<_, _>>()?;
    Ok(names.into_iter().filter(|n| n != LEDGER).collect())
}

async fn columns_of(txn: &DatabaseTransaction) -> Result<HashMap<String, Vec<String>>, DbErr> {
    let rows = txn
        .query_all_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT table_name::text AS t, column_name::text AS c FROM information_schema.columns
             WHERE table_schema = current_schema()",
        ))
        .await?;
    let mut columns: HashMap<String, Vec<String>> = HashMap::new();
    for row in rows {
        columns.entry(row.try_get("", "t")?).or_default().push(row.try_get("", "c")?);
    }
    Ok(columns)
}

type Read3<R> = (Manifest, HashMap<String, Vec<Value>>, ZipArchive<R>);

fn read_archive<R: Read + Seek>(archive: R) -> Result<Read3<R>, ArchiveError> {
    let mut zip = ZipArchive::new(archive).map_err(|_| ArchiveError::NotAnArchive)?;
    let manifest: Manifest = {
        let file = zip.by_name("manifest.json").map_err(|_| ArchiveError::NotAnArchive)?;
        serde_json::from_reader(file).map_err(|_| ArchiveError::NotAnArchive)?
    };
    if manifest.format != FORMAT {
        return Err(ArchiveError::NotAnArchive);
    }
    if manifest.format_version != FORMAT_VERSION {
        return Err(ArchiveError::UnsupportedFormat(manifest.format_version));
    }
    let mut tables = HashMap::new();
    for table in manifest.tables.keys() {
        if !TABLES.contains(&table.as_str()) {
            return Err(ArchiveError::Damaged(format!("unknown table {table}")));
        }
        let file = zip
            .by_name(&format!("tables/{table}.json"))
            .map_err(|_| ArchiveError::Damaged(format!("tables/{table}.json is missing")))?;
        let rows: Vec<Value> =
            serde_json::from_reader(file).map_err(|e| ArchiveError::Damaged(format!("{table}: {e}")))?;
        if rows.len() as u64 != manifest.tables[table] {
            return Err(ArchiveError::Damaged(format!(
                "{table}: {} rows, the manifest says {}",
                rows.len(),
                manifest.tables[table]
            )));
        }
        tables.insert(table.clone(), rows);
    }
    Ok((manifest, tables, zip))
}

/// The archive's tables must have a shape this club's schema has: its version is one of this
/// server's migrations, and not past the club's own.
fn check_versions(manifest: &Manifest, club_version: Option<&str>) -> Result<(), ArchiveError> {
    use dropit_club_migration::{Migrator, MigratorTrait};
    let names: Vec<String> = Migrator::migrations().iter().map(|m| m.name().to_owned()).collect();
    let position = |v: &str| names.iter().position(|n| n == v);
    let Some(archived) = position(&manifest.schema_version) else {
        return Err(ArchiveError::NewerSchema(manifest.schema_version.clone()));
    };
    match club_version.and_then(position) {
        Some(club) if club >= archived => Ok(()),
        _ => Err(ArchiveError::NewerSchema(manifest.schema_version.clone())),
    }
}

/// Athletes linked to an account get a new id and no account; every row naming them follows.
fn unlink_accounts(tables: &mut HashMap<String, Vec<Value>>) -> u64 {
    let mut renamed: HashMap<String, String> = HashMap::new();
    if let Some(athletes) = tables.get_mut("athletes") {
        for athlete in athletes.iter_mut().filter_map(Value::as_object_mut) {
            if athlete.get("user_id").is_some_and(|u| !u.is_null()) {
                let new = Uuid::new_v4().to_string();
                if let Some(Value::String(old)) = athlete.insert("id".into(), Value::String(new.clone())) {
                    renamed.insert(old, new);
                }
                athlete.insert("user_id".into(), Value::Null);
                athlete.insert("invitation_id".into(), Value::Null);
            }
        }
    }
    for (table, rows) in tables.iter_mut() {
        if table == "athletes" {
            continue;
        }
        for row in rows.iter_mut().filter_map(Value::as_object_mut) {
            if let Some(Value::String(id)) = row.get_mut("athlete_id")
                && let Some(new) = renamed.get(id.as_str())
            {
                *id = new.clone();
            }
        }
    }
    renamed.len() as u64
}

/// The ids of the `media` table's rows.
fn media_ids(rows: &[Value]) -> Vec<Uuid> {
    rows.iter().filter_map(|r| r.get("id")?.as_str()?.parse().ok()).collect()
}

fn damaged(error: impl std::fmt::Display) -> ArchiveError {
    ArchiveError::Damaged(error.to_string())
}

async fn blocking<T: Send + 'static>(
    work: impl FnOnce() -> Result<T, ArchiveError> + Send + 'static,
) -> Result<T, ArchiveError> {
    tokio::task::spawn_blocking(work).await.map_err(|e| ArchiveError::Unavailable(e.to_string()))?
}

const README: &str = "DropIt club archive.

manifest.json      format, format_version, schema_version (the club migration the tables follow),
                   the club, when it was exported, rows per table, number of media files.
tables/<t>.json    every row of table <t> of the club's schema, as a JSON array of objects whose
                   keys are the column names (dates ISO 8601, bytea as \\\\x hex).
media/<id>         the bytes of the exercise medium <id> (see tables/media.json for its type).

Import it into a new, empty club: DropIt web (club settings) or `dropit transfer restore`.
";

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn athletes_with_an_account_come_back_managed_with_their_history() {
        let mut tables: HashMap<String, Vec<Value>> = HashMap::new();
        let account = "0190a7a0-0000-7000-8000-000000000001";
        let managed = "0190a7a0-0000-7000-8000-000000000002";
        tables.insert(
            "athletes".into(),
            vec![
                json!({"id": account, "user_id": account, "invitation_id": null, "name": "Léa"}),
                json!({"id": managed, "user_id": null, "invitation_id": null, "name": "Tom"}),
            ],
        );
        tables.insert(
            "session_logs".into(),
            vec![json!({"id": "l1", "athlete_id": account}), json!({"id": "l2", "athlete_id": managed})],
        );
        assert_eq!(unlink_accounts(&mut tables), 1);
        let lea = &tables["athletes"][0];
        assert_eq!(lea["user_id"], Value::Null);
        assert_ne!(lea["id"], json!(account));
        assert_eq!(tables["session_logs"][0]["athlete_id"], lea["id"]);
        assert_eq!(tables["session_logs"][1]["athlete_id"], json!(managed));
        assert_eq!(tables["athletes"][1]["id"], json!(managed));
    }

    #[test]
    fn an_archive_from_a_newer_schema_is_refused() {
        use dropit_club_migration::{Migrator, MigratorTrait};
        let last = Migrator::migrations().last().map(|m| m.name().to_owned()).expect("migrations");
        let manifest = |version: &str| Manifest {
            format: FORMAT.into(),
            format_version: FORMAT_VERSION,
            schema_version: version.into(),
            club: ClubName { slug: "a".into(), name: "A".into() },
            exported_at: chrono::Utc::now(),
            tables: BTreeMap::new(),
            media: 0,
        };
        assert!(check_versions(&manifest(&last), Some(&last)).is_ok());
        assert!(matches!(
            check_versions(&manifest("m20990101_000001_future"), Some(&last)),
            Err(ArchiveError::NewerSchema(_))
        ));
        let first = Migrator::migrations()[0].name().to_owned();
        assert!(matches!(check_versions(&manifest(&last), Some(&first)), Err(ArchiveError::NewerSchema(_))));
    }
}
