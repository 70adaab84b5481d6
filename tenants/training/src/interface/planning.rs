//! `/api/v1/clubs/{club}/planned-sessions` (the coach's calendar) and
//! `/api/v1/clubs/{club}/me/sessions` (the athlete's own sessions).
//!
//! Scheduling copies the workout: editing the template later never rewrites what was planned;
//! to change planned sessions, cancel them and schedule the new version.

use std::sync::Arc;

use chrono::NaiveDate;
use dropit_http::{ApiError, FieldError, path_id};
use dropit_identity::interface::{BearerAuth, Guard};
use dropit_kernel::{ErrorCode, FieldErrorCode};
use dropit_permissions::{Access, Permission};
use poem_openapi::{ApiResponse, Object, OpenApi, param::Path, param::Query, payload::Json};

use super::workouts::{BasisName, LineBody, lines_body};
use crate::{
    application::{
        CatalogueError, LoadSettings, Loading, PlannedSession, Planning, PlanningError, Roster, SetLoad, session_loads,
    },
    domain::{
        exercise::ReferenceLift,
        load::{Grams, Load, PlateStock, Rounding},
        workout::Basis,
    },
};

/// What each operation of this API requires.
pub const ACCESS: &[(&str, Access)] = &[
    ("planned_session_schedule", Access::Club(Permission::PlanningWrite)),
    ("planned_session_list", Access::Club(Permission::PlanningRead)),
    ("planned_session_change", Access::Club(Permission::PlanningWrite)),
    ("my_sessions", Access::Club(Permission::OwnSessionsRead)),
    ("athlete_maximum_set", Access::Club(Permission::PlanningWrite)),
    ("athlete_maxima", Access::Club(Permission::PlanningRead)),
    ("my_maxima", Access::Club(Permission::OwnSessionsRead)),
    ("club_loading_get", Access::Club(Permission::ClubRead)),
    ("club_loading_set", Access::Club(Permission::ClubUpdate)),
];

const MAX_ATHLETES: usize = 50;
const MAX_DATES: usize = 90;
/// The longest range a calendar asks for at once.
const MAX_RANGE_DAYS: i64 = 366;

pub struct PlanningApi {
    planning: Arc<dyn Planning>,
    loads: Arc<dyn LoadSettings>,
    roster: Arc<dyn Roster>,
    guard: Guard,
}

impl PlanningApi {
    pub fn new(
        planning: Arc<dyn Planning>,
        loads: Arc<dyn LoadSettings>,
        roster: Arc<dyn Roster>,
        guard: Guard,
    ) -> Self {
        Self { planning, loads, roster, guard }
    }
}

/// The load of one set, computed for the athlete.
#[derive(Debug, Object)]
pub struct SetLoadBody {
    /// The exact target before rounding, in kg.
    pub target_kg: Option<f64>,
    /// What to lift: the target rounded to the club's plates.
    pub load_kg: Option<f64>,
    /// The plates for each side of the bar, heaviest first.
    pub per_side_kg: Vec<f64>,
    /// The top of a percentage range.
    pub high_load_kg: Option<f64>,
    /// Why there is no load: `no_maximum`, `below_empty_bar`, `above_inventory`,
    /// `missing_plates`, or `athlete_chooses` (RPE, free).
    pub problem: Option<String>,
}

#[derive(Debug, Object)]
pub struct LineLoadsBody {
    pub sets: Vec<SetLoadBody>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, poem_openapi::Enum)]
#[oai(rename_all = "snake_case")]
pub enum RoundingName {
    Nearest,
    Floor,
    Ceil,
}

#[derive(Debug, Object)]
pub struct PlateBody {
    pub kg: f64,
    /// How many the club owns, both sides together.
    pub count: u32,
}

/// How the club loads a bar.
#[derive(Debug, Object)]
pub struct LoadingBody {
    pub bar_kg: f64,
    /// One collar; a loaded bar carries two.
    pub collar_kg: f64,
    pub rounding: RoundingName,
    pub plates: Vec<PlateBody>,
}

