//! Personal records and their history, estimated maxima from logged sets, competitions and
//! their results, and the coach's activity feed.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, Utc};
use dropit_http::{ApiError, FieldError};
use dropit_identity::interface::BearerAuth;
use dropit_kernel::{ErrorCode, FieldErrorCode};
use dropit_permissions::{Access, Permission};
use dropit_tenancy::ClubCtx;
use dropit_training::{
    domain::load::Grams,
    interface::{date, range},
};
use poem_openapi::{ApiResponse, Object, OpenApi, param::Path, param::Query, payload::Json};
use uuid::Uuid;

use super::{Context, kg};
use crate::{
    application::{CompetitionResult, NewRecord},
    domain::{
        athlete::Sex,
        category::{CategorySet, set_for},
        competition::{Attempt, Entry},
        records::{Record, Source, estimate_trend},
    },
};

pub const ACCESS: &[(&str, Access)] = &[
    ("athlete_records", Access::Club(Permission::AthletesRead)),
    ("athlete_record_add", Access::Club(Permission::AthletesWrite)),
    ("athlete_estimates", Access::Club(Permission::AthletesRead)),
    ("my_records", Access::Club(Permission::OwnAthleteRead)),
    ("my_estimates", Access::Club(Permission::OwnAthleteRead)),
    ("competition_create", Access::Club(Permission::AthletesWrite)),
    ("competition_list", Access::Club(Permission::AthletesRead)),
    ("competition_result_put", Access::Club(Permission::AthletesWrite)),
    ("competition_results", Access::Club(Permission::AthletesRead)),
    ("my_results", Access::Club(Permission::OwnAthleteRead)),
    ("activity_feed", Access::Club(Permission::AthletesRead)),
];

pub struct ProgressApi {
    cx: Context,
}

impl ProgressApi {
    pub fn new(cx: Context) -> Self {
        Self { cx }
    }
}

#[derive(Debug, Object)]
pub struct RecordInput {
    pub exercise_id: String,
    pub kg: f64,
    /// `YYYY-MM-DD`, today or earlier.
    pub date: String,
    #[oai(default)]
    pub note: String,
}

#[derive(Debug, Object)]
pub struct RecordBody {
    pub id: String,
    pub exercise_id: String,
    pub kg: f64,
    pub date: String,
    /// `tested`, `competition` or `training` (a made single heavier than the record).
    pub source: String,
    pub note: String,
}

fn record_body(record: Record) -> RecordBody {
    RecordBody {
        id: record.id.to_string(),
        exercise_id: record.exercise_id.to_string(),
        kg: record.load.kg(),
        date: record.date.to_string(),
        source: record.source.as_str().to_owned(),
        note: record.note,
    }
}

/// The records of one exercise: the best, and every one in date order.
#[derive(Debug, Object)]
pub struct ExerciseRecords {
    pub exercise_id: String,
    pub best_kg: f64,
    pub best_on: String,
    pub history: Vec<RecordBody>,
}

#[derive(ApiResponse)]
pub enum RecordCreated {
    #[oai(status = 201)]
    Created(Json<RecordBody>),
}

#[derive(Debug, Object)]
pub struct EstimatePoint {
    pub date: String,
    /// The day's best Epley estimate, w·(1 + r/30), from made sets of one to ten reps.
    pub kg: f64,
}

#[derive(Debug, Object)]
pub struct EstimatesBody {
    pub exercise_id: String,
    pub points: Vec<EstimatePoint>,
    /// The record, which an estimate never replaces.
    pub record_kg: Option<f64>,
}

#[derive(Debug, Object)]
pub struct CompetitionInput {
    pub name: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    #[oai(default)]
    pub place: String,
}

#[derive(Debug, Object)]
pub struct CompetitionBody {
    pub id: String,
    pub name: String,
    pub date: String,
    pub place: String,
}

#[derive(ApiResponse)]
pub enum CompetitionCreated {
    #[oai(status = 201)]
    Created(Json<CompetitionBody>),
}

