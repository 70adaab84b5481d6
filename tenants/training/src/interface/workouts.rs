//! `/api/v1/clubs/{club}/workouts`: workout templates with complexes and prescriptions.

use std::sync::Arc;

use dropit_http::{ApiError, FieldError, path_id};
use dropit_identity::interface::{BearerAuth, Guard};
use dropit_kernel::{ErrorCode, FieldErrorCode};
use dropit_permissions::{Access, Permission};
use poem_openapi::{ApiResponse, Enum, Object, OpenApi, param::Path, param::Query, payload::Json};

use super::paging::{default_per_page, first_page, offset};
use crate::{
    application::search::{Search, SearchDoc},
    application::{CatalogueError, WorkoutError, WorkoutStore},
    domain::{
        exercise::ReferenceLift,
        workout::{Basis, Intensity, Part, Problem, SetPrescription, Workout, WorkoutContent, WorkoutLine},
    },
};

/// What each operation of this API requires.
pub const ACCESS: &[(&str, Access)] = &[
    ("workout_list", Access::Club(Permission::WorkoutsRead)),
    ("workout_get", Access::Club(Permission::WorkoutsRead)),
    ("workout_create", Access::Club(Permission::WorkoutsWrite)),
    ("workout_replace", Access::Club(Permission::WorkoutsWrite)),
    ("workout_duplicate", Access::Club(Permission::WorkoutsWrite)),
];

pub struct WorkoutsApi {
    store: Arc<dyn WorkoutStore>,
    search: Search,
    guard: Guard,
}

impl WorkoutsApi {
    pub fn new(store: Arc<dyn WorkoutStore>, search: Search, guard: Guard) -> Self {
        Self { store, search, guard }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename_all = "snake_case")]
pub enum IntensityKind {
    /// A percentage (or range, `min`–`max`) of the reference lift `of`.
    Percent,
    /// A fixed load, `kg`.
    Kg,
    /// A rate of perceived exertion (or range), 1 to 10 by halves.
    Rpe,
    /// Left to the athlete.
    Free,
}

#[derive(Debug, Clone, Object)]
pub struct IntensityBody {
    pub kind: IntensityKind,
    pub min: Option<f64>,
    /// The top of a range; the same as `min` when absent.
    pub max: Option<f64>,
    /// `snatch`, `clean`, `jerk`, `clean_and_jerk`, `back_squat` or `front_squat`.
    pub of: Option<String>,
    pub kg: Option<f64>,
}

#[derive(Debug, Clone, Object)]
pub struct SetBody {
    /// Repetitions of the exercise, or of the whole complex.
    pub reps: u32,
    pub intensity: IntensityBody,
}

#[derive(Debug, Clone, Object)]
pub struct PartBody {
    pub exercise_id: String,
    /// Repetitions of this exercise inside a complex; 1 for a plain exercise.
    #[oai(default = "one")]
    pub reps: u32,
}

#[derive(Debug, Clone, Object)]
pub struct LineBody {
    /// One exercise, or several in a row for a complex.
    pub parts: Vec<PartBody>,
    /// One entry a set.
    pub sets: Vec<SetBody>,
    pub rest_seconds: Option<u32>,
    #[oai(default)]
    pub notes: String,
}

/// Which maximum percentages are of.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, poem_openapi::Enum)]
#[oai(rename_all = "snake_case")]
pub enum BasisName {
    /// The athlete's one-repetition maximum.
    #[default]
    OneRepMax,
    /// The training maximum the coach set for the athlete.
    TrainingMax,
}

impl From<BasisName> for Basis {
    fn from(name: BasisName) -> Self {
        match name {
            BasisName::OneRepMax => Basis::OneRepMax,
            BasisName::TrainingMax => Basis::TrainingMax,
        }
    }
}

impl From<Basis> for BasisName {
    fn from(basis: Basis) -> Self {
        match basis {
            Basis::OneRepMax => BasisName::OneRepMax,
            Basis::TrainingMax => BasisName::TrainingMax,
        }
    }
}