fn loading_body(loading: Loading) -> LoadingBody {
    LoadingBody {
        bar_kg: loading.bar.kg(),
        collar_kg: loading.collar.kg(),
        rounding: match loading.rounding {
            Rounding::Nearest => RoundingName::Nearest,
            Rounding::Floor => RoundingName::Floor,
            Rounding::Ceil => RoundingName::Ceil,
        },
        plates: loading.plates.into_iter().map(|p| PlateBody { kg: p.weight.kg(), count: p.count }).collect(),
    }
}

/// The request as a loading the engine accepts, or the fields at fault.
fn loading_from(body: LoadingBody) -> Result<Loading, ApiError> {
    let mut fields = Vec::new();
    let weight = |kg: f64, max: f64| Grams::from_kg(kg).filter(|_| kg >= 0.0 && kg <= max);
    let bar = weight(body.bar_kg, 30.0).filter(|g| g.0 > 0);
    if bar.is_none() {
        fields.push(FieldError::new("bar_kg", FieldErrorCode::OutOfRange));
    }
    let collar = weight(body.collar_kg, 5.0);
    if collar.is_none() {
        fields.push(FieldError::new("collar_kg", FieldErrorCode::OutOfRange));
    }
    if body.plates.is_empty() || body.plates.len() > 20 {
        fields.push(FieldError::new("plates", FieldErrorCode::OutOfRange));
    }
    let mut plates = Vec::new();
    for (i, plate) in body.plates.iter().enumerate() {
        match weight(plate.kg, 50.0).filter(|g| g.0 > 0) {
            Some(w) if (2..=100).contains(&plate.count) => plates.push(PlateStock { weight: w, count: plate.count }),
            Some(_) => fields.push(FieldError::new(format!("plates[{i}].count"), FieldErrorCode::OutOfRange)),
            None => fields.push(FieldError::new(format!("plates[{i}].kg"), FieldErrorCode::OutOfRange)),
        }
    }
    let (Some(bar), Some(collar), true) = (bar, collar, fields.is_empty()) else {
        return Err(ApiError::validation(fields));
    };
    let rounding = match body.rounding {
        RoundingName::Nearest => Rounding::Nearest,
        RoundingName::Floor => Rounding::Floor,
        RoundingName::Ceil => Rounding::Ceil,
    };
    Ok(Loading { bar, collar, plates, rounding })
}

#[derive(Debug, Object)]
pub struct MaximumRequest {
    /// The athlete's maximum for the lift, in kg.
    pub kg: f64,
    /// A one-repetition maximum (by default), or a training maximum for workouts based on one.
    #[oai(default)]
    pub kind: BasisName,
}

#[derive(Debug, Object)]
pub struct MaximumBody {
    pub lift: String,
    pub kind: BasisName,
    pub kg: f64,
}

fn maxima_body(setup: &crate::application::LoadSetup) -> Vec<MaximumBody> {
    let mut maxima: Vec<MaximumBody> =
        [(Basis::OneRepMax, &setup.maxima), (Basis::TrainingMax, &setup.training_maxima)]
            .into_iter()
            .flat_map(|(kind, maxima)| {
                maxima.iter().map(move |(lift, grams)| MaximumBody {
                    lift: lift.as_str().to_owned(),
                    kind: kind.into(),
                    kg: grams.kg(),
                })
            })
            .collect();
    maxima.sort_by(|a, b| (a.lift.as_str(), a.kind as u8).cmp(&(b.lift.as_str(), b.kind as u8)));
    maxima
}

fn kg(grams: Grams) -> f64 {
    grams.kg()
}

fn set_load_body(load: SetLoad) -> SetLoadBody {
    let from = |load: Load| match load {
        Load::Loaded { target, load, per_side } => SetLoadBody {
            target_kg: Some(target),
            load_kg: Some(kg(load)),
            per_side_kg: per_side.into_iter().map(kg).collect(),
            ..empty_body()
        },
        Load::CannotBeLoaded { target, reason, .. } => {
            SetLoadBody { target_kg: Some(target), problem: Some(reason.code().to_owned()), ..empty_body() }
        }
    };
    match load {
        SetLoad::FromPercent { low, high } => {
            let high_load_kg = match high {
                Some(Load::Loaded { load, .. }) => Some(kg(load)),
                _ => None,
            };
            SetLoadBody { high_load_kg, ..from(low) }
        }
        SetLoad::Fixed(load) => from(load),
        SetLoad::NoMaximum(_) => SetLoadBody { problem: Some("no_maximum".to_owned()), ..empty_body() },
        SetLoad::AthleteChooses => SetLoadBody { problem: Some("athlete_chooses".to_owned()), ..empty_body() },
    }
}

