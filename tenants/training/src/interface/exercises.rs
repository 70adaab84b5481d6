//! `/api/v1/clubs/{club}/exercises`: the club's exercise catalogue.

use std::sync::Arc;

use dropit_http::{ApiError, FieldError, path_id};
use dropit_identity::interface::{BearerAuth, Guard};
use dropit_kernel::{ErrorCode, FieldErrorCode};
use dropit_permissions::{Access, Permission};
use poem_openapi::{ApiResponse, Object, OpenApi, param::Path, param::Query, payload::Json};

use super::paging::{default_per_page, first_page, offset};
use crate::{
    application::search::{Search, SearchDoc},
    application::{CatalogueError, ExerciseCatalogue, ExerciseFilter},
    domain::exercise::{Category, Exercise, ExerciseContent, Problem, RawExercise},
};

/// What each operation of this API requires.
pub const ACCESS: &[(&str, Access)] = &[
    ("exercise_list", Access::Club(Permission::ExercisesRead)),
    ("exercise_get", Access::Club(Permission::ExercisesRead)),
    ("exercise_create", Access::Club(Permission::ExercisesWrite)),
    ("exercise_update", Access::Club(Permission::ExercisesWrite)),
];

const MAX_PER_PAGE: u32 = 100;

pub struct ExercisesApi {
    catalogue: Arc<dyn ExerciseCatalogue>,
    search: Search,
    guard: Guard,
}

impl ExercisesApi {
    pub fn new(catalogue: Arc<dyn ExerciseCatalogue>, search: Search, guard: Guard) -> Self {
        Self { catalogue, search, guard }
    }
}

#[derive(Debug, Object)]
pub struct ExerciseBody {
    pub id: String,
    pub name_fr: String,
    pub name_en: String,
    /// `snatch`, `clean`, `jerk`, `clean_and_jerk`, `pull`, `squat`, `press` or `accessory`.
    pub category: String,
    pub tags: Vec<String>,
    pub description: String,
    /// `snatch`, `clean`, `jerk`, `clean_and_jerk`, `back_squat` or `front_squat`.
    pub reference_lift: Option<String>,
    /// From the starter catalogue.
    pub starter: bool,
    pub archived: bool,
}

#[derive(Debug, Object)]
pub struct ExerciseInput {
    pub name_fr: String,
    pub name_en: String,
    pub category: String,
    #[oai(default)]
    pub tags: Vec<String>,
    #[oai(default)]
    pub description: String,
    pub reference_lift: Option<String>,
    /// Archives (hides from lists) or brings back; on update only.
    #[oai(default)]
    pub archived: bool,
}

#[derive(Debug, Object)]
pub struct ExercisePage {
    pub items: Vec<ExerciseBody>,
    pub page: u32,
    pub per_page: u32,
    pub total: u64,
}

#[derive(ApiResponse)]
pub enum Created {
    /// The exercise is in the catalogue.
    #[oai(status = 201)]
    Created(Json<ExerciseBody>),
}

fn body(exercise: Exercise) -> ExerciseBody {
    ExerciseBody {
        id: exercise.id.to_string(),
        name_fr: exercise.name_fr,
        name_en: exercise.name_en,
        category: exercise.category.as_str().to_owned(),
        tags: exercise.tags,
        description: exercise.description,
        reference_lift: exercise.reference_lift.map(|r| r.as_str().to_owned()),
        starter: exercise.starter,
        archived: exercise.archived,
    }
}

fn content(input: ExerciseInput) -> Result<(ExerciseContent, bool), ApiError> {
    let archived = input.archived;
    let raw = RawExercise {
        name_fr: input.name_fr,
        name_en: input.name_en,
        category: input.category,
        tags: input.tags,
        description: input.description,
        reference_lift: input.reference_lift,
    };
    ExerciseContent::validate(raw).map(|c| (c, archived)).map_err(|problems| {
        ApiError::validation(
            problems
                .into_iter()
                .map(|(field, problem)| {
                    let code = match problem {
                        Problem::Required => FieldErrorCode::Required,
                        Problem::TooLong => FieldErrorCode::TooLong,
                        Problem::Invalid => FieldErrorCode::Invalid,
                    };
                    FieldError::new(field, code)
                })
                .collect(),
        )
    })
}

fn unavailable(error: CatalogueError) -> ApiError {
    ApiError::internal(&error)
}