#[derive(Debug, Clone, Object)]
pub struct WorkoutInput {
    pub name: String,
    #[oai(default)]
    pub notes: String,
    /// What the percentages are of: the athlete's 1RM (by default) or their training maximum.
    #[oai(default)]
    pub basis: BasisName,
    /// In the order they are done.
    pub lines: Vec<LineBody>,
    /// On replace: hides the workout from lists, or brings it back.
    #[oai(default)]
    pub archived: bool,
}

#[derive(Debug, Object)]
pub struct WorkoutBody {
    pub id: String,
    pub name: String,
    pub notes: String,
    pub basis: BasisName,
    pub lines: Vec<LineBody>,
    pub archived: bool,
}

#[derive(Debug, Object)]
pub struct WorkoutSummaryBody {
    pub id: String,
    pub name: String,
    pub lines: u32,
    pub archived: bool,
}

#[derive(Debug, Object)]
pub struct WorkoutPage {
    pub items: Vec<WorkoutSummaryBody>,
    pub page: u32,
    pub per_page: u32,
    pub total: u64,
}

#[derive(Debug, Object)]
pub struct DuplicateRequest {
    /// The copy's name; "<name> (copy)" by default.
    pub name: Option<String>,
}

#[derive(ApiResponse)]
pub enum Created {
    /// The workout exists.
    #[oai(status = 201)]
    Created(Json<WorkoutBody>),
}

fn one() -> u32 {
    1
}

fn body(workout: Workout) -> WorkoutBody {
    WorkoutBody {
        id: workout.id.to_string(),
        name: workout.content.name,
        notes: workout.content.notes,
        basis: workout.content.basis.into(),
        archived: workout.archived,
        lines: lines_body(workout.content.lines),
    }
}

/// Lines as the API shows them, for workouts and planned sessions alike.
pub(super) fn lines_body(lines: Vec<WorkoutLine>) -> Vec<LineBody> {
    let intensity = |i: Intensity| match i {
        Intensity::Percent { min, max, of } => IntensityBody {
            kind: IntensityKind::Percent,
            min: Some(min),
            max: Some(max),
            of: Some(of.as_str().to_owned()),
            kg: None,
        },
        Intensity::Kilograms(kg) => {
            IntensityBody { kind: IntensityKind::Kg, min: None, max: None, of: None, kg: Some(kg) }
        }
        Intensity::Rpe { min, max } => {
            IntensityBody { kind: IntensityKind::Rpe, min: Some(min), max: Some(max), of: None, kg: None }
        }
        Intensity::Free => IntensityBody { kind: IntensityKind::Free, min: None, max: None, of: None, kg: None },
    };
    lines
        .into_iter()
        .map(|line| LineBody {
            parts: line
                .parts
                .into_iter()
                .map(|p| PartBody { exercise_id: p.exercise_id.to_string(), reps: p.reps })
                .collect(),
            sets: line.sets.into_iter().map(|s| SetBody { reps: s.reps, intensity: intensity(s.intensity) }).collect(),
            rest_seconds: line.rest_seconds,
            notes: line.notes,
        })
        .collect()
}

fn field_code(problem: Problem) -> FieldErrorCode {
    match problem {
        Problem::Required => FieldErrorCode::Required,
        Problem::TooLong | Problem::TooMany => FieldErrorCode::TooLong,
        Problem::OutOfRange => FieldErrorCode::OutOfRange,
        Problem::Invalid => FieldErrorCode::Invalid,
    }
}

