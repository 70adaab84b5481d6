//! How long the statistics of a 30-athlete group over a year of sessions take to compute
//! (`scripts/bench stats`), against the local stack's PostgreSQL. Target: under 100 ms. The
//! baselines, measured in the same run: reading the rows statistics read with no computation,
//! and reading the whole JSON documents of the same sessions.

// A report: printing the figures is its purpose.
#![allow(clippy::print_stdout)]

use std::{
    sync::Arc,
    time::{Duration, Instant},
};

use chrono::{Datelike, NaiveDate};
use dropit_athletes::{
    application::{AthleteStore, StatsScope, StatsService},
    infrastructure::{PgAthletes, RecordKeeper},
};
use dropit_club_migration::Migrator;
use dropit_tenancy::{
    ClubCtx, ClubSlug, ClubTier,
    domain::ClubName,
    infrastructure::{
        begin_club_txn,
        provision::{NewClub, provision_club, standard_seeders},
    },
};
use dropit_training::{
    application::{ExerciseCatalogue, ExerciseFilter, LoadSettings, LogStore, Planning, WorkoutStore},
    domain::{
        exercise::ReferenceLift,
        load::Grams,
        log::{LoggedSet, SessionLog},
        workout::{Basis, Intensity, Part, SetPrescription, WorkoutContent, WorkoutLine},
    },
    infrastructure::{PgExerciseCatalogue, PgLoadSettings, PgLogStore, PgPlanning, PgWorkoutStore},
};
use sea_orm::{ConnectionTrait, DbBackend, Statement};
use uuid::Uuid;

const ATHLETES: usize = 30;
/// Four sessions a week for a year.
const DAYS_A_WEEK: [u32; 4] = [0, 1, 3, 4];
const RUNS: usize = 20;

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn line(parts: &[(Uuid, u32)], of: ReferenceLift, percents: &[f64]) -> WorkoutLine {
    WorkoutLine {
        parts: parts.iter().map(|(exercise_id, reps)| Part { exercise_id: *exercise_id, reps: *reps }).collect(),
        sets: percents
            .iter()
            .map(|p| SetPrescription { reps: 2, intensity: Intensity::Percent { min: *p, max: *p, of } })
            .collect(),
        rest_seconds: Some(120),
        notes: String::new(),
    }
}

