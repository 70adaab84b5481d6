//! Bodyweight and weight categories, category sets, and the daily readiness check-in.

use chrono::{NaiveDate, Utc};
use dropit_http::{ApiError, FieldError};
use dropit_identity::interface::BearerAuth;
use dropit_kernel::{ErrorCode, FieldErrorCode};
use dropit_permissions::{Access, Permission};
use dropit_training::{
    domain::load::Grams,
    interface::{athlete_filter, date, range},
};
use poem_openapi::{Object, OpenApi, param::Path, param::Query, payload::Json};
use uuid::Uuid;

use super::{Context, athletes::SexName, field, kg};
use crate::{
    application::{Bodyweight, WriteError},
    domain::{
        athlete::Sex,
        category::{CategorySet, set_for},
        readiness::Readiness,
    },
};

pub const ACCESS: &[(&str, Access)] = &[
    ("athlete_bodyweight_put", Access::Club(Permission::AthletesWrite)),
    ("athlete_bodyweights", Access::Club(Permission::AthletesRead)),
    ("athlete_category", Access::Club(Permission::AthletesRead)),
    ("my_bodyweight_put", Access::Club(Permission::OwnAthleteWrite)),
    ("my_bodyweights", Access::Club(Permission::OwnAthleteRead)),
    ("category_set_list", Access::Club(Permission::ClubRead)),
    ("category_set_create", Access::Club(Permission::AthletesWrite)),
    ("my_readiness_put", Access::Club(Permission::OwnAthleteWrite)),
    ("my_readiness", Access::Club(Permission::OwnAthleteRead)),
    ("readiness_list", Access::Club(Permission::AthletesRead)),
];

pub struct WellbeingApi {
    cx: Context,
}

impl WellbeingApi {
    pub fn new(cx: Context) -> Self {
        Self { cx }
    }
}

#[derive(Debug, Object)]
pub struct WeighIn {
    pub kg: f64,
}

/// A weigh-in and the category it makes in the international set of its date.
#[derive(Debug, Object)]
pub struct BodyweightBody {
    pub date: String,
    pub kg: f64,
    /// `81`, `+109`; none without the athlete's sex or a set valid on the date.
    pub category: Option<String>,
}

#[derive(Debug, Object)]
pub struct CategoryBody {
    pub date: String,
    /// The last weigh-in on or before the date.
    pub bodyweight_kg: Option<f64>,
    pub weighed_on: Option<String>,
    pub set_id: Option<String>,
    pub set_name: Option<String>,
    pub category: Option<String>,
    /// The class's upper limit; none for a "+" class.
    pub limit_kg: Option<f64>,
    /// Why there is no category: `no_sex`, `no_bodyweight` or `no_category_set`.
    pub problem: Option<String>,
}

#[derive(Debug, Object)]
pub struct CategorySetInput {
    pub name: String,
    pub sex: SexName,
    /// `YYYY-MM-DD`.
    pub valid_from: String,
    /// `YYYY-MM-DD`, inclusive; open-ended when absent.
    pub valid_to: Option<String>,
    /// Upper limits of the classes in kg, ascending; above the last is the "+" class.
    pub limits_kg: Vec<f64>,
}

#[derive(Debug, Object)]
pub struct CategorySetBody {
    pub id: String,
    pub name: String,
    pub sex: SexName,
    pub valid_from: String,
    pub valid_to: Option<String>,
    pub limits_kg: Vec<f64>,
    /// The world federation's: the one categories are shown in by default.
    pub international: bool,
}

fn set_body(set: CategorySet) -> CategorySetBody {
    CategorySetBody {
        id: set.id.to_string(),
        name: set.name,
        sex: set.sex.into(),
        valid_from: set.valid_from.to_string(),
        valid_to: set.valid_to.map(|d| d.to_string()),
        limits_kg: set.limits.into_iter().map(kg).collect(),
        international: set.international,
    }
}

#[derive(Debug, Object)]
pub struct ReadinessInput {
    /// 1 (bad) to 5 (good), like every score.
    pub sleep: u8,
    /// 1: very sore, 5: fresh.
    pub soreness: u8,
    /// 1: very stressed, 5: calm.
    pub stress: u8,
    pub mood: u8,
    #[oai(default)]
    pub note: String,
}

#[derive(Debug, Object)]
pub struct ReadinessBody {
    pub athlete_id: String,
    pub date: String,
    pub sleep: u8,
    pub soreness: u8,
    pub stress: u8,
    pub mood: u8,
    pub note: String,
    /// The mean of the four scores.
    pub score: f64,
    /// Worth the coach's attention: a score of 1, or a mean under 2.5.
    pub flagged: bool,
}

