//! The ceiling: pgbench sending, for a random athlete of a random full club, the statements the
//! upcoming-sessions endpoint sends (its adapter's own), prepared as sqlx prepares them.

use std::{
    fmt,
    process::{Command, Stdio},
    time::Duration,
};

use chrono::Days;
use dropit_training::infrastructure::{PROGRAM_ATHLETE, program_sessions};
use sea_orm::{ConnectionTrait, Database};

use crate::{
    fixture::{DAYS_AHEAD, FULL_CLUBS, Fixture},
    machine,
};

pub struct Script {
    path: std::path::PathBuf,
    pub text: String,
    people: usize,
    from: String,
    to: String,
}

/// The club transaction's envelope (`dropit_tenancy::infrastructure::envelope`), which also
/// draws the athlete: one statement, as the server's `set_config` is one.
const FIRST: &str =
    "SELECT p.user_id AS u, set_config('search_path', p.schema_name, true), set_config('role', p.role_name, true),
  set_config('statement_timeout', '5000ms', true) FROM bench.people p WHERE p.n = :n \\gset";

impl Script {
    pub async fn write(fixture: &Fixture) -> Script {
        let db = Database::connect(&fixture.url).await.expect("connecting");
        db.execute_unprepared(
            "DROP SCHEMA IF EXISTS bench CASCADE; CREATE SCHEMA bench;
             CREATE TABLE bench.people (n int PRIMARY KEY, schema_name text NOT NULL, role_name text NOT NULL, user_id uuid NOT NULL)",
        )
        .await
        .expect("bench.people");
        let mut rows = Vec::new();
        for club in fixture.clubs.iter().take(FULL_CLUBS) {
            let ctx = club.club.context();
            for athlete in &club.athletes {
                rows.push(format!(
                    "({}, '{}', '{}', '{}')",
                    rows.len() + 1,
                    ctx.schema.quoted(),
                    ctx.role.as_str(),
                    athlete.id
                ));
            }
        }
        db.execute_unprepared(&format!("INSERT INTO bench.people VALUES {}", rows.join(","))).await.expect("people");
        db.execute_unprepared("ANALYZE bench.people").await.expect("analyze");
        db.close().await.expect("close");
        // `PgPlanning::program_of`'s two statements, as the adapter sends them: the athlete with
        // their bar, the club's plates and their maxima, then their sessions. An athlete with an
        // account has its id, so `:u` is both.
        let pgbench = |sql: &str| sql.replace("$1", ":u").replace("$2", ":from").replace("$3", ":to");
        let text = format!(
            "\\set n random(1, :people)\nBEGIN;\n{FIRST}\n{};\n{};\nCOMMIT;\n",
            pgbench(PROGRAM_ATHLETE),
            pgbench(&program_sessions())
        );
        let path = std::env::temp_dir().join("dropit-bench-upcoming.sql");
        std::fs::write(&path, &text).expect("writing the pgbench script");
        Script {
            path,
            text,
            people: rows.len(),
            from: fixture.today.to_string(),
            to: (fixture.today + Days::new(DAYS_AHEAD)).to_string(),
        }
    }
}

pub struct Run {
    pub clients: usize,
    pub per_second: f64,
    pub latency_ms: f64,
    pub postgres_cores: f64,
    pub pgbench_cores: f64,
}

impl fmt::Display for Run {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{:>7.0}/s  latency average {:.2} ms  cpu: postgres {:.2}, pgbench {:.2}",
            self.per_second, self.latency_ms, self.postgres_cores, self.pgbench_cores
        )
    }
}

pub fn run(script: &Script, url: &str, clients: usize, duration: Duration) -> Run {
    let child = Command::new("pgbench")
        .args(["-n", "-M", "prepared", "-c", &clients.to_string(), "-j", &clients.min(2).to_string()])
        .args(["-T", &duration.as_secs().to_string(), "-f"])
        .arg(&script.path)
        .args(["-D", &format!("people={}", script.people), "-D", &format!("from={}", script.from)])
        .args(["-D", &format!("to={}", script.to), url])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("running pgbench (postgresql-client)");
    // PostgreSQL's CPU is read while pgbench's connections live: their backends end with them.
    let margin = Duration::from_secs(2);
    std::thread::sleep(margin);
    let before = machine::sample(child.id());
    std::thread::sleep(duration.saturating_sub(margin * 2));
    let after = machine::sample(child.id());
    let output = child.wait_with_output().expect("pgbench's output");
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "pgbench failed: {stdout}{}", String::from_utf8_lossy(&output.stderr));
    let figure = |prefix: &str| -> f64 {
        stdout
            .lines()
            .find_map(|l| l.strip_prefix(prefix))
            .and_then(|r| r.split_whitespace().next()?.parse().ok())
            .unwrap_or_else(|| panic!("no `{prefix}` in pgbench's output: {stdout}"))
    };
    let failed = stdout.lines().find_map(|l| l.strip_prefix("number of failed transactions: ")).unwrap_or("0");
    assert!(failed.starts_with('0'), "pgbench transactions failed: {stdout}");
    let usage = machine::usage(&before, &after);
    Run {
        clients,
        per_second: figure("tps = "),
        latency_ms: figure("latency average = "),
        postgres_cores: usage.postgres,
        pgbench_cores: usage.measured,
    }
}
