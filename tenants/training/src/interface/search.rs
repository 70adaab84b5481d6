//! `/api/v1/clubs/{club}/search`: the catalogue — exercises, and workouts for those who may
//! see them — by name in French or English, typos forgiven, with facets.

use dropit_http::{ApiError, FieldError};
use dropit_identity::interface::{BearerAuth, Guard};
use dropit_kernel::{ErrorCode, FieldErrorCode};
use dropit_permissions::{Access, Permission, allows};
use poem_openapi::{Object, OpenApi, param::Path, param::Query, payload::Json};

use crate::application::search::{Facet, Kind, Search, SearchDoc, SearchQuery};

pub const ACCESS: &[(&str, Access)] = &[("catalogue_search", Access::Club(Permission::ExercisesRead))];

pub struct SearchApi {
    search: Search,
    guard: Guard,
}

impl SearchApi {
    pub fn new(search: Search, guard: Guard) -> Self {
        Self { search, guard }
    }
}

#[derive(Debug, Object)]
pub struct HitBody {
    /// `exercise` or `workout`.
    pub kind: String,
    pub id: String,
    pub name_fr: String,
    pub name_en: String,
    pub category: Option<String>,
    pub tags: Vec<String>,
}

#[derive(Debug, Object)]
pub struct FacetBody {
    pub value: String,
    pub count: u64,
}

#[derive(Debug, Object)]
pub struct SearchBody {
    /// Best first.
    pub hits: Vec<HitBody>,
    /// How many match in all.
    pub found: u64,
    pub categories: Vec<FacetBody>,
    pub tags: Vec<FacetBody>,
    /// The search index is unavailable: these come from a plain search, without typo
    /// tolerance, until it is back.
    pub degraded: bool,
}

fn hit(doc: SearchDoc) -> HitBody {
    HitBody {
        kind: doc.kind.as_str().to_owned(),
        id: doc.id.to_string(),
        name_fr: doc.name_fr,
        name_en: doc.name_en,
        category: doc.category,
        tags: doc.tags,
    }
}

fn facets(facets: Vec<Facet>) -> Vec<FacetBody> {
    facets.into_iter().map(|f| FacetBody { value: f.value, count: f.count }).collect()
}

fn default_limit() -> u32 {
    20
}

#[OpenApi(prefix_path = "/v1/clubs", tag = "SearchTag::Search")]
impl SearchApi {
    /// Searches the catalogue as one types: prefixes and typos match, accents do not matter.
    #[oai(path = "/:club/search", method = "get", operation_id = "catalogue_search")]
    #[allow(clippy::too_many_arguments)] // one per query parameter
    async fn search(
        &self,
        auth: BearerAuth,
        club: Path<String>,
        /// The words typed so far; empty for everything.
        #[oai(default)]
        q: Query<String>,
        /// `exercise` or `workout`; both by default.
        kind: Query<Option<String>>,
        category: Query<Option<String>>,
        tag: Query<Option<String>>,
        #[oai(default = "default_limit", validator(minimum(value = "1"), maximum(value = "100")))] limit: Query<u32>,
    ) -> Result<Json<SearchBody>, ApiError> {
        let (club, role) = self.guard.club(&auth.0, &club, Permission::ExercisesRead).await?;
        let invalid = |field: &str, code| {
            ApiError::new(ErrorCode::InvalidParameter).with_fields(vec![FieldError::new(field, code)])
        };
        if q.0.chars().count() > 100 {
            return Err(invalid("q", FieldErrorCode::TooLong));
        }
        let mut kinds = vec![Kind::Exercise];
        if allows(role, Permission::WorkoutsRead) {
            kinds.push(Kind::Workout);
        }
        if let Some(raw) = kind.0.as_deref() {
            let wanted = Kind::parse(raw).ok_or_else(|| invalid("kind", FieldErrorCode::Invalid))?;
            kinds.retain(|k| *k == wanted);
        }
        let query = SearchQuery { text: q.0, kinds, category: category.0, tag: tag.0, limit: limit.0 };
        let found = if query.kinds.is_empty() {
            Default::default()
        } else {
            self.search.find(&club.context(), &query).await.map_err(|e| ApiError::internal(&e))?
        };
        Ok(Json(SearchBody {
            hits: found.hits.into_iter().map(hit).collect(),
            found: found.found,
            categories: facets(found.categories),
            tags: facets(found.tags),
            degraded: found.degraded,
        }))
    }
}

#[derive(poem_openapi::Tags)]
enum SearchTag {
    /// Searching the catalogue.
    Search,
}
