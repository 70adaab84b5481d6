//! The release `dropit serve` under test, in its own process so that its CPU and memory can be
//! read apart from the load generator's.

use std::{
    fs::OpenOptions,
    process::Stdio,
    time::{Duration, Instant},
};

use dropit_testing::browser::repo_root;
use tokio::process::{Child, Command};

pub struct Server {
    child: Child,
    pub pid: u32,
    pub base: String,
    /// From spawning the process to its first ready answer (the authorizer loads every
    /// membership before the server listens).
    pub started_in: Duration,
}

impl Server {
    pub async fn start(vars: &[(String, String)]) -> Server {
        let port = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port").local_addr().expect("addr").port();
        let log_path = repo_root().join(".dropit/logs/bench-server.log");
        let log = OpenOptions::new().create(true).append(true).open(&log_path).expect("the server's log file");
        let mut command = Command::new(env!("CARGO_BIN_EXE_dropit"));
        command.arg("serve").current_dir(repo_root()).stdout(Stdio::null()).stderr(log).kill_on_drop(true);
        for (key, value) in vars {
            command.env(key, value);
        }
        // As in production: one JSON access-log line per request.
        command
            .env("DROPIT_SERVER__PORT", port.to_string())
            .env("DROPIT_LOG__FORMAT", "json")
            .env("DROPIT_LOG__FILTER", "info,sqlx=warn");
        let spawned = Instant::now();
        let child = command.spawn().expect("starting dropit serve");
        let pid = child.id().expect("its pid");
        let base = format!("http://127.0.0.1:{port}");
        let client = reqwest::Client::new();
        loop {
            let ready = client.get(format!("{base}/api/health/ready")).send().await;
            if ready.is_ok_and(|r| r.status().is_success()) {
                break;
            }
            assert!(
                spawned.elapsed() < Duration::from_secs(180),
                "the server never became ready: see {}",
                log_path.display()
            );
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
        Server { child, pid, base, started_in: spawned.elapsed() }
    }

    pub async fn stop(mut self) {
        // SIGTERM, then wait: the server drains and closes its pool.
        let _ = std::process::Command::new("kill").arg("-TERM").arg(self.pid.to_string()).status();
        if tokio::time::timeout(Duration::from_secs(40), self.child.wait()).await.is_err() {
            let _ = self.child.kill().await;
        }
    }
}
