//! What the web back office costs a browser: the compressed bytes it downloads, and the time
//! from navigation to the first render of the dashboard with its data, in headless Chromium
//! against a release build of the server on the local stack. The login page, which waits for
//! no club data, is measured in the same run as the baseline.
//!
//! `scripts/bench web` (it builds the app first).

#![allow(clippy::print_stdout)]

use std::time::Duration;

use dropit_server::{Application, Settings, migrate};
use dropit_testing::{
    browser::{Browser, web_dir},
    stack_vars,
};
use serde_json::json;

const PASSWORD: &str = "barbell-complex-2026";
const RUNS: usize = 15;

#[tokio::main]
async fn main() {
    let dir = web_dir();
    let mut vars = stack_vars();
    vars.retain(|(k, _)| k != "DROPIT_SERVER__PORT" && k != "DROPIT_SERVER__WEB_DIR");
    vars.push(("DROPIT_SERVER__PORT".to_owned(), "0".to_owned()));
    vars.push(("DROPIT_SERVER__WEB_DIR".to_owned(), dir.display().to_string()));
    let borrowed: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let settings = Settings::load_with(None, &borrowed).expect("the stack's settings");
    migrate::migrate_platform(&settings.database).await.expect("migrating");
    let application = Application::build(&settings).await.expect("building the application");
    let base = format!("http://{}", application.address());
    tokio::spawn(application.run_until(std::future::pending()));

    let (downloads, total) = downloads(&base).await;
    println!("web download (compressed as sent to Chromium: brotli):");
    for (path, bytes) in &downloads {
        println!("  {path:<28} {:>8.1} KB", *bytes as f64 / 1024.0);
    }
    println!("  {:<28} {:>8.1} KB (target < 800 KB)", "total", total as f64 / 1024.0);

    let email = format!("bench-{}@example.org", uuid::Uuid::new_v4().simple());
    let slug = format!("bench-{}", &uuid::Uuid::new_v4().simple().to_string()[..8]);
    found_club(&base, &email, &slug).await;

    let browser = Browser::open(&base, 1280, 900).await;
    let login = first_render(&browser, "/login", "[data-testid=log-in-form]").await;
    browser.fill("email", &email).await;
    browser.fill("password", PASSWORD).await;
    browser.click("button[type=submit]").await;
    browser.find("[data-testid=log-out]").await;
    let dashboard = first_render(&browser, &format!("/c/{slug}"), "[data-testid=dashboard-today]").await;
    browser.close().await;

    let (lp50, lp95) = percentiles(login);
    let (dp50, dp95) = percentiles(dashboard);
    println!("first render, {RUNS} loads each (ms from navigation start):");
    println!("  login page (baseline)        p50 {lp50:.0} ms  p95 {lp95:.0} ms");
    println!("  dashboard with its data      p50 {dp50:.0} ms  p95 {dp95:.0} ms  ({:.1}x the baseline)", dp50 / lp50);
}

/// Every file the first page load fetches, compressed as the server sends it.
async fn downloads(base: &str) -> (Vec<(String, usize)>, usize) {
    let client = reqwest::Client::new();
    let get = |path: String| {
        let client = client.clone();
        let url = format!("{base}{path}");
        async move {
            let response =
                client.get(&url).header("accept-encoding", "gzip, deflate, br").send().await.expect("a file");
            assert!(response.status().is_success(), "{url}: {}", response.status());
            response.bytes().await.expect("its body").len()
        }
    };
    let css = reqwest::get(format!("{base}/style.css")).await.expect("style.css").text().await.expect("text");
    let mut paths: Vec<String> =
        ["/", "/boot.js", "/style.css", "/pkg/dropit_web.js", "/pkg/dropit_web_bg.wasm", "/favicon.svg"]
            .iter()
            .map(|p| (*p).to_owned())
            .collect();
    paths.extend(css.lines().filter_map(|l| l.strip_prefix("@import url(\"")?.split('"').next().map(str::to_owned)));
    let mut sizes = Vec::new();
    for path in paths {
        let bytes = get(path.clone()).await;
        sizes.push((path, bytes));
    }
    let total = sizes.iter().map(|(_, b)| b).sum();
    (sizes, total)
}

async fn found_club(base: &str, email: &str, slug: &str) {
    let client = reqwest::Client::new();
    let sign_up = json!({ "email": email, "password": PASSWORD, "display_name": "Bench Coach" });
    let status =
        client.post(format!("{base}/api/v1/auth/signup")).json(&sign_up).send().await.expect("sign up").status();
    assert!(status.is_success(), "sign up: {status}");
    let login = json!({ "email": email, "password": PASSWORD, "client": "mobile" });
    let session: serde_json::Value = client
        .post(format!("{base}/api/v1/auth/login"))
        .json(&login)
        .send()
        .await
        .expect("log in")
        .json()
        .await
        .expect("tokens");
    let token = session["access_token"].as_str().expect("a token");
    let club = json!({ "name": "Bench club", "slug": slug });
    let status =
        client.post(format!("{base}/api/v1/clubs")).bearer_auth(token).json(&club).send().await.expect("club").status();
    assert!(status.is_success(), "club: {status}");
}

/// Loads `path` afresh `RUNS` times; each time, the milliseconds from navigation start until
/// `css` is in the page.
async fn first_render(browser: &Browser, path: &str, css: &str) -> Vec<f64> {
    let script = r#"
        const [css, done] = arguments;
        const check = () => document.querySelector(css) ? done(performance.now()) : requestAnimationFrame(check);
        check();
    "#;
    let mut times = Vec::with_capacity(RUNS);
    for _ in 0..RUNS {
        browser.goto(path).await;
        let value = browser.client.execute_async(script, vec![json!(css)]).await.expect("timing the render");
        times.push(value.as_f64().expect("milliseconds"));
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    times
}

fn percentiles(mut times: Vec<f64>) -> (f64, f64) {
    times.sort_by(f64::total_cmp);
    let at = |q: f64| times[((times.len() - 1) as f64 * q).round() as usize];
    (at(0.5), at(0.95))
}
