//! Athlete profiles and groups.

use chrono::{NaiveDate, Utc};
use dropit_http::ApiError;
use dropit_identity::interface::BearerAuth;
use dropit_kernel::{ErrorCode, FieldErrorCode};
use dropit_permissions::{Access, Permission};
use dropit_training::{
    domain::load::Grams,
    interface::paging::{default_per_page, first_page, offset},
};
use poem_openapi::{ApiResponse, Enum, Object, OpenApi, param::Path, param::Query, payload::Json};
use uuid::Uuid;

use super::{Context, field, kg};
use crate::{
    application::{AthleteFilter, Group, GroupKind, WriteError},
    domain::athlete::{Athlete, Problem, Profile, Sex},
};

pub const ACCESS: &[(&str, Access)] = &[
    ("athlete_list", Access::Club(Permission::AthletesRead)),
    ("athlete_create", Access::Club(Permission::AthletesWrite)),
    ("athlete_get", Access::Club(Permission::AthletesRead)),
    ("athlete_update", Access::Club(Permission::AthletesWrite)),
    ("my_athlete", Access::Club(Permission::OwnAthleteRead)),
    ("group_list", Access::Club(Permission::AthletesRead)),
    ("group_create", Access::Club(Permission::AthletesWrite)),
    ("group_update", Access::Club(Permission::AthletesWrite)),
];

const MAX_PER_PAGE: u32 = 100;

pub struct AthletesApi {
    cx: Context,
}

impl AthletesApi {
    pub fn new(cx: Context) -> Self {
        Self { cx }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename_all = "snake_case")]
pub enum SexName {
    Female,
    Male,
}

impl From<SexName> for Sex {
    fn from(sex: SexName) -> Self {
        match sex {
            SexName::Female => Sex::Female,
            SexName::Male => Sex::Male,
        }
    }
}

impl From<Sex> for SexName {
    fn from(sex: Sex) -> Self {
        match sex {
            Sex::Female => SexName::Female,
            Sex::Male => SexName::Male,
        }
    }
}

/// What a coach writes about an athlete.
#[derive(Debug, Object)]
pub struct AthleteInput {
    pub name: String,
    pub sex: Option<SexName>,
    /// `YYYY-MM-DD`.
    pub birth_date: Option<String>,
    /// The bar the athlete trains with when it is not the club's (15 kg, a technique bar).
    pub bar_kg: Option<f64>,
    /// Competitive level, in the club's words ("regional", "national"…).
    #[oai(default)]
    pub level: String,
    #[oai(default)]
    pub notes: String,
    /// On creation only: a member of the club whose account this athlete is.
    pub user_id: Option<String>,
    /// On update only: archives the athlete (hidden from lists and plans) or restores them.
    #[oai(default)]
    pub archived: bool,
}

#[derive(Debug, Object)]
pub struct AthleteBody {
    pub id: String,
    /// The account that signs in as this athlete; none for one the coach manages.
    pub user_id: Option<String>,
    pub name: String,
    pub sex: Option<SexName>,
    pub birth_date: Option<String>,
    pub bar_kg: Option<f64>,
    pub level: String,
    pub notes: String,
    /// An invitation is out to give this athlete an account.
    pub invited: bool,
    pub archived: bool,
    pub group_ids: Vec<String>,
}

pub(super) fn athlete_body(athlete: Athlete) -> AthleteBody {
    AthleteBody {
        id: athlete.id.to_string(),
        user_id: athlete.user_id.map(|u| u.to_string()),
        name: athlete.profile.name,
        sex: athlete.profile.sex.map(SexName::from),
        birth_date: athlete.profile.birth_date.map(|d| d.to_string()),
        bar_kg: athlete.profile.bar.map(kg),
        level: athlete.profile.level,
        notes: athlete.profile.notes,
        invited: athlete.invited,
        archived: athlete.archived,
        group_ids: athlete.groups.iter().map(Uuid::to_string).collect(),
    }
}

#[derive(Debug, Object)]
pub struct AthletePage {
    pub items: Vec<AthleteBody>,
    pub page: u32,
    pub per_page: u32,
    pub total: u64,
}

#[derive(ApiResponse)]
pub enum AthleteCreated {
    #[oai(status = 201)]
    Created(Json<AthleteBody>),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Enum)]
#[oai(rename_all = "snake_case")]
pub enum GroupKindName {
    /// Athletes who train together.
    Training,
    /// A team picked for a competition.
    Squad,
}

