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

#[derive(Clone, Debug, PartialEq)]
pub struct SetFact {
    pub athlete: Uuid,
    /// The planned session or the log the set belongs to.
    pub session: Uuid,
    pub date: NaiveDate,
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
        bounds.len() <= 10
            && bounds.iter().all(|b| b.is_finite() && *b > 0.0 && *b < 150.0)
            && bounds.windows(2).all(|w| w[0] < w[1])
    }

    fn index(&self, percent: f64) -> usize {
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

/// Figures of facts, INOL divided among `athletes`.
pub fn figures<'a>(facts: impl IntoIterator<Item = &'a SetFact>, zones: &Zones, athletes: usize) -> Figures {
    let mut f = Figures { zone_lifts: vec![0; zones.0.len() + 1], ..Figures::default() };
    let (mut weighted_percent, mut lifts_with_max) = (0.0, 0u32);
    let (mut snatch, mut clean_and_jerk) = (None::<Grams>, None::<Grams>);
    for fact in facts {
        f.sets += 1;
        if !fact.made {
            f.missed_sets += 1;
            continue;
        }
        f.lifts += fact.lifts;
        f.tonnage_kg += fact.load.kg() * f64::from(fact.lifts);
        match fact.percent() {
            Some(percent) => {
                weighted_percent += percent * f64::from(fact.lifts);
                lifts_with_max += fact.lifts;
                f.zone_lifts[zones.index(percent)] += fact.lifts;
                f.inol += f64::from(fact.lifts) / (100.0 - percent.min(99.0));
            }
            None => f.lifts_without_maximum += fact.lifts,
        }
        let best = match fact.lift {
            Some(CompetitionLift::Snatch) => &mut snatch,
            Some(CompetitionLift::CleanAndJerk) => &mut clean_and_jerk,
            None => continue,
        };
        if best.is_none_or(|b| b.0 < fact.load.0) {
            *best = Some(fact.load);
        }
    }
    f.inol /= athletes.max(1) as f64;
    f.average_intensity_kg = (f.lifts > 0).then(|| f.tonnage_kg / f64::from(f.lifts));
    f.relative_intensity_pct = (lifts_with_max > 0).then(|| weighted_percent / f64::from(lifts_with_max));
    f.best_snatch_kg = snatch.map(Grams::kg);
    f.best_clean_and_jerk_kg = clean_and_jerk.map(Grams::kg);
    f.snatch_to_clean_and_jerk_pct = snatch.zip(clean_and_jerk).map(|(s, c)| f64::from(s.0) / f64::from(c.0) * 100.0);
    f
}

/// A planned session, or a log and the planned session it follows.
#[derive(Clone, Debug, PartialEq)]
pub struct SessionRef {
    pub id: Uuid,
    pub athlete: Uuid,
    pub date: NaiveDate,
    /// For a log: the planned session it records.
    pub planned: Option<Uuid>,
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
    pub planned_sessions: &'a [SessionRef],
    pub logs: &'a [SessionRef],
    pub planned: &'a [SetFact],
    pub done: &'a [SetFact],
}

fn monday(date: NaiveDate) -> NaiveDate {
    date - Duration::days(i64::from(date.weekday().num_days_from_monday()))
}

fn pct(part: f64, whole: f64) -> Option<f64> {
    (whole > 0.0).then(|| part / whole * 100.0)
}