#[derive(Debug, Clone, Object)]
pub struct AttemptBody {
    pub kg: f64,
    pub made: bool,
}

#[derive(Debug, Object)]
pub struct ResultInput {
    pub bodyweight_kg: f64,
    /// One to three attempts, in order.
    pub snatch: Vec<AttemptBody>,
    pub clean_and_jerk: Vec<AttemptBody>,
}

#[derive(Debug, Object)]
pub struct ResultBody {
    pub id: String,
    pub competition: CompetitionBody,
    pub athlete_id: String,
    pub bodyweight_kg: f64,
    /// In the international set of the competition's date, when the athlete's sex is known.
    pub category: Option<String>,
    pub snatch: Vec<AttemptBody>,
    pub clean_and_jerk: Vec<AttemptBody>,
    pub best_snatch_kg: Option<f64>,
    pub best_clean_and_jerk_kg: Option<f64>,
    /// Best snatch + best clean & jerk; none when a lift has no good attempt.
    pub total_kg: Option<f64>,
    /// The total × the Sinclair coefficient of the Olympiad of the competition's date.
    pub sinclair: Option<f64>,
}

#[derive(Debug, Object)]
pub struct ActivityBody {
    pub id: String,
    /// RFC 3339.
    pub at: String,
    pub athlete_id: String,
    pub athlete_name: String,
    /// `record`, `log`, `readiness` (a flagged check-in) or `competition`.
    pub kind: String,
    pub subject_id: Option<String>,
    /// What happened, by kind: a record's `exercise_id`, `kg`, `previous_kg`, `source`; a
    /// log's `performed_on`, `sets`, `tonnage_kg`, `records`; a check-in's `score`.
    pub details: serde_json::Value,
}

fn competition_body(c: crate::application::Competition) -> CompetitionBody {
    CompetitionBody { id: c.id.to_string(), name: c.name, date: c.date.to_string(), place: c.place }
}

fn attempts_body(attempts: &[Attempt]) -> Vec<AttemptBody> {
    attempts.iter().map(|a| AttemptBody { kg: a.load.kg(), made: a.made }).collect()
}

impl ProgressApi {
    async fn records_of(&self, ctx: &ClubCtx, athlete: Uuid) -> Result<Vec<ExerciseRecords>, ApiError> {
        let mut by_exercise: BTreeMap<Uuid, Vec<Record>> = BTreeMap::new();
        for record in self.cx.data.records(ctx, athlete).await? {
            by_exercise.entry(record.exercise_id).or_default().push(record);
        }
        Ok(by_exercise
            .into_iter()
            .filter_map(|(exercise, history)| {
                let best = history.iter().max_by_key(|r| (r.load.0, std::cmp::Reverse(r.date)))?.clone();
                Some(ExerciseRecords {
                    exercise_id: exercise.to_string(),
                    best_kg: best.load.kg(),
                    best_on: best.date.to_string(),
                    history: history.into_iter().map(record_body).collect(),
                })
            })
            .collect())
    }

    async fn estimates_of(
        &self,
        ctx: &ClubCtx,
        athlete: Uuid,
        (exercise, from, to): (Uuid, chrono::NaiveDate, chrono::NaiveDate),
    ) -> Result<EstimatesBody, ApiError> {
        let logs = self.cx.logs.between(ctx, from, to, Some(&[athlete])).await.map_err(super::unavailable)?;
        let sets = logs.iter().flat_map(|log| {
            log.sets
                .iter()
                .filter(|s| s.made && s.parts.is_empty() && s.exercise_id == exercise)
                .map(|s| (log.performed_on, s.load, s.reps))
        });
        let points =
            estimate_trend(sets).into_iter().map(|e| EstimatePoint { date: e.date.to_string(), kg: e.kg }).collect();
        let record = self.cx.data.best_records(ctx, athlete, &[exercise]).await?.first().map(|(_, g)| g.kg());
        Ok(EstimatesBody { exercise_id: exercise.to_string(), points, record_kg: record })
    }