#[derive(Debug, Object)]
pub struct GroupInput {
    pub name: String,
    #[oai(default = "training_kind")]
    pub kind: GroupKindName,
    /// On update: the whole membership, in any order.
    #[oai(default)]
    pub athlete_ids: Vec<String>,
    #[oai(default)]
    pub archived: bool,
}

fn training_kind() -> GroupKindName {
    GroupKindName::Training
}

#[derive(Debug, Object)]
pub struct GroupBody {
    pub id: String,
    pub name: String,
    pub kind: GroupKindName,
    pub archived: bool,
    /// By name.
    pub athlete_ids: Vec<String>,
}

fn group_body(group: Group) -> GroupBody {
    GroupBody {
        id: group.id.to_string(),
        name: group.name,
        kind: match group.kind {
            GroupKind::Training => GroupKindName::Training,
            GroupKind::Squad => GroupKindName::Squad,
        },
        archived: group.archived,
        athlete_ids: group.athletes.iter().map(Uuid::to_string).collect(),
    }
}

#[derive(ApiResponse)]
pub enum GroupCreated {
    #[oai(status = 201)]
    Created(Json<GroupBody>),
}

fn today() -> NaiveDate {
    Utc::now().date_naive()
}

/// The request as a valid profile, or every field at fault.
fn profile_from(input: &AthleteInput) -> Result<Profile, ApiError> {
    let mut fields = Vec::new();
    let birth_date = match input.birth_date.as_deref() {
        Some(raw) => match dropit_training::interface::date(raw) {
            Some(date) => Some(date),
            None => {
                fields.push(dropit_http::FieldError::new("birth_date", FieldErrorCode::Invalid));
                None
            }
        },
        None => None,
    };
    let bar = match input.bar_kg {
        Some(kg) => match Grams::from_kg(kg).filter(|_| kg > 0.0) {
            Some(grams) => Some(grams),
            None => {
                fields.push(dropit_http::FieldError::new("bar_kg", FieldErrorCode::OutOfRange));
                None
            }
        },
        None => None,
    };
    let profile = Profile {
        name: input.name.clone(),
        sex: input.sex.map(Sex::from),
        birth_date,
        bar,
        level: input.level.clone(),
        notes: input.notes.clone(),
    };
    match profile.validate(today()) {
        Ok(profile) if fields.is_empty() => Ok(profile),
        Ok(_) => Err(ApiError::validation(fields)),
        Err(problems) => {
            fields.extend(problems.into_iter().map(|(name, problem)| {
                let code = match problem {
                    Problem::Required => FieldErrorCode::Required,
                    Problem::TooLong => FieldErrorCode::TooLong,
                    Problem::OutOfRange => FieldErrorCode::OutOfRange,
                };
                dropit_http::FieldError::new(name, code)
            }));
            Err(ApiError::validation(fields))
        }
    }
}

fn group_name(raw: &str) -> Result<String, ApiError> {
    let name = raw.trim();
    match name.chars().count() {
        0 => Err(field("name", FieldErrorCode::Required)),
        81.. => Err(field("name", FieldErrorCode::TooLong)),
        _ => Ok(name.to_owned()),
    }
}

fn group_kind(kind: GroupKindName) -> GroupKind {
    match kind {
        GroupKindName::Training => GroupKind::Training,
        GroupKindName::Squad => GroupKind::Squad,
    }
}

