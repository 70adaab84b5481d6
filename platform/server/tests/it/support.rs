//! `spawn_app`: the real application on a free port with a fresh database, plus throwaway
//! service processes for tests that stop a service under a running server.

use std::{
    net::TcpListener,
    path::PathBuf,
    process::{Child, Command, Stdio},
    time::Duration,
};

use dropit_server::{Application, Settings, migrate};
use tokio::{sync::oneshot, task::JoinHandle};

pub use dropit_testing::{fresh_database_url as fresh_database, stack_var, stack_vars};

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub database_url: String,
    shutdown: Option<oneshot::Sender<()>>,
    server: Option<JoinHandle<std::io::Result<()>>>,
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.address, path)
    }

    pub async fn get_json(&self, path: &str) -> (u16, serde_json::Value) {
        let resp = self.client.get(self.url(path)).send().await.expect("request");
        let status = resp.status().as_u16();
        (status, resp.json().await.expect("json body"))
    }

    pub fn begin_shutdown(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
    }

    pub async fn wait_stopped(mut self) -> std::io::Result<()> {
        self.server.take().expect("running").await.expect("server task")
    }
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(&[]).await
}

/// Starts the application with the stack's settings, a fresh migrated database, port 0,
/// and the given overrides.
pub async fn spawn_app_with(overrides: &[(&str, &str)]) -> TestApp {
    let database_url = fresh_database().await;
    let mut vars = stack_vars();
    let fixed = [
        ("DROPIT_SERVER__PORT", "0"),
        ("DROPIT_DATABASE__URL", database_url.as_str()),
        ("DROPIT_DATABASE__MAX_CONNECTIONS", "4"),
        ("DROPIT_HEALTH__TIMEOUT_MS", "1500"),
    ];
    for (key, value) in fixed.iter().chain(overrides) {
        vars.retain(|(k, _)| k != key);
        vars.push(((*key).to_owned(), (*value).to_owned()));
    }
    let borrowed: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let settings = Settings::load_with(None, &borrowed).expect("test settings");
    if !overrides.iter().any(|(k, _)| *k == "DROPIT_DATABASE__URL") {
        migrate::migrate_platform(&settings.database).await.expect("migrating the test database");
    }

    let application = Application::build(&settings).await.expect("building the application");
    let address = format!("http://{}", application.address());
    let (tx, rx) = oneshot::channel::<()>();
    let server = tokio::spawn(application.run_until(async {
        let _ = rx.await;
    }));
    TestApp {
        address,
        client: reqwest::Client::builder().timeout(Duration::from_secs(10)).build().expect("client"),
        database_url,
        shutdown: Some(tx),
        server: Some(server),
    }
}

/// A port nobody listens on (bound then released).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("repository root")
}

/// A service process of the test's own, killed when dropped.
pub struct OwnService {
    child: Option<Child>,
    pub port: u16,
    command: Vec<String>,
    _dir: tempfile::TempDir,
}

impl OwnService {
    pub fn redis() -> Self {
        let port = free_port();
        let dir = tempfile::tempdir().expect("tempdir");
        let command = vec![
            "redis-server".to_owned(),
            "--bind".into(),
            "127.0.0.1".into(),
            "--port".into(),
            port.to_string(),
            "--save".into(),
            String::new(),
            "--appendonly".into(),
            "no".into(),
            "--dir".into(),
            dir.path().display().to_string(),
        ];
        Self::start(port, command, dir)
    }

    pub fn typesense(api_key: &str) -> Self {
        let port = free_port();
        let peering = free_port();
        let dir = tempfile::tempdir().expect("tempdir");
        let binary = repo_root().join(".dropit/bin/typesense-server");
        let command = vec![
            binary.display().to_string(),
            "--data-dir".into(),
            dir.path().display().to_string(),
            "--api-key".into(),
            api_key.to_owned(),
            "--api-address".into(),
            "127.0.0.1".into(),
            "--api-port".into(),
            port.to_string(),
            "--peering-address".into(),
            "127.0.0.1".into(),
            "--peering-port".into(),
            peering.to_string(),
        ];
        Self::start(port, command, dir)
    }

    pub fn s3(access_key: &str, secret_key: &str, bucket: &str) -> Self {
        let port = free_port();
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir(dir.path().join(bucket)).expect("bucket directory");
        let command = vec![
            "s3s-fs".to_owned(),
            "--host".into(),
            "127.0.0.1".into(),
            "--port".into(),
            port.to_string(),
            "--access-key".into(),
            access_key.to_owned(),
            "--secret-key".into(),
            secret_key.to_owned(),
            dir.path().display().to_string(),
        ];
        Self::start(port, command, dir)
    }

    fn start(port: u16, command: Vec<String>, dir: tempfile::TempDir) -> Self {
        let mut service = Self { child: None, port, command, _dir: dir };
        service.restart();
        service
    }

    /// Starts (again) on the same port and waits until it accepts connections.
    pub fn restart(&mut self) {
        let child = Command::new(&self.command[0])
            .args(&self.command[1..])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("starting {}: {e}", self.command[0]));
        self.child = Some(child);
        for _ in 0..200 {
            if std::net::TcpStream::connect(("127.0.0.1", self.port)).is_ok() {
                return;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!("{} did not listen on {} within 10 s", self.command[0], self.port);
    }

    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for OwnService {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Polls `/api/health/ready` until `service` has the wanted status (or gives up after 15 s).
pub async fn wait_for_service_status(app: &TestApp, service: &str, wanted: &str) -> serde_json::Value {
    let mut last = serde_json::Value::Null;
    for _ in 0..60 {
        let (_, body) = app.get_json("/api/health/ready").await;
        if service_status(&body, service) == Some(wanted) {
            return body;
        }
        last = body;
        tokio::time::sleep(Duration::from_millis(250)).await;
    }
    panic!("{service} never became {wanted}: {last}");
}

pub fn service_status<'a>(ready: &'a serde_json::Value, service: &str) -> Option<&'a str> {
    ready["services"].as_array()?.iter().find(|s| s["name"] == service)?["status"].as_str()
}
