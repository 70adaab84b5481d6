//! Training statistics of an athlete or a group, planned versus done, with the series charts
//! need; and the club's intensity zones.

use dropit_http::{ApiError, FieldError};
use dropit_identity::interface::BearerAuth;
use dropit_kernel::{ErrorCode, FieldErrorCode};
use dropit_permissions::{Access, Permission};
use dropit_tenancy::ClubCtx;
use dropit_training::interface::range;
use poem_openapi::{Object, OpenApi, param::Path, param::Query, payload::Json};

use super::Context;
use crate::{
    application::{StatsError, StatsScope, stats::Report},
    domain::stats::{Figures, Zones},
};

pub const ACCESS: &[(&str, Access)] = &[
    ("athlete_stats", Access::Club(Permission::AthletesRead)),
    ("group_stats", Access::Club(Permission::AthletesRead)),
    ("my_stats", Access::Club(Permission::OwnAthleteRead)),
    ("club_zones_get", Access::Club(Permission::ClubRead)),
    ("club_zones_set", Access::Club(Permission::ClubUpdate)),
];

pub struct StatsApi {
    cx: Context,
}

impl StatsApi {
    pub fn new(cx: Context) -> Self {
        Self { cx }
    }
}

/// An intensity zone, in % of the maximum: from (inclusive) to (exclusive).
#[derive(Debug, Object)]
pub struct ZoneBody {
    pub from_pct: Option<f64>,
    pub to_pct: Option<f64>,
}

#[derive(Debug, Object)]
pub struct FiguresBody {
    pub sets: u32,
    pub missed_sets: u32,
    /// Lifts of the made sets (NL); a complex counts each of its lifts.
    pub lifts: u32,
    /// Σ load × lifts of the made sets.
    pub tonnage_kg: f64,
    /// Tonnage ÷ lifts.
    pub average_intensity_kg: Option<f64>,
    /// The mean % of the athlete's maximum, weighted by lifts.
    pub relative_intensity_pct: Option<f64>,
    /// Lifts per intensity zone, in the zones' order.
    pub zone_lifts: Vec<u32>,
    /// Lifts of exercises for which the athlete has no maximum.
    pub lifts_without_maximum: u32,
    /// Σ lifts ÷ (100 − %), per athlete.
    pub inol: f64,
    pub best_snatch_kg: Option<f64>,
    pub best_clean_and_jerk_kg: Option<f64>,
    pub snatch_to_clean_and_jerk_pct: Option<f64>,
}

fn round(value: f64, places: i32) -> f64 {
    let factor = 10f64.powi(places);
    (value * factor).round() / factor
}

fn figures_body(f: Figures) -> FiguresBody {
    FiguresBody {
        sets: f.sets,
        missed_sets: f.missed_sets,
        lifts: f.lifts,
        tonnage_kg: round(f.tonnage_kg, 2),
        average_intensity_kg: f.average_intensity_kg.map(|v| round(v, 2)),
        relative_intensity_pct: f.relative_intensity_pct.map(|v| round(v, 2)),
        zone_lifts: f.zone_lifts,
        lifts_without_maximum: f.lifts_without_maximum,
        inol: round(f.inol, 3),
        best_snatch_kg: f.best_snatch_kg,
        best_clean_and_jerk_kg: f.best_clean_and_jerk_kg,
        snatch_to_clean_and_jerk_pct: f.snatch_to_clean_and_jerk_pct.map(|v| round(v, 2)),
    }
}

#[derive(Debug, Object)]
pub struct ComplianceBody {
    pub planned_sessions: u32,
    /// Planned sessions that have a log.
    pub done_sessions: u32,
    /// Logged sessions nobody planned.
    pub unplanned_sessions: u32,
    pub sessions_pct: Option<f64>,
    pub lifts_pct: Option<f64>,
    pub tonnage_pct: Option<f64>,
}

