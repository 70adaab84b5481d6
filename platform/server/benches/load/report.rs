//! The figures as a section of `BENCHMARKS.md`, replaced on every run.

use std::{fmt::Write, time::Duration};

use dropit_testing::browser::repo_root;

use crate::{
    fixture::Spread,
    load::{Endpoint, Outcome},
    machine::Machine,
    pgbench,
};

const BEGIN: &str = "<!-- load:begin (written by scripts/bench load) -->";
const END: &str = "<!-- load:end -->";

pub struct Report {
    pub machine: Machine,
    pub data: String,
    pub ceiling: Vec<pgbench::Run>,
    pub outcomes: Vec<(Endpoint, usize, Outcome)>,
    pub fleet: Vec<FleetRun>,
    pub starts: (Duration, Duration),
    pub profile: Option<crate::profile::Profile>,
    pub sql: String,
    pub took: Duration,
}

/// One measurement with 5,000 clubs.
pub struct FleetRun {
    /// The server's `database.club_pools`.
    pub pools: u32,
    pub spread: Spread,
    pub warm_up: Duration,
    pub outcome: Outcome,
}

fn pools(pools: u32) -> String {
    match pools {
        1 => "one pool".to_owned(),
        n => format!("{n} club pools sharing the 10 connections"),
    }
}

fn verdict(met: bool) -> &'static str {
    if met { "**met**" } else { "**missed**" }
}

impl Report {
    fn outcome(&self, endpoint: Endpoint, concurrency: usize) -> &Outcome {
        &self.outcomes.iter().find(|(e, c, _)| *e == endpoint && *c == concurrency).expect("measured").2
    }