    /// The results as the API shows them, with the category sets read once and each
    /// athlete's sex once.
    async fn results_body(&self, ctx: &ClubCtx, results: Vec<CompetitionResult>) -> Result<Vec<ResultBody>, ApiError> {
        let sets = self.cx.data.category_sets(ctx).await?;
        let mut sexes = HashMap::new();
        let mut bodies = Vec::with_capacity(results.len());
        for result in results {
            let sex = match sexes.get(&result.athlete_id) {
                Some(sex) => *sex,
                None => {
                    let sex = self.cx.athletes.get(ctx, result.athlete_id).await?.and_then(|a| a.profile.sex);
                    sexes.insert(result.athlete_id, sex);
                    sex
                }
            };
            bodies.push(result_body(result, sex, &sets));
        }
        Ok(bodies)
    }
}

fn result_body(result: CompetitionResult, sex: Option<Sex>, sets: &[CategorySet]) -> ResultBody {
    let date = result.competition.date;
    let outcome = result.entry.outcome(sex, date);
    let category = sex
        .and_then(|sex| set_for(sets, sex, date, None))
        .and_then(|set| set.category(result.entry.bodyweight))
        .map(|c| c.label);
    ResultBody {
        id: result.id.to_string(),
        athlete_id: result.athlete_id.to_string(),
        bodyweight_kg: result.entry.bodyweight.kg(),
        category,
        snatch: attempts_body(&result.entry.snatch),
        clean_and_jerk: attempts_body(&result.entry.clean_and_jerk),
        best_snatch_kg: outcome.best_snatch.map(kg),
        best_clean_and_jerk_kg: outcome.best_clean_and_jerk.map(kg),
        total_kg: outcome.total.map(kg),
        sinclair: outcome.sinclair,
        competition: competition_body(result.competition),
    }
}

/// The exercise and dates an estimate trend is asked for.
fn estimate_query(
    exercise: Option<String>,
    from: Option<String>,
    to: Option<String>,
) -> Result<(Uuid, chrono::NaiveDate, chrono::NaiveDate), ApiError> {
    let exercise = exercise.as_deref().and_then(|raw| Uuid::parse_str(raw).ok()).ok_or_else(|| {
        ApiError::new(ErrorCode::InvalidParameter)
            .with_fields(vec![FieldError::new("exercise_id", FieldErrorCode::Invalid)])
    })?;
    let (from, to) = range(from, to)?;
    Ok((exercise, from, to))
}

fn attempts_from(name: &str, body: &[AttemptBody], fields: &mut Vec<FieldError>) -> Vec<Attempt> {
    body.iter()
        .enumerate()
        .filter_map(|(i, a)| match Grams::from_kg(a.kg).filter(|_| a.kg > 0.0) {
            Some(load) => Some(Attempt { load, made: a.made }),
            None => {
                fields.push(FieldError::new(format!("{name}[{i}].kg"), FieldErrorCode::OutOfRange));
                None
            }
        })
        .collect()
}

#[OpenApi(prefix_path = "/v1/clubs", tag = "ProgressTag::Progress")]
impl ProgressApi {
    /// The athlete's records by exercise: the best and the history.
    #[oai(path = "/:club/athletes/:athlete/records", method = "get", operation_id = "athlete_records")]
    async fn records(
        &self,
        auth: BearerAuth,
        club: Path<String>,
        athlete: Path<String>,
    ) -> Result<Json<Vec<ExerciseRecords>>, ApiError> {
        let (club, _) = self.cx.guard.club(&auth.0, &club, Permission::AthletesRead).await?;
        let (ctx, athlete) = self.cx.athlete(&club, &athlete).await?;
        Ok(Json(self.records_of(&ctx, athlete).await?))
    }

