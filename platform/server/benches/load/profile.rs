//! Where the CPU goes under load: a system-wide `perf` sample (no call graphs), read as the
//! hottest symbols of the server and of PostgreSQL. Skipped where `perf` is missing.

use std::{
    process::{Command, Stdio},
    time::Duration,
};

pub struct Profile {
    pub server: String,
    pub postgres: String,
}

pub fn available() -> bool {
    Command::new("perf")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// Samples every CPU for `duration` (call it while the load runs); `server` is the server's pid.
pub fn record(duration: Duration, server: u32) -> Option<Profile> {
    let data = std::env::temp_dir().join("dropit-bench-perf.data");
    let recorded = Command::new("perf")
        .args(["record", "-a", "-F", "499", "-o"])
        .arg(&data)
        .args(["--", "sleep", &duration.as_secs().to_string()])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .ok()?;
    if !recorded.success() {
        return None;
    }
    let report = |extra: &[&str]| -> String {
        let output = Command::new("perf")
            .args(["report", "--stdio", "--no-children", "-i"])
            .arg(&data)
            .args(extra)
            .stderr(Stdio::null())
            .output()
            .map(|o| String::from_utf8_lossy(&o.stdout).into_owned())
            .unwrap_or_default();
        output
            .lines()
            .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
            .map(|l| l.trim_end().trim_end_matches(['-', ' ']))
            .take(25)
            .collect::<Vec<_>>()
            .join("\n")
    };
    Some(Profile {
        server: report(&["--pid", &server.to_string(), "--sort", "dso,symbol", "--percent-limit", "0.7"]),
        postgres: report(&["--comms", "postgres", "--sort", "dso,symbol", "--percent-limit", "0.7"]),
    })
}