#[tokio::main]
async fn main() {
    let (db, _) = dropit_testing::fresh_database(8).await;
    let timeout = Duration::from_secs(30);
    let club = provision_club::<Migrator>(
        &db,
        NewClub::new(
            ClubSlug::parse("bench-stats").expect("slug"),
            ClubName::parse("Bench").expect("name"),
            ClubTier::Standard,
        ),
        &standard_seeders(),
    )
    .await
    .expect("a club");
    let ctx: ClubCtx = club.context();
    let athletes_store = Arc::new(PgAthletes::new(db.clone(), timeout));
    let catalogue = Arc::new(PgExerciseCatalogue::new(db.clone(), timeout));
    let workouts = PgWorkoutStore::new(db.clone(), timeout);
    let planning = Arc::new(PgPlanning::new(db.clone(), timeout));
    let logs = Arc::new(PgLogStore::new(db.clone(), timeout));
    let loads = Arc::new(PgLoadSettings::new(db.clone(), timeout));

    let all = ExerciseFilter { include_archived: true, ..ExerciseFilter::default() };
    let exercises = catalogue.list(&ctx, &all, 0, 1000).await.expect("catalogue").items;
    let find = |name: &str| exercises.iter().find(|e| e.name_en == name).map(|e| e.id).expect("a starter");
    let (snatch, clean, jerk, cj, squat) =
        (find("Snatch"), find("Clean"), find("Jerk"), find("Clean & jerk"), find("Back squat"));
    let workout = workouts
        .create(
            &ctx,
            &WorkoutContent {
                name: "Séance".to_owned(),
                notes: String::new(),
                basis: Basis::OneRepMax,
                lines: vec![
                    line(&[(snatch, 1)], ReferenceLift::Snatch, &[70.0, 75.0, 80.0, 85.0, 85.0]),
                    line(&[(clean, 1), (jerk, 2)], ReferenceLift::CleanAndJerk, &[70.0, 75.0, 80.0, 80.0]),
                    line(&[(cj, 1)], ReferenceLift::CleanAndJerk, &[80.0, 85.0, 90.0]),
                    line(&[(squat, 1)], ReferenceLift::BackSquat, &[75.0, 80.0, 80.0]),
                ],
            },
        )
        .await
        .expect("a workout");

    let mut group = Vec::with_capacity(ATHLETES);
    for i in 0..ATHLETES {
        let profile = dropit_athletes::domain::athlete::Profile {
            name: format!("Athlete {i:02}"),
            sex: None,
            birth_date: None,
            bar: None,
            level: String::new(),
            notes: String::new(),
        };
        let athlete = athletes_store.create(&ctx, Uuid::now_v7(), None, &profile).await.expect("athlete");
        for (lift, kg) in [
            (ReferenceLift::Snatch, 90.0),
            (ReferenceLift::CleanAndJerk, 115.0),
            (ReferenceLift::Clean, 120.0),
            (ReferenceLift::BackSquat, 150.0),
        ] {
            loads
                .set_maximum(&ctx, athlete.id, lift, Basis::OneRepMax, Grams::from_kg(kg).expect("kg"))
                .await
                .expect("max");
        }
        group.push(athlete.id);
    }
    let group_id = athletes_store
        .create_group(&ctx, "Seniors", dropit_athletes::application::GroupKind::Training)
        .await
        .expect("group")
        .id;
    athletes_store
        .update_group(&ctx, group_id, "Seniors", dropit_athletes::application::GroupKind::Training, false, &group)
        .await
        .expect("members");

    let from = NaiveDate::from_ymd_opt(2025, 12, 1).expect("date");
    let to = NaiveDate::from_ymd_opt(2026, 11, 30).expect("date");
    let dates: Vec<NaiveDate> = from
        .iter_days()
        .take_while(|d| *d <= to)
        .filter(|d| DAYS_A_WEEK.contains(&d.weekday().num_days_from_monday()))
        .collect();
    let seeding = Instant::now();
    let mut planned = Vec::new();
    for chunk in dates.chunks(90) {
        planned.extend(planning.schedule(&ctx, workout.id, &group, chunk, Some(group_id)).await.expect("planned"));
    }
    for session in &planned {
        let sets = session
            .lines
            .iter()
            .flat_map(|line| {
                let parts: Vec<Part> = if line.parts.len() > 1 { line.parts.clone() } else { Vec::new() };
                line.sets.iter().enumerate().map(move |(i, _)| LoggedSet {
                    exercise_id: line.parts[0].exercise_id,
                    reps: 2,
                    load: Grams::from_kg(60.0 + 5.0 * i as f64).expect("kg"),
                    rpe: None,
                    made: i != 3,
                    note: String::new(),
                    parts: parts.clone(),
                })
            })
            .collect();
        let log = SessionLog {
            id: Uuid::now_v7(),
            athlete_id: session.athlete_id,
            planned_session_id: Some(session.id),
            performed_on: session.date,
            session_rpe: Some(7.0),
            duration_minutes: Some(90),
            notes: String::new(),
            sets,
            coach_comment: String::new(),
        };
        logs.record(&ctx, &log, &RecordKeeper).await.expect("log");
    }
    println!(
        "seeded {} planned sessions and as many logs ({} sets) in {:.1} s",
        planned.len(),
        planned.len() * 15,
        seeding.elapsed().as_secs_f64()
    );

    let stats =
        StatsService::new(athletes_store.clone(), athletes_store.clone(), catalogue, loads, athletes_store.clone());
    let ids = group.iter().map(Uuid::to_string).collect::<Vec<_>>().join(",");
    let (mut computed, mut baseline, mut documents) = (Vec::new(), Vec::new(), Vec::new());
    let mut lifts = 0;
    let read = |queries: [&'static str; 2]| {
        let (db, ctx, ids) = (db.clone(), ctx.clone(), ids.clone());
        async move {
            let started = Instant::now();
            let txn = begin_club_txn(&db, &ctx, timeout).await.expect("txn");
            for sql in queries {
                let rows = txn
                    .query_all_raw(Statement::from_sql_and_values(
                        DbBackend::Postgres,
                        sql,
                        [ids.clone().into(), from.into(), to.into()],
                    ))
                    .await
                    .expect("rows");
                std::hint::black_box(rows);
            }
            txn.commit().await.expect("commit");
            started.elapsed()
        }
    };
    for _ in 0..RUNS {
        // The rows statistics read, with nothing computed.
        baseline.push(
            read([
                "SELECT id, athlete_id, performed_on, planned_session_id, set_facts FROM session_logs
                 WHERE athlete_id = ANY(string_to_array($1, ',')::uuid[]) AND performed_on BETWEEN $2 AND $3",
                "SELECT id, athlete_id, on_date, lines_digest FROM planned_sessions
                 WHERE athlete_id = ANY(string_to_array($1, ',')::uuid[]) AND on_date BETWEEN $2 AND $3",
            ])
            .await,
        );
        // The whole documents, as they were read before the facts existed.
        documents.push(
            read([
                "SELECT sets FROM session_logs
                 WHERE athlete_id = ANY(string_to_array($1, ',')::uuid[]) AND performed_on BETWEEN $2 AND $3",
                "SELECT lines FROM planned_sessions
                 WHERE athlete_id = ANY(string_to_array($1, ',')::uuid[]) AND on_date BETWEEN $2 AND $3",
            ])
            .await,
        );
        let started = Instant::now();
        let report = stats.report(&ctx, StatsScope::Group(group_id), from, to).await.expect("statistics");
        computed.push(started.elapsed());
        lifts = report.statistics.done.lifts;
    }
    computed.sort();
    baseline.sort();
    documents.sort();
    let (p50, p95, b50) = (percentile(&computed, 0.5), percentile(&computed, 0.95), percentile(&baseline, 0.5));
    let d50 = percentile(&documents, 0.5);
    println!("statistics of a {ATHLETES}-athlete group over a year ({lifts} lifts done), {RUNS} runs:");
    println!("  computed      p50 {:7.2} ms   p95 {:7.2} ms   (target < 100 ms)", ms(p50), ms(p95));
    println!("  rows only     p50 {:7.2} ms   (the same rows, nothing computed)", ms(b50));
    println!("  documents     p50 {:7.2} ms   (the sets and lines as JSON documents)", ms(d50));
    println!("  ratio         {:.2}× the bare read of its rows", p50.as_secs_f64() / b50.as_secs_f64());
}