#[derive(Debug, Object)]
pub struct WeekBody {
    /// The Monday.
    pub start: String,
    pub planned: FiguresBody,
    pub done: FiguresBody,
}

#[derive(Debug, Object)]
pub struct SessionFiguresBody {
    pub log_id: String,
    pub athlete_id: String,
    pub date: String,
    pub figures: FiguresBody,
}

#[derive(Debug, Object)]
pub struct AthleteFiguresBody {
    pub athlete_id: String,
    pub done: FiguresBody,
}

#[derive(Debug, Object)]
pub struct StatsBody {
    pub from: String,
    pub to: String,
    pub athlete_ids: Vec<String>,
    pub zones: Vec<ZoneBody>,
    /// Planned figures count the sets whose load is known (a percentage with a maximum, or kg).
    pub planned: FiguresBody,
    pub done: FiguresBody,
    pub compliance: ComplianceBody,
    /// Every week of the range, empty ones included.
    pub weeks: Vec<WeekBody>,
    /// Every logged session of the range, by date.
    pub sessions: Vec<SessionFiguresBody>,
    /// For a group: each athlete's figures.
    pub athletes: Vec<AthleteFiguresBody>,
}

fn zone_bodies(zones: &Zones) -> Vec<ZoneBody> {
    let mut bounds: Vec<Option<f64>> = vec![None];
    bounds.extend(zones.0.iter().map(|b| Some(*b)));
    bounds.push(None);
    bounds.windows(2).map(|w| ZoneBody { from_pct: w[0], to_pct: w[1] }).collect()
}

fn stats_body(from: chrono::NaiveDate, to: chrono::NaiveDate, report: Report) -> StatsBody {
    let s = report.statistics;
    let pct = |v: Option<f64>| v.map(|v| round(v, 2));
    StatsBody {
        from: from.to_string(),
        to: to.to_string(),
        athlete_ids: report.athletes.iter().map(|a| a.to_string()).collect(),
        zones: zone_bodies(&s.zones),
        planned: figures_body(s.planned),
        done: figures_body(s.done),
        compliance: ComplianceBody {
            planned_sessions: s.compliance.planned_sessions,
            done_sessions: s.compliance.done_sessions,
            unplanned_sessions: s.compliance.unplanned_sessions,
            sessions_pct: pct(s.compliance.sessions_pct),
            lifts_pct: pct(s.compliance.lifts_pct),
            tonnage_pct: pct(s.compliance.tonnage_pct),
        },
        weeks: s
            .weeks
            .into_iter()
            .map(|w| WeekBody {
                start: w.start.to_string(),
                planned: figures_body(w.planned),
                done: figures_body(w.done),
            })
            .collect(),
        sessions: s
            .sessions
            .into_iter()
            .map(|session| SessionFiguresBody {
                log_id: session.id.to_string(),
                athlete_id: session.athlete.to_string(),
                date: session.date.to_string(),
                figures: figures_body(session.figures),
            })
            .collect(),
        athletes: report
            .per_athlete
            .into_iter()
            .map(|(athlete, done)| AthleteFiguresBody { athlete_id: athlete.to_string(), done: figures_body(done) })
            .collect(),
    }
}

#[derive(Debug, Object)]
pub struct ZonesInput {
    /// Lower bounds of the zones above the first, in % of the maximum, ascending
    /// (`[70, 80, 90]`, Prilepin's, by default).
    pub lower_bounds_pct: Vec<f64>,
}

impl StatsApi {
    async fn report(
        &self,
        ctx: &ClubCtx,
        scope: StatsScope,
        (from, to): (chrono::NaiveDate, chrono::NaiveDate),
    ) -> Result<Json<StatsBody>, ApiError> {
        let report = self.cx.stats.report(ctx, scope, from, to).await.map_err(|e| match e {
            StatsError::NotFound => ApiError::from(ErrorCode::NotFound),
            StatsError::Unavailable(error) => super::unavailable(crate::application::StoreError(error)),
        })?;
        Ok(Json(stats_body(from, to, report)))
    }
}