#[OpenApi(prefix_path = "/v1/clubs", tag = "ExercisesTag::Exercises")]
impl ExercisesApi {
    /// The catalogue, filtered and paged, by category then English name.
    #[allow(clippy::too_many_arguments)]
    #[oai(path = "/:club/exercises", method = "get", operation_id = "exercise_list")]
    async fn list(
        &self,
        auth: BearerAuth,
        club: Path<String>,
        category: Query<Option<String>>,
        /// Words in the French or English name.
        q: Query<Option<String>>,
        tag: Query<Option<String>>,
        #[oai(default)] include_archived: Query<bool>,
        #[oai(default = "first_page", validator(minimum(value = "1"), maximum(value = "100000")))] page: Query<u32>,
        #[oai(default = "default_per_page", validator(minimum(value = "1"), maximum(value = "100")))] per_page: Query<
            u32,
        >,
    ) -> Result<Json<ExercisePage>, ApiError> {
        let (club, _) = self.guard.club(&auth.0, &club, Permission::ExercisesRead).await?;
        let category = match category.0.as_deref() {
            Some(raw) => Some(Category::parse(raw).ok_or_else(|| {
                ApiError::new(ErrorCode::InvalidParameter)
                    .with_fields(vec![FieldError::new("category", FieldErrorCode::Invalid)])
            })?),
            None => None,
        };
        let filter = ExerciseFilter {
            category,
            text: q.0.map(|q| q.trim().to_owned()).filter(|q| !q.is_empty() && q.chars().count() <= 120),
            tag: tag.0.map(|t| t.trim().to_lowercase()),
            include_archived: include_archived.0,
        };
        let per_page = per_page.0.min(MAX_PER_PAGE);
        let offset = offset(page.0, per_page);
        let found =
            self.catalogue.list(&club.context(), &filter, offset, u64::from(per_page)).await.map_err(unavailable)?;
        Ok(Json(ExercisePage {
            items: found.items.into_iter().map(body).collect(),
            page: page.0,
            per_page,
            total: found.total,
        }))
    }

    /// One exercise.
    #[oai(path = "/:club/exercises/:id", method = "get", operation_id = "exercise_get")]
    async fn get(
        &self,
        auth: BearerAuth,
        club: Path<String>,
        id: Path<String>,
    ) -> Result<Json<ExerciseBody>, ApiError> {
        let (club, _) = self.guard.club(&auth.0, &club, Permission::ExercisesRead).await?;
        let found = self.catalogue.get(&club.context(), path_id(&id)?).await.map_err(unavailable)?;
        found.map(|e| Json(body(e))).ok_or_else(|| ErrorCode::NotFound.into())
    }

    /// Adds an exercise of the club's own.
    #[oai(path = "/:club/exercises", method = "post", operation_id = "exercise_create")]
    async fn create(
        &self,
        auth: BearerAuth,
        club: Path<String>,
        input: Json<ExerciseInput>,
    ) -> Result<Created, ApiError> {
        let (club, _) = self.guard.club(&auth.0, &club, Permission::ExercisesWrite).await?;
        let (content, _) = content(input.0)?;
        let ctx = club.context();
        let created = self.catalogue.create(&ctx, &content).await.map_err(unavailable)?;
        self.search.changed(&ctx, vec![SearchDoc::exercise(&created)]);
        Ok(Created::Created(Json(body(created))))
    }

    /// Replaces an exercise's content; `archived` hides it from lists or brings it back.
    #[oai(path = "/:club/exercises/:id", method = "put", operation_id = "exercise_update")]
    async fn update(
        &self,
        auth: BearerAuth,
        club: Path<String>,
        id: Path<String>,
        input: Json<ExerciseInput>,
    ) -> Result<Json<ExerciseBody>, ApiError> {
        let (club, _) = self.guard.club(&auth.0, &club, Permission::ExercisesWrite).await?;
        let id = path_id(&id)?;
        let (content, archived) = content(input.0)?;
        let ctx = club.context();
        let updated = self.catalogue.update(&ctx, id, &content, archived).await.map_err(unavailable)?;
        let updated = updated.ok_or(ErrorCode::NotFound)?;
        self.search.changed(&ctx, vec![SearchDoc::exercise(&updated)]);
        Ok(Json(body(updated)))
    }
}

#[derive(poem_openapi::Tags)]
enum ExercisesTag {
    /// The club's exercise catalogue.
    Exercises,
}
