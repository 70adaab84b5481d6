//! The load generator: `concurrency` connections in a closed loop, each sending its next request
//! as soon as the last answer is read, for a warm-up and then a measured period.

use std::{
    fmt,
    sync::atomic::{AtomicBool, Ordering},
    time::{Duration, Instant},
};

use chrono::{Datelike, Days};
use reqwest::{Client, RequestBuilder, StatusCode};
use serde_json::{Value, json};

use crate::{
    fixture::{DAYS_AHEAD, Fixture, Spread},
    machine,
    server::Server,
};

#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Endpoint {
    /// An athlete's next two weeks of sessions with every set's load computed.
    Upcoming,
    /// An athlete logging a set.
    LogSet,
    /// A coach's statistics of their group over the last full week.
    WeeklyStats,
    /// A coach searching the catalogue as they type.
    Search,
}

/// What a coach types in the search box.
const SEARCHES: [&str; 12] =
    ["snatch", "arrach", "epaule", "squat", "jerk", "tirage", "front", "clean", "press", "pull", "sna", "fente"];

impl Endpoint {
    pub const ALL: [Endpoint; 4] = [Endpoint::Upcoming, Endpoint::LogSet, Endpoint::WeeklyStats, Endpoint::Search];

    pub fn name(self) -> &'static str {
        match self {
            Endpoint::Upcoming => "upcoming sessions",
            Endpoint::LogSet => "log a set",
            Endpoint::WeeklyStats => "weekly statistics",
            Endpoint::Search => "catalogue search",
        }
    }

    pub fn operation(self) -> &'static str {
        match self {
            Endpoint::Upcoming => "GET …/me/sessions?from=…&to=… (14 days)",
            Endpoint::LogSet => "POST …/me/logs (one set)",
            Endpoint::WeeklyStats => "GET …/groups/{group}/stats?from=…&to=… (last week, 30 athletes)",
            Endpoint::Search => "GET …/search?q=…",
        }
    }

    fn expected(self) -> StatusCode {
        match self {
            Endpoint::LogSet => StatusCode::CREATED,
            _ => StatusCode::OK,
        }
    }

    fn request(
        self,
        client: &Client,
        base: &str,
        fixture: &Fixture,
        spread: Spread,
        rng: &mut fastrand::Rng,
    ) -> RequestBuilder {
        let club = fixture.pick(spread, rng);
        let slug = club.club.slug.as_str();
        let athlete = &club.athletes[rng.usize(..club.athletes.len())];
        let today = fixture.today;
        match self {
            Endpoint::Upcoming => client
                .get(format!(
                    "{base}/api/v1/clubs/{slug}/me/sessions?from={today}&to={}",
                    today + Days::new(DAYS_AHEAD)
                ))
                .bearer_auth(&athlete.token),
            Endpoint::LogSet => {
                let body = json!({
                    "id": uuid::Uuid::new_v4(),
                    "performed_on": today.to_string(),
                    "sets": [{"exercise_id": fixture.snatch, "reps": 2, "load_kg": 70.0, "made": true}],
                });
                client.post(format!("{base}/api/v1/clubs/{slug}/me/logs")).bearer_auth(&athlete.token).json(&body)
            }
            Endpoint::WeeklyStats => {
                let monday = today - Days::new(u64::from(today.weekday().num_days_from_monday()) + 7);
                let sunday = monday + Days::new(6);
                client
                    .get(format!("{base}/api/v1/clubs/{slug}/groups/{}/stats?from={monday}&to={sunday}", fixture.group))
                    .bearer_auth(&club.coach.token)
            }
            Endpoint::Search => {
                let q = SEARCHES[rng.usize(..SEARCHES.len())];
                client.get(format!("{base}/api/v1/clubs/{slug}/search?q={q}&limit=20")).bearer_auth(&club.coach.token)
            }
        }
    }

    /// One request, checked for content, so that a broken data set fails the benchmark instead
    /// of timing empty answers.
    pub async fn check(self, client: &Client, base: &str, fixture: &Fixture) {
        let mut rng = fastrand::Rng::with_seed(7);
        let response = self.request(client, base, fixture, Spread::Full, &mut rng).send().await.expect("a request");
        let status = response.status();
        let body: Value = response.json().await.unwrap_or(Value::Null);
        assert_eq!(status, self.expected(), "{}: {body}", self.name());
        let fine = match self {
            Endpoint::Upcoming => body.as_array().is_some_and(|sessions| {
                sessions.len() >= 4
                    && sessions.iter().all(|s| s["loads"][0]["sets"][0]["load_kg"].as_f64().is_some_and(|kg| kg > 20.0))
            }),
            Endpoint::LogSet => body["sets"].as_array().is_some_and(|s| s.len() == 1),
            Endpoint::WeeklyStats => {
                body["done"]["lifts"].as_u64().is_some_and(|l| l > 500)
                    && body["athletes"].as_array().is_some_and(|a| a.len() == crate::fixture::ATHLETES)
            }
            Endpoint::Search => {
                body["degraded"] != json!(true) && body["hits"].as_array().is_some_and(|h| !h.is_empty())
            }
        };
        assert!(fine, "{}: unexpected answer {body}", self.name());
    }
}

pub fn client() -> Client {
    Client::builder().pool_max_idle_per_host(usize::MAX).tcp_nodelay(true).build().expect("an HTTP client")
}

