//! `/metrics` after some traffic: request counts and latencies by operation and status, the
//! database pool, the services, the cache and the fleet, never a label naming a club; and the
//! operator's per-club usage.

use reqwest::Method;
use serde_json::json;

use crate::support::{TestApp, create_club, make_operator, spawn_app, spawn_app_with};

async fn scrape(app: &TestApp, token: Option<&str>) -> (u16, String) {
    let mut request = app.client.get(app.url("/metrics"));
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.expect("scrape");
    (response.status().as_u16(), response.text().await.expect("text"))
}

/// The value of the series whose name and labels contain all of `parts`.
fn value(text: &str, parts: &[&str]) -> Option<f64> {
    text.lines()
        .filter(|l| !l.starts_with('#'))
        .find(|l| parts.iter().all(|p| l.contains(p)))
        .and_then(|l| l.rsplit(' ').next())
        .and_then(|v| v.parse().ok())
}

#[tokio::test]
async fn metrics_show_the_traffic_the_pool_the_services_and_the_fleet_without_club_labels() {
    let app = spawn_app().await;
    let coach = app.person("Coach").await;
    create_club(&app, &coach, "metrics-club").await;
    for _ in 0..3 {
        let (status, _) = app.get_json("/api/health/live").await;
        assert_eq!(status, 200);
        let (status, _) = app.get_as("/api/v1/clubs/metrics-club/exercises", &coach.token).await;
        assert_eq!(status, 200);
    }
    let (status, _) = app.get_as("/api/v1/clubs/no-such-club/exercises", &coach.token).await;
    assert_eq!(status, 404);

    let (status, text) = scrape(&app, None).await;
    assert_eq!(status, 200, "{text}");
    let live = value(&text, &["dropit_http_requests_total{", "operation=\"health_live\"", "status=\"200\""]);
    assert_eq!(live, Some(3.0), "{text}");
    let listed = value(&text, &["dropit_http_requests_total{", "operation=\"exercise_list\"", "status=\"200\""]);
    assert_eq!(listed, Some(3.0), "{text}");
    let refused = value(&text, &["dropit_http_requests_total{", "operation=\"exercise_list\"", "status=\"404\""]);
    assert_eq!(refused, Some(1.0), "a refusal keeps its operation: {text}");
    let count =
        value(&text, &["dropit_http_request_duration_seconds_count{", "operation=\"exercise_list\"", "status=\"200\""]);
    assert_eq!(count, Some(3.0), "{text}");
    let slow =
        value(&text, &["dropit_http_request_duration_seconds_bucket{", "operation=\"health_live\"", "le=\"+Inf\""]);
    assert_eq!(slow, Some(3.0), "{text}");
    let sum = value(&text, &["dropit_http_request_duration_seconds_sum{", "operation=\"health_live\""]).expect("a sum");
    assert!(sum > 0.0 && sum < 3.0, "three liveness checks took {sum} s");
    assert!(value(&text, &["dropit_db_pool_connections{state=\"idle\"}"]).is_some(), "{text}");
    assert_eq!(value(&text, &["dropit_db_pool_max_connections"]), Some(4.0), "{text}");
    assert_eq!(value(&text, &["dropit_service_up{service=\"postgres\"}"]), Some(1.0), "{text}");
    assert!(value(&text, &["dropit_clubs{status=\"active\"}"]).is_some_and(|n| n >= 1.0), "{text}");
    let hits = value(&text, &["dropit_cache_reads_total{result=\"hit\"}"]).unwrap_or(0.0);
    let misses = value(&text, &["dropit_cache_reads_total{result=\"miss\"}"]).unwrap_or(0.0);
    assert!(hits >= 2.0 && misses >= 1.0, "the catalogue read three times: {hits} hits, {misses} misses");
    // Cardinality: no series is per club.
    assert!(!text.contains("metrics-club") && !text.contains("no-such-club"), "{text}");
}

#[tokio::test]
async fn a_metrics_token_keeps_scrapes_to_those_who_have_it() {
    let app = spawn_app_with(&[("DROPIT_SERVER__METRICS_TOKEN", "a-scrape-token-for-tests")]).await;
    assert_eq!(scrape(&app, None).await.0, 401);
    assert_eq!(scrape(&app, Some("a-wrong-token")).await.0, 401);
    let (status, text) = scrape(&app, Some("a-scrape-token-for-tests")).await;
    assert_eq!(status, 200);
    assert!(text.contains("dropit_service_up"), "{text}");
}

#[tokio::test]
async fn operators_see_each_clubs_usage() {
    let app = spawn_app().await;
    let coach = app.person("Coach").await;
    let operator = app.person("Operator").await;
    make_operator(&app, &operator).await;
    create_club(&app, &coach, "usage-club").await;
    let (status, body) =
        app.post_json("/api/v1/clubs/usage-club/athletes", Some(&coach.token), json!({"name": "Tom Petit"})).await;
    assert_eq!(status, 201, "{body}");

    let (status, usage) = app.get_as("/api/v1/platform/usage?per_page=100", &operator.token).await;
    assert_eq!(status, 200, "{usage}");
    let club = usage["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|c| c["slug"] == "usage-club")
        .unwrap_or_else(|| panic!("{usage}"))
        .clone();
    assert_eq!(club["athletes"], 1);
    assert_eq!(club["logs_30d"], 0);
    assert!(club["database_bytes"].as_i64().is_some_and(|b| b > 0), "{club}");
    // A coach is no operator.
    let (status, _) = app.send(Method::GET, "/api/v1/platform/usage", Some(&coach.token), None).await;
    assert_eq!(status, 403);
}
