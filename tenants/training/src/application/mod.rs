//! Use cases of training and the ports they need. Every port takes the club's context.

mod loads;
pub mod search;

use async_trait::async_trait;
use dropit_tenancy::{ClubCtx, infrastructure::ClubTxn};
use uuid::Uuid;

use crate::domain::{
    exercise::{Category, Exercise, ExerciseContent},
    workout::{Workout, WorkoutContent, WorkoutLine},
};

#[derive(Debug, thiserror::Error)]
#[error("the catalogue is unavailable: {0}")]
pub struct CatalogueError(pub String);

pub use loads::{LoadSettings, LoadSetup, Loading, SetLoad, line_loads, session_loads};

/// Which exercises a list shows.
#[derive(Clone, Debug, Default)]
pub struct ExerciseFilter {
    pub category: Option<Category>,
    /// Words found in the French or English name, in any case.
    pub text: Option<String>,
    pub tag: Option<String>,
    pub include_archived: bool,
}

/// A page of a list and how many items the whole list holds.
#[derive(Clone, Debug)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub total: u64,
}

/// Port: the club's exercise catalogue.
#[async_trait]
pub trait ExerciseCatalogue: Send + Sync {
    async fn list(
        &self,
        ctx: &ClubCtx,
        filter: &ExerciseFilter,
        offset: u64,
        limit: u64,
    ) -> Result<Page<Exercise>, CatalogueError>;
    async fn get(&self, ctx: &ClubCtx, id: Uuid) -> Result<Option<Exercise>, CatalogueError>;
    async fn create(&self, ctx: &ClubCtx, content: &ExerciseContent) -> Result<Exercise, CatalogueError>;
    /// Replaces the content and sets whether it is archived; `None` when there is no such exercise.
    async fn update(
        &self,
        ctx: &ClubCtx,
        id: Uuid,
        content: &ExerciseContent,
        archived: bool,
    ) -> Result<Option<Exercise>, CatalogueError>;
    /// The club's catalogue was written around this port (an archive restored): whatever is
    /// kept of it elsewhere is dropped.
    async fn forget(&self, _ctx: &ClubCtx) {}
}