fn empty_body() -> SetLoadBody {
    SetLoadBody { target_kg: None, load_kg: None, per_side_kg: Vec::new(), high_load_kg: None, problem: None }
}

#[derive(Debug, Object)]
pub struct ScheduleRequest {
    pub workout_id: String,
    /// Athletes of the club; with the group's, 1 to 50 in all.
    #[oai(default)]
    pub athlete_ids: Vec<String>,
    /// A group: each of its athletes gets the session, and the calendar shows it as the group's.
    pub group_id: Option<String>,
    /// `YYYY-MM-DD`, 1 to 90.
    pub dates: Vec<String>,
}

#[derive(Debug, Object)]
pub struct SessionChange {
    /// Moves the session to this date (`YYYY-MM-DD`).
    pub date: Option<String>,
    /// Cancels the session, or restores a cancelled one.
    pub cancelled: Option<bool>,
}

#[derive(Debug, Object)]
pub struct PlannedSessionBody {
    pub id: String,
    pub athlete_id: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// The template it was copied from, while it exists.
    pub source_workout_id: Option<String>,
    pub name: String,
    pub notes: String,
    /// As the workout was when scheduled.
    pub lines: Vec<LineBody>,
    pub cancelled: bool,
    /// The group it was scheduled for.
    pub group_id: Option<String>,
    /// What its percentages are of, as the workout said when it was scheduled.
    pub basis: BasisName,
    /// For the athlete's own sessions: every set's load, line by line.
    /// Absent elsewhere (never `null`: a generated client reads a missing list as empty).
    #[oai(skip_serializing_if_is_none)]
    pub loads: Option<Vec<LineLoadsBody>>,
}

#[derive(Debug, Object)]
pub struct Scheduled {
    pub sessions: Vec<PlannedSessionBody>,
}

#[derive(ApiResponse)]
pub enum ScheduledResponse {
    /// One session per athlete and date.
    #[oai(status = 201)]
    Created(Json<Scheduled>),
}

fn body(session: PlannedSession) -> PlannedSessionBody {
    PlannedSessionBody {
        id: session.id.to_string(),
        athlete_id: session.athlete_id.to_string(),
        date: session.date.to_string(),
        source_workout_id: session.source_workout_id.map(|w| w.to_string()),
        name: session.name,
        notes: session.notes,
        lines: lines_body(session.lines),
        cancelled: session.cancelled,
        group_id: session.group_id.map(|g| g.to_string()),
        basis: session.basis.into(),
        loads: None,
    }
}

/// A `YYYY-MM-DD` date.
pub fn date(raw: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d").ok()
}

fn unavailable(error: CatalogueError) -> ApiError {
    ApiError::internal(&error)
}

/// `from`..=`to`, required, in order, and at most a year long.
pub fn range(from: Option<String>, to: Option<String>) -> Result<(NaiveDate, NaiveDate), ApiError> {
    let invalid = |field: &str| {
        ApiError::new(ErrorCode::InvalidParameter).with_fields(vec![FieldError::new(field, FieldErrorCode::Invalid)])
    };
    let from = from.as_deref().and_then(date).ok_or_else(|| invalid("from"))?;
    let to = to.as_deref().and_then(date).ok_or_else(|| invalid("to"))?;
    if to < from || (to - from).num_days() > MAX_RANGE_DAYS {
        return Err(ApiError::new(ErrorCode::InvalidParameter)
            .with_fields(vec![FieldError::new("to", FieldErrorCode::OutOfRange)]));
    }
    Ok((from, to))
}

