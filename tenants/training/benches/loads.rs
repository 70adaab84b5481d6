//! How long computing a month of planned sessions for 50 athletes takes: every set's load
//! and plates (`scripts/bench loads`). Target: under 5 ms. The baseline is the same walk over
//! the same sets without the load engine (percent × maximum only), measured in the same run.

// A report: printing the figures is its purpose.
#![allow(clippy::print_stdout)]

use std::{collections::HashMap, hint::black_box, time::Instant};

use chrono::NaiveDate;
use dropit_training::{
    application::{LoadSetup, PlannedSession, session_loads},
    domain::{
        exercise::ReferenceLift,
        load::{Grams, PlateInventory, Rounding},
        workout::{Basis, Intensity, Part, SetPrescription, WorkoutLine},
    },
};
use uuid::Uuid;

const ATHLETES: u32 = 50;
const SESSIONS_A_MONTH: u32 = 20;
const RUNS: u32 = 50;

/// A typical session: a complex, snatches, cleans, squats and pulls, 5 sets each.
fn session(athlete: Uuid, day: u32) -> PlannedSession {
    let line = |of, percents: [f64; 5]| WorkoutLine {
        parts: vec![Part { exercise_id: Uuid::nil(), reps: 1 }],
        sets: percents
            .iter()
            .map(|&p| SetPrescription { reps: 2, intensity: Intensity::Percent { min: p, max: p + 5.0, of } })
            .collect(),
        rest_seconds: Some(120),
        notes: String::new(),
    };
    PlannedSession {
        id: Uuid::new_v4(),
        athlete_id: athlete,
        date: NaiveDate::from_ymd_opt(2026, 12, 1 + day % 28).expect("date"),
        source_workout_id: None,
        name: "Séance".to_owned(),
        notes: String::new(),
        lines: vec![
            line(ReferenceLift::CleanAndJerk, [60.0, 65.0, 70.0, 75.0, 80.0]),
            line(ReferenceLift::Snatch, [70.0, 75.0, 80.0, 85.0, 88.0]),
            line(ReferenceLift::Clean, [70.0, 75.0, 80.0, 82.5, 85.0]),
            line(ReferenceLift::BackSquat, [70.0, 75.0, 80.0, 80.0, 80.0]),
            line(ReferenceLift::Snatch, [95.0, 100.0, 105.0, 105.0, 110.0]),
        ],
        cancelled: false,
        group_id: None,
        basis: Basis::OneRepMax,
    }
}

fn main() {
    let mut maxima = HashMap::new();
    for (lift, kg) in [
        (ReferenceLift::Snatch, 101.0),
        (ReferenceLift::Clean, 128.0),
        (ReferenceLift::CleanAndJerk, 124.0),
        (ReferenceLift::BackSquat, 165.0),
    ] {
        maxima.insert(lift, Grams::from_kg(kg).expect("kg"));
    }
    let setup = LoadSetup {
        inventory: PlateInventory::competition(Grams(20_000)),
        rounding: Rounding::Nearest,
        maxima,
        training_maxima: HashMap::new(),
    };
    let month: Vec<PlannedSession> = (0..ATHLETES)
        .flat_map(|_| {
            let athlete = Uuid::new_v4();
            (0..SESSIONS_A_MONTH).map(move |day| session(athlete, day))
        })
        .collect();
    let sets: usize = month.iter().map(|s| s.lines.iter().map(|l| l.sets.len()).sum::<usize>()).sum();

    let mut engine = Vec::with_capacity(RUNS as usize);
    let mut baseline = Vec::with_capacity(RUNS as usize);
    for _ in 0..RUNS {
        let started = Instant::now();
        for session in &month {
            black_box(session_loads(black_box(session), &setup));
        }
        engine.push(started.elapsed());

        let started = Instant::now();
        let mut total = 0.0;
        for session in &month {
            for line in &session.lines {
                for set in &line.sets {
                    if let Intensity::Percent { min, of, .. } = set.intensity {
                        total += setup.maxima.get(&of).map_or(0.0, |m| m.kg() * min / 100.0);
                    }
                }
            }
        }
        black_box(total);
        baseline.push(started.elapsed());
    }
    engine.sort();
    baseline.sort();
    let ms = |d: std::time::Duration| d.as_secs_f64() * 1000.0;
    let (p50, p95, b50) = (engine[engine.len() / 2], engine[engine.len() * 95 / 100], baseline[baseline.len() / 2]);
    println!(
        "a month of sessions for {ATHLETES} athletes ({} sessions, {sets} sets): p50 {:.2} ms, p95 {:.2} ms",
        month.len(),
        ms(p50),
        ms(p95)
    );
    println!(
        "  baseline (percent × maximum, no rounding or plates): p50 {:.3} ms; ratio {:.0}x",
        ms(b50),
        ms(p50) / ms(b50)
    );
}
