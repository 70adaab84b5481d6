//! The whole service under authenticated HTTP load, measured against what PostgreSQL itself
//! serves for the same SQL in the same run.
//!
//! A release build of `dropit serve` runs against its own database on the local stack, filled
//! with 200 clubs of 30 athletes and six months of planned sessions and logs. A load generator
//! in this process (reqwest on tokio, closed loop: each connection sends its next request when
//! the answer is in) drives four endpoints at several concurrency levels; pgbench runs the
//! upcoming-sessions SQL at the same levels for the ceiling; then 4,800 more clubs are
//! provisioned and the read is measured again. The report is printed and written into
//! `BENCHMARKS.md`.
//!
//! `scripts/bench load` (it starts the stack and builds in release mode).

#![allow(clippy::print_stdout)]

mod fixture;
mod load;
mod machine;
mod pgbench;
mod profile;
mod report;
mod server;

use std::time::{Duration, Instant};

use fixture::Fixture;
use load::{Endpoint, Outcome};

/// Concurrency levels: one connection (the latency floor), a busy club evening, and the target's 64.
const LEVELS: [usize; 3] = [1, 16, 64];
const WARM_UP: Duration = Duration::from_secs(3);
const MEASURE: Duration = Duration::from_secs(15);
/// The longer warm-up of the second run spread over the 5,000 clubs.
const FLEET_WARM_UP: Duration = Duration::from_secs(60);
/// The club pools the pool of 10 is split into in the second fleet runs (2 connections each).
const CLUB_POOLS: u32 = 5;

#[tokio::main]
async fn main() {
    let started = Instant::now();
    let machine = machine::Machine::describe();
    println!("{machine}");

    let mut fixture = Fixture::create(fixture::FULL_CLUBS).await;
    let server = server::Server::start(&fixture.settings_vars()).await;
    let seeded = Instant::now();
    fixture.fill(&server.base).await;
    println!("data set ready in {:.0} s: {}", seeded.elapsed().as_secs_f64(), fixture.summary().await);
    server.stop().await;

    // The ceiling first, with the server stopped.
    let script = pgbench::Script::write(&fixture).await;
    let mut ceiling = Vec::new();
    for clients in LEVELS {
        let run = pgbench::run(&script, &fixture.url, clients, MEASURE);
        println!("pgbench upcoming-sessions SQL, {clients:>3} clients: {run}");
        ceiling.push(run);
    }

    let server = server::Server::start(&fixture.settings_vars()).await;
    let small_start = server.started_in;
    let client = load::client();
    let mut outcomes: Vec<(Endpoint, usize, Outcome)> = Vec::new();
    for endpoint in Endpoint::ALL {
        endpoint.check(&client, &server.base, &fixture).await;
        for concurrency in LEVELS {
            let outcome =
                load::run(&client, &server, &fixture, endpoint, fixture::Spread::Full, concurrency, WARM_UP, MEASURE)
                    .await;
            println!("{:<18} {concurrency:>3} connections: {outcome}", endpoint.name());
            outcomes.push((endpoint, concurrency, outcome));
        }
    }
    // A profile of the upcoming-sessions read at 64 connections, in a run of its own.
    let profile = match profile::available() {
        true => {
            let pid = server.pid;
            let recording = tokio::task::spawn_blocking(move || {
                std::thread::sleep(WARM_UP);
                profile::record(Duration::from_secs(10), pid)
            });
            let spread = fixture::Spread::Full;
            load::run(&client, &server, &fixture, Endpoint::Upcoming, spread, 64, WARM_UP, MEASURE).await;
            recording.await.ok().flatten()
        }
        false => None,
    };
    server.stop().await;

    let grown = Instant::now();
    fixture.grow(fixture::FLEET_CLUBS).await;
    println!("grown to {} clubs in {:.0} s", fixture::FLEET_CLUBS, grown.elapsed().as_secs_f64());
    let mut fleet = Vec::new();
    let mut fleet_start = Duration::ZERO;
    // One pool for every club, then the same connections split into pools that each serve a
    // share of the clubs. Spread over the fleet twice each: right after starting, then once the
    // backends have met more of the clubs.
    for pools in [1, CLUB_POOLS] {
        let mut vars = fixture.settings_vars();
        vars.push(("DROPIT_DATABASE__CLUB_POOLS".to_owned(), pools.to_string()));
        let server = server::Server::start(&vars).await;
        if pools == 1 {
            fleet_start = server.started_in;
        }
        Endpoint::Upcoming.check(&client, &server.base, &fixture).await;
        let runs = [
            (fixture::Spread::Full, WARM_UP),
            (fixture::Spread::Fleet, WARM_UP),
            (fixture::Spread::Fleet, FLEET_WARM_UP),
        ];
        for (spread, warm_up) in runs {
            let outcome = load::run(&client, &server, &fixture, Endpoint::Upcoming, spread, 64, warm_up, MEASURE).await;
            println!(
                "upcoming at {} clubs, 64 connections, {}, {pools} pool(s), {} s warm-up: {outcome}",
                fixture::FLEET_CLUBS,
                spread.describe(),
                warm_up.as_secs()
            );
            fleet.push(report::FleetRun { pools, spread, warm_up, outcome });
        }
        server.stop().await;
    }

    let report = report::Report {
        machine,
        data: fixture.summary().await,
        ceiling,
        outcomes,
        fleet,
        starts: (small_start, fleet_start),
        profile,
        sql: script.text.clone(),
        took: started.elapsed(),
    };
    report.write();
}
