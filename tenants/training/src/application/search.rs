//! Searching the club's catalogue — exercises and workouts — with typos forgiven, as the
//! athlete types, with facets. The search index follows every write in the background and
//! retries, so a write never fails because search is down; while the index is unreachable,
//! searches go to PostgreSQL and say they are degraded, and clubs whose changes could not be
//! indexed are rebuilt once it is back.

use std::{
    collections::HashMap,
    sync::{Arc, Mutex},
    time::Duration,
};

use async_trait::async_trait;
use dropit_tenancy::ClubCtx;
use uuid::Uuid;

use super::CatalogueError;
use crate::domain::{exercise::Exercise, workout::Workout};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    Exercise,
    Workout,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Exercise => "exercise",
            Kind::Workout => "workout",
        }
    }

    pub fn parse(raw: &str) -> Option<Kind> {
        [Kind::Exercise, Kind::Workout].into_iter().find(|k| k.as_str() == raw)
    }
}

/// What the index holds of an exercise or a workout.
#[derive(Clone, Debug, PartialEq)]
pub struct SearchDoc {
    pub kind: Kind,
    pub id: Uuid,
    pub name_fr: String,
    pub name_en: String,
    pub category: Option<String>,
    pub tags: Vec<String>,
    pub archived: bool,
}

impl SearchDoc {
    pub fn exercise(exercise: &Exercise) -> SearchDoc {
        SearchDoc {
            kind: Kind::Exercise,
            id: exercise.id,
            name_fr: exercise.name_fr.clone(),
            name_en: exercise.name_en.clone(),
            category: Some(exercise.category.as_str().to_owned()),
            tags: exercise.tags.clone(),
            archived: exercise.archived,
        }
    }

    pub fn workout(workout: &Workout) -> SearchDoc {
        SearchDoc {
            kind: Kind::Workout,
            id: workout.id,
            name_fr: workout.content.name.clone(),
            name_en: workout.content.name.clone(),
            category: None,
            tags: Vec::new(),
            archived: workout.archived,
        }
    }
}