#[OpenApi(prefix_path = "/v1/clubs", tag = "StatsTag::Statistics")]
impl StatsApi {
    /// An athlete's statistics between two dates (at most a year).
    #[oai(path = "/:club/athletes/:athlete/stats", method = "get", operation_id = "athlete_stats")]
    async fn athlete(
        &self,
        auth: BearerAuth,
        club: Path<String>,
        athlete: Path<String>,
        from: Query<Option<String>>,
        to: Query<Option<String>>,
    ) -> Result<Json<StatsBody>, ApiError> {
        let (club, _) = self.cx.guard.club(&auth.0, &club, Permission::AthletesRead).await?;
        let id = dropit_http::path_id(&athlete)?;
        self.report(&club.context(), StatsScope::Athlete(id), range(from.0, to.0)?).await
    }

    /// A group's statistics between two dates, with each athlete's figures.
    #[oai(path = "/:club/groups/:group/stats", method = "get", operation_id = "group_stats")]
    async fn group(
        &self,
        auth: BearerAuth,
        club: Path<String>,
        group: Path<String>,
        from: Query<Option<String>>,
        to: Query<Option<String>>,
    ) -> Result<Json<StatsBody>, ApiError> {
        let (club, _) = self.cx.guard.club(&auth.0, &club, Permission::AthletesRead).await?;
        let id = dropit_http::path_id(&group)?;
        self.report(&club.context(), StatsScope::Group(id), range(from.0, to.0)?).await
    }

    /// The signed-in athlete's statistics.
    #[oai(path = "/:club/me/stats", method = "get", operation_id = "my_stats")]
    async fn mine(
        &self,
        auth: BearerAuth,
        club: Path<String>,
        from: Query<Option<String>>,
        to: Query<Option<String>>,
    ) -> Result<Json<StatsBody>, ApiError> {
        let (club, _) = self.cx.guard.club(&auth.0, &club, Permission::OwnAthleteRead).await?;
        let dates = range(from.0, to.0)?;
        // A member who never trained here gets their profile, and empty statistics.
        let (ctx, athlete) = self.cx.me(&club, auth.0.user.as_uuid(), true).await?;
        self.report(&ctx, StatsScope::Athlete(athlete.ok_or(ErrorCode::NotFound)?), dates).await
    }

    /// The club's intensity zones for statistics.
    #[oai(path = "/:club/settings/intensity-zones", method = "get", operation_id = "club_zones_get")]
    async fn zones(&self, auth: BearerAuth, club: Path<String>) -> Result<Json<Vec<ZoneBody>>, ApiError> {
        let (club, _) = self.cx.guard.club(&auth.0, &club, Permission::ClubRead).await?;
        Ok(Json(zone_bodies(&self.cx.data.zones(&club.context()).await?)))
    }

    /// Sets the club's intensity zones.
    #[oai(path = "/:club/settings/intensity-zones", method = "put", operation_id = "club_zones_set")]
    async fn set_zones(
        &self,
        auth: BearerAuth,
        club: Path<String>,
        input: Json<ZonesInput>,
    ) -> Result<Json<Vec<ZoneBody>>, ApiError> {
        let (club, _) = self.cx.guard.club(&auth.0, &club, Permission::ClubUpdate).await?;
        if !Zones::is_valid(&input.lower_bounds_pct) {
            return Err(ApiError::validation(vec![FieldError::new("lower_bounds_pct", FieldErrorCode::OutOfRange)]));
        }
        let zones = Zones(input.0.lower_bounds_pct);
        self.cx.data.set_zones(&club.context(), &zones).await?;
        Ok(Json(zone_bodies(&zones)))
    }
}

#[derive(poem_openapi::Tags)]
enum StatsTag {
    /// Training statistics.
    Statistics,
}