fn readiness_body(athlete: Uuid, entry: Readiness) -> ReadinessBody {
    ReadinessBody {
        athlete_id: athlete.to_string(),
        date: entry.date.to_string(),
        sleep: entry.sleep,
        soreness: entry.soreness,
        stress: entry.stress,
        mood: entry.mood,
        score: entry.score(),
        flagged: entry.flagged(),
        note: entry.note,
    }
}

fn path_date(raw: &str) -> Result<NaiveDate, ApiError> {
    date(raw).ok_or(ErrorCode::NotFound.into())
}

fn weight(kg: f64) -> Result<Grams, ApiError> {
    Grams::from_kg(kg)
        .filter(|g| (20_000..=250_000).contains(&g.0))
        .ok_or_else(|| field("kg", FieldErrorCode::OutOfRange))
}

impl WellbeingApi {
    async fn weigh_in(
        &self,
        ctx: &dropit_tenancy::ClubCtx,
        athlete: Uuid,
        day: &str,
        kg: f64,
    ) -> Result<Json<BodyweightBody>, ApiError> {
        let day = path_date(day)?;
        let entry = Bodyweight { date: day, weight: weight(kg)? };
        self.cx.data.weigh_in(ctx, athlete, entry).await?;
        Ok(Json(self.bodyweights(ctx, athlete, day, day).await?.pop().ok_or(ErrorCode::NotFound)?))
    }

