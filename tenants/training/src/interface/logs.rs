//! `/api/v1/clubs/{club}/me/logs` (the athlete records what they did) and
//! `/api/v1/clubs/{club}/logs` (the coach reads and comments).

use std::sync::Arc;

use dropit_http::{ApiError, FieldError, path_id};
use dropit_identity::interface::{BearerAuth, Guard};
use dropit_kernel::{ErrorCode, FieldErrorCode};
use dropit_permissions::{Access, Permission};
use poem_openapi::{ApiResponse, Object, OpenApi, param::Path, param::Query, payload::Json};

use super::planning::{athlete_filter, date, range};
use crate::{
    application::{CatalogueError, LogError, LogFollower, LogStore, Roster},
    domain::{
        load::Grams,
        log::{LoggedSet, SessionLog},
        workout::Part,
    },
};

/// What each operation of this API requires.
pub const ACCESS: &[(&str, Access)] = &[
    ("my_log_record", Access::Club(Permission::OwnLogsWrite)),
    ("log_list", Access::Club(Permission::LogsRead)),
    ("log_comment", Access::Club(Permission::LogsComment)),
];

pub struct LogsApi {
    logs: Arc<dyn LogStore>,
    roster: Arc<dyn Roster>,
    follower: Arc<dyn LogFollower>,
    guard: Guard,
}

impl LogsApi {
    pub fn new(logs: Arc<dyn LogStore>, roster: Arc<dyn Roster>, follower: Arc<dyn LogFollower>, guard: Guard) -> Self {
        Self { logs, roster, follower, guard }
    }
}

/// One exercise of a complex and its repetitions in one round.
#[derive(Debug, Clone, Object)]
pub struct LoggedPartBody {
    pub exercise_id: String,
    pub reps: u32,
}

#[derive(Debug, Clone, Object)]
pub struct LoggedSetBody {
    pub exercise_id: String,
    pub reps: u32,
    pub load_kg: f64,
    pub rpe: Option<f64>,
    /// Made, or missed.
    pub made: bool,
    #[oai(default)]
    pub note: String,
    /// For a complex: its exercises in order, each with its repetitions in one round
    /// (`reps` is then the number of rounds). Empty for a plain exercise.
    #[oai(default)]
    pub parts: Vec<LoggedPartBody>,
}

#[derive(Debug, Object)]
pub struct LogInput {
    /// Chosen by the client (a UUID): sending the same log again stores it once.
    pub id: String,
    pub planned_session_id: Option<String>,
    /// `YYYY-MM-DD`.
    pub performed_on: String,
    pub session_rpe: Option<f64>,
    pub duration_minutes: Option<u32>,
    #[oai(default)]
    pub notes: String,
    pub sets: Vec<LoggedSetBody>,
}

#[derive(Debug, Object)]
pub struct LogBody {
    pub id: String,
    pub athlete_id: String,
    pub planned_session_id: Option<String>,
    pub performed_on: String,
    pub session_rpe: Option<f64>,
    pub duration_minutes: Option<u32>,
    pub notes: String,
    pub sets: Vec<LoggedSetBody>,
    /// Σ load × reps of the sets made.
    pub tonnage_kg: f64,
    pub coach_comment: String,
}

#[derive(Debug, Object)]
pub struct CommentRequest {
    pub comment: String,
}

#[derive(ApiResponse)]
pub enum Recorded {
    /// Stored.
    #[oai(status = 201)]
    Created(Json<LogBody>),
    /// Already stored under this id: nothing changed.
    #[oai(status = 200)]
    AlreadyStored(Json<LogBody>),
}

fn body(log: SessionLog) -> LogBody {
    let tonnage_kg = log.tonnage_kg();
    LogBody {
        id: log.id.to_string(),
        athlete_id: log.athlete_id.to_string(),
        planned_session_id: log.planned_session_id.map(|p| p.to_string()),
        performed_on: log.performed_on.to_string(),
        session_rpe: log.session_rpe,
        duration_minutes: log.duration_minutes,
        notes: log.notes,
        sets: log
            .sets
            .into_iter()
            .map(|s| LoggedSetBody {
                exercise_id: s.exercise_id.to_string(),
                reps: s.reps,
                load_kg: s.load.kg(),
                rpe: s.rpe,
                made: s.made,
                note: s.note,
                parts: s
                    .parts
                    .into_iter()
                    .map(|p| LoggedPartBody { exercise_id: p.exercise_id.to_string(), reps: p.reps })
                    .collect(),
            })
            .collect(),
        tonnage_kg,
        coach_comment: log.coach_comment,
    }
}

fn invalid(field: impl Into<String>) -> FieldError {
    FieldError::new(field, FieldErrorCode::Invalid)
}

fn unavailable(error: CatalogueError) -> ApiError {
    ApiError::internal(&error)
}

