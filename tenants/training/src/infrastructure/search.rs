//! The search index in Typesense — one collection per club, named after its schema — and the
//! catalogue searched in PostgreSQL when Typesense is away.

use std::{sync::Arc, time::Duration};

use async_trait::async_trait;
use dropit_infra::database::contains_pattern;
use dropit_tenancy::{
    ClubCtx,
    infrastructure::{ClubPools, begin_club_txn},
};
use sea_orm::{ConnectionTrait, DbBackend, DbErr, QueryResult, Statement, Value};
use typesense_rs::{
    apis::{
        Error as ApiError,
        collections_api::{CollectionsApi, CollectionsApiClient, CreateCollectionParams, DeleteCollectionParams},
        configuration::Configuration,
        documents_api::{DocumentsApi, DocumentsApiClient, ImportDocumentsParams, SearchCollectionParams},
    },
    models::{CollectionSchema, Field, IndexAction},
};
use uuid::Uuid;

use super::failed;
use crate::application::{
    CatalogueError,
    search::{CatalogueText, Facet, Found, IndexError, Kind, SearchDoc, SearchIndex, SearchQuery, plain},
};

#[derive(Clone)]
pub struct TypesenseIndex {
    configuration: Arc<Configuration>,
}

impl TypesenseIndex {
    pub fn new(configuration: Arc<Configuration>) -> Self {
        Self { configuration }
    }

    fn collection(ctx: &ClubCtx) -> String {
        format!("{}_catalogue", ctx.schema.as_str())
    }

    async fn create(&self, name: &str) -> Result<(), IndexError> {
        let field = |name: &str, kind: &str, facet: bool, optional: bool| Field {
            facet: Some(facet),
            optional: Some(optional),
            ..Field::new(name.to_owned(), kind.to_owned())
        };
        let schema = CollectionSchema::new(
            vec![
                field("kind", "string", true, false),
                field("name_fr", "string", false, false),
                field("name_en", "string", false, false),
                // The names without accents or punctuation, so "arrache" finds "Arraché".
                field("plain", "string", false, false),
                field("category", "string", true, true),
                field("tags", "string[]", true, false),
                field("archived", "bool", false, false),
                // Between equal matches, the shorter name first: "Snatch" before "Snatch pull".
                field("rank", "int32", false, false),
            ],
            name.to_owned(),
        );
        let collections = CollectionsApiClient::new(self.configuration.clone());
        match collections.create_collection(CreateCollectionParams { collection_schema: schema }).await {
            Ok(_) => Ok(()),
            // Created meanwhile.
            Err(ApiError::ResponseError(response)) if response.status.as_u16() == 409 => Ok(()),
            Err(error) => Err(IndexError::Unavailable(error.to_string())),
        }
    }

    async fn import(
        &self,
        name: &str,
        docs: &[SearchDoc],
    ) -> Result<(), ApiError<typesense_rs::apis::documents_api::ImportDocumentsError>> {
        let body = docs.iter().map(|doc| document(doc).to_string()).collect::<Vec<_>>().join("\n");
        let answer = DocumentsApiClient::new(self.configuration.clone())
            .import_documents(ImportDocumentsParams {
                collection_name: name.to_owned(),
                body,
                batch_size: None,
                return_id: None,
                remote_embedding_batch_size: None,
                return_doc: None,
                action: Some(IndexAction::Upsert),
                dirty_values: None,
            })
            .await?;
        // One line per document; a refused one says `"success":false`.
        if let Some(refused) = answer.lines().find(|line| line.contains("\"success\":false")) {
            tracing::warn!(refused, "the search index refused a document");
        }
        Ok(())
    }
}

fn document(doc: &SearchDoc) -> serde_json::Value {
    let mut value = serde_json::json!({
        "id": doc.id.to_string(),
        "kind": doc.kind.as_str(),
        "name_fr": doc.name_fr,
        "name_en": doc.name_en,
        "plain": plain(&format!("{} {}", doc.name_fr, doc.name_en)),
        "tags": doc.tags,
        "archived": doc.archived,
        "rank": doc.name_en.chars().count().min(doc.name_fr.chars().count()),
    });
    if let Some(category) = &doc.category {
        value["category"] = serde_json::Value::String(category.clone());
    }
    value
}

fn doc_from(fields: &std::collections::HashMap<String, serde_json::Value>) -> Option<SearchDoc> {
    let text = |name: &str| fields.get(name).and_then(|v| v.as_str()).map(str::to_owned);
    Some(SearchDoc {
        kind: Kind::parse(&text("kind")?)?,
        id: Uuid::parse_str(&text("id")?).ok()?,
        name_fr: text("name_fr")?,
        name_en: text("name_en")?,
        category: text("category"),
        tags: fields
            .get("tags")
            .and_then(|v| v.as_array())
            .map(|tags| tags.iter().filter_map(|t| t.as_str().map(str::to_owned)).collect())
            .unwrap_or_default(),
        archived: fields.get("archived").and_then(|v| v.as_bool()).unwrap_or(false),
    })
}