    async fn bodyweights(
        &self,
        ctx: &dropit_tenancy::ClubCtx,
        athlete: Uuid,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<BodyweightBody>, ApiError> {
        let sex = self.cx.athletes.get(ctx, athlete).await?.and_then(|a| a.profile.sex);
        let sets = self.cx.data.category_sets(ctx).await?;
        let entries = self.cx.data.bodyweights(ctx, athlete, from, to).await?;
        Ok(entries
            .into_iter()
            .map(|entry| BodyweightBody {
                date: entry.date.to_string(),
                kg: entry.weight.kg(),
                category: sex
                    .and_then(|sex| set_for(&sets, sex, entry.date, None))
                    .and_then(|set| set.category(entry.weight))
                    .map(|c| c.label),
            })
            .collect())
    }

    async fn readiness_of(
        &self,
        ctx: &dropit_tenancy::ClubCtx,
        athlete: Option<Uuid>,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<ReadinessBody>, ApiError> {
        let entries = self.cx.data.readiness(ctx, athlete, from, to).await?;
        Ok(entries.into_iter().map(|(athlete, entry)| readiness_body(athlete, entry)).collect())
    }
}

#[OpenApi(prefix_path = "/v1/clubs", tag = "WellbeingTag::Wellbeing")]
impl WellbeingApi {
    /// Records the athlete's bodyweight on a date (replacing that day's).
    #[oai(path = "/:club/athletes/:athlete/bodyweights/:date", method = "put", operation_id = "athlete_bodyweight_put")]
    async fn put_bodyweight(
        &self,
        auth: BearerAuth,
        club: Path<String>,
        athlete: Path<String>,
        date: Path<String>,
        body: Json<WeighIn>,
    ) -> Result<Json<BodyweightBody>, ApiError> {
        let (club, _) = self.cx.guard.club(&auth.0, &club, Permission::AthletesWrite).await?;
        let (ctx, athlete) = self.cx.athlete(&club, &athlete).await?;
        self.weigh_in(&ctx, athlete, &date, body.kg).await
    }

    /// The athlete's weigh-ins between two dates, each with its category.
    #[oai(path = "/:club/athletes/:athlete/bodyweights", method = "get", operation_id = "athlete_bodyweights")]
    async fn list_bodyweights(
        &self,
        auth: BearerAuth,
        club: Path<String>,
        athlete: Path<String>,
        from: Query<Option<String>>,
        to: Query<Option<String>>,
    ) -> Result<Json<Vec<BodyweightBody>>, ApiError> {
        let (club, _) = self.cx.guard.club(&auth.0, &club, Permission::AthletesRead).await?;
        let (from, to) = range(from.0, to.0)?;
        let (ctx, athlete) = self.cx.athlete(&club, &athlete).await?;
        Ok(Json(self.bodyweights(&ctx, athlete, from, to).await?))
    }

    /// The athlete's weight category on a date (today by default), from their last weigh-in,
    /// in the international set of that date or the set named.
    #[oai(path = "/:club/athletes/:athlete/category", method = "get", operation_id = "athlete_category")]
    async fn category(
        &self,
        auth: BearerAuth,
        club: Path<String>,
        athlete: Path<String>,
        /// `YYYY-MM-DD`.
        date: Query<Option<String>>,
        set_id: Query<Option<String>>,
    ) -> Result<Json<CategoryBody>, ApiError> {
        let (club, _) = self.cx.guard.club(&auth.0, &club, Permission::AthletesRead).await?;
        let invalid = |name: &str| {
            ApiError::new(ErrorCode::InvalidParameter).with_fields(vec![FieldError::new(name, FieldErrorCode::Invalid)])
        };
        let day = match date.0.as_deref() {
            Some(raw) => parse(raw).ok_or_else(|| invalid("date"))?,
            None => Utc::now().date_naive(),
        };
        let named = match set_id.0.as_deref() {
            Some(raw) => Some(Uuid::parse_str(raw).map_err(|_| invalid("set_id"))?),
            None => None,
        };
        let (ctx, athlete) = self.cx.athlete(&club, &athlete).await?;
        let sex = self.cx.athletes.get(&ctx, athlete).await?.and_then(|a| a.profile.sex);
        let weighed = self.cx.data.bodyweight_on(&ctx, athlete, day).await?;
        let sets = self.cx.data.category_sets(&ctx).await?;
        let mut body = CategoryBody {
            date: day.to_string(),
            bodyweight_kg: weighed.map(|w| w.weight.kg()),
            weighed_on: weighed.map(|w| w.date.to_string()),
            set_id: None,
            set_name: None,
            category: None,
            limit_kg: None,
            problem: None,
        };
        let set = sex.and_then(|sex: Sex| set_for(&sets, sex, day, named));
        match (sex, weighed, set) {
            (None, ..) => body.problem = Some("no_sex".to_owned()),
            (_, None, _) => body.problem = Some("no_bodyweight".to_owned()),
            (_, _, None) => body.problem = Some("no_category_set".to_owned()),
            (Some(_), Some(weighed), Some(set)) => {
                body.set_id = Some(set.id.to_string());
                body.set_name = Some(set.name.clone());
                if let Some(category) = set.category(weighed.weight) {
                    body.category = Some(category.label);
                    body.limit_kg = category.limit.map(kg);
                }
            }
        }
        Ok(Json(body))
    }

    /// Records the signed-in athlete's bodyweight on a date.
    #[oai(path = "/:club/me/bodyweights/:date", method = "put", operation_id = "my_bodyweight_put")]
    async fn put_mine(
        &self,
        auth: BearerAuth,
        club: Path<String>,
        date: Path<String>,
        body: Json<WeighIn>,
    ) -> Result<Json<BodyweightBody>, ApiError> {
        let (club, _) = self.cx.guard.club(&auth.0, &club, Permission::OwnAthleteWrite).await?;
        let (ctx, athlete) = self.cx.me(&club, auth.0.user.as_uuid(), true).await?;
        self.weigh_in(&ctx, athlete.ok_or(ErrorCode::NotFound)?, &date, body.kg).await
    }

    /// The signed-in athlete's weigh-ins between two dates.
    #[oai(path = "/:club/me/bodyweights", method = "get", operation_id = "my_bodyweights")]
    async fn list_mine(
        &self,
        auth: BearerAuth,
        club: Path<String>,
        from: Query<Option<String>>,
        to: Query<Option<String>>,
    ) -> Result<Json<Vec<BodyweightBody>>, ApiError> {
        let (club, _) = self.cx.guard.club(&auth.0, &club, Permission::OwnAthleteRead).await?;
        let (from, to) = range(from.0, to.0)?;
        let (ctx, athlete) = self.cx.me(&club, auth.0.user.as_uuid(), false).await?;
        match athlete {
            Some(athlete) => Ok(Json(self.bodyweights(&ctx, athlete, from, to).await?)),
            None => Ok(Json(Vec::new())),
        }
    }

    /// The weight-category sets the club knows: the international ones and its own.
    #[oai(path = "/:club/category-sets", method = "get", operation_id = "category_set_list")]
    async fn sets(&self, auth: BearerAuth, club: Path<String>) -> Result<Json<Vec<CategorySetBody>>, ApiError> {
        let (club, _) = self.cx.guard.club(&auth.0, &club, Permission::ClubRead).await?;
        let sets = self.cx.data.category_sets(&club.context()).await?;
        Ok(Json(sets.into_iter().map(set_body).collect()))
    }

    /// Adds a set of weight categories (a national or masters set) with its dates.
    #[oai(path = "/:club/category-sets", method = "post", operation_id = "category_set_create")]
    async fn create_set(
        &self,
        auth: BearerAuth,
        club: Path<String>,
        input: Json<CategorySetInput>,
    ) -> Result<CategorySetCreated, ApiError> {
        let (club, _) = self.cx.guard.club(&auth.0, &club, Permission::AthletesWrite).await?;
        let mut fields = Vec::new();
        let name = input.name.trim().to_owned();
        if name.is_empty() || name.chars().count() > 80 {
            fields.push(FieldError::new("name", FieldErrorCode::Invalid));
        }
        let valid_from = parse(&input.valid_from);
        if valid_from.is_none() {
            fields.push(FieldError::new("valid_from", FieldErrorCode::Invalid));
        }
        let valid_to = match input.valid_to.as_deref() {
            Some(raw) => match parse(raw) {
                Some(to) if valid_from.is_none_or(|from| to >= from) => Some(to),
                _ => {
                    fields.push(FieldError::new("valid_to", FieldErrorCode::Invalid));
                    None
                }
            },
            None => None,
        };
        let limits: Vec<Grams> = input.limits_kg.iter().filter_map(|kg| Grams::from_kg(*kg)).collect();
        if limits.len() != input.limits_kg.len() || !CategorySet::limits_are_valid(&limits) {
            fields.push(FieldError::new("limits_kg", FieldErrorCode::OutOfRange));
        }
        let (Some(valid_from), true) = (valid_from, fields.is_empty()) else {
            return Err(ApiError::validation(fields));
        };
        let set = CategorySet {
            id: Uuid::nil(),
            name,
            sex: input.sex.into(),
            valid_from,
            valid_to,
            limits,
            international: false,
        };
        match self.cx.data.add_category_set(&club.context(), &set).await {
            Ok(created) => Ok(CategorySetCreated::Created(Json(set_body(created)))),
            Err(WriteError::Taken) => Err(field("name", FieldErrorCode::Taken)),
            Err(WriteError::UnknownAthletes(_)) => Err(ErrorCode::NotFound.into()),
            Err(WriteError::Store(error)) => Err(error.into()),
        }
    }

    /// The signed-in athlete's readiness check-in for a date (replacing that day's).
    #[oai(path = "/:club/me/readiness/:date", method = "put", operation_id = "my_readiness_put")]
    async fn check_in(
        &self,
        auth: BearerAuth,
        club: Path<String>,
        date: Path<String>,
        input: Json<ReadinessInput>,
    ) -> Result<Json<ReadinessBody>, ApiError> {
        let (club, _) = self.cx.guard.club(&auth.0, &club, Permission::OwnAthleteWrite).await?;
        let day = path_date(&date)?;
        let input = input.0;
        let entry = Readiness {
            date: day,
            sleep: input.sleep,
            soreness: input.soreness,
            stress: input.stress,
            mood: input.mood,
            note: input.note.trim().to_owned(),
        };
        let problems = entry.validate();
        if !problems.is_empty() {
            return Err(ApiError::validation(
                problems.into_iter().map(|f| FieldError::new(f, FieldErrorCode::OutOfRange)).collect(),
            ));
        }
        let (ctx, athlete) = self.cx.me(&club, auth.0.user.as_uuid(), true).await?;
        let athlete = athlete.ok_or(ErrorCode::NotFound)?;
        self.cx.data.check_in(&ctx, athlete, &entry).await?;
        Ok(Json(readiness_body(athlete, entry)))
    }

    /// The signed-in athlete's check-ins between two dates.
    #[oai(path = "/:club/me/readiness", method = "get", operation_id = "my_readiness")]
    async fn mine(
        &self,
        auth: BearerAuth,
        club: Path<String>,
        from: Query<Option<String>>,
        to: Query<Option<String>>,
    ) -> Result<Json<Vec<ReadinessBody>>, ApiError> {
        let (club, _) = self.cx.guard.club(&auth.0, &club, Permission::OwnAthleteRead).await?;
        let (from, to) = range(from.0, to.0)?;
        let (ctx, athlete) = self.cx.me(&club, auth.0.user.as_uuid(), false).await?;
        match athlete {
            Some(athlete) => Ok(Json(self.readiness_of(&ctx, Some(athlete), from, to).await?)),
            None => Ok(Json(Vec::new())),
        }
    }

    /// Check-ins between two dates, of one athlete or everyone, for the coach.
    #[oai(path = "/:club/readiness", method = "get", operation_id = "readiness_list")]
    async fn list(
        &self,
        auth: BearerAuth,
        club: Path<String>,
        from: Query<Option<String>>,
        to: Query<Option<String>>,
        athlete_id: Query<Option<String>>,
    ) -> Result<Json<Vec<ReadinessBody>>, ApiError> {
        let (club, _) = self.cx.guard.club(&auth.0, &club, Permission::AthletesRead).await?;
        let (from, to) = range(from.0, to.0)?;
        let athlete = athlete_filter(athlete_id.0)?;
        Ok(Json(self.readiness_of(&club.context(), athlete, from, to).await?))
    }
}

pub(super) fn parse(raw: &str) -> Option<NaiveDate> {
    date(raw)
}

#[derive(poem_openapi::ApiResponse)]
pub enum CategorySetCreated {
    #[oai(status = 201)]
    Created(Json<CategorySetBody>),
}

#[derive(poem_openapi::Tags)]
enum WellbeingTag {
    /// Bodyweight, weight categories and readiness.
    Wellbeing,
}