    /// Records a maximum tested in training.
    #[oai(path = "/:club/athletes/:athlete/records", method = "post", operation_id = "athlete_record_add")]
    async fn add_record(
        &self,
        auth: BearerAuth,
        club: Path<String>,
        athlete: Path<String>,
        input: Json<RecordInput>,
    ) -> Result<RecordCreated, ApiError> {
        let (club, _) = self.cx.guard.club(&auth.0, &club, Permission::AthletesWrite).await?;
        let (ctx, athlete) = self.cx.athlete(&club, &athlete).await?;
        let mut fields = Vec::new();
        let exercise = Uuid::parse_str(&input.exercise_id).ok();
        let known = match exercise {
            Some(id) => self.cx.catalogue.get(&ctx, id).await.map_err(super::unavailable)?.is_some(),
            None => false,
        };
        if !known {
            fields.push(FieldError::new("exercise_id", FieldErrorCode::Invalid));
        }
        let load = Grams::from_kg(input.kg).filter(|g| (1_000..=500_000).contains(&g.0));
        if load.is_none() {
            fields.push(FieldError::new("kg", FieldErrorCode::OutOfRange));
        }
        let day = date(&input.date).filter(|d| *d <= Utc::now().date_naive());
        if day.is_none() {
            fields.push(FieldError::new("date", FieldErrorCode::Invalid));
        }
        if input.note.chars().count() > 500 {
            fields.push(FieldError::new("note", FieldErrorCode::TooLong));
        }
        let (Some(exercise_id), Some(load), Some(day), true) = (exercise, load, day, fields.is_empty()) else {
            return Err(ApiError::validation(fields));
        };
        let record = NewRecord {
            athlete_id: athlete,
            exercise_id,
            load,
            date: day,
            source: Source::Tested,
            source_id: None,
            note: input.note.trim().to_owned(),
        };
        let kept = self.cx.data.add_record(&ctx, &record).await?.ok_or(ErrorCode::Conflict)?;
        Ok(RecordCreated::Created(Json(record_body(kept))))
    }

    /// The trend of an exercise's estimated maximum from the athlete's logged sets.
    #[oai(path = "/:club/athletes/:athlete/estimates", method = "get", operation_id = "athlete_estimates")]
    async fn estimates(
        &self,
        auth: BearerAuth,
        club: Path<String>,
        athlete: Path<String>,
        exercise_id: Query<Option<String>>,
        from: Query<Option<String>>,
        to: Query<Option<String>>,
    ) -> Result<Json<EstimatesBody>, ApiError> {
        let (club, _) = self.cx.guard.club(&auth.0, &club, Permission::AthletesRead).await?;
        let query = estimate_query(exercise_id.0, from.0, to.0)?;
        let (ctx, athlete) = self.cx.athlete(&club, &athlete).await?;
        Ok(Json(self.estimates_of(&ctx, athlete, query).await?))
    }

    /// The signed-in athlete's records.
    #[oai(path = "/:club/me/records", method = "get", operation_id = "my_records")]
    async fn my_records(&self, auth: BearerAuth, club: Path<String>) -> Result<Json<Vec<ExerciseRecords>>, ApiError> {
        let (club, _) = self.cx.guard.club(&auth.0, &club, Permission::OwnAthleteRead).await?;
        match self.cx.me(&club, auth.0.user.as_uuid(), false).await? {
            (ctx, Some(athlete)) => Ok(Json(self.records_of(&ctx, athlete).await?)),
            (_, None) => Ok(Json(Vec::new())),
        }
    }

    /// The signed-in athlete's estimated-maximum trend of an exercise.
    #[oai(path = "/:club/me/estimates", method = "get", operation_id = "my_estimates")]
    async fn my_estimates(
        &self,
        auth: BearerAuth,
        club: Path<String>,
        exercise_id: Query<Option<String>>,
        from: Query<Option<String>>,
        to: Query<Option<String>>,
    ) -> Result<Json<EstimatesBody>, ApiError> {
        let (club, _) = self.cx.guard.club(&auth.0, &club, Permission::OwnAthleteRead).await?;
        let (exercise, from, to) = estimate_query(exercise_id.0, from.0, to.0)?;
        match self.cx.me(&club, auth.0.user.as_uuid(), false).await? {
            (ctx, Some(athlete)) => Ok(Json(self.estimates_of(&ctx, athlete, (exercise, from, to)).await?)),
            (_, None) => {
                Ok(Json(EstimatesBody { exercise_id: exercise.to_string(), points: Vec::new(), record_kg: None }))
            }
        }
    }