/// The optional `athlete_id` a list is narrowed to.
pub fn athlete_filter(raw: Option<String>) -> Result<Option<uuid::Uuid>, ApiError> {
    raw.map(|raw| {
        uuid::Uuid::parse_str(&raw).map_err(|_| {
            ApiError::new(ErrorCode::InvalidParameter)
                .with_fields(vec![FieldError::new("athlete_id", FieldErrorCode::Invalid)])
        })
    })
    .transpose()
}

#[OpenApi(prefix_path = "/v1/clubs", tag = "PlanningTag::Planning")]
impl PlanningApi {
    /// Schedules a copy of a workout for athletes on dates.
    #[oai(path = "/:club/planned-sessions", method = "post", operation_id = "planned_session_schedule")]
    async fn schedule(
        &self,
        auth: BearerAuth,
        club: Path<String>,
        request: Json<ScheduleRequest>,
    ) -> Result<ScheduledResponse, ApiError> {
        let (club, _) = self.guard.club(&auth.0, &club, Permission::PlanningWrite).await?;
        let request = request.0;
        let mut fields = Vec::new();
        let workout = uuid::Uuid::parse_str(&request.workout_id).ok();
        if workout.is_none() {
            fields.push(FieldError::new("workout_id", FieldErrorCode::Invalid));
        }
        let ctx = club.context();
        let mut athletes = Vec::new();
        let mut group = None;
        if let Some(raw) = &request.group_id {
            let members = match uuid::Uuid::parse_str(raw) {
                Ok(id) => self.roster.group(&ctx, id).await.map_err(unavailable)?.map(|m| (id, m)),
                Err(_) => None,
            };
            match members {
                Some((id, members)) if !members.is_empty() => {
                    group = Some(id);
                    athletes.extend(members);
                }
                Some(_) => fields.push(FieldError::new("group_id", FieldErrorCode::OutOfRange)),
                None => fields.push(FieldError::new("group_id", FieldErrorCode::Invalid)),
            }
        }
        if request.athlete_ids.len() > MAX_ATHLETES {
            return Err(ApiError::validation(vec![FieldError::new("athlete_ids", FieldErrorCode::OutOfRange)]));
        }
        let ids: Vec<Option<uuid::Uuid>> =
            request.athlete_ids.iter().map(|raw| uuid::Uuid::parse_str(raw).ok()).collect();
        let wanted: Vec<uuid::Uuid> = ids.iter().flatten().copied().collect();
        let known = self.roster.known(&ctx, &wanted).await.map_err(unavailable)?;
        for (i, id) in ids.into_iter().enumerate() {
            match id.filter(|id| known.contains(id)) {
                Some(id) if !athletes.contains(&id) => athletes.push(id),
                Some(_) => {}
                // Not an athlete of this club: the same answer as an unknown id.
                None => fields.push(FieldError::new(format!("athlete_ids[{i}]"), FieldErrorCode::Invalid)),
            }
        }
        if fields.is_empty() && (athletes.is_empty() || athletes.len() > MAX_ATHLETES) {
            fields.push(FieldError::new("athlete_ids", FieldErrorCode::OutOfRange));
        }
        if request.dates.is_empty() || request.dates.len() > MAX_DATES {
            fields.push(FieldError::new("dates", FieldErrorCode::OutOfRange));
        }
        let mut dates = Vec::new();
        for (i, raw) in request.dates.iter().enumerate() {
            match date(raw) {
                Some(d) if !dates.contains(&d) => dates.push(d),
                Some(_) => {}
                None => fields.push(FieldError::new(format!("dates[{i}]"), FieldErrorCode::Invalid)),
            }
        }
        let (Some(workout), true) = (workout, fields.is_empty()) else {
            return Err(ApiError::validation(fields));
        };
        let planned = self.planning.schedule(&ctx, workout, &athletes, &dates, group).await.map_err(|e| match e {
            PlanningError::UnknownWorkout => {
                ApiError::validation(vec![FieldError::new("workout_id", FieldErrorCode::Invalid)])
            }
            PlanningError::Unavailable(error) => unavailable(error),
        })?;
        Ok(ScheduledResponse::Created(Json(Scheduled { sessions: planned.into_iter().map(body).collect() })))
    }