pub struct Outcome {
    pub requests: usize,
    pub errors: usize,
    pub per_second: f64,
    /// Sorted, in microseconds.
    latencies: Vec<u32>,
    pub cpu: machine::Usage,
    pub memory_mib: (f64, f64),
    pub first_error: Option<String>,
}

impl Outcome {
    /// The latency under which a share `q` of the requests were answered, in milliseconds.
    pub fn percentile(&self, q: f64) -> f64 {
        if self.latencies.is_empty() {
            return f64::NAN;
        }
        let rank = ((q * self.latencies.len() as f64).ceil() as usize).clamp(1, self.latencies.len());
        f64::from(self.latencies[rank - 1]) / 1000.0
    }

    /// The report's table columns that `cells` fills, with their separator row.
    pub const COLUMNS: [&str; 2] = [
        "requests/s | p50 | p95 | p99 | errors | CPU cores: server / PostgreSQL / Typesense+Redis / load generator | server RSS (peak)",
        "---|---|---|---|---|---|---",
    ];

    /// The report's table cells: requests/s, p50, p95, p99, errors, CPU, server RSS (peak).
    pub fn cells(&self) -> String {
        format!(
            "{:.0} | {:.2} ms | {:.2} ms | {:.2} ms | {} | {:.2} / {:.2} / {:.2} / {:.2} | {:.0} MiB ({:.0})",
            self.per_second,
            self.percentile(0.5),
            self.percentile(0.95),
            self.percentile(0.99),
            self.errors,
            self.cpu.measured,
            self.cpu.postgres,
            self.cpu.services,
            self.cpu.generator,
            self.memory_mib.0,
            self.memory_mib.1
        )
    }
}

impl fmt::Display for Outcome {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:>7.0}/s ({} requests)  p50 {:>6.2} ms  p95 {:>6.2} ms  p99 {:>6.2} ms  errors {}  cpu: server {:.2}, postgres {:.2}, typesense+redis {:.2}, generator {:.2}  rss {:.0} MiB",
            self.per_second,
            self.requests,
            self.percentile(0.5),
            self.percentile(0.95),
            self.percentile(0.99),
            self.errors,
            self.cpu.measured,
            self.cpu.postgres,
            self.cpu.services,
            self.cpu.generator,
            self.memory_mib.0,
        )?;
        if let Some(error) = &self.first_error {
            write!(f, "  first error: {error}")?;
        }
        Ok(())
    }
}

#[allow(clippy::too_many_arguments)]
pub async fn run(
    client: &Client,
    server: &Server,
    fixture: &Fixture,
    endpoint: Endpoint,
    spread: Spread,
    concurrency: usize,
    warm_up: Duration,
    measure: Duration,
) -> Outcome {
    let recording = AtomicBool::new(false);
    let stop = AtomicBool::new(false);
    let base = server.base.as_str();
    // Every connection is a future of this task (reqwest drives the sockets on the runtime's
    // threads), so they can borrow the fixture.
    let worker = |seed: u64| {
        let (recording, stop) = (&recording, &stop);
        async move {
            let mut rng = fastrand::Rng::with_seed(seed * 7919 + 1);
            let mut latencies = Vec::with_capacity(1 << 16);
            let mut errors = 0;
            let mut first_error = None;
            while !stop.load(Ordering::Relaxed) {
                let request = endpoint.request(client, base, fixture, spread, &mut rng);
                let sent = Instant::now();
                let answer = match request.send().await {
                    Ok(response) => {
                        let status = response.status();
                        match (status == endpoint.expected(), response.bytes().await) {
                            (true, Ok(_)) => Ok(()),
                            (_, body) => Err(format!(
                                "{status} {}",
                                body.map(|b| String::from_utf8_lossy(&b).into_owned()).unwrap_or_default()
                            )),
                        }
                    }
                    Err(error) => Err(error.to_string()),
                };
                let took = sent.elapsed();
                if recording.load(Ordering::Relaxed) {
                    latencies.push(u32::try_from(took.as_micros()).unwrap_or(u32::MAX));
                    if let Err(error) = answer {
                        errors += 1;
                        first_error.get_or_insert(error);
                    }
                }
            }
            (latencies, errors, first_error)
        }
    };
    let clock = async {
        tokio::time::sleep(warm_up).await;
        let before = machine::sample(server.pid);
        recording.store(true, Ordering::Relaxed);
        tokio::time::sleep(measure).await;
        recording.store(false, Ordering::Relaxed);
        let after = machine::sample(server.pid);
        stop.store(true, Ordering::Relaxed);
        machine::usage(&before, &after)
    };
    let (results, cpu) = tokio::join!(futures::future::join_all((0..concurrency as u64).map(worker)), clock);
    let mut latencies = Vec::new();
    let mut errors = 0;
    let mut first_error = None;
    for (mut own, own_errors, own_first) in results {
        latencies.append(&mut own);
        errors += own_errors;
        if first_error.is_none() {
            first_error = own_first;
        }
    }
    latencies.sort_unstable();
    Outcome {
        requests: latencies.len(),
        errors,
        per_second: latencies.len() as f64 / measure.as_secs_f64(),
        latencies,
        cpu,
        memory_mib: machine::memory_mib(server.pid),
        first_error,
    }
}