    #[oai(path = "/:club/competitions", method = "post", operation_id = "competition_create")]
    async fn create_competition(
        &self,
        auth: BearerAuth,
        club: Path<String>,
        input: Json<CompetitionInput>,
    ) -> Result<CompetitionCreated, ApiError> {
        let (club, _) = self.cx.guard.club(&auth.0, &club, Permission::AthletesWrite).await?;
        let mut fields = Vec::new();
        let name = input.name.trim();
        if name.is_empty() || name.chars().count() > 120 {
            fields.push(FieldError::new("name", FieldErrorCode::Invalid));
        }
        let day = date(&input.date);
        if day.is_none() {
            fields.push(FieldError::new("date", FieldErrorCode::Invalid));
        }
        if input.place.chars().count() > 120 {
            fields.push(FieldError::new("place", FieldErrorCode::TooLong));
        }
        let (Some(day), true) = (day, fields.is_empty()) else {
            return Err(ApiError::validation(fields));
        };
        let created = self.cx.data.create_competition(&club.context(), name, day, input.place.trim()).await?;
        Ok(CompetitionCreated::Created(Json(competition_body(created))))
    }

    /// The club's competitions, latest first.
    #[oai(path = "/:club/competitions", method = "get", operation_id = "competition_list")]
    async fn competitions(&self, auth: BearerAuth, club: Path<String>) -> Result<Json<Vec<CompetitionBody>>, ApiError> {
        let (club, _) = self.cx.guard.club(&auth.0, &club, Permission::AthletesRead).await?;
        let found = self.cx.data.competitions(&club.context()).await?;
        Ok(Json(found.into_iter().map(competition_body).collect()))
    }

