//! Use cases of the athletes module and the ports they need. Every port takes the club's context.

mod roster;
pub mod stats;

use async_trait::async_trait;
use chrono::NaiveDate;
use dropit_tenancy::ClubCtx;
use dropit_training::domain::load::Grams;
use uuid::Uuid;

pub use dropit_training::application::Page;
pub use roster::{ClubRoster, MemberDirectory, Membership};
pub use stats::{StatsError, StatsScope, StatsService};

use crate::domain::{
    athlete::{Athlete, Profile},
    category::CategorySet,
    competition::Entry,
    readiness::Readiness,
    records::{Record, Source},
    stats::Zones,
};

#[derive(Debug, thiserror::Error)]
#[error("athlete data is unavailable: {0}")]
pub struct StoreError(pub String);

impl From<StoreError> for dropit_training::application::CatalogueError {
    fn from(error: StoreError) -> Self {
        dropit_training::application::CatalogueError(error.0)
    }
}

/// Which athletes a list shows.
#[derive(Clone, Debug, Default)]
pub struct AthleteFilter {
    /// Words of the name, in any case.
    pub text: Option<String>,
    pub group: Option<Uuid>,
    pub include_archived: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum GroupKind {
    Training,
    Squad,
}

impl GroupKind {
    pub fn as_str(self) -> &'static str {
        match self {
            GroupKind::Training => "training",
            GroupKind::Squad => "squad",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Group {
    pub id: Uuid,
    pub name: String,
    pub kind: GroupKind,
    pub archived: bool,
    pub athletes: Vec<Uuid>,
}

#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    /// Another profile or group already uses this (account, name).
    #[error("already taken")]
    Taken,
    /// Ids that are not athletes of the club.
    #[error("unknown athletes")]
    UnknownAthletes(Vec<Uuid>),
    #[error(transparent)]
    Store(#[from] StoreError),
}

/// Port: the club's athletes and groups.
#[async_trait]
pub trait AthleteStore: Send + Sync {
    async fn list(
        &self,
        ctx: &ClubCtx,
        filter: &AthleteFilter,
        offset: u64,
        limit: u64,
    ) -> Result<Page<Athlete>, StoreError>;
    async fn get(&self, ctx: &ClubCtx, id: Uuid) -> Result<Option<Athlete>, StoreError>;
    async fn by_user(&self, ctx: &ClubCtx, user: Uuid) -> Result<Option<Athlete>, StoreError>;
    /// The active athletes among `ids`.
    async fn active(&self, ctx: &ClubCtx, ids: &[Uuid]) -> Result<Vec<Uuid>, StoreError>;
    /// A new profile; `Taken` when the account already has one.
    async fn create(
        &self,
        ctx: &ClubCtx,
        id: Uuid,
        user: Option<Uuid>,
        profile: &Profile,
    ) -> Result<Athlete, WriteError>;
    async fn update(
        &self,
        ctx: &ClubCtx,
        id: Uuid,
        profile: &Profile,
        archived: bool,
    ) -> Result<Option<Athlete>, StoreError>;
    /// Links an account to a profile that has none; `false` when it has one or is gone.
    async fn link(&self, ctx: &ClubCtx, id: Uuid, user: Uuid) -> Result<bool, StoreError>;

    async fn groups(&self, ctx: &ClubCtx, include_archived: bool) -> Result<Vec<Group>, StoreError>;
    async fn create_group(&self, ctx: &ClubCtx, name: &str, kind: GroupKind) -> Result<Group, WriteError>;
    /// Renames, archives and sets the members of a group; `None` when there is none.
    async fn update_group(
        &self,
        ctx: &ClubCtx,
        id: Uuid,
        name: &str,
        kind: GroupKind,
        archived: bool,
        athletes: &[Uuid],
    ) -> Result<Option<Group>, WriteError>;
    /// The active athletes of an active group.
    async fn group_members(&self, ctx: &ClubCtx, id: Uuid) -> Result<Option<Vec<Uuid>>, StoreError>;
}

/// A weigh-in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Bodyweight {
    pub date: NaiveDate,
    pub weight: Grams,
}

/// A competition, and the results entered for it.
#[derive(Clone, Debug, PartialEq)]
pub struct Competition {
    pub id: Uuid,
    pub name: String,
    pub date: NaiveDate,
    pub place: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct CompetitionResult {
    pub id: Uuid,
    pub competition: Competition,
    pub athlete_id: Uuid,
    pub entry: Entry,
}

/// What the coach's activity feed shows.
#[derive(Clone, Debug, PartialEq)]
pub struct ActivityItem {
    pub id: Uuid,
    pub at: chrono::DateTime<chrono::Utc>,
    pub athlete_id: Uuid,
    pub athlete_name: String,
    /// `record`, `log`, `readiness`, `competition`.
    pub kind: String,
    pub subject_id: Option<Uuid>,
    pub details: serde_json::Value,
}

/// A record to keep, and whether it came from a log or a result (recorded once per source).
#[derive(Clone, Debug, PartialEq)]
pub struct NewRecord {
    pub athlete_id: Uuid,
    pub exercise_id: Uuid,
    pub load: Grams,
    pub date: NaiveDate,
    pub source: Source,
    pub source_id: Option<Uuid>,
    pub note: String,
}

/// Port: what is measured and kept about athletes.
#[async_trait]
pub trait AthleteData: Send + Sync {
    async fn weigh_in(&self, ctx: &ClubCtx, athlete: Uuid, weight: Bodyweight) -> Result<(), StoreError>;
    /// Weigh-ins between two dates, by date.
    async fn bodyweights(
        &self,
        ctx: &ClubCtx,
        athlete: Uuid,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<Bodyweight>, StoreError>;
    /// The last weigh-in on or before a date.
    async fn bodyweight_on(
        &self,
        ctx: &ClubCtx,
        athlete: Uuid,
        date: NaiveDate,
    ) -> Result<Option<Bodyweight>, StoreError>;

    async fn category_sets(&self, ctx: &ClubCtx) -> Result<Vec<CategorySet>, StoreError>;
    async fn add_category_set(&self, ctx: &ClubCtx, set: &CategorySet) -> Result<CategorySet, WriteError>;

    async fn records(&self, ctx: &ClubCtx, athlete: Uuid) -> Result<Vec<Record>, StoreError>;
    /// Keeps a record; `None` when its source was already recorded for that exercise. The
    /// activity feed hears of it.
    async fn add_record(&self, ctx: &ClubCtx, record: &NewRecord) -> Result<Option<Record>, StoreError>;
    /// The heaviest record of each of these exercises.
    async fn best_records(
        &self,
        ctx: &ClubCtx,
        athlete: Uuid,
        exercises: &[Uuid],
    ) -> Result<Vec<(Uuid, Grams)>, StoreError>;

    async fn create_competition(
        &self,
        ctx: &ClubCtx,
        name: &str,
        date: NaiveDate,
        place: &str,
    ) -> Result<Competition, StoreError>;
    async fn competitions(&self, ctx: &ClubCtx) -> Result<Vec<Competition>, StoreError>;
    async fn competition(&self, ctx: &ClubCtx, id: Uuid) -> Result<Option<Competition>, StoreError>;
    /// Enters (or replaces) an athlete's result.
    async fn put_result(
        &self,
        ctx: &ClubCtx,
        competition: Uuid,
        athlete: Uuid,
        entry: &Entry,
    ) -> Result<CompetitionResult, StoreError>;
    async fn results(
        &self,
        ctx: &ClubCtx,
        competition: Option<Uuid>,
        athlete: Option<Uuid>,
    ) -> Result<Vec<CompetitionResult>, StoreError>;
    /// The competition lifts' exercises of the catalogue: (snatch, clean & jerk).
    async fn competition_exercises(&self, ctx: &ClubCtx) -> Result<(Option<Uuid>, Option<Uuid>), StoreError>;

    async fn check_in(&self, ctx: &ClubCtx, athlete: Uuid, entry: &Readiness) -> Result<(), StoreError>;
    async fn readiness(
        &self,
        ctx: &ClubCtx,
        athlete: Option<Uuid>,
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<(Uuid, Readiness)>, StoreError>;

    async fn note_activity(
        &self,
        ctx: &ClubCtx,
        athlete: Uuid,
        kind: &str,
        subject: Option<Uuid>,
        details: serde_json::Value,
    ) -> Result<(), StoreError>;
    /// Newest first, older than `before` when given.
    async fn activity(
        &self,
        ctx: &ClubCtx,
        before: Option<chrono::DateTime<chrono::Utc>>,
        limit: u64,
    ) -> Result<Vec<ActivityItem>, StoreError>;

    async fn zones(&self, ctx: &ClubCtx) -> Result<Zones, StoreError>;
    async fn set_zones(&self, ctx: &ClubCtx, zones: &Zones) -> Result<(), StoreError>;
}

/// A planned session as statistics read it; sessions copied from the same workout share their
/// lines, read once by digest.
#[derive(Clone, Debug, PartialEq)]
pub struct PlannedRow {
    pub id: Uuid,
    pub athlete: Uuid,
    pub date: NaiveDate,
    pub digest: String,
    pub basis: dropit_training::domain::workout::Basis,
}

#[derive(Clone, Debug, Default)]
pub struct PlannedReading {
    pub sessions: Vec<PlannedRow>,
    pub lines: std::collections::HashMap<String, Vec<dropit_training::domain::workout::WorkoutLine>>,
}

/// Port: what statistics read, in as few rows as the store can give.
#[async_trait]
pub trait StatsSource: Send + Sync {
    /// Planned sessions (not cancelled) of the athletes between two dates.
    async fn planned(
        &self,
        ctx: &ClubCtx,
        athletes: &[Uuid],
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<PlannedReading, StoreError>;
    /// Each log of the athletes between two dates, with its sets as statistics read them.
    async fn logged(
        &self,
        ctx: &ClubCtx,
        athletes: &[Uuid],
        from: NaiveDate,
        to: NaiveDate,
    ) -> Result<Vec<LoggedRow>, StoreError>;
}

/// A log as statistics read it.
#[derive(Clone, Debug, PartialEq)]
pub struct LoggedRow {
    pub id: Uuid,
    pub athlete: Uuid,
    pub date: NaiveDate,
    pub planned: Option<Uuid>,
    pub sets: Vec<dropit_training::infrastructure::SetFacts>,
}
