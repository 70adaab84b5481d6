//! A real headless Chromium driven through chromedriver, for the apps' tests and benchmarks.
//! Each user gets its own browser with a fresh profile; one runs at a time, since a browser
//! takes most of a small machine. Screenshots go to `.dropit/screenshots/`.

use std::{
    path::PathBuf,
    process::{Child, Command, Stdio},
    sync::LazyLock,
    time::{Duration, Instant},
};

use fantoccini::ClientBuilder;
pub use fantoccini::{Client, Locator, elements::Element};
use hyper_util::client::legacy::connect::HttpConnector;
use serde_json::json;
use tokio::sync::{Semaphore, SemaphorePermit};

/// The repository's root folder.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("repository root")
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0").expect("bind").local_addr().expect("addr").port()
}

static ONE_AT_A_TIME: LazyLock<Semaphore> = LazyLock::new(|| Semaphore::new(1));

/// How long a page may take to show what a step waits for.
const PATIENCE: Duration = Duration::from_secs(20);

pub struct Browser {
    pub client: Client,
    base: String,
    driver: Child,
    _profile: tempfile::TempDir,
    _turn: SemaphorePermit<'static>,
}

/// The built web app, which `scripts/test` builds before the tests.
pub fn web_dir() -> PathBuf {
    let dir = repo_root().join("frontend/dist");
    assert!(dir.join("index.html").is_file(), "the web app is not built: run scripts/web (scripts/test does)");
    dir
}

/// The built athlete app, which `scripts/test` builds before the tests.
pub fn mobile_dir() -> PathBuf {
    let dir = repo_root().join("mobile/dist");
    assert!(dir.join("index.html").is_file(), "the athlete app is not built: run scripts/web (scripts/test does)");
    dir
}

impl Browser {
    /// A browser of `width` × `height` pixels on the app at `base`.
    pub async fn open(base: &str, width: u32, height: u32) -> Browser {
        let turn = ONE_AT_A_TIME.acquire().await.expect("the browser semaphore is never closed");
        let port = free_port();
        let driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver (Debian's chromium-driver; scripts/test installs it)");
        let profile = tempfile::tempdir().expect("a browser profile");
        let args = vec![
            "--headless=new".to_owned(),
            "--no-sandbox".to_owned(),
            "--disable-gpu".to_owned(),
            "--disable-dev-shm-usage".to_owned(),
            "--disable-background-networking".to_owned(),
            "--disable-component-update".to_owned(),
            "--disable-sync".to_owned(),
            "--no-first-run".to_owned(),
            format!("--window-size={width},{height}"),
            format!("--user-data-dir={}", profile.path().display()),
        ];
        let mut capabilities = serde_json::Map::new();
        capabilities.insert(
            "goog:chromeOptions".to_owned(),
            json!({ "binary": chromium(), "args": args, "prefs": { "intl.accept_languages": "en" } }),
        );
        let started = Instant::now();
        let client = loop {
            match ClientBuilder::new(HttpConnector::new())
                .capabilities(capabilities.clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await
            {
                Ok(client) => break client,
                Err(error) if started.elapsed() < PATIENCE => {
                    let _ = error;
                    tokio::time::sleep(Duration::from_millis(200)).await;
                }
                Err(error) => panic!("connecting to chromedriver: {error}"),
            }
        };
        Browser { client, base: base.trim_end_matches('/').to_owned(), driver, _profile: profile, _turn: turn }
    }

    pub async fn goto(&self, path: &str) {
        self.client.goto(&format!("{}{path}", self.base)).await.unwrap_or_else(|e| panic!("opening {path}: {e}"));
    }

    pub async fn path(&self) -> String {
        self.client.current_url().await.expect("current url").path().to_owned()
    }

    /// Waits for an element to be there and visible.
    pub async fn find(&self, css: &str) -> Element {
        let started = Instant::now();
        loop {
            if let Ok(element) = self.client.find(Locator::Css(css)).await
                && element.is_displayed().await.unwrap_or(false)
            {
                return element;
            }
            if started.elapsed() > PATIENCE {
                let _ = self.screenshot(&format!("failed-{}", sanitize(css))).await;
                panic!("{css} did not show up at {} within {PATIENCE:?}", self.path().await);
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn find_all(&self, css: &str) -> Vec<Element> {
        self.client.find_all(Locator::Css(css)).await.unwrap_or_default()
    }

    /// Waits until `ready` holds for the page's visible text of `css`.
    pub async fn wait_text(&self, css: &str, ready: impl Fn(&str) -> bool) -> String {
        let started = Instant::now();
        loop {
            let mut text = String::new();
            for element in self.find_all(css).await {
                text.push_str(&element.text().await.unwrap_or_default());
                text.push('\n');
            }
            if ready(&text) {
                return text;
            }
            if started.elapsed() > PATIENCE {
                let _ = self.screenshot(&format!("failed-{}", sanitize(css))).await;
                panic!("{css} never read as expected; it reads {text:?}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    pub async fn click(&self, css: &str) {
        self.find(css).await.click().await.unwrap_or_else(|e| panic!("clicking {css}: {e}"));
    }

    /// Types into the input named `name` (clearing it first).
    pub async fn fill(&self, name: &str, value: &str) {
        self.type_into(&format!("[name=\"{name}\"]"), value).await;
    }

    /// Types into the input found by `css` (clearing it first).
    pub async fn type_into(&self, css: &str, value: &str) {
        let input = self.find(css).await;
        input.clear().await.unwrap_or_else(|e| panic!("clearing {css}: {e}"));
        input.send_keys(value).await.unwrap_or_else(|e| panic!("typing into {css}: {e}"));
    }

    /// Chooses the option of value `value` in the select found by `css`.
    pub async fn select(&self, css: &str, value: &str) {
        let select = self.find(css).await;
        select.select_by_value(value).await.unwrap_or_else(|e| panic!("choosing {value} in {css}: {e}"));
    }

    /// Drags the element `from` onto `to` with the page's own drag-and-drop handlers. WebDriver's
    /// pointer actions do not start HTML5 drags in Chromium, so the events are dispatched as a
    /// browser would, sharing one DataTransfer.
    pub async fn drag(&self, from: &Element, to: &Element) {
        let script = r#"
            const [source, target] = arguments;
            const data = new DataTransfer();
            const fire = (element, type) => element.dispatchEvent(
                new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: data }));
            fire(source, "dragstart");
            fire(target, "dragenter");
            fire(target, "dragover");
            fire(target, "drop");
            fire(source, "dragend");
        "#;
        let args = vec![serde_json::to_value(from).expect("element"), serde_json::to_value(to).expect("element")];
        self.client.execute(script, args).await.expect("dispatching a drag and drop");
    }

    pub async fn screenshot(&self, name: &str) -> PathBuf {
        let dir = repo_root().join(".dropit/screenshots");
        std::fs::create_dir_all(&dir).expect("the screenshots folder");
        let path = dir.join(format!("{name}.png"));
        let png = self.client.screenshot().await.expect("a screenshot");
        std::fs::write(&path, png).expect("saving a screenshot");
        path
    }

    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
    }
}

fn chromium() -> &'static str {
    if std::path::Path::new("/usr/bin/chromium").exists() { "/usr/bin/chromium" } else { "chromium" }
}

fn sanitize(text: &str) -> String {
    text.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect()
}