    /// Enters an athlete's result (replacing an earlier entry): the weigh-in, and the attempts
    /// of each lift. The best lifts are kept as records, and the weigh-in as a bodyweight.
    #[oai(
        path = "/:club/competitions/:competition/results/:athlete",
        method = "put",
        operation_id = "competition_result_put"
    )]
    async fn put_result(
        &self,
        auth: BearerAuth,
        club: Path<String>,
        competition: Path<String>,
        athlete: Path<String>,
        input: Json<ResultInput>,
    ) -> Result<Json<ResultBody>, ApiError> {
        let (club, _) = self.cx.guard.club(&auth.0, &club, Permission::AthletesWrite).await?;
        let competition_id = dropit_http::path_id(&competition)?;
        let (ctx, athlete) = self.cx.athlete(&club, &athlete).await?;
        let competition = self.cx.data.competition(&ctx, competition_id).await?.ok_or(ErrorCode::NotFound)?;
        let mut fields = Vec::new();
        let bodyweight = Grams::from_kg(input.bodyweight_kg).unwrap_or_default();
        let entry = Entry {
            bodyweight,
            snatch: attempts_from("snatch", &input.snatch, &mut fields),
            clean_and_jerk: attempts_from("clean_and_jerk", &input.clean_and_jerk, &mut fields),
        };
        if fields.is_empty() {
            fields.extend(entry.validate().into_iter().map(|f| FieldError::new(f, FieldErrorCode::OutOfRange)));
        }
        if !fields.is_empty() {
            return Err(ApiError::validation(fields));
        }
        let stored = self.cx.data.put_result(&ctx, competition.id, athlete, &entry).await?;
        self.cx
            .data
            .weigh_in(&ctx, athlete, crate::application::Bodyweight { date: competition.date, weight: bodyweight })
            .await?;
        let outcome = entry.outcome(None, competition.date);
        let (snatch, clean_and_jerk) = self.cx.data.competition_exercises(&ctx).await?;
        for (exercise, best) in [(snatch, outcome.best_snatch), (clean_and_jerk, outcome.best_clean_and_jerk)] {
            if let (Some(exercise_id), Some(load)) = (exercise, best) {
                let record = NewRecord {
                    athlete_id: athlete,
                    exercise_id,
                    load,
                    date: competition.date,
                    source: Source::Competition,
                    source_id: Some(stored.id),
                    note: competition.name.clone(),
                };
                self.cx.data.add_record(&ctx, &record).await?;
            }
        }
        let details = serde_json::json!({"competition": competition.name, "total_kg": outcome.total.map(kg)});
        self.cx.data.note_activity(&ctx, athlete, "competition", Some(stored.id), details).await?;
        let body = self.results_body(&ctx, vec![stored]).await?.pop().ok_or(ErrorCode::NotFound)?;
        Ok(Json(body))
    }

    /// A competition's results.
    #[oai(path = "/:club/competitions/:competition/results", method = "get", operation_id = "competition_results")]
    async fn results(
        &self,
        auth: BearerAuth,
        club: Path<String>,
        competition: Path<String>,
    ) -> Result<Json<Vec<ResultBody>>, ApiError> {
        let (club, _) = self.cx.guard.club(&auth.0, &club, Permission::AthletesRead).await?;
        let id = dropit_http::path_id(&competition)?;
        let ctx = club.context();
        self.cx.data.competition(&ctx, id).await?.ok_or(ErrorCode::NotFound)?;
        let results = self.cx.data.results(&ctx, Some(id), None).await?;
        Ok(Json(self.results_body(&ctx, results).await?))
    }

    /// The signed-in athlete's competition results, latest first.
    #[oai(path = "/:club/me/results", method = "get", operation_id = "my_results")]
    async fn my_results(&self, auth: BearerAuth, club: Path<String>) -> Result<Json<Vec<ResultBody>>, ApiError> {
        let (club, _) = self.cx.guard.club(&auth.0, &club, Permission::OwnAthleteRead).await?;
        match self.cx.me(&club, auth.0.user.as_uuid(), false).await? {
            (ctx, Some(athlete)) => {
                let results = self.cx.data.results(&ctx, None, Some(athlete)).await?;
                Ok(Json(self.results_body(&ctx, results).await?))
            }
            (_, None) => Ok(Json(Vec::new())),
        }
    }

    /// What happened lately: new records, logged sessions, flagged check-ins, results.
    #[oai(path = "/:club/activity", method = "get", operation_id = "activity_feed")]
    async fn activity(
        &self,
        auth: BearerAuth,
        club: Path<String>,
        /// Items older than this instant (RFC 3339): the `at` of the last item of a page.
        before: Query<Option<String>>,
        #[oai(default = "default_limit", validator(minimum(value = "1"), maximum(value = "200")))] limit: Query<u32>,
    ) -> Result<Json<Vec<ActivityBody>>, ApiError> {
        let (club, _) = self.cx.guard.club(&auth.0, &club, Permission::AthletesRead).await?;
        let before = match before.0.as_deref() {
            Some(raw) => Some(DateTime::parse_from_rfc3339(raw).map(|d| d.with_timezone(&Utc)).map_err(|_| {
                ApiError::new(ErrorCode::InvalidParameter)
                    .with_fields(vec![FieldError::new("before", FieldErrorCode::Invalid)])
            })?),
            None => None,
        };
        let items = self.cx.data.activity(&club.context(), before, u64::from(limit.0)).await?;
        Ok(Json(
            items
                .into_iter()
                .map(|item| ActivityBody {
                    id: item.id.to_string(),
                    at: item.at.to_rfc3339_opts(chrono::SecondsFormat::Micros, true),
                    athlete_id: item.athlete_id.to_string(),
                    athlete_name: item.athlete_name,
                    kind: item.kind,
                    subject_id: item.subject_id.map(|s| s.to_string()),
                    details: item.details,
                })
                .collect(),
        ))
    }
}

fn default_limit() -> u32 {
    50
}

#[derive(poem_openapi::Tags)]
enum ProgressTag {
    /// Records, estimated maxima, competitions and the activity feed.
    Progress,
}