/// A workout in a list.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WorkoutSummary {
    pub id: Uuid,
    pub name: String,
    pub lines: u32,
    pub archived: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum WorkoutError {
    /// Exercises the workout names that are not in the club's catalogue.
    #[error("unknown exercises")]
    UnknownExercises(Vec<Uuid>),
    #[error(transparent)]
    Unavailable(#[from] CatalogueError),
}

/// A workout read from a coach's file, with the sessions to schedule from it:
/// `(athlete, date, group it was scheduled for)`.
#[derive(Clone, Debug)]
pub struct ImportedWorkout {
    pub content: WorkoutContent,
    pub sessions: Vec<(Uuid, chrono::NaiveDate, Option<Uuid>)>,
}

/// Port: the club's workout templates.
#[async_trait]
pub trait WorkoutStore: Send + Sync {
    async fn list(
        &self,
        ctx: &ClubCtx,
        include_archived: bool,
        offset: u64,
        limit: u64,
    ) -> Result<Page<WorkoutSummary>, CatalogueError>;
    async fn get(&self, ctx: &ClubCtx, id: Uuid) -> Result<Option<Workout>, CatalogueError>;
    async fn create(&self, ctx: &ClubCtx, content: &WorkoutContent) -> Result<Workout, WorkoutError>;
    /// Replaces the whole workout (lines in their new order); `None` when there is none.
    async fn replace(
        &self,
        ctx: &ClubCtx,
        id: Uuid,
        content: &WorkoutContent,
        archived: bool,
    ) -> Result<Option<Workout>, WorkoutError>;
    /// Creates every workout and schedules its sessions, all or nothing.
    async fn import(&self, ctx: &ClubCtx, program: &[ImportedWorkout]) -> Result<Vec<Workout>, WorkoutError>;
}

/// A workout scheduled for one athlete on one date, with its lines as they were then.
#[derive(Clone, Debug, PartialEq)]
pub struct PlannedSession {
    pub id: Uuid,
    pub athlete_id: Uuid,
    pub date: chrono::NaiveDate,
    pub source_workout_id: Option<Uuid>,
    pub name: String,
    pub notes: String,
    pub lines: Vec<WorkoutLine>,
    pub cancelled: bool,
    /// The group it was scheduled for, if it was.
    pub group_id: Option<Uuid>,
    /// What the percentages are of, as the workout said when scheduled.
    pub basis: crate::domain::workout::Basis,
}

/// An athlete's sessions over some days with what their loads are computed from: what their
/// app shows.
#[derive(Clone, Debug)]
pub struct AthleteProgram {
    pub sessions: Vec<PlannedSession>,
    pub setup: LoadSetup,
}

#[derive(Debug, thiserror::Error)]
pub enum PlanningError {
    #[error("no such workout")]
    UnknownWorkout,
    #[error(transparent)]
    Unavailable(#[from] CatalogueError),
}

/// Port: the club's calendar of planned sessions.
#[async_trait]
pub trait Planning: Send + Sync {
    /// Schedules a copy of the workout for every athlete on every date, all or nothing.
    async fn schedule(
        &self,
        ctx: &ClubCtx,
        workout: Uuid,
        athletes: &[Uuid],
        dates: &[chrono::NaiveDate],
        group: Option<Uuid>,
    ) -> Result<Vec<PlannedSession>, PlanningError>;
    /// Sessions between two dates (inclusive), of some athletes or all, by date.
    async fn between(
        &self,
        ctx: &ClubCtx,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
        athletes: Option<&[Uuid]>,
    ) -> Result<Vec<PlannedSession>, CatalogueError>;
    /// The program of the athlete who is the account `user`, between two dates (inclusive), read
    /// in one transaction; `None` when the account has no athlete profile in the club.
    async fn program_of(
        &self,
        ctx: &ClubCtx,
        user: Uuid,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
    ) -> Result<Option<AthleteProgram>, CatalogueError>;
    /// Moves a session to another date and/or cancels or restores it; `None` when there is none.
    async fn change(
        &self,
        ctx: &ClubCtx,
        id: Uuid,
        date: Option<chrono::NaiveDate>,
        cancelled: Option<bool>,
    ) -> Result<Option<PlannedSession>, CatalogueError>;
}

#[derive(Debug, thiserror::Error)]
pub enum LogError {
    /// The planned session is not the athlete's, or the id is another athlete's log.
    #[error("not this athlete's")]
    NotTheirs,
    #[error(transparent)]
    Unavailable(#[from] CatalogueError),
}

/// Port: session logs.
#[async_trait]
pub trait LogStore: Send + Sync {
    /// Stores the log once, with what `follower` writes of a new one, in one transaction: the
    /// same id again returns what is stored (`false`: not new) and follows nothing.
    async fn record(
        &self,
        ctx: &ClubCtx,
        log: &crate::domain::log::SessionLog,
        follower: &dyn LogFollower,
    ) -> Result<(crate::domain::log::SessionLog, bool), LogError>;
    /// Stores the log, as `record`, of the athlete who is the account `user`, found in the same
    /// transaction (`log.athlete_id` is not read); `None` when the account has no athlete profile
    /// in the club yet.
    async fn record_as(
        &self,
        ctx: &ClubCtx,
        user: Uuid,
        log: &crate::domain::log::SessionLog,
        follower: &dyn LogFollower,
    ) -> Result<Option<(crate::domain::log::SessionLog, bool)>, LogError>;
    /// Logs between two dates (inclusive), of some athletes or all, by date.
    async fn between(
        &self,
        ctx: &ClubCtx,
        from: chrono::NaiveDate,
        to: chrono::NaiveDate,
        athletes: Option<&[Uuid]>,
    ) -> Result<Vec<crate::domain::log::SessionLog>, CatalogueError>;
    async fn comment(
        &self,
        ctx: &ClubCtx,
        id: Uuid,
        comment: &str,
    ) -> Result<Option<crate::domain::log::SessionLog>, CatalogueError>;
}

/// Port: who the club's athletes are. Kept by the athletes module; an athlete is known by an
/// id of their own, which for an athlete with an account is first the account's id.
#[async_trait]
pub trait Roster: Send + Sync {
    /// The athlete a member trains as. With `create`, a member without a profile gets one
    /// (a write by the athlete themselves); without, `None` until they have one.
    async fn athlete_of(&self, ctx: &ClubCtx, user: Uuid, create: bool) -> Result<Option<Uuid>, CatalogueError>;
    /// Those of `ids` that are active athletes of the club; a member of the club who has no
    /// profile yet gets one.
    async fn known(&self, ctx: &ClubCtx, ids: &[Uuid]) -> Result<Vec<Uuid>, CatalogueError>;
    /// The active athletes of a group, or `None` when the club has no such group.
    async fn group(&self, ctx: &ClubCtx, group: Uuid) -> Result<Option<Vec<Uuid>>, CatalogueError>;
}

/// Port: what follows a new session log (records, the coach's activity feed), written in the
/// log's own transaction: a log never stands without them, and their failure fails the log,
/// which the athlete's app sends again.
#[async_trait]
pub trait LogFollower: Send + Sync {
    async fn logged(&self, txn: &ClubTxn, log: &crate::domain::log::SessionLog) -> Result<(), CatalogueError>;
}