/// A filter value as Typesense reads it: backquoted, without backquotes inside.
fn quoted(value: &str) -> String {
    format!("`{}`", value.replace('`', ""))
}

fn filter(query: &SearchQuery) -> String {
    let kinds: Vec<&str> = query.kinds.iter().map(|k| k.as_str()).collect();
    let mut filter = format!("archived:=false && kind:=[{}]", kinds.join(","));
    if let Some(category) = &query.category {
        filter.push_str(&format!(" && category:={}", quoted(category)));
    }
    if let Some(tag) = &query.tag {
        filter.push_str(&format!(" && tags:=[{}]", quoted(tag)));
    }
    filter
}

#[async_trait]
impl SearchIndex for TypesenseIndex {
    async fn upsert(&self, ctx: &ClubCtx, docs: &[SearchDoc]) -> Result<(), IndexError> {
        let name = Self::collection(ctx);
        match self.import(&name, docs).await {
            Ok(()) => Ok(()),
            Err(ApiError::ResponseError(response)) if response.status.as_u16() == 404 => {
                self.create(&name).await?;
                self.import(&name, docs).await.map_err(|e| IndexError::Unavailable(e.to_string()))
            }
            Err(error) => Err(IndexError::Unavailable(error.to_string())),
        }
    }

    async fn rebuild(&self, ctx: &ClubCtx, docs: &[SearchDoc]) -> Result<(), IndexError> {
        let name = Self::collection(ctx);
        let dropped = CollectionsApiClient::new(self.configuration.clone())
            .delete_collection(DeleteCollectionParams { collection_name: name.clone() })
            .await;
        match dropped {
            Ok(_) => {}
            Err(ApiError::ResponseError(response)) if response.status.as_u16() == 404 => {}
            Err(error) => return Err(IndexError::Unavailable(error.to_string())),
        }
        self.create(&name).await?;
        for chunk in docs.chunks(1_000) {
            self.import(&name, chunk).await.map_err(|e| IndexError::Unavailable(e.to_string()))?;
        }
        Ok(())
    }

    async fn search(&self, ctx: &ClubCtx, query: &SearchQuery) -> Result<Found, IndexError> {
        let params = SearchCollectionParams::builder()
            .collection_name(Self::collection(ctx))
            .q(if query.text.trim().is_empty() { "*".to_owned() } else { query.text.clone() })
            .query_by("name_fr,name_en,plain,tags".to_owned())
            .prefix("true".to_owned())
            .num_typos("2".to_owned())
            .filter_by(filter(query))
            .facet_by("category,tags".to_owned())
            .sort_by("_text_match:desc,rank:asc".to_owned())
            .per_page(query.limit.clamp(1, 250) as i32)
            .build();
        let result = DocumentsApiClient::new(self.configuration.clone()).search_collection(params).await;
        let result = match result {
            Ok(result) => result,
            // A club whose index was never built yet: nothing indexed, so nothing found.
            Err(ApiError::ResponseError(response)) if response.status.as_u16() == 404 => {
                return Err(IndexError::Missing);
            }
            Err(error) => return Err(IndexError::Unavailable(error.to_string())),
        };
        let hits = result
            .hits
            .unwrap_or_default()
            .into_iter()
            .filter_map(|hit| hit.document.as_ref().and_then(doc_from))
            .collect();
        let mut found = Found { hits, found: result.found.unwrap_or(0).max(0) as u64, ..Found::default() };
        for facet in result.facet_counts.unwrap_or_default() {
            let counts: Vec<Facet> = facet
                .counts
                .unwrap_or_default()
                .into_iter()
                .filter_map(|c| Some(Facet { value: c.value?, count: c.count.unwrap_or(0).max(0) as u64 }))
                .collect();
            match facet.field_name.as_deref() {
                Some("category") => found.categories = counts,
                Some("tags") => found.tags = counts,
                _ => {}
            }
        }
        Ok(found)
    }
}

/// The catalogue searched in PostgreSQL: every word of the query, without accents, somewhere
/// in the names or tags.
#[derive(Clone)]
pub struct PgCatalogueText {
    db: ClubPools,
    statement_timeout: Duration,
}

impl PgCatalogueText {
    pub fn new(db: impl Into<ClubPools>, statement_timeout: Duration) -> Self {
        Self { db: db.into(), statement_timeout }
    }
}