#[OpenApi(prefix_path = "/v1/clubs", tag = "AthletesTag::Athletes")]
impl AthletesApi {
    /// The club's athletes by name, filtered by words of the name or a group.
    #[oai(path = "/:club/athletes", method = "get", operation_id = "athlete_list")]
    #[allow(clippy::too_many_arguments)] // one per query parameter
    async fn list(
        &self,
        auth: BearerAuth,
        club: Path<String>,
        /// Words of the name.
        q: Query<Option<String>>,
        group_id: Query<Option<String>>,
        #[oai(default)] include_archived: Query<bool>,
        #[oai(default = "first_page", validator(minimum(value = "1"), maximum(value = "100000")))] page: Query<u32>,
        #[oai(default = "default_per_page", validator(minimum(value = "1"), maximum(value = "100")))] per_page: Query<
            u32,
        >,
    ) -> Result<Json<AthletePage>, ApiError> {
        let (club, _) = self.cx.guard.club(&auth.0, &club, Permission::AthletesRead).await?;
        let group = match group_id.0.as_deref() {
            Some(raw) => Some(Uuid::parse_str(raw).map_err(|_| {
                ApiError::new(ErrorCode::InvalidParameter)
                    .with_fields(vec![dropit_http::FieldError::new("group_id", FieldErrorCode::Invalid)])
            })?),
            None => None,
        };
        let text = q.0.filter(|t| !t.trim().is_empty());
        if text.as_ref().is_some_and(|t| t.chars().count() > 100) {
            return Err(ApiError::new(ErrorCode::InvalidParameter)
                .with_fields(vec![dropit_http::FieldError::new("q", FieldErrorCode::TooLong)]));
        }
        let filter = AthleteFilter { text, group, include_archived: include_archived.0 };
        let per_page = per_page.0.min(MAX_PER_PAGE);
        let found =
            self.cx.athletes.list(&club.context(), &filter, offset(page.0, per_page), u64::from(per_page)).await?;
        Ok(Json(AthletePage {
            items: found.items.into_iter().map(athlete_body).collect(),
            page: page.0,
            per_page,
            total: found.total,
        }))
    }

    /// Adds an athlete: one the coach manages (no account; invite them later with the
    /// invitation's `athlete_id`), or a member's account given as `user_id`.
    #[oai(path = "/:club/athletes", method = "post", operation_id = "athlete_create")]
    async fn create(
        &self,
        auth: BearerAuth,
        club: Path<String>,
        input: Json<AthleteInput>,
    ) -> Result<AthleteCreated, ApiError> {
        let (club, _) = self.cx.guard.club(&auth.0, &club, Permission::AthletesWrite).await?;
        let profile = profile_from(&input)?;
        let user = match input.user_id.as_deref() {
            None => None,
            Some(raw) => {
                let user = Uuid::parse_str(raw).ok();
                let member = match user {
                    Some(user) => self
                        .cx
                        .guard
                        .authorizer()
                        .role_in(dropit_identity::domain::UserId::from_uuid(user), club.id.as_uuid())
                        .await
                        .is_some(),
                    None => false,
                };
                if !member {
                    return Err(field("user_id", FieldErrorCode::Invalid));
                }
                user
            }
        };
        // An account's athlete is known by the account's id.
        let id = user.unwrap_or_else(Uuid::now_v7);
        match self.cx.athletes.create(&club.context(), id, user, &profile).await {
            Ok(athlete) => Ok(AthleteCreated::Created(Json(athlete_body(athlete)))),
            Err(WriteError::Taken) => Err(field("user_id", FieldErrorCode::Taken)),
            Err(WriteError::UnknownAthletes(_)) => Err(ErrorCode::NotFound.into()),
            Err(WriteError::Store(error)) => Err(error.into()),
        }
    }

    #[oai(path = "/:club/athletes/:athlete", method = "get", operation_id = "athlete_get")]
    async fn get(
        &self,
        auth: BearerAuth,
        club: Path<String>,
        athlete: Path<String>,
    ) -> Result<Json<AthleteBody>, ApiError> {
        let (club, _) = self.cx.guard.club(&auth.0, &club, Permission::AthletesRead).await?;
        let id = dropit_http::path_id(&athlete)?;
        let found = self.cx.athletes.get(&club.context(), id).await?.ok_or(ErrorCode::NotFound)?;
        Ok(Json(athlete_body(found)))
    }

    /// Replaces the profile; archives or restores the athlete.
    #[oai(path = "/:club/athletes/:athlete", method = "put", operation_id = "athlete_update")]
    async fn update(
        &self,
        auth: BearerAuth,
        club: Path<String>,
        athlete: Path<String>,
        input: Json<AthleteInput>,
    ) -> Result<Json<AthleteBody>, ApiError> {
        let (club, _) = self.cx.guard.club(&auth.0, &club, Permission::AthletesWrite).await?;
        let id = dropit_http::path_id(&athlete)?;
        let profile = profile_from(&input)?;
        let updated =
            self.cx.athletes.update(&club.context(), id, &profile, input.archived).await?.ok_or(ErrorCode::NotFound)?;
        Ok(Json(athlete_body(updated)))
    }