pub fn statistics(inputs: Inputs<'_>) -> Statistics {
    let Inputs { from, to, athletes, zones, planned_sessions, logs, planned, done } = inputs;
    let planned_figures = figures(planned, zones, athletes);
    let done_figures = figures(done, zones, athletes);

    let logged: HashSet<Uuid> = logs.iter().filter_map(|l| l.planned).collect();
    let planned_ids: HashSet<Uuid> = planned_sessions.iter().map(|s| s.id).collect();
    let done_sessions = planned_sessions.iter().filter(|s| logged.contains(&s.id)).count() as u32;
    let unplanned_sessions = logs.iter().filter(|l| l.planned.is_none_or(|p| !planned_ids.contains(&p))).count() as u32;
    let compliance = Compliance {
        planned_sessions: planned_sessions.len() as u32,
        done_sessions,
        unplanned_sessions,
        sessions_pct: pct(f64::from(done_sessions), planned_sessions.len() as f64),
        lifts_pct: pct(f64::from(done_figures.lifts), f64::from(planned_figures.lifts)),
        tonnage_pct: pct(done_figures.tonnage_kg, planned_figures.tonnage_kg),
    };

    let mut weeks = Vec::new();
    let mut start = monday(from);
    while start <= to {
        let end = start + Duration::days(6);
        let within = |f: &&SetFact| f.date >= start && f.date <= end;
        weeks.push(Week {
            start,
            planned: figures(planned.iter().filter(within), zones, athletes),
            done: figures(done.iter().filter(within), zones, athletes),
        });
        start = end + Duration::days(1);
    }

    let mut by_log: BTreeMap<(NaiveDate, Uuid), Vec<&SetFact>> = BTreeMap::new();
    for fact in done {
        by_log.entry((fact.date, fact.session)).or_default().push(fact);
    }
    let sessions = logs
        .iter()
        .map(|log| Session {
            id: log.id,
            athlete: log.athlete,
            date: log.date,
            figures: figures(by_log.get(&(log.date, log.id)).into_iter().flatten().copied(), zones, 1),
        })
        .collect();

    Statistics { zones: zones.clone(), planned: planned_figures, done: done_figures, compliance, weeks, sessions }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).expect("date")
    }

    fn fact(session: u128, date: u32, lifts: u32, kg: u32, made: bool, max: Option<u32>) -> SetFact {
        SetFact {
            athlete: Uuid::from_u128(1),
            session: Uuid::from_u128(session),
            date: day(date),
            lifts,
            load: Grams(kg * 1000),
            made,
            max: max.map(|m| Grams(m * 1000)),
            lift: None,
        }
    }

    #[test]
    fn figures_by_hand() {
        // Snatch max 100: 3 singles at 80 made (one missed at 90), a set of 2 at 70;
        // a complex of 4 lifts at 60 with no maximum known.
        let facts = [
            SetFact { lift: Some(CompetitionLift::Snatch), ..fact(9, 2, 1, 80, true, Some(100)) },
            fact(9, 2, 1, 80, true, Some(100)),
            fact(9, 2, 1, 80, true, Some(100)),
            SetFact { lift: Some(CompetitionLift::Snatch), ..fact(9, 2, 1, 90, false, Some(100)) },
            fact(9, 2, 2, 70, true, Some(100)),
            fact(9, 2, 4, 60, true, None),
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
    }

    #[test]
    fn intensity_at_or_above_the_maximum_caps_inol() {
        let f = figures(&[fact(1, 2, 1, 105, true, Some(100))], &Zones::prilepin(), 1);
        assert_eq!(f.inol, 1.0);
        assert_eq!(f.zone_lifts, [0, 0, 0, 1]);
    }

    #[test]
    fn weeks_cover_the_range_and_compliance_counts_logged_plans() {
        let plan_a = SessionRef { id: Uuid::from_u128(10), athlete: Uuid::from_u128(1), date: day(2), planned: None };
        let plan_b = SessionRef { id: Uuid::from_u128(11), athlete: Uuid::from_u128(1), date: day(9), planned: None };
        let log =
            SessionRef { id: Uuid::from_u128(20), athlete: Uuid::from_u128(1), date: day(2), planned: Some(plan_a.id) };
        let extra = SessionRef { id: Uuid::from_u128(21), athlete: Uuid::from_u128(1), date: day(12), planned: None };
        let planned = [fact(10, 2, 5, 80, true, Some(100)), fact(11, 9, 5, 80, true, Some(100))];
        let done = [fact(20, 2, 5, 80, true, Some(100)), fact(21, 12, 2, 50, true, None)];
        let stats = statistics(Inputs {
            from: day(1),
            to: day(15),
            athletes: 1,
            zones: &Zones::prilepin(),
            planned_sessions: &[plan_a, plan_b],
            logs: &[log, extra],
            planned: &planned,
            done: &done,
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
    }
}