    fn render(&self) -> String {
        let mut md = String::new();
        let _ = writeln!(md, "{BEGIN}");
        let _ = writeln!(
            md,
            "Measured on {} on {}, in {:.0} minutes in all. Data: {}.\n",
            chrono::Local::now().format("%Y-%m-%d"),
            self.machine,
            self.took.as_secs_f64() / 60.0,
            self.data
        );
        let _ = writeln!(md, "**Targets**\n");
        let best = self.ceiling.iter().max_by(|a, b| a.per_second.total_cmp(&b.per_second)).expect("a ceiling");
        let upcoming = self.outcome(Endpoint::Upcoming, 64);
        let share = upcoming.per_second / best.per_second;
        let _ = writeln!(
            md,
            "- Upcoming sessions at 64 connections: {:.0} requests/s, {:.2} of the pgbench ceiling ({:.0} transactions/s with {} clients), p99 {:.1} ms. Target ≥ 0.5 and p99 < 50 ms: {}.",
            upcoming.per_second,
            share,
            best.per_second,
            best.clients,
            upcoming.percentile(0.99),
            verdict(share >= 0.5 && upcoming.percentile(0.99) < 50.0 && upcoming.errors == 0)
        );
        let writes = self
            .outcomes
            .iter()
            .filter(|(e, _, o)| *e == Endpoint::LogSet && o.errors == 0 && o.percentile(0.99) < 50.0)
            .max_by(|a, b| a.2.per_second.total_cmp(&b.2.per_second));
        match writes {
            Some((_, concurrency, o)) => {
                let _ = writeln!(
                    md,
                    "- Logging a set: {:.0} writes/s at {concurrency} connections with p99 {:.1} ms. Target ≥ 1,000/s with p99 < 50 ms: {}.",
                    o.per_second,
                    o.percentile(0.99),
                    verdict(o.per_second >= 1000.0)
                );
            }
            None => {
                let _ =
                    writeln!(md, "- Logging a set: no level kept p99 under 50 ms without errors. Target: **missed**.");
            }
        }
        let small = upcoming.percentile(0.99);
        for run in &self.fleet {
            let ratio = run.outcome.percentile(0.99) / small;
            let _ = writeln!(
                md,
                "- Upcoming sessions with 5,000 clubs, 64 connections, {}, {} after {} s of warm-up: p99 {:.1} ms, {:.2}× the p99 with 200 clubs ({:.1} ms), at {:.0} requests/s. Target ≤ 1.5×: {}.",
                run.spread.describe(),
                pools(run.pools),
                run.warm_up.as_secs(),
                run.outcome.percentile(0.99),
                ratio,
                small,
                run.outcome.per_second,
                verdict(ratio <= 1.5 && run.outcome.errors == 0)
            );
        }
        let _ = writeln!(
            md,
            "- Server start until ready (the authorizer loads every membership first): {:.2} s with 200 clubs, {:.2} s with 5,000.\n",
            self.starts.0.as_secs_f64(),
            self.starts.1.as_secs_f64()
        );

        let _ = writeln!(md, "**Ceiling: pgbench running the upcoming-sessions SQL** (script below)\n");
        let _ = writeln!(
            md,
            "| clients | transactions/s | latency average | CPU cores: PostgreSQL / pgbench |\n|---|---|---|---|"
        );
        for run in &self.ceiling {
            let _ = writeln!(
                md,
                "| {} | {:.0} | {:.2} ms | {:.2} / {:.2} |",
                run.clients, run.per_second, run.latency_ms, run.postgres_cores, run.pgbench_cores
            );
        }
        let _ = writeln!(md, "\n**The API, 200 clubs**\n");
        let [columns, rule] = Outcome::COLUMNS;
        let _ = writeln!(md, "| endpoint | connections | {columns} |\n|---|---|{rule}|");
        for (endpoint, concurrency, o) in &self.outcomes {
            let _ = writeln!(md, "| {} | {concurrency} | {} |", endpoint.name(), o.cells());
        }
        let _ = writeln!(md, "\n**The API, 5,000 clubs** (upcoming sessions, 64 connections)\n");
        let _ = writeln!(md, "| club pools | spread | warm-up | {columns} |\n|---|---|---|{rule}|");
        for run in &self.fleet {
            let _ = writeln!(
                md,
                "| {} | {} | {} s | {} |",
                run.pools,
                run.spread.describe(),
                run.warm_up.as_secs(),
                run.outcome.cells()
            );
        }
        if let Some(profile) = &self.profile {
            let _ = writeln!(
                md,
                "\n**Where the CPU goes**: `perf record -a` over 10 s of upcoming sessions at 64 connections, 200 clubs; self time per symbol, in % of all samples on the machine.\n"
            );
            let _ = writeln!(md, "The server:\n\n```\n{}\n```\n", profile.server);
            let _ = writeln!(md, "PostgreSQL:\n\n```\n{}\n```", profile.postgres);
        }
        let _ = writeln!(md, "\nThe endpoints:\n");
        for endpoint in Endpoint::ALL {
            let _ = writeln!(md, "- {}: `{}`", endpoint.name(), endpoint.operation());
        }
        let _ = writeln!(
            md,
            "\nThe pgbench script (`-M prepared`, `:from`/`:to` the same 14 days):\n\n```sql\n{}```",
            self.sql
        );
        let _ = writeln!(md, "{END}");
        md
    }

    /// Prints the section and puts it in `BENCHMARKS.md` in place of the last one.
    pub fn write(&self) {
        let section = self.render();
        println!("\n{section}");
        let path = repo_root().join("BENCHMARKS.md");
        let current = std::fs::read_to_string(&path).expect("BENCHMARKS.md");
        let updated = match (current.find(BEGIN), current.find(END)) {
            (Some(begin), Some(end)) => {
                format!("{}{}{}", &current[..begin], section.trim_end(), &current[end + END.len()..])
            }
            _ => format!("{}\n{section}", current.trim_end()),
        };
        std::fs::write(&path, updated).expect("writing BENCHMARKS.md");
        println!("BENCHMARKS.md updated");
    }
}
