//! Training statistics over a date range, planned versus done.
//!
//! Every figure is computed from sets reduced to [`SetFact`]s: how many lifts (a set of a
//! complex 1 + 2 + 1 done twice is 8 lifts), at what load, made or missed, and the athlete's
//! maximum of the lift the set refers to. Definitions:
//!
//! - lifts (NL): Σ lifts of made sets; a missed lift is counted in `missed_sets`, not as a lift;
//! - tonnage: Σ load × lifts of made sets;
//! - average intensity: tonnage ÷ lifts, in kg;
//! - relative intensity: the mean % of the maximum, weighted by lifts, over sets with a maximum;
//! - zones: lifts per band of % of the maximum (lower bounds configurable, Prilepin's
//!   70/80/90 by default);
//! - INOL: Σ lifts ÷ (100 − %) per made set with a maximum, the % capped at 99; per athlete
//!   when several are counted together;
//! - snatch / clean & jerk: best made snatch ÷ best made clean & jerk, in %;
//! - compliance: planned sessions that have a log, and done lifts and tonnage against planned.

use std::collections::{BTreeMap, HashSet};

use chrono::{Datelike, Duration, NaiveDate};
use dropit_training::domain::load::Grams;
use uuid::Uuid;

/// The competition lifts, for their ratio.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CompetitionLift {
    Snatch,
    CleanAndJerk,
}

/// One set as statistics count it; which session and day it belongs to is the business of
/// the [`SessionSums`] its sums go into.
#[derive(Clone, Debug, PartialEq)]
pub struct SetFact {
    pub lifts: u32,
    pub load: Grams,
    pub made: bool,
    pub max: Option<Grams>,
    pub lift: Option<CompetitionLift>,
}

impl SetFact {
    /// The load as a % of the maximum.
    pub fn percent(&self) -> Option<f64> {
        self.max.filter(|m| m.0 > 0).map(|m| f64::from(self.load.0) / f64::from(m.0) * 100.0)
    }
}

/// Lower bounds of the intensity zones, in % of the maximum, ascending: `[70, 80, 90]` makes
/// four zones, under 70, 70–79, 80–89 and 90 and above.
#[derive(Clone, Debug, PartialEq)]
pub struct Zones(pub Vec<f64>);

impl Zones {
    pub fn prilepin() -> Zones {
        Zones(vec![70.0, 80.0, 90.0])
    }

    pub fn is_valid(bounds: &[f64]) -> bool {
        !bounds.is_empty()
            && bounds.len() <= 10
            && bounds.iter().all(|b| b.is_finite() && *b > 0.0 && *b < 150.0)
            && bounds.windows(2).all(|w| w[0] < w[1])
    }

    /// The zone of a %: how many lower bounds it reaches (PostgreSQL's `width_bucket`).
    pub fn index(&self, percent: f64) -> usize {
        self.0.iter().take_while(|bound| percent >= **bound).count()
    }
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Figures {
    pub sets: u32,
    pub missed_sets: u32,
    pub lifts: u32,
    pub tonnage_kg: f64,
    pub average_intensity_kg: Option<f64>,
    pub relative_intensity_pct: Option<f64>,
    /// Lifts per zone, in the zones' order.
    pub zone_lifts: Vec<u32>,
    /// Lifts of sets whose athlete has no maximum for the lift: in no zone.
    pub lifts_without_maximum: u32,
    pub inol: f64,
    pub best_snatch_kg: Option<f64>,
    pub best_clean_and_jerk_kg: Option<f64>,
    pub snatch_to_clean_and_jerk_pct: Option<f64>,
}

/// Sums that figures are made from; sums of parts add up, so a week's are its sessions'.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Partial {
    pub sets: u32,
    pub missed_sets: u32,
    /// Lifts of made sets.
    pub lifts: u32,
    pub tonnage_grams: u64,
    /// Σ lifts × % of the maximum, over made sets with a maximum.
    pub percent_lifts: f64,
    pub lifts_with_maximum: u32,
    /// Lifts of made sets per zone index (see [`Zones::index`]); shorter when the last zones
    /// are empty.
    pub zone_lifts: Vec<u32>,
    pub inol: f64,
    pub best_snatch: Option<Grams>,
    pub best_clean_and_jerk: Option<Grams>,
}