    /// The signed-in member's own athlete profile, made from their account on first use (a
    /// coach who trains too gets one the first time they open the athlete app).
    #[oai(path = "/:club/me/athlete", method = "get", operation_id = "my_athlete")]
    async fn mine(&self, auth: BearerAuth, club: Path<String>) -> Result<Json<AthleteBody>, ApiError> {
        let (club, _) = self.cx.guard.club(&auth.0, &club, Permission::OwnAthleteRead).await?;
        let (ctx, athlete) = self.cx.me(&club, auth.0.user.as_uuid(), true).await?;
        let athlete = athlete.ok_or(ErrorCode::NotFound)?;
        let found = self.cx.athletes.get(&ctx, athlete).await?.ok_or(ErrorCode::NotFound)?;
        Ok(Json(athlete_body(found)))
    }

    #[oai(path = "/:club/groups", method = "get", operation_id = "group_list")]
    async fn groups(
        &self,
        auth: BearerAuth,
        club: Path<String>,
        #[oai(default)] include_archived: Query<bool>,
    ) -> Result<Json<Vec<GroupBody>>, ApiError> {
        let (club, _) = self.cx.guard.club(&auth.0, &club, Permission::AthletesRead).await?;
        let groups = self.cx.athletes.groups(&club.context(), include_archived.0).await?;
        Ok(Json(groups.into_iter().map(group_body).collect()))
    }

    /// A new group; its athletes are set with an update.
    #[oai(path = "/:club/groups", method = "post", operation_id = "group_create")]
    async fn create_group(
        &self,
        auth: BearerAuth,
        club: Path<String>,
        input: Json<GroupInput>,
    ) -> Result<GroupCreated, ApiError> {
        let (club, _) = self.cx.guard.club(&auth.0, &club, Permission::AthletesWrite).await?;
        let name = group_name(&input.name)?;
        match self.cx.athletes.create_group(&club.context(), &name, group_kind(input.kind)).await {
            Ok(group) => Ok(GroupCreated::Created(Json(group_body(group)))),
            Err(WriteError::Taken) => Err(field("name", FieldErrorCode::Taken)),
            Err(WriteError::UnknownAthletes(_)) => Err(ErrorCode::NotFound.into()),
            Err(WriteError::Store(error)) => Err(error.into()),
        }
    }

    /// Renames a group, sets its athletes, archives or restores it.
    #[oai(path = "/:club/groups/:group", method = "put", operation_id = "group_update")]
    async fn update_group(
        &self,
        auth: BearerAuth,
        club: Path<String>,
        group: Path<String>,
        input: Json<GroupInput>,
    ) -> Result<Json<GroupBody>, ApiError> {
        let (club, _) = self.cx.guard.club(&auth.0, &club, Permission::AthletesWrite).await?;
        let id = dropit_http::path_id(&group)?;
        let name = group_name(&input.name)?;
        if input.athlete_ids.len() > 200 {
            return Err(field("athlete_ids", FieldErrorCode::OutOfRange));
        }
        let mut athletes = Vec::new();
        let mut fields = Vec::new();
        for (i, raw) in input.athlete_ids.iter().enumerate() {
            match Uuid::parse_str(raw) {
                Ok(id) if !athletes.contains(&id) => athletes.push(id),
                Ok(_) => {}
                Err(_) => {
                    fields.push(dropit_http::FieldError::new(format!("athlete_ids[{i}]"), FieldErrorCode::Invalid))
                }
            }
        }
        if !fields.is_empty() {
            return Err(ApiError::validation(fields));
        }
        let updated = self
            .cx
            .athletes
            .update_group(&club.context(), id, &name, group_kind(input.kind), input.archived, &athletes)
            .await;
        match updated {
            Ok(Some(group)) => Ok(Json(group_body(group))),
            Ok(None) => Err(ErrorCode::NotFound.into()),
            Err(WriteError::Taken) => Err(field("name", FieldErrorCode::Taken)),
            Err(WriteError::UnknownAthletes(unknown)) => Err(ApiError::validation(
                input
                    .athlete_ids
                    .iter()
                    .enumerate()
                    .filter(|(_, raw)| Uuid::parse_str(raw).is_ok_and(|id| unknown.contains(&id)))
                    .map(|(i, _)| dropit_http::FieldError::new(format!("athlete_ids[{i}]"), FieldErrorCode::Invalid))
                    .collect(),
            )),
            Err(WriteError::Store(error)) => Err(error.into()),
        }
    }
}

#[derive(poem_openapi::Tags)]
enum AthletesTag {
    /// Athletes and groups.
    Athletes,
}