/// Lower case, without accents, words only: "Épaulé-jeté" is "epaule jete".
pub fn plain(text: &str) -> String {
    let folded: String = text
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'à' | 'â' | 'ä' | 'á' | 'ã' | 'å' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'î' | 'ï' | 'í' | 'ì' => 'i',
            'ô' | 'ö' | 'ó' | 'ò' | 'õ' => 'o',
            'ù' | 'û' | 'ü' | 'ú' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            'ÿ' => 'y',
            'œ' => 'o',
            'æ' => 'a',
            c if c.is_alphanumeric() => c,
            _ => ' ',
        })
        .collect();
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct SearchQuery {
    pub text: String,
    /// What the caller may see.
    pub kinds: Vec<Kind>,
    pub category: Option<String>,
    pub tag: Option<String>,
    pub limit: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Facet {
    pub value: String,
    pub count: u64,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Found {
    /// Best first.
    pub hits: Vec<SearchDoc>,
    pub found: u64,
    pub categories: Vec<Facet>,
    pub tags: Vec<Facet>,
    /// Answered by the fallback: no typo tolerance, plain substring matching.
    pub degraded: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// The club has no index yet (a new or restored club): it is built from the catalogue.
    #[error("the club has no search index yet")]
    Missing,
    #[error("the search index is unavailable: {0}")]
    Unavailable(String),
}

/// Port: the search index of each club's catalogue.
#[async_trait]
pub trait SearchIndex: Send + Sync {
    async fn upsert(&self, ctx: &ClubCtx, docs: &[SearchDoc]) -> Result<(), IndexError>;
    /// Replaces the club's whole index with these documents.
    async fn rebuild(&self, ctx: &ClubCtx, docs: &[SearchDoc]) -> Result<(), IndexError>;
    async fn search(&self, ctx: &ClubCtx, query: &SearchQuery) -> Result<Found, IndexError>;
}

/// Port: the catalogue itself, searched without the index, and read whole for a rebuild.
#[async_trait]
pub trait CatalogueText: Send + Sync {
    async fn search(&self, ctx: &ClubCtx, query: &SearchQuery) -> Result<Found, CatalogueError>;
    async fn documents(&self, ctx: &ClubCtx) -> Result<Vec<SearchDoc>, CatalogueError>;
}

/// How the index follows the catalogue.
#[derive(Clone)]
pub struct Search {
    index: Arc<dyn SearchIndex>,
    text: Arc<dyn CatalogueText>,
    /// Clubs with changes the index missed, rebuilt when it answers again.
    behind: Arc<Mutex<HashMap<Uuid, ClubCtx>>>,
    retry_after: Duration,
}

impl Search {
    pub fn new(index: Arc<dyn SearchIndex>, text: Arc<dyn CatalogueText>) -> Self {
        Self { index, text, behind: Arc::default(), retry_after: Duration::from_millis(200) }
    }

    pub async fn find(&self, ctx: &ClubCtx, query: &SearchQuery) -> Result<Found, CatalogueError> {
        let mut answer = self.index.search(ctx, query).await;
        if let Err(IndexError::Missing) = answer {
            answer = match self.reindex(ctx).await {
                Ok(_) => self.index.search(ctx, query).await,
                Err(error) => Err(IndexError::Unavailable(error.0)),
            };
        }
        match answer {
            Ok(found) => Ok(found),
            Err(error) => {
                tracing::warn!(%error, "search falls back to the database");
                let mut found = self.text.search(ctx, query).await?;
                found.degraded = true;
                Ok(found)
            }
        }
    }

    /// Sends changed documents to the index in the background, retrying a few times; if the
    /// index stays away, the club is rebuilt once it is back.
    pub fn changed(&self, ctx: &ClubCtx, docs: Vec<SearchDoc>) {
        let this = self.clone();
        let ctx = ctx.clone();
        tokio::spawn(async move {
            let mut wait = this.retry_after;
            for _ in 0..3 {
                match this.index.upsert(&ctx, &docs).await {
                    Ok(()) => return,
                    Err(error) => tracing::debug!(%error, "indexing failed; retrying"),
                }
                tokio::time::sleep(wait).await;
                wait *= 2;
            }
            tracing::warn!(club = %ctx.id, "the search index missed a change; the club will be reindexed");
            if let Ok(mut behind) = this.behind.lock() {
                behind.insert(ctx.id.as_uuid(), ctx);
            }
        });
    }

    /// Rebuilds a club's index from its catalogue; answers how many documents it holds.
    pub async fn reindex(&self, ctx: &ClubCtx) -> Result<usize, CatalogueError> {
        let docs = self.text.documents(ctx).await?;
        self.index.rebuild(ctx, &docs).await.map_err(|e| CatalogueError(e.to_string()))?;
        Ok(docs.len())
    }

    /// Clubs whose changes the index missed.
    pub fn behind(&self) -> usize {
        self.behind.lock().map(|b| b.len()).unwrap_or(0)
    }

    /// Rebuilds the clubs the index is behind on, as long as the server runs.
    pub async fn keep_up(self, every: Duration) {
        loop {
            tokio::time::sleep(every).await;
            let clubs: Vec<ClubCtx> = self.behind.lock().map(|b| b.values().cloned().collect()).unwrap_or_default();
            for ctx in clubs {
                match self.reindex(&ctx).await {
                    Ok(count) => {
                        tracing::info!(club = %ctx.id, count, "search index caught up");
                        if let Ok(mut behind) = self.behind.lock() {
                            behind.remove(&ctx.id.as_uuid());
                        }
                    }
                    Err(error) => tracing::debug!(%error, "search index still unavailable"),
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_drops_case_accents_and_punctuation() {
        assert_eq!(plain("Épaulé-jeté"), "epaule jete");
        assert_eq!(plain("  Arraché  en puissance "), "arrache en puissance");
        assert_eq!(plain("Clean & jerk"), "clean jerk");
    }
}