/// The request as domain content, with every problem reported by its field.
fn content(input: WorkoutInput) -> Result<WorkoutContent, ApiError> {
    let mut fields = Vec::new();
    let mut lines = Vec::with_capacity(input.lines.len());
    for (l, line) in input.lines.into_iter().enumerate() {
        let mut parts = Vec::new();
        for (p, part) in line.parts.into_iter().enumerate() {
            match uuid::Uuid::parse_str(&part.exercise_id) {
                Ok(exercise_id) => parts.push(Part { exercise_id, reps: part.reps }),
                Err(_) => {
                    fields.push(FieldError::new(format!("lines[{l}].parts[{p}].exercise_id"), FieldErrorCode::Invalid))
                }
            }
        }
        let mut sets = Vec::new();
        for (s, set) in line.sets.into_iter().enumerate() {
            let at = |name: &str| format!("lines[{l}].sets[{s}].intensity.{name}");
            let i = set.intensity;
            let intensity = match i.kind {
                IntensityKind::Percent => match (i.min, ReferenceLift::parse(i.of.as_deref().unwrap_or_default())) {
                    (Some(min), Some(of)) => Some(Intensity::Percent { min, max: i.max.unwrap_or(min), of }),
                    (min, of) => {
                        if min.is_none() {
                            fields.push(FieldError::new(at("min"), FieldErrorCode::Required));
                        }
                        if of.is_none() {
                            fields.push(FieldError::new(at("of"), FieldErrorCode::Invalid));
                        }
                        None
                    }
                },
                IntensityKind::Kg => match i.kg {
                    Some(kg) => Some(Intensity::Kilograms(kg)),
                    None => {
                        fields.push(FieldError::new(at("kg"), FieldErrorCode::Required));
                        None
                    }
                },
                IntensityKind::Rpe => match i.min {
                    Some(min) => Some(Intensity::Rpe { min, max: i.max.unwrap_or(min) }),
                    None => {
                        fields.push(FieldError::new(at("min"), FieldErrorCode::Required));
                        None
                    }
                },
                IntensityKind::Free => Some(Intensity::Free),
            };
            if let Some(intensity) = intensity {
                sets.push(SetPrescription { reps: set.reps, intensity });
            }
        }
        lines.push(WorkoutLine { parts, sets, rest_seconds: line.rest_seconds, notes: line.notes });
    }
    if !fields.is_empty() {
        return Err(ApiError::validation(fields));
    }
    WorkoutContent { name: input.name, notes: input.notes, basis: input.basis.into(), lines }.validate().map_err(
        |problems| {
            ApiError::validation(
                problems.into_iter().map(|(field, problem)| FieldError::new(field, field_code(problem))).collect(),
            )
        },
    )
}

fn workout_error(error: WorkoutError, content: &WorkoutContent) -> ApiError {
    match error {
        WorkoutError::UnknownExercises(unknown) => {
            let mut fields = Vec::new();
            for (l, line) in content.lines.iter().enumerate() {
                for (p, part) in line.parts.iter().enumerate() {
                    if unknown.contains(&part.exercise_id) {
                        fields.push(FieldError::new(
                            format!("lines[{l}].parts[{p}].exercise_id"),
                            FieldErrorCode::Invalid,
                        ));
                    }
                }
            }
            ApiError::validation(fields)
        }
        WorkoutError::Unavailable(error) => unavailable(error),
    }
}

fn unavailable(error: CatalogueError) -> ApiError {
    ApiError::internal(&error)
}

#[OpenApi(prefix_path = "/v1/clubs", tag = "WorkoutsTag::Workouts")]
impl WorkoutsApi {
    /// The club's workout templates, by name.
    #[oai(path = "/:club/workouts", method = "get", operation_id = "workout_list")]
    async fn list(
        &self,
        auth: BearerAuth,
        club: Path<String>,
        #[oai(default)] include_archived: Query<bool>,
        #[oai(default = "first_page", validator(minimum(value = "1"), maximum(value = "100000")))] page: Query<u32>,
        #[oai(default = "default_per_page", validator(minimum(value = "1"), maximum(value = "100")))] per_page: Query<
            u32,
        >,
    ) -> Result<Json<WorkoutPage>, ApiError> {
        let (club, _) = self.guard.club(&auth.0, &club, Permission::WorkoutsRead).await?;
        let offset = offset(page.0, per_page.0);
        let found = self
            .store
            .list(&club.context(), include_archived.0, offset, u64::from(per_page.0))
            .await
            .map_err(unavailable)?;
        Ok(Json(WorkoutPage {
            items: found
                .items
                .into_iter()
                .map(|w| WorkoutSummaryBody {
                    id: w.id.to_string(),
                    name: w.name,
                    lines: w.lines,
                    archived: w.archived,
                })
                .collect(),
            page: page.0,
            per_page: per_page.0,
            total: found.total,
        }))
    }