fn heavier(a: Option<Grams>, b: Option<Grams>) -> Option<Grams> {
    match (a, b) {
        (Some(a), Some(b)) => Some(if b.0 > a.0 { b } else { a }),
        (a, b) => a.or(b),
    }
}

impl Partial {
    pub fn add(&mut self, fact: &SetFact, zones: &Zones) {
        self.sets += 1;
        if !fact.made {
            self.missed_sets += 1;
            return;
        }
        self.lifts += fact.lifts;
        self.tonnage_grams += u64::from(fact.load.0) * u64::from(fact.lifts);
        if let Some(percent) = fact.percent() {
            self.percent_lifts += percent * f64::from(fact.lifts);
            self.lifts_with_maximum += fact.lifts;
            self.add_zone(zones.index(percent), fact.lifts);
            self.inol += f64::from(fact.lifts) / (100.0 - percent.min(99.0));
        }
        match fact.lift {
            Some(CompetitionLift::Snatch) => self.best_snatch = heavier(self.best_snatch, Some(fact.load)),
            Some(CompetitionLift::CleanAndJerk) => {
                self.best_clean_and_jerk = heavier(self.best_clean_and_jerk, Some(fact.load))
            }
            None => {}
        }
    }

    pub fn add_zone(&mut self, zone: usize, lifts: u32) {
        if self.zone_lifts.len() <= zone {
            self.zone_lifts.resize(zone + 1, 0);
        }
        self.zone_lifts[zone] += lifts;
    }

    pub fn merge(&mut self, other: &Partial) {
        self.sets += other.sets;
        self.missed_sets += other.missed_sets;
        self.lifts += other.lifts;
        self.tonnage_grams += other.tonnage_grams;
        self.percent_lifts += other.percent_lifts;
        self.lifts_with_maximum += other.lifts_with_maximum;
        for (zone, lifts) in other.zone_lifts.iter().enumerate() {
            self.add_zone(zone, *lifts);
        }
        self.inol += other.inol;
        self.best_snatch = heavier(self.best_snatch, other.best_snatch);
        self.best_clean_and_jerk = heavier(self.best_clean_and_jerk, other.best_clean_and_jerk);
    }

    /// The figures, INOL divided among `athletes`.
    pub fn figures(&self, zones: &Zones, athletes: usize) -> Figures {
        let mut zone_lifts = self.zone_lifts.clone();
        zone_lifts.resize(zones.0.len() + 1, 0);
        let tonnage_kg = self.tonnage_grams as f64 / 1000.0;
        Figures {
            sets: self.sets,
            missed_sets: self.missed_sets,
            lifts: self.lifts,
            tonnage_kg,
            average_intensity_kg: (self.lifts > 0).then(|| tonnage_kg / f64::from(self.lifts)),
            relative_intensity_pct: (self.lifts_with_maximum > 0)
                .then(|| self.percent_lifts / f64::from(self.lifts_with_maximum)),
            zone_lifts,
            lifts_without_maximum: self.lifts - self.lifts_with_maximum,
            inol: self.inol / athletes.max(1) as f64,
            best_snatch_kg: self.best_snatch.map(Grams::kg),
            best_clean_and_jerk_kg: self.best_clean_and_jerk.map(Grams::kg),
            snatch_to_clean_and_jerk_pct: self
                .best_snatch
                .zip(self.best_clean_and_jerk)
                .map(|(s, c)| f64::from(s.0) / f64::from(c.0) * 100.0),
        }
    }
}

/// The sums of some facts.
pub fn partial<'a>(facts: impl IntoIterator<Item = &'a SetFact>, zones: &Zones) -> Partial {
    let mut sums = Partial::default();
    for fact in facts {
        sums.add(fact, zones);
    }
    sums
}

/// Figures of facts, INOL divided among `athletes`.
pub fn figures<'a>(facts: impl IntoIterator<Item = &'a SetFact>, zones: &Zones, athletes: usize) -> Figures {
    partial(facts, zones).figures(zones, athletes)
}

