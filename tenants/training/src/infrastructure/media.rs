//! Exercise media in object storage (opendal: the filesystem or S3), under
//! `clubs/<club id>/media/<media id>`, with their rows in the club's `media` table.
//!
//! Storage sits behind a circuit breaker: after a few failures in a row, media operations
//! answer "unavailable" at once for a while instead of waiting on a dead backend; the next
//! operation after that pause tries again, and a success closes the breaker.

use std::{
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use dropit_tenancy::{
    ClubCtx,
    infrastructure::{ClubPools, begin_club_txn},
};
use futures::{Stream, StreamExt};
use opendal::Operator;
use sea_orm::{ConnectionTrait, DbBackend, DbErr, QueryResult, Statement};
use uuid::Uuid;

use super::failed;
use crate::application::CatalogueError;

/// Failures in a row that open the breaker, and how long it stays open.
const TRIP_AFTER: u32 = 3;
const OPEN_FOR: Duration = Duration::from_secs(10);

#[derive(Debug, thiserror::Error)]
pub enum MediaError {
    #[error("the file is larger than {0} bytes")]
    TooLarge(u64),
    #[error("the file is empty")]
    Empty,
    /// Not one of the accepted types, whatever it claims to be.
    #[error("this kind of file is not accepted")]
    Refused,
    #[error("media storage is unavailable: {0}")]
    Unavailable(String),
    #[error(transparent)]
    Database(#[from] CatalogueError),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Media {
    pub id: Uuid,
    pub exercise_id: Uuid,
    pub content_type: String,
    pub size_bytes: u64,
}

#[derive(Default)]
struct Breaker {
    failures: u32,
    open_until: Option<Instant>,
}

#[derive(Clone)]
pub struct MediaStore {
    storage: Operator,
    db: ClubPools,
    statement_timeout: Duration,
    max_bytes: u64,
    types: Arc<Vec<String>>,
    breaker: Arc<Mutex<Breaker>>,
}

fn key(ctx: &ClubCtx, id: Uuid) -> String {
    format!("clubs/{}/media/{id}", ctx.id)
}

fn media(row: &QueryResult) -> Result<Media, DbErr> {
    Ok(Media {
        id: row.try_get("", "id")?,
        exercise_id: row.try_get("", "exercise_id")?,
        content_type: row.try_get("", "content_type")?,
        size_bytes: row.try_get::<i64>("", "size_bytes")?.max(0) as u64,
    })
}

impl MediaStore {
    pub fn new(
        storage: Operator,
        db: impl Into<ClubPools>,
        statement_timeout: Duration,
        max_bytes: u64,
        types: Vec<String>,
    ) -> Self {
        Self { storage, db: db.into(), statement_timeout, max_bytes, types: Arc::new(types), breaker: Arc::default() }
    }

    /// Refuses at once while the breaker is open.
    fn check(&self) -> Result<(), MediaError> {
        let breaker = self.breaker.lock().map_err(|_| MediaError::Unavailable("breaker".into()))?;
        match breaker.open_until {
            Some(until) if Instant::now() < until => Err(MediaError::Unavailable("storage failed recently".into())),
            _ => Ok(()),
        }
    }

    /// Counts a failed storage operation; enough in a row open the breaker.
    fn failed(&self, error: opendal::Error) -> MediaError {
        if let Ok(mut breaker) = self.breaker.lock() {
            breaker.failures += 1;
            if breaker.failures >= TRIP_AFTER {
                breaker.open_until = Some(Instant::now() + OPEN_FOR);
                tracing::warn!(%error, "media storage keeps failing; media answer unavailable for a while");
            }
        }
        MediaError::Unavailable(error.to_string())
    }

    /// A whole media operation went through: the breaker closes.
    fn succeeded(&self) {
        if let Ok(mut breaker) = self.breaker.lock() {
            *breaker = Breaker::default();
        }
    }

    /// Streams an upload to storage, checking its type from its first bytes and its size as it
    /// comes; nothing is kept of a refused or failed upload.
    pub async fn upload<S, B, E>(&self, ctx: &ClubCtx, exercise: Uuid, mut body: S) -> Result<Media, MediaError>
    where
        S: Stream<Item = Result<B, E>> + Unpin,
        B: AsRef<[u8]>,
        E: std::fmt::Display,
    {
        self.check()?;
        // Enough of the start to know what the file is.
        let mut head = Vec::new();
        let mut ended = false;
        while head.len() < 8192 {
            match body.next().await {
                Some(Ok(chunk)) => head.extend_from_slice(chunk.as_ref()),
                Some(Err(error)) => return Err(MediaError::Unavailable(format!("reading the upload: {error}"))),
                None => {
                    ended = true;
                    break;
                }
            }
        }
        if head.is_empty() {
            return Err(MediaError::Empty);
        }
        let content_type = infer::get(&head).map(|kind| kind.mime_type().to_owned()).ok_or(MediaError::Refused)?;
        if !self.types.contains(&content_type) {
            return Err(MediaError::Refused);
        }
        if head.len() as u64 > self.max_bytes {
            return Err(MediaError::TooLarge(self.max_bytes));
        }
        let id = Uuid::now_v7();
        let path = key(ctx, id);
        let mut writer =
            self.storage.writer_with(&path).content_type(&content_type).await.map_err(|e| self.failed(e))?;
        let mut size = head.len() as u64;
        let mut failure = writer.write(head).await.err().map(|e| self.failed(e));
        if !ended && failure.is_none() {
            while let Some(chunk) = body.next().await {
                match chunk {
                    Ok(chunk) => {
                        let chunk = chunk.as_ref().to_vec();
                        size += chunk.len() as u64;
                        if size > self.max_bytes {
                            failure = Some(MediaError::TooLarge(self.max_bytes));
                            break;
                        }
                        if let Err(error) = writer.write(chunk).await {
                            failure = Some(self.failed(error));
                            break;
                        }
                    }
                    Err(error) => {
                        failure = Some(MediaError::Unavailable(format!("reading the upload: {error}")));
                        break;
                    }
                }
            }
        }
        if let Some(failure) = failure {
            let _ = writer.abort().await;
            let _ = self.storage.delete(&path).await;
            return Err(failure);
        }
        writer.close().await.map_err(|e| self.failed(e))?;
        self.succeeded();
        let stored = Media { id, exercise_id: exercise, content_type, size_bytes: size };
        if let Err(error) = self.insert(ctx, &stored).await {
            let _ = self.storage.delete(&path).await;
            return Err(error.into());
        }
        Ok(stored)
    }

    async fn insert(&self, ctx: &ClubCtx, media: &Media) -> Result<(), CatalogueError> {
        let txn = begin_club_txn(&self.db, ctx, self.statement_timeout).await.map_err(failed)?;
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "INSERT INTO media (id, exercise_id, content_type, size_bytes) VALUES ($1, $2, $3, $4)",
            [
                media.id.into(),
                media.exercise_id.into(),
                media.content_type.clone().into(),
                (media.size_bytes as i64).into(),
            ],
        ))
        .await
        .map_err(failed)?;
        txn.commit().await.map_err(failed)
    }

    pub async fn of_exercise(&self, ctx: &ClubCtx, exercise: Uuid) -> Result<Vec<Media>, CatalogueError> {
        let txn = begin_club_txn(&self.db, ctx, self.statement_timeout).await.map_err(failed)?;
        let rows = txn
            .query_all_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT id, exercise_id, content_type, size_bytes FROM media WHERE exercise_id = $1 ORDER BY created_at, id",
                [exercise.into()],
            ))
            .await
            .map_err(failed)?;
        txn.commit().await.map_err(failed)?;
        rows.iter().map(media).collect::<Result<_, _>>().map_err(failed)
    }

    pub async fn get(&self, ctx: &ClubCtx, id: Uuid) -> Result<Option<Media>, CatalogueError> {
        let txn = begin_club_txn(&self.db, ctx, self.statement_timeout).await.map_err(failed)?;
        let row = txn
            .query_one_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT id, exercise_id, content_type, size_bytes FROM media WHERE id = $1",
                [id.into()],
            ))
            .await
            .map_err(failed)?;
        txn.commit().await.map_err(failed)?;
        row.as_ref().map(media).transpose().map_err(failed)
    }

    /// The bytes of a medium, whole or a range of it (`start..end`, end exclusive).
    pub async fn read(&self, ctx: &ClubCtx, media: &Media, range: Option<(u64, u64)>) -> Result<Vec<u8>, MediaError> {
        self.check()?;
        let path = key(ctx, media.id);
        let read = match range {
            Some((start, end)) => self.storage.read_with(&path).range(start..end).await,
            None => self.storage.read(&path).await,
        };
        let bytes = read.map_err(|e| self.failed(e))?.to_vec();
        self.succeeded();
        Ok(bytes)
    }

    /// The stored bytes of a medium, by id (a club's archive).
    pub async fn object(&self, ctx: &ClubCtx, id: Uuid) -> Result<Vec<u8>, MediaError> {
        self.check()?;
        let bytes = self.storage.read(&key(ctx, id)).await.map_err(|e| self.failed(e))?.to_vec();
        self.succeeded();
        Ok(bytes)
    }

    /// Stores a medium's bytes under its id, its row written by the caller (a club's archive
    /// restored).
    pub async fn put_object(&self, ctx: &ClubCtx, id: Uuid, bytes: Vec<u8>) -> Result<(), MediaError> {
        self.check()?;
        self.storage.write(&key(ctx, id), bytes).await.map_err(|e| self.failed(e))?;
        self.succeeded();
        Ok(())
    }

    /// Removes a medium's bytes, its row gone or never written.
    pub async fn remove_object(&self, ctx: &ClubCtx, id: Uuid) -> Result<(), MediaError> {
        self.storage.delete(&key(ctx, id)).await.map_err(|e| self.failed(e))
    }

    /// Forgets a medium: its row, then its object.
    pub async fn delete(&self, ctx: &ClubCtx, id: Uuid) -> Result<bool, MediaError> {
        self.check()?;
        let txn = begin_club_txn(&self.db, ctx, self.statement_timeout).await.map_err(failed)?;
        let deleted = txn
            .execute_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "DELETE FROM media WHERE id = $1",
                [id.into()],
            ))
            .await
            .map_err(failed)?
            .rows_affected()
            == 1;
        if deleted {
            self.storage.delete(&key(ctx, id)).await.map_err(|e| self.failed(e))?;
            self.succeeded();
        }
        txn.commit().await.map_err(failed)?;
        Ok(deleted)
    }

    /// Objects under the club's media prefix that no row names — an upload cut short, a
    /// presigned upload never completed, a row deleted while storage was away — once older
    /// than `grace`, deleted. Answers how many.
    pub async fn remove_orphans(&self, ctx: &ClubCtx, grace: Duration) -> Result<usize, MediaError> {
        self.check()?;
        let prefix = format!("clubs/{}/media/", ctx.id);
        let entries = self.storage.list_with(&prefix).recursive(true).await.map_err(|e| self.failed(e))?;
        let cutoff = opendal::raw::Timestamp::try_from(std::time::SystemTime::now() - grace).ok();
        let mut candidates = Vec::new();
        for entry in entries.iter().filter(|e| e.metadata().is_file()) {
            let Ok(id) = Uuid::parse_str(entry.name()) else { continue };
            let modified = match entry.metadata().last_modified() {
                Some(at) => Some(at),
                None => self.storage.stat(entry.path()).await.map_err(|e| self.failed(e))?.last_modified(),
            };
            if modified.zip(cutoff).is_some_and(|(at, cutoff)| at < cutoff) {
                candidates.push((id, entry.path().to_owned()));
            }
        }
        let ids: Vec<String> = candidates.iter().map(|(id, _)| id.to_string()).collect();
        let txn = begin_club_txn(&self.db, ctx, self.statement_timeout).await.map_err(failed)?;
        let rows = txn
            .query_all_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT id FROM media WHERE id = ANY(string_to_array($1, ',')::uuid[])",
                [ids.join(",").into()],
            ))
            .await
            .map_err(failed)?;
        txn.commit().await.map_err(failed)?;
        let kept: Vec<Uuid> = rows.iter().filter_map(|r| r.try_get::<Uuid>("", "id").ok()).collect();
        let mut removed = 0;
        for (id, path) in candidates.into_iter().filter(|(id, _)| !kept.contains(id)) {
            self.storage.delete(&path).await.map_err(|e| self.failed(e))?;
            tracing::info!(club = %ctx.id, media = %id, "removed an orphan media object");
            removed += 1;
        }
        self.succeeded();
        Ok(removed)
    }

    /// A short-lived URL to read a medium straight from storage (S3); `None` when the backend
    /// has no such URLs (the filesystem), where the API serves the bytes itself.
    pub async fn read_link(
        &self,
        ctx: &ClubCtx,
        media: &Media,
        expire: Duration,
    ) -> Result<Option<String>, MediaError> {
        if !self.storage.info().capability().presign_read {
            return Ok(None);
        }
        self.check()?;
        let presigned = self.storage.presign_read(&key(ctx, media.id), expire).await.map_err(|e| self.failed(e))?;
        self.succeeded();
        Ok(Some(presigned.uri().to_string()))
    }

    /// A short-lived URL to PUT a new medium straight to storage (S3), and the id it will
    /// have once completed; `None` when the backend has no such URLs (upload through the API).
    pub async fn upload_link(&self, ctx: &ClubCtx, expire: Duration) -> Result<Option<(Uuid, String)>, MediaError> {
        if !self.storage.info().capability().presign_write {
            return Ok(None);
        }
        self.check()?;
        let id = Uuid::now_v7();
        let presigned = self.storage.presign_write(&key(ctx, id), expire).await.map_err(|e| self.failed(e))?;
        self.succeeded();
        Ok(Some((id, presigned.uri().to_string())))
    }

    /// Checks what was PUT through an upload link — its size and, from its first bytes, its
    /// type — and attaches it to the exercise, or deletes it.
    pub async fn complete(&self, ctx: &ClubCtx, exercise: Uuid, id: Uuid) -> Result<Option<Media>, MediaError> {
        self.check()?;
        let path = key(ctx, id);
        let size = match self.storage.stat(&path).await {
            Ok(meta) => meta.content_length(),
            Err(error) if error.kind() == opendal::ErrorKind::NotFound => return Ok(None),
            Err(error) => return Err(self.failed(error)),
        };
        let refuse = |error: MediaError| async {
            let _ = self.storage.delete(&path).await;
            Err(error)
        };
        if size == 0 {
            return refuse(MediaError::Empty).await;
        }
        if size > self.max_bytes {
            return refuse(MediaError::TooLarge(self.max_bytes)).await;
        }
        let head = self.storage.read_with(&path).range(0..size.min(8192)).await.map_err(|e| self.failed(e))?.to_vec();
        let content_type = match infer::get(&head).map(|kind| kind.mime_type().to_owned()) {
            Some(kind) if self.types.contains(&kind) => kind,
            _ => return refuse(MediaError::Refused).await,
        };
        self.succeeded();
        let stored = Media { id, exercise_id: exercise, content_type, size_bytes: size };
        if let Err(error) = self.insert(ctx, &stored).await {
            return refuse(error.into()).await;
        }
        Ok(Some(stored))
    }
}
