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

/// The password every test account uses.
pub const PASSWORD: &str = "barbell-complex-2026";

/// A message as its reader sees it: headers, then the quoted-printable body decoded.
fn decode_mail(path: &std::path::Path) -> String {
    let raw = std::fs::read_to_string(path).expect("mail").replace("\r\n", "\n");
    let (headers, body) = raw.split_once("\n\n").unwrap_or((raw.as_str(), ""));
    let body = quoted_printable::decode(body, quoted_printable::ParseMode::Robust).expect("quoted-printable");
    format!("{headers}\n\n{}", String::from_utf8_lossy(&body))
}

/// A signed-in test person.
#[derive(Debug, Clone)]
pub struct Person {
    pub email: String,
    pub token: String,
    pub user_id: String,
}

pub struct TestApp {
    /// Where the app's mail goes (the file transport).
    pub mail_dir: tempfile::TempDir,
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

    /// The messages sent so far, as text (quoted-printable bodies decoded).
    pub fn mails(&self) -> Vec<String> {
        let mut mails: Vec<(std::time::SystemTime, String)> = std::fs::read_dir(self.mail_dir.path())
            .expect("mail dir")
            .flatten()
            .filter(|e| e.path().extension().is_some_and(|x| x == "eml"))
            .map(|e| (e.metadata().and_then(|m| m.modified()).expect("mtime"), decode_mail(&e.path())))
            .collect();
        mails.sort();
        mails.into_iter().map(|(_, text)| text).collect()
    }

    /// Signs up a new person with a unique email; returns the email.
    pub async fn sign_up(&self, name: &str) -> String {
        let email = format!("{name}-{}@example.org", uuid::Uuid::new_v4().simple());
        let resp = self
            .client
            .post(self.url("/api/v1/auth/signup"))
            .json(&serde_json::json!({"email": email, "password": PASSWORD, "display_name": name}))
            .send()
            .await
            .expect("sign up");
        assert_eq!(resp.status(), 200, "{}", resp.text().await.unwrap_or_default());
        email
    }

    /// Signs in as the mobile app; returns the session body (access and refresh tokens).
    pub async fn log_in(&self, email: &str) -> serde_json::Value {
        let (status, body) = self
            .post_json(
                "/api/v1/auth/login",
                None,
                serde_json::json!({"email": email, "password": PASSWORD, "client": "mobile"}),
            )
            .await;
        assert_eq!(status, 200, "{body}");
        body
    }

    /// Signs up and in; returns (email, access token, user id).
    pub async fn person(&self, name: &str) -> Person {
        let email = self.sign_up(name).await;
        let session = self.log_in(&email).await;
        Person {
            email,
            token: session["access_token"].as_str().expect("token").to_owned(),
            user_id: session["user_id"].as_str().expect("user id").to_owned(),
        }
    }