/// A planned session, or a log and the planned session it follows, with the sums of its sets.
#[derive(Clone, Debug, PartialEq)]
pub struct SessionSums {
    pub id: Uuid,
    pub athlete: Uuid,
    pub date: NaiveDate,
    /// For a log: the planned session it records.
    pub planned: Option<Uuid>,
    pub sums: Partial,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Compliance {
    pub planned_sessions: u32,
    /// Planned sessions with a log.
    pub done_sessions: u32,
    /// Logs of sessions nobody planned.
    pub unplanned_sessions: u32,
    pub sessions_pct: Option<f64>,
    pub lifts_pct: Option<f64>,
    pub tonnage_pct: Option<f64>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Week {
    /// Its Monday.
    pub start: NaiveDate,
    pub planned: Figures,
    pub done: Figures,
}

/// One logged session: the series of per-session figures.
#[derive(Clone, Debug, PartialEq)]
pub struct Session {
    pub id: Uuid,
    pub athlete: Uuid,
    pub date: NaiveDate,
    pub figures: Figures,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Statistics {
    pub zones: Zones,
    pub planned: Figures,
    pub done: Figures,
    pub compliance: Compliance,
    pub weeks: Vec<Week>,
    pub sessions: Vec<Session>,
}

/// What statistics are computed from, over `from..=to`, for `athletes` athletes.
pub struct Inputs<'a> {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub athletes: usize,
    pub zones: &'a Zones,
    /// Planned sessions that are not cancelled.
    pub planned: &'a [SessionSums],
    pub logs: &'a [SessionSums],
}

fn monday(date: NaiveDate) -> NaiveDate {
    date - Duration::days(i64::from(date.weekday().num_days_from_monday()))
}

fn pct(part: f64, whole: f64) -> Option<f64> {
    (whole > 0.0).then(|| part / whole * 100.0)
}

fn sum<'a>(sessions: impl IntoIterator<Item = &'a SessionSums>) -> Partial {
    let mut total = Partial::default();
    for session in sessions {
        total.merge(&session.sums);
    }
    total
}

pub fn statistics(inputs: Inputs<'_>) -> Statistics {
    let Inputs { from, to, athletes, zones, planned, logs } = inputs;
    let planned_sums = sum(planned);
    let done_sums = sum(logs);
    let planned_figures = planned_sums.figures(zones, athletes);
    let done_figures = done_sums.figures(zones, athletes);

    let logged: HashSet<Uuid> = logs.iter().filter_map(|l| l.planned).collect();
    let planned_ids: HashSet<Uuid> = planned.iter().map(|s| s.id).collect();
    let done_sessions = planned.iter().filter(|s| logged.contains(&s.id)).count() as u32;
    let unplanned_sessions = logs.iter().filter(|l| l.planned.is_none_or(|p| !planned_ids.contains(&p))).count() as u32;
    let compliance = Compliance {
        planned_sessions: planned.len() as u32,
        done_sessions,
        unplanned_sessions,
        sessions_pct: pct(f64::from(done_sessions), planned.len() as f64),
        lifts_pct: pct(f64::from(done_figures.lifts), f64::from(planned_figures.lifts)),
        tonnage_pct: pct(done_figures.tonnage_kg, planned_figures.tonnage_kg),
    };

    let mut by_week: BTreeMap<NaiveDate, (Partial, Partial)> = BTreeMap::new();
    let mut start = monday(from);
    while start <= to {
        by_week.insert(start, Default::default());
        start += Duration::days(7);
    }
    for session in planned {
        by_week.entry(monday(session.date)).or_default().0.merge(&session.sums);
    }
    for session in logs {
        by_week.entry(monday(session.date)).or_default().1.merge(&session.sums);
    }
    let weeks = by_week
        .into_iter()
        .map(|(start, (planned, done))| Week {
            start,
            planned: planned.figures(zones, athletes),
            done: done.figures(zones, athletes),
        })
        .collect();
    let sessions = logs
        .iter()
        .map(|log| Session { id: log.id, athlete: log.athlete, date: log.date, figures: log.sums.figures(zones, 1) })
        .collect();

    Statistics { zones: zones.clone(), planned: planned_figures, done: done_figures, compliance, weeks, sessions }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).expect("date")
    }

    fn fact(lifts: u32, kg: u32, made: bool, max: Option<u32>) -> SetFact {
        SetFact { lifts, load: Grams(kg * 1000), made, max: max.map(|m| Grams(m * 1000)), lift: None }
    }

    #[test]
    fn figures_by_hand() {
        // Snatch max 100: 3 singles at 80 made (one missed at 90), a set of 2 at 70;
        // a complex of 4 lifts at 60 with no maximum known.
        let facts = [
            SetFact { lift: Some(CompetitionLift::Snatch), ..fact(1, 80, true, Some(100)) },
            fact(1, 80, true, Some(100)),
            fact(1, 80, true, Some(100)),
            SetFact { lift: Some(CompetitionLift::Snatch), ..fact(1, 90, false, Some(100)) },
            fact(2, 70, true, Some(100)),
            fact(4, 60, true, None),
        ];
        let f = figures(&facts, &Zones::prilepin(), 1);
        assert_eq!((f.sets, f.missed_sets, f.lifts), (6, 1, 9));
        assert_eq!(f.tonnage_kg, 3.0 * 80.0 + 140.0 + 240.0);
        assert_eq!(f.average_intensity_kg, Some(620.0 / 9.0));
        // (3 × 80 + 2 × 70) / 5
        assert_eq!(f.relative_intensity_pct, Some(76.0));
        assert_eq!(f.zone_lifts, [0, 2, 3, 0]);
        assert_eq!(f.lifts_without_maximum, 4);
        // 3 × 1/20 + 2/30
        assert!((f.inol - (0.15 + 2.0 / 30.0)).abs() < 1e-12);
        assert_eq!(f.best_snatch_kg, Some(80.0));
        assert_eq!(f.snatch_to_clean_and_jerk_pct, None);
        // Sums of parts add up to the sums of the whole.
        let mut halves = partial(&facts[..3], &Zones::prilepin());
        halves.merge(&partial(&facts[3..], &Zones::prilepin()));
        assert_eq!(halves.figures(&Zones::prilepin(), 1), f);
    }

    #[test]
    fn intensity_at_or_above_the_maximum_caps_inol() {
        let f = figures(&[fact(1, 105, true, Some(100))], &Zones::prilepin(), 1);
        assert_eq!(f.inol, 1.0);
        assert_eq!(f.zone_lifts, [0, 0, 0, 1]);
    }

    #[test]
    fn weeks_cover_the_range_and_compliance_counts_logged_plans() {
        let zones = Zones::prilepin();
        let session = |id: u128, date: u32, planned: Option<u128>, facts: &[SetFact]| SessionSums {
            id: Uuid::from_u128(id),
            athlete: Uuid::from_u128(1),
            date: day(date),
            planned: planned.map(Uuid::from_u128),
            sums: partial(facts, &zones),
        };
        let planned = [
            session(10, 2, None, &[fact(5, 80, true, Some(100))]),
            session(11, 9, None, &[fact(5, 80, true, Some(100))]),
        ];
        let logs = [
            session(20, 2, Some(10), &[fact(5, 80, true, Some(100))]),
            session(21, 12, None, &[fact(2, 50, true, None)]),
        ];
        let stats = statistics(Inputs {
            from: day(1),
            to: day(15),
            athletes: 1,
            zones: &zones,
            planned: &planned,
            logs: &logs,
        });
        assert_eq!(stats.compliance.planned_sessions, 2);
        assert_eq!(stats.compliance.done_sessions, 1);
        assert_eq!(stats.compliance.unplanned_sessions, 1);
        assert_eq!(stats.compliance.sessions_pct, Some(50.0));
        assert_eq!(stats.compliance.lifts_pct, Some(70.0));
        // 1 Nov 2026 is a Sunday: weeks start 26 Oct, 2, 9 Nov.
        let starts: Vec<_> = stats.weeks.iter().map(|w| w.start).collect();
        assert_eq!(starts, [NaiveDate::from_ymd_opt(2026, 10, 26).expect("date"), day(2), day(9)]);
        assert_eq!(stats.weeks[1].done.lifts, 5);
        assert_eq!(stats.weeks[2].done.lifts, 2);
        assert_eq!(stats.weeks[2].planned.lifts, 5);
        assert_eq!(stats.sessions.len(), 2);
        assert_eq!(stats.sessions[1].figures.tonnage_kg, 100.0);
    }

    #[test]
    fn zones_must_rise() {
        assert!(Zones::is_valid(&[60.0, 75.0, 85.0, 95.0]));
        assert!(!Zones::is_valid(&[80.0, 70.0]));
        assert!(!Zones::is_valid(&[f64::NAN]));
        assert!(!Zones::is_valid(&[]));
    }
}