    /// The calendar between two dates (at most a year), of one athlete or of everyone.
    #[oai(path = "/:club/planned-sessions", method = "get", operation_id = "planned_session_list")]
    async fn list(
        &self,
        auth: BearerAuth,
        club: Path<String>,
        /// `YYYY-MM-DD`, inclusive.
        from: Query<Option<String>>,
        /// `YYYY-MM-DD`, inclusive.
        to: Query<Option<String>>,
        athlete_id: Query<Option<String>>,
    ) -> Result<Json<Vec<PlannedSessionBody>>, ApiError> {
        let (club, _) = self.guard.club(&auth.0, &club, Permission::PlanningRead).await?;
        let (from, to) = range(from.0, to.0)?;
        let athlete = athlete_filter(athlete_id.0)?;
        let sessions = self
            .planning
            .between(&club.context(), from, to, athlete.as_ref().map(std::slice::from_ref))
            .await
            .map_err(unavailable)?;
        Ok(Json(sessions.into_iter().map(body).collect()))
    }

    /// Moves a planned session to another date, or cancels or restores it.
    #[oai(path = "/:club/planned-sessions/:id", method = "patch", operation_id = "planned_session_change")]
    async fn change(
        &self,
        auth: BearerAuth,
        club: Path<String>,
        id: Path<String>,
        change: Json<SessionChange>,
    ) -> Result<Json<PlannedSessionBody>, ApiError> {
        let (club, _) = self.guard.club(&auth.0, &club, Permission::PlanningWrite).await?;
        let id = path_id(&id)?;
        let new_date = match change.date.as_deref() {
            Some(raw) => Some(
                date(raw)
                    .ok_or_else(|| ApiError::validation(vec![FieldError::new("date", FieldErrorCode::Invalid)]))?,
            ),
            None => None,
        };
        let changed =
            self.planning.change(&club.context(), id, new_date, change.cancelled).await.map_err(unavailable)?;
        changed.map(|s| Json(body(s))).ok_or_else(|| ErrorCode::NotFound.into())
    }

    /// The signed-in athlete's own planned sessions between two dates.
    #[oai(path = "/:club/me/sessions", method = "get", operation_id = "my_sessions")]
    async fn mine(
        &self,
        auth: BearerAuth,
        club: Path<String>,
        from: Query<Option<String>>,
        to: Query<Option<String>>,
    ) -> Result<Json<Vec<PlannedSessionBody>>, ApiError> {
        let (club, _) = self.guard.club(&auth.0, &club, Permission::OwnSessionsRead).await?;
        let (from, to) = range(from.0, to.0)?;
        let ctx = club.context();
        let user = auth.0.user.as_uuid();
        let (sessions, setup) = match self.planning.program_of(&ctx, user, from, to).await.map_err(unavailable)? {
            Some(program) => (program.sessions, program.setup),
            None => {
                // A member with no profile yet: the roster decides whether they get one now. One
                // who never trained here has no sessions.
                let Some(athlete) = self.roster.athlete_of(&ctx, user, false).await.map_err(unavailable)? else {
                    return Ok(Json(Vec::new()));
                };
                let sessions = self.planning.between(&ctx, from, to, Some(&[athlete])).await.map_err(unavailable)?;
                (sessions, self.loads.setup(&ctx, athlete).await.map_err(unavailable)?)
            }
        };
        Ok(Json(
            sessions
                .into_iter()
                .map(|session| {
                    let loads = session_loads(&session, &setup)
                        .into_iter()
                        .map(|sets| LineLoadsBody { sets: sets.into_iter().map(set_load_body).collect() })
                        .collect();
                    PlannedSessionBody { loads: Some(loads), ..body(session) }
                })
                .collect(),
        ))
    }

    /// How the club loads a bar: bar, collars, plates owned, rounding of percentages.
    #[oai(path = "/:club/settings/loading", method = "get", operation_id = "club_loading_get")]
    async fn loading(&self, auth: BearerAuth, club: Path<String>) -> Result<Json<LoadingBody>, ApiError> {
        let (club, _) = self.guard.club(&auth.0, &club, Permission::ClubRead).await?;
        let loading = self.loads.loading(&club.context()).await.map_err(unavailable)?;
        Ok(Json(loading_body(loading)))
    }