    pub async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        token: Option<&str>,
        body: Option<serde_json::Value>,
    ) -> (u16, serde_json::Value) {
        let mut request = self.client.request(method, self.url(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(&body);
        }
        let resp = request.send().await.expect("request");
        let status = resp.status().as_u16();
        let text = resp.text().await.expect("body");
        (status, serde_json::from_str(&text).unwrap_or(serde_json::Value::Null))
    }

    /// Sends a file's raw bytes (`application/octet-stream`), as uploads and imports are sent,
    /// in the given language; answers the status and the JSON body (null when there is none).
    pub async fn send_bytes(
        &self,
        method: reqwest::Method,
        path: &str,
        token: Option<&str>,
        bytes: Vec<u8>,
        language: &str,
    ) -> (u16, serde_json::Value) {
        let mut request = self
            .client
            .request(method, self.url(path))
            .header("content-type", "application/octet-stream")
            .header("accept-language", language)
            .body(bytes);
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        let resp = request.send().await.expect("request");
        let status = resp.status().as_u16();
        let text = resp.text().await.expect("body");
        (status, serde_json::from_str(&text).unwrap_or(serde_json::Value::Null))
    }

    pub async fn post_json(
        &self,
        path: &str,
        token: Option<&str>,
        body: serde_json::Value,
    ) -> (u16, serde_json::Value) {
        self.send(reqwest::Method::POST, path, token, Some(body)).await
    }

    pub async fn get_as(&self, path: &str, token: &str) -> (u16, serde_json::Value) {
        self.send(reqwest::Method::GET, path, Some(token), None).await
    }

    pub async fn get_json(&self, path: &str) -> (u16, serde_json::Value) {
        let resp = self.client.get(self.url(path)).send().await.expect("request");
        let status = resp.status().as_u16();
        (status, resp.json().await.expect("json body"))
    }

    /// The port the server listens on.
    pub fn port(&self) -> u16 {
        self.address.rsplit(':').next().and_then(|p| p.parse().ok()).expect("a port in the address")
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
    start_app(fresh_database().await, overrides).await
}

/// Starts the application again on `port` over an existing database, as a server restarted
/// after an outage: the same address and data, nothing migrated.
pub async fn spawn_app_on(port: u16, database_url: &str, overrides: &[(&str, &str)]) -> TestApp {
    let port = port.to_string();
    let mut all = vec![("DROPIT_SERVER__PORT", port.as_str()), ("DROPIT_DATABASE__URL", database_url)];
    all.extend_from_slice(overrides);
    start_app(database_url.to_owned(), &all).await
}

async fn start_app(database_url: String, overrides: &[(&str, &str)]) -> TestApp {
    let mail_dir = tempfile::tempdir().expect("mail dir");
    let mail_path = mail_dir.path().display().to_string();
    let mut vars = stack_vars();
    let fixed = [
        ("DROPIT_SERVER__PORT", "0"),
        // Every test signs in from 127.0.0.1 against the same Redis: only the per-account limit
        // is exercised by default (a test of the per-address limit brings its own Redis).
        ("DROPIT_AUTH__MAX_FAILURES_PER_ADDRESS", "100000"),
        ("DROPIT_DATABASE__URL", database_url.as_str()),
        ("DROPIT_DATABASE__MAX_CONNECTIONS", "4"),
        ("DROPIT_HEALTH__TIMEOUT_MS", "1500"),
        ("DROPIT_MAIL__TRANSPORT", "file"),
        ("DROPIT_MAIL__DIR", mail_path.as_str()),
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
        mail_dir,
        address,
        client: reqwest::Client::builder().timeout(Duration::from_secs(10)).build().expect("client"),
        database_url,
        shutdown: Some(tx),
        server: Some(server),
    }
}

/// Runs the `dropit` binary with the stack's settings against the app's database; answers
/// whether it succeeded, its standard output and its standard error.
pub fn run_dropit(app: &TestApp, args: &[&str]) -> (bool, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_dropit"))
        .args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .envs(stack_vars())
        .env("DROPIT_DATABASE__URL", &app.database_url)
        .env("DROPIT_LOG__FILTER", "warn")
        .output()
        .expect("running dropit");
    (
        output.status.success(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
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

/// Makes `user` a member of `club` with `role`, as a back-office tool would: written to the
/// database, announced to the servers, and waited for until the app knows it.
pub async fn add_member(app: &TestApp, club_slug: &str, club_id: &str, person: &Person, role: &str) {
    use dropit_identity::{domain::UserId, infrastructure::memberships::PgMemberships};

    let db = sea_orm::Database::connect(&app.database_url).await.expect("connect");
    let user = UserId::from_uuid(uuid::Uuid::parse_str(&person.user_id).expect("user id"));
    let club = uuid::Uuid::parse_str(club_id).expect("club id");
    let role_value = dropit_permissions::Role::parse(role).expect("role");
    PgMemberships::put(&db, user, club, role_value).await.expect("membership");
    let client = redis::Client::open(stack_var("DROPIT_REDIS__URL")).expect("redis");
    let mut conn = client.get_multiplexed_async_connection().await.expect("redis connection");
    let notice = format!("grant {} {club} {role}", person.user_id);
    for _ in 0..100 {
        let _: i64 = redis::cmd("PUBLISH")
            .arg(dropit_identity::infrastructure::authorization::CHANNEL)
            .arg(&notice)
            .query_async(&mut conn)
            .await
            .expect("publish");
        let (status, me) = app.get_as("/api/v1/me", &person.token).await;
        assert_eq!(status, 200);
        let (club_status, _) = app
            .send(reqwest::Method::GET, &format!("/api/v1/clubs/{club_slug}/members"), Some(&person.token), None)
            .await;
        let listed = me["clubs"].as_array().is_some_and(|c| c.iter().any(|c| c["slug"] == club_slug));
        if listed && club_status != 404 {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the server never learned that {} is a {role} of {club_slug}", person.email);
}

/// Creates a club through the API as `founder`; returns its id.
pub async fn create_club(app: &TestApp, founder: &Person, slug: &str) -> String {
    let (status, body) = app
        .post_json(
            "/api/v1/clubs",
            Some(&founder.token),
            serde_json::json!({"slug": slug, "name": format!("Club {slug}")}),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    body["id"].as_str().expect("club id").to_owned()
}

/// Makes `person` a platform operator, as `dropit operators add` does, and waits until the
/// app knows it.
pub async fn make_operator(app: &TestApp, person: &Person) {
    let db = sea_orm::Database::connect(&app.database_url).await.expect("connect");
    sea_orm::ConnectionTrait::execute_unprepared(
        &db,
        &format!("UPDATE platform.users SET is_operator = true WHERE id = '{}'", person.user_id),
    )
    .await
    .expect("operator");
    let client = redis::Client::open(stack_var("DROPIT_REDIS__URL")).expect("redis");
    let mut conn = client.get_multiplexed_async_connection().await.expect("redis connection");
    for _ in 0..100 {
        let _: i64 = redis::cmd("PUBLISH")
            .arg(dropit_identity::infrastructure::authorization::CHANNEL)
            .arg(format!("operator {}", person.user_id))
            .query_async(&mut conn)
            .await
            .expect("publish");
        if app.get_as("/api/v1/platform/clubs", &person.token).await.0 == 200 {
            return;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("the server never learned that {} is an operator", person.email);
}
