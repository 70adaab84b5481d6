//! The HTTP conventions on the real server, over a socket.

use crate::support::{spawn_app, spawn_app_with};

#[tokio::test]
async fn unknown_routes_get_the_error_shape_in_french() {
    let app = spawn_app().await;
    let resp = app.client.get(app.url("/api/v1/nothing")).header("accept-language", "fr").send().await.expect("get");
    assert_eq!(resp.status(), 404);
    let request_id = resp.headers()["x-request-id"].to_str().expect("ascii").to_owned();
    let body: serde_json::Value = resp.json().await.expect("json");
    assert_eq!(body["code"], "not_found");
    assert_eq!(body["message"], "rien n'a été trouvé à cette adresse");
    assert_eq!(body["request_id"], request_id.as_str());
}

#[tokio::test]
async fn a_body_over_the_configured_limit_is_refused() {
    let app = spawn_app_with(&[("DROPIT_SERVER__BODY_LIMIT_BYTES", "64")]).await;
    let resp = app
        .client
        .post(app.url("/api/health/live"))
        .header("content-type", "application/json")
        .body("x".repeat(65))
        .send()
        .await
        .expect("post");
    assert_eq!(resp.status(), 413);
    let body: serde_json::Value = resp.json().await.expect("json");
    assert_eq!(body["code"], "payload_too_large");
}

#[tokio::test]
async fn cors_answers_only_configured_origins() {
    let app =
        spawn_app_with(&[("DROPIT_SERVER__CORS_ALLOWED_ORIGINS", "https://club.example, https://m.example")]).await;
    let allowed =
        app.client.get(app.url("/api/health/live")).header("origin", "https://m.example").send().await.expect("get");
    assert_eq!(
        allowed.headers().get("access-control-allow-origin").map(|v| v.as_bytes()),
        Some(&b"https://m.example"[..])
    );
    let refused =
        app.client.get(app.url("/api/health/live")).header("origin", "https://evil.example").send().await.expect("get");
    assert!(refused.headers().get("access-control-allow-origin").is_none());
}

#[tokio::test]
async fn the_docs_and_the_spec_are_served() {
    let app = spawn_app().await;
    let docs = app.client.get(app.url("/api/docs")).send().await.expect("docs");
    assert_eq!(docs.status(), 200);
    assert!(docs.text().await.expect("html").contains("swagger"));
    let (status, spec) = app.get_json("/api/openapi.json").await;
    assert_eq!(status, 200);
    assert_eq!(spec["paths"]["/health/ready"]["get"]["operationId"], "health_ready");
}
