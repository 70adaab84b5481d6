//! The machine, and the CPU time and memory of the processes under load, from `/proc`.

use std::{fmt, sync::OnceLock, time::Instant};

pub struct Machine {
    pub cpu: String,
    pub cores: usize,
    pub memory_gib: f64,
    pub kernel: String,
}

impl Machine {
    pub fn describe() -> Machine {
        let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
        let cpu = cpuinfo
            .lines()
            .find_map(|l| l.strip_prefix("model name").map(|r| r.trim_start_matches([' ', '\t', ':']).to_owned()))
            .unwrap_or_else(|| "unknown".to_owned());
        let cores = std::thread::available_parallelism().map(usize::from).unwrap_or(1);
        let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
        let memory_kib: f64 = meminfo
            .lines()
            .find_map(|l| l.strip_prefix("MemTotal:"))
            .and_then(|r| r.split_whitespace().next()?.parse().ok())
            .unwrap_or(0.0);
        let kernel = std::fs::read_to_string("/proc/sys/kernel/osrelease").unwrap_or_default().trim().to_owned();
        Machine { cpu, cores, memory_gib: memory_kib / 1024.0 / 1024.0, kernel }
    }
}

impl fmt::Display for Machine {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} cores ({}), {:.0} GiB, Linux {}", self.cores, self.cpu, self.memory_gib, self.kernel)
    }
}

fn ticks_per_second() -> f64 {
    static TICKS: OnceLock<f64> = OnceLock::new();
    *TICKS.get_or_init(|| {
        std::process::Command::new("getconf")
            .arg("CLK_TCK")
            .output()
            .ok()
            .and_then(|o| String::from_utf8_lossy(&o.stdout).trim().parse().ok())
            .unwrap_or(100.0)
    })
}

/// User plus system CPU ticks of a process, and its command name.
fn cpu_ticks(stat_path: &str) -> Option<(String, u64)> {
    let stat = std::fs::read_to_string(stat_path).ok()?;
    let open = stat.find('(')?;
    let close = stat.rfind(')')?;
    let name = stat[open + 1..close].to_owned();
    // After the name: state is field 3, utime 14 and stime 15.
    let fields: Vec<&str> = stat[close + 2..].split_whitespace().collect();
    let utime: u64 = fields.get(11)?.parse().ok()?;
    let stime: u64 = fields.get(12)?.parse().ok()?;
    Some((name, utime + stime))
}

/// CPU ticks of every process named one of `names` (PostgreSQL's postmaster and backends, …).
fn ticks_of(names: &[&str]) -> u64 {
    let Ok(entries) = std::fs::read_dir("/proc") else { return 0 };
    entries
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().bytes().all(|b| b.is_ascii_digit()))
        .filter_map(|e| cpu_ticks(&format!("{}/stat", e.path().display())))
        .filter(|(name, _)| names.contains(&name.as_str()))
        .map(|(_, ticks)| ticks)
        .sum()
}

#[derive(Clone, Copy)]
pub struct Sample {
    at: Instant,
    measured: u64,
    postgres: u64,
    services: u64,
    own: u64,
}

/// What one process under test, PostgreSQL, and this process have used so far.
pub fn sample(pid: u32) -> Sample {
    Sample {
        at: Instant::now(),
        measured: cpu_ticks(&format!("/proc/{pid}/stat")).map_or(0, |(_, t)| t),
        postgres: ticks_of(&["postgres"]),
        services: ticks_of(&["typesense-serve", "redis-server"]),
        own: cpu_ticks("/proc/self/stat").map_or(0, |(_, t)| t),
    }
}

/// CPU used between two samples, in cores (1.0 is one core busy all the time).
#[derive(Clone, Copy, Default)]
pub struct Usage {
    pub measured: f64,
    pub postgres: f64,
    /// Typesense and Redis.
    pub services: f64,
    pub generator: f64,
}

pub fn usage(from: &Sample, to: &Sample) -> Usage {
    let seconds = (to.at - from.at).as_secs_f64() * ticks_per_second();
    let cores = |a: u64, b: u64| b.saturating_sub(a) as f64 / seconds;
    Usage {
        measured: cores(from.measured, to.measured),
        postgres: cores(from.postgres, to.postgres),
        services: cores(from.services, to.services),
        generator: cores(from.own, to.own),
    }
}

/// Resident memory of a process now and at its peak, in MiB.
pub fn memory_mib(pid: u32) -> (f64, f64) {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap_or_default();
    let field = |name: &str| -> f64 {
        status
            .lines()
            .find_map(|l| l.strip_prefix(name))
            .and_then(|r| r.split_whitespace().next()?.parse::<f64>().ok())
            .unwrap_or(0.0)
            / 1024.0
    };
    (field("VmRSS:"), field("VmHWM:"))
}