    /// One workout with its lines.
    #[oai(path = "/:club/workouts/:id", method = "get", operation_id = "workout_get")]
    async fn get(&self, auth: BearerAuth, club: Path<String>, id: Path<String>) -> Result<Json<WorkoutBody>, ApiError> {
        let (club, _) = self.guard.club(&auth.0, &club, Permission::WorkoutsRead).await?;
        let found = self.store.get(&club.context(), path_id(&id)?).await.map_err(unavailable)?;
        found.map(|w| Json(body(w))).ok_or_else(|| ErrorCode::NotFound.into())
    }

    /// Creates a workout.
    #[oai(path = "/:club/workouts", method = "post", operation_id = "workout_create")]
    async fn create(
        &self,
        auth: BearerAuth,
        club: Path<String>,
        input: Json<WorkoutInput>,
    ) -> Result<Created, ApiError> {
        let (club, _) = self.guard.club(&auth.0, &club, Permission::WorkoutsWrite).await?;
        let content = content(input.0)?;
        let ctx = club.context();
        let created = self.store.create(&ctx, &content).await.map_err(|e| workout_error(e, &content))?;
        self.search.changed(&ctx, vec![SearchDoc::workout(&created)]);
        Ok(Created::Created(Json(body(created))))
    }

    /// Replaces a workout: name, notes, lines in their new order, archived or not.
    #[oai(path = "/:club/workouts/:id", method = "put", operation_id = "workout_replace")]
    async fn replace(
        &self,
        auth: BearerAuth,
        club: Path<String>,
        id: Path<String>,
        input: Json<WorkoutInput>,
    ) -> Result<Json<WorkoutBody>, ApiError> {
        let (club, _) = self.guard.club(&auth.0, &club, Permission::WorkoutsWrite).await?;
        let id = path_id(&id)?;
        let archived = input.archived;
        let content = content(input.0)?;
        let ctx = club.context();
        let replaced = self
            .store
            .replace(&ctx, id, &content, archived)
            .await
            .map_err(|e| workout_error(e, &content))?
            .ok_or(ErrorCode::NotFound)?;
        self.search.changed(&ctx, vec![SearchDoc::workout(&replaced)]);
        Ok(Json(body(replaced)))
    }

    /// Copies a workout, to start a variation from it.
    #[oai(path = "/:club/workouts/:id/duplicate", method = "post", operation_id = "workout_duplicate")]
    async fn duplicate(
        &self,
        auth: BearerAuth,
        club: Path<String>,
        id: Path<String>,
        request: Json<DuplicateRequest>,
    ) -> Result<Created, ApiError> {
        let (club, _) = self.guard.club(&auth.0, &club, Permission::WorkoutsWrite).await?;
        let original =
            self.store.get(&club.context(), path_id(&id)?).await.map_err(unavailable)?.ok_or(ErrorCode::NotFound)?;
        let name = request.0.name.unwrap_or_else(|| format!("{} (copy)", original.content.name));
        let content = WorkoutContent { name, ..original.content }.validate().map_err(|problems| {
            ApiError::validation(
                problems.into_iter().map(|(field, problem)| FieldError::new(field, field_code(problem))).collect(),
            )
        })?;
        let ctx = club.context();
        let created = self.store.create(&ctx, &content).await.map_err(|e| workout_error(e, &content))?;
        self.search.changed(&ctx, vec![SearchDoc::workout(&created)]);
        Ok(Created::Created(Json(body(created))))
    }
}

#[derive(poem_openapi::Tags)]
enum WorkoutsTag {
    /// Workout templates.
    Workouts,
}