#[OpenApi(prefix_path = "/v1/clubs", tag = "LogsTag::Logs")]
impl LogsApi {
    /// Records what the signed-in athlete did. Idempotent by the log's id.
    #[oai(path = "/:club/me/logs", method = "post", operation_id = "my_log_record")]
    async fn record(&self, auth: BearerAuth, club: Path<String>, input: Json<LogInput>) -> Result<Recorded, ApiError> {
        let (club, _) = self.guard.club(&auth.0, &club, Permission::OwnLogsWrite).await?;
        let input = input.0;
        let mut fields = Vec::new();
        let id = uuid::Uuid::parse_str(&input.id).map_err(|_| fields.push(invalid("id"))).ok();
        let planned = match input.planned_session_id.as_deref() {
            Some(raw) => uuid::Uuid::parse_str(raw)
                .map(Some)
                .map_err(|_| fields.push(invalid("planned_session_id")))
                .unwrap_or(None),
            None => None,
        };
        let performed_on = date(&input.performed_on);
        if performed_on.is_none() {
            fields.push(invalid("performed_on"));
        }
        let mut sets = Vec::with_capacity(input.sets.len());
        for (i, set) in input.sets.into_iter().enumerate() {
            let exercise = uuid::Uuid::parse_str(&set.exercise_id)
                .map_err(|_| fields.push(invalid(format!("sets[{i}].exercise_id"))))
                .ok();
            let load = Grams::from_kg(set.load_kg).filter(|_| set.load_kg >= 0.0);
            if load.is_none() {
                fields.push(FieldError::new(format!("sets[{i}].load_kg"), FieldErrorCode::OutOfRange));
            }
            let mut parts = Vec::with_capacity(set.parts.len());
            for (j, part) in set.parts.iter().enumerate() {
                match uuid::Uuid::parse_str(&part.exercise_id) {
                    Ok(exercise_id) => parts.push(Part { exercise_id, reps: part.reps }),
                    Err(_) => fields.push(invalid(format!("sets[{i}].parts[{j}].exercise_id"))),
                }
            }
            if let (Some(exercise_id), Some(load)) = (exercise, load) {
                sets.push(LoggedSet {
                    exercise_id,
                    reps: set.reps,
                    load,
                    rpe: set.rpe,
                    made: set.made,
                    note: set.note,
                    parts,
                });
            }
        }
        let (Some(id), Some(performed_on), true) = (id, performed_on, fields.is_empty()) else {
            return Err(ApiError::validation(fields));
        };
        let mut log = SessionLog {
            id,
            // The signed-in athlete's, found as the log is stored.
            athlete_id: uuid::Uuid::nil(),
            planned_session_id: planned,
            performed_on,
            session_rpe: input.session_rpe,
            duration_minutes: input.duration_minutes,
            notes: input.notes,
            sets,
            coach_comment: String::new(),
        };
        let problems = log.validate();
        if !problems.is_empty() {
            return Err(ApiError::validation(
                problems.into_iter().map(|f| FieldError::new(f, FieldErrorCode::OutOfRange)).collect(),
            ));
        }
        let ctx = club.context();
        let user = auth.0.user.as_uuid();
        let recorded = match self.logs.record_as(&ctx, user, &log, self.follower.as_ref()).await {
            Ok(Some(recorded)) => Ok(recorded),
            // A member's first log: their athlete profile comes with it.
            Ok(None) => {
                log.athlete_id =
                    self.roster.athlete_of(&ctx, user, true).await.map_err(unavailable)?.ok_or(ErrorCode::NotFound)?;
                self.logs.record(&ctx, &log, self.follower.as_ref()).await
            }
            Err(error) => Err(error),
        };
        match recorded {
            Ok((stored, true)) => Ok(Recorded::Created(Json(body(stored)))),
            Ok((stored, false)) => Ok(Recorded::AlreadyStored(Json(body(stored)))),
            Err(LogError::NotTheirs) => Err(ErrorCode::NotFound.into()),
            Err(LogError::Unavailable(error)) => Err(unavailable(error)),
        }
    }

    /// Logs between two dates (inclusive), of one athlete or everyone.
    #[oai(path = "/:club/logs", method = "get", operation_id = "log_list")]
    async fn list(
        &self,
        auth: BearerAuth,
        club: Path<String>,
        from: Query<Option<String>>,
        to: Query<Option<String>>,
        athlete_id: Query<Option<String>>,
    ) -> Result<Json<Vec<LogBody>>, ApiError> {
        let (club, _) = self.guard.club(&auth.0, &club, Permission::LogsRead).await?;
        let (from, to) = range(from.0, to.0)?;
        let athlete = athlete_filter(athlete_id.0)?;
        let logs = self
            .logs
            .between(&club.context(), from, to, athlete.as_ref().map(std::slice::from_ref))
            .await
            .map_err(unavailable)?;
        Ok(Json(logs.into_iter().map(body).collect()))
    }

    /// The coach's comment on a log.
    #[oai(path = "/:club/logs/:id/comment", method = "put", operation_id = "log_comment")]
    async fn comment(
        &self,
        auth: BearerAuth,
        club: Path<String>,
        id: Path<String>,
        request: Json<CommentRequest>,
    ) -> Result<Json<LogBody>, ApiError> {
        let (club, _) = self.guard.club(&auth.0, &club, Permission::LogsComment).await?;
        let id = path_id(&id)?;
        if request.comment.chars().count() > 2000 {
            return Err(ApiError::validation(vec![FieldError::new("comment", FieldErrorCode::TooLong)]));
        }
        let updated = self.logs.comment(&club.context(), id, request.comment.trim()).await.map_err(unavailable)?;
        updated.map(|log| Json(body(log))).ok_or_else(|| ErrorCode::NotFound.into())
    }
}

#[derive(poem_openapi::Tags)]
enum LogsTag {
    /// Session logs.
    Logs,
}
