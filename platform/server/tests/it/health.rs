//! Readiness reports each service; an optional service going away degrades, never breaks.

use crate::support::{OwnService, service_status, spawn_app, spawn_app_with, stack_var, wait_for_service_status};

#[tokio::test]
async fn every_service_of_the_stack_is_up() {
    let app = spawn_app().await;
    let (status, body) = app.get_json("/api/health/ready").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["status"], "up", "{body}");
    for service in ["postgres", "redis", "typesense", "storage"] {
        assert_eq!(service_status(&body, service), Some("up"), "{service}: {body}");
    }
    let (status, body) = app.get_json("/api/health/live").await;
    assert_eq!((status, body["status"].as_str()), (200, Some("up")));
}

/// Stops a service under the running server, checks the server degrades and keeps
/// answering, then restarts it and checks the server picks it up again.
async fn stop_and_recover(service: &str, mut own: OwnService, overrides: &[(&str, &str)]) {
    let app = spawn_app_with(overrides).await;
    let body = wait_for_service_status(&app, service, "up").await;
    assert_eq!(body["status"], "up", "{body}");

    own.stop();
    let body = wait_for_service_status(&app, service, "degraded").await;
    assert_eq!(body["status"], "degraded", "{body}");
    assert_eq!(service_status(&body, "postgres"), Some("up"), "{body}");
    let (status, _) = app.get_json("/api/health/ready").await;
    assert_eq!(status, 200, "a degraded server is still ready");
    let (status, live) = app.get_json("/api/health/live").await;
    assert_eq!((status, live["status"].as_str()), (200, Some("up")));
    let (status, spec) = app.get_json("/api/openapi.json").await;
    assert_eq!((status, spec["info"]["title"].as_str()), (200, Some("DropIt API")));

    own.restart();
    let body = wait_for_service_status(&app, service, "up").await;
    assert_eq!(body["status"], "up", "{body}");
}

#[tokio::test]
async fn losing_redis_degrades_and_recovers() {
    let redis = OwnService::redis();
    let url = format!("redis://127.0.0.1:{}", redis.port);
    stop_and_recover("redis", redis, &[("DROPIT_REDIS__URL", &url)]).await;
}

#[tokio::test]
async fn losing_typesense_degrades_and_recovers() {
    let key = stack_var("DROPIT_SEARCH__API_KEY");
    let typesense = OwnService::typesense(&key);
    let url = format!("http://127.0.0.1:{}", typesense.port);
    stop_and_recover("typesense", typesense, &[("DROPIT_SEARCH__URL", &url)]).await;
}

#[tokio::test]
async fn losing_the_s3_server_degrades_and_recovers() {
    let s3 = OwnService::s3("testaccess", "testsecret0123456789", "media");
    let endpoint = format!("http://127.0.0.1:{}", s3.port);
    let overrides = [
        ("DROPIT_STORAGE__BACKEND", "s3"),
        ("DROPIT_STORAGE__S3_ENDPOINT", endpoint.as_str()),
        ("DROPIT_STORAGE__S3_BUCKET", "media"),
        ("DROPIT_STORAGE__S3_ACCESS_KEY_ID", "testaccess"),
        ("DROPIT_STORAGE__S3_SECRET_ACCESS_KEY", "testsecret0123456789"),
    ];
    stop_and_recover("storage", s3, &overrides).await;
}

#[tokio::test]
async fn wrong_s3_credentials_are_not_up() {
    let endpoint = stack_var("DROPIT_STORAGE__S3_ENDPOINT");
    let app = spawn_app_with(&[
        ("DROPIT_STORAGE__BACKEND", "s3"),
        ("DROPIT_STORAGE__S3_ENDPOINT", &endpoint),
        ("DROPIT_STORAGE__S3_SECRET_ACCESS_KEY", "not-the-secret"),
    ])
    .await;
    let (_, body) = app.get_json("/api/health/ready").await;
    assert_eq!(service_status(&body, "storage"), Some("degraded"), "{body}");
}

#[tokio::test]
async fn without_postgres_the_server_is_not_ready_but_alive() {
    let port = crate::support::free_port();
    let url = format!("postgres://dropit:nothing@127.0.0.1:{port}/dropit");
    let app = spawn_app_with(&[("DROPIT_DATABASE__URL", &url), ("DROPIT_DATABASE__CONNECT_TIMEOUT_SECS", "1")]).await;
    let (status, body) = app.get_json("/api/health/ready").await;
    assert_eq!(status, 503, "{body}");
    assert_eq!(body["status"], "down", "{body}");
    assert_eq!(service_status(&body, "postgres"), Some("down"), "{body}");
    assert_eq!(service_status(&body, "redis"), Some("up"), "{body}");
    let (status, _) = app.get_json("/api/health/live").await;
    assert_eq!(status, 200);
}