    /// Changes how the club loads a bar; every athlete's loads follow at once.
    #[oai(path = "/:club/settings/loading", method = "put", operation_id = "club_loading_set")]
    async fn set_loading(
        &self,
        auth: BearerAuth,
        club: Path<String>,
        body: Json<LoadingBody>,
    ) -> Result<Json<LoadingBody>, ApiError> {
        let (club, _) = self.guard.club(&auth.0, &club, Permission::ClubUpdate).await?;
        let loading = loading_from(body.0)?;
        self.loads.set_loading(&club.context(), &loading).await.map_err(unavailable)?;
        Ok(Json(loading_body(loading)))
    }

    /// Sets an athlete's maximum for a reference lift, which their loads are computed from.
    #[oai(path = "/:club/athletes/:athlete/maxima/:lift", method = "put", operation_id = "athlete_maximum_set")]
    async fn set_maximum(
        &self,
        auth: BearerAuth,
        club: Path<String>,
        athlete: Path<String>,
        lift: Path<String>,
        request: Json<MaximumRequest>,
    ) -> Result<Json<MaximumBody>, ApiError> {
        let (club, _) = self.guard.club(&auth.0, &club, Permission::PlanningWrite).await?;
        let athlete = path_id(&athlete)?;
        let ctx = club.context();
        if self.roster.known(&ctx, &[athlete]).await.map_err(unavailable)?.is_empty() {
            return Err(ErrorCode::NotFound.into());
        }
        let lift = ReferenceLift::parse(&lift).ok_or(ErrorCode::NotFound)?;
        let max = Grams::from_kg(request.kg)
            .filter(|g| (1_000..=500_000).contains(&g.0))
            .ok_or_else(|| ApiError::validation(vec![FieldError::new("kg", FieldErrorCode::OutOfRange)]))?;
        self.loads.set_maximum(&ctx, athlete, lift, request.kind.into(), max).await.map_err(unavailable)?;
        Ok(Json(MaximumBody { lift: lift.as_str().to_owned(), kind: request.kind, kg: max.kg() }))
    }

    /// An athlete's maxima: one-repetition and training maxima, by lift.
    #[oai(path = "/:club/athletes/:athlete/maxima", method = "get", operation_id = "athlete_maxima")]
    async fn maxima(
        &self,
        auth: BearerAuth,
        club: Path<String>,
        athlete: Path<String>,
    ) -> Result<Json<Vec<MaximumBody>>, ApiError> {
        let (club, _) = self.guard.club(&auth.0, &club, Permission::PlanningRead).await?;
        let athlete = path_id(&athlete)?;
        let ctx = club.context();
        if self.roster.known(&ctx, &[athlete]).await.map_err(unavailable)?.is_empty() {
            return Err(ErrorCode::NotFound.into());
        }
        let setup = self.loads.setup(&ctx, athlete).await.map_err(unavailable)?;
        Ok(Json(maxima_body(&setup)))
    }

    /// The signed-in athlete's maxima, which their loads are computed from.
    #[oai(path = "/:club/me/maxima", method = "get", operation_id = "my_maxima")]
    async fn my_maxima(&self, auth: BearerAuth, club: Path<String>) -> Result<Json<Vec<MaximumBody>>, ApiError> {
        let (club, _) = self.guard.club(&auth.0, &club, Permission::OwnSessionsRead).await?;
        let ctx = club.context();
        let Some(athlete) = self.roster.athlete_of(&ctx, auth.0.user.as_uuid(), false).await.map_err(unavailable)?
        else {
            return Ok(Json(Vec::new()));
        };
        let setup = self.loads.setup(&ctx, athlete).await.map_err(unavailable)?;
        Ok(Json(maxima_body(&setup)))
    }
}

#[derive(poem_openapi::Tags)]
enum PlanningTag {
    /// The calendar of planned sessions.
    Planning,
}