/// The text of both kinds, folded like [`plain`] (for the letters French and English use).
const CATALOGUE: &str = "
    SELECT 'exercise' AS kind, id, name_fr, name_en, category, array_to_string(tags, ',') AS tags,
        archived_at IS NOT NULL AS archived,
        translate(lower(name_fr || ' ' || name_en || ' ' || array_to_string(tags, ' ')),
            'àâäáãåéèêëîïíìôöóòõùûüúçñÿ-''&', 'aaaaaaeeeeiiiiooooouuuucny   ') AS plain
    FROM exercises
    UNION ALL
    SELECT 'workout', id, name, name, NULL, '', archived_at IS NOT NULL,
        translate(lower(name), 'àâäáãåéèêëîïíìôöóòõùûüúçñÿ-''&', 'aaaaaaeeeeiiiiooooouuuucny   ')
    FROM workouts";

fn doc(row: &QueryResult) -> Result<SearchDoc, DbErr> {
    let kind: String = row.try_get("", "kind")?;
    let tags: String = row.try_get("", "tags")?;
    Ok(SearchDoc {
        kind: Kind::parse(&kind).unwrap_or(Kind::Exercise),
        id: row.try_get("", "id")?,
        name_fr: row.try_get("", "name_fr")?,
        name_en: row.try_get("", "name_en")?,
        category: row.try_get("", "category")?,
        tags: tags.split(',').filter(|t| !t.is_empty()).map(str::to_owned).collect(),
        archived: row.try_get("", "archived")?,
    })
}

#[async_trait]
impl CatalogueText for PgCatalogueText {
    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgCatalogueText.search"))]
    async fn search(&self, ctx: &ClubCtx, query: &SearchQuery) -> Result<Found, CatalogueError> {
        let mut conditions = vec!["NOT archived".to_owned()];
        let mut values: Vec<Value> = Vec::new();
        let kinds: Vec<&str> = query.kinds.iter().map(|k| k.as_str()).collect();
        values.push(kinds.join(",").into());
        conditions.push(format!("kind = ANY(string_to_array(${}, ','))", values.len()));
        for word in plain(&query.text).split(' ').filter(|w| !w.is_empty()).take(10) {
            values.push(contains_pattern(word).into());
            conditions.push(format!("plain LIKE ${}", values.len()));
        }
        if let Some(category) = &query.category {
            values.push(category.clone().into());
            conditions.push(format!("category = ${}", values.len()));
        }
        if let Some(tag) = &query.tag {
            values.push(tag.clone().into());
            conditions.push(format!("${} = ANY(string_to_array(tags, ','))", values.len()));
        }
        let matching = format!("SELECT * FROM ({CATALOGUE}) c WHERE {}", conditions.join(" AND "));
        let txn = begin_club_txn(&self.db, ctx, self.statement_timeout).await.map_err(failed)?;
        let mut limited = values.clone();
        limited.push(i64::from(query.limit.clamp(1, 250)).into());
        let rows = txn
            .query_all_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                format!(
                    "SELECT *, count(*) OVER () AS total FROM ({matching}) m
                     ORDER BY (kind = 'exercise') DESC, name_en LIMIT ${}",
                    limited.len()
                ),
                limited,
            ))
            .await
            .map_err(failed)?;
        let facets = txn
            .query_all_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                format!(
                    "SELECT 'category' AS facet, category AS value, count(*) AS n FROM ({matching}) m
                        WHERE category IS NOT NULL GROUP BY category
                     UNION ALL
                     SELECT 'tags', tag, count(*) FROM ({matching}) m, unnest(string_to_array(tags, ',')) tag
                        GROUP BY tag
                     ORDER BY n DESC, value"
                ),
                values,
            ))
            .await
            .map_err(failed)?;
        txn.commit().await.map_err(failed)?;
        let total = rows.first().map(|r| r.try_get::<i64>("", "total")).transpose().map_err(failed)?.unwrap_or(0);
        let mut found = Found {
            hits: rows.iter().map(doc).collect::<Result<_, _>>().map_err(failed)?,
            found: total.max(0) as u64,
            ..Found::default()
        };
        for row in &facets {
            let facet: String = row.try_get("", "facet").map_err(failed)?;
            let value = Facet {
                value: row.try_get("", "value").map_err(failed)?,
                count: row.try_get::<i64>("", "n").map_err(failed)?.max(0) as u64,
            };
            if facet == "category" { found.categories.push(value) } else { found.tags.push(value) }
        }
        Ok(found)
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgCatalogueText.documents"))]
    async fn documents(&self, ctx: &ClubCtx) -> Result<Vec<SearchDoc>, CatalogueError> {
        let txn = begin_club_txn(&self.db, ctx, self.statement_timeout).await.map_err(failed)?;
        let rows = txn
            .query_all_raw(Statement::from_string(DbBackend::Postgres, CATALOGUE.to_owned()))
            .await
            .map_err(failed)?;
        txn.commit().await.map_err(failed)?;
        rows.iter().map(doc).collect::<Result<_, _>>().map_err(failed)
    }
}
