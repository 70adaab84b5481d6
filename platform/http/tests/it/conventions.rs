use std::time::Duration;

use dropit_http::{ApiError, DOCS_CSP, FieldError, Limits, SecurityHeaders, with_conventions};
use dropit_kernel::{ErrorCode, FieldErrorCode};
use poem::{Route, http::StatusCode, test::TestClient};
use poem_openapi::{Object, OpenApi, OpenApiService, payload::Json};
use serde_json::Value;

#[derive(Object)]
struct Lift {
    name: String,
    kg: f64,
}

struct Api;

#[derive(Debug)]
struct DiskOnFire;

impl std::fmt::Display for DiskOnFire {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("disk on fire at /var/secret/path")
    }
}

impl std::error::Error for DiskOnFire {}

#[OpenApi]
impl Api {
    #[oai(path = "/lifts", method = "post", operation_id = "create_lift")]
    async fn create(&self, lift: Json<Lift>) -> Result<Json<String>, ApiError> {
        if lift.kg <= 0.0 {
            return Err(ApiError::validation(vec![FieldError::new("kg", FieldErrorCode::OutOfRange)]));
        }
        Ok(Json(lift.0.name))
    }

    #[oai(path = "/broken", method = "get", operation_id = "broken")]
    async fn broken(&self) -> Result<Json<String>, ApiError> {
        Err(ApiError::internal(&DiskOnFire))
    }

    #[oai(path = "/export/archive", method = "get", operation_id = "long_download")]
    async fn long_download(&self) -> Json<String> {
        tokio::time::sleep(Duration::from_millis(400)).await;
        Json("whole".to_owned())
    }

    #[oai(path = "/slow", method = "get", operation_id = "slow")]
    async fn slow(&self) -> Json<String> {
        tokio::time::sleep(Duration::from_secs(5)).await;
        Json("late".to_owned())
    }
}

fn client() -> TestClient<poem::endpoint::BoxEndpoint<'static, poem::Response>> {
    let service = OpenApiService::new(Api, "test", "1");
    let docs = service.swagger_ui();
    let routes = Route::new().nest("/api/docs", docs).nest("/api", service);
    let limits = Limits { body_bytes: 1024, timeout: Duration::from_millis(200), untimed: &["/archive"] };
    TestClient::new(with_conventions(
        routes,
        limits,
        SecurityHeaders::new().policy_under("/api/docs", DOCS_CSP),
        dropit_http::Metered::new(&prometheus::Registry::new()).expect("metrics"),
    ))
}

async fn error_body(resp: poem::test::TestResponse) -> Value {
    let content_type = resp.0.headers().get("content-type").cloned();
    assert_eq!(content_type.as_ref().and_then(|v| v.to_str().ok()), Some("application/json; charset=utf-8"));
    let text = resp.0.into_body().into_string().await.expect("body");
    serde_json::from_str(&text).expect("error body is JSON")
}

fn assert_shape(body: &Value, status: u16, code: &str) {
    assert_eq!(body["status"], status, "{body}");
    assert_eq!(body["code"], code, "{body}");
    assert!(body["message"].as_str().is_some_and(|m| !m.is_empty()), "{body}");
    assert!(body["request_id"].as_str().is_some_and(|id| !id.is_empty()), "{body}");
    assert!(body["fields"].is_array(), "{body}");
}

#[tokio::test]
async fn a_valid_request_succeeds_with_a_request_id() {
    let resp = client().post("/api/lifts").body_json(&serde_json::json!({"name": "snatch", "kg": 100.0})).send().await;
    resp.assert_status_is_ok();
    resp.assert_header_exist("x-request-id");
    resp.assert_json("snatch").await;
}

#[tokio::test]
async fn malformed_json_gets_the_error_shape_in_the_requests_language() {
    let client = client();
    let resp = client
        .post("/api/lifts")
        .header("content-type", "application/json")
        .header("accept-language", "fr-FR,fr;q=0.9")
        .body("{\"name\": \"snatch\", ")
        .send()
        .await;
    resp.assert_status(StatusCode::BAD_REQUEST);
    let body = error_body(resp).await;
    assert_shape(&body, 400, "malformed_json");
    assert_eq!(body["message"], ErrorCode::MalformedJson.message(dropit_kernel::Locale::Fr));

    let resp = client.post("/api/lifts").body_json(&serde_json::json!({"name": "snatch", "kg": "heavy"})).send().await;
    let body = error_body(resp).await;
    assert_shape(&body, 400, "malformed_json");
    assert_eq!(body["message"], ErrorCode::MalformedJson.message(dropit_kernel::Locale::En));
}

#[tokio::test]
async fn a_wrong_content_type_is_415() {
    let resp = client().post("/api/lifts").header("content-type", "text/plain").body("name=snatch").send().await;
    resp.assert_status(StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_shape(&error_body(resp).await, 415, "unsupported_media_type");
}

#[tokio::test]
async fn a_body_over_the_limit_is_413_declared_or_chunked() {
    let big = format!("{{\"name\": \"{}\", \"kg\": 1}}", "x".repeat(2000));
    let resp = client().post("/api/lifts").header("content-type", "application/json").body(big.clone()).send().await;
    resp.assert_status(StatusCode::PAYLOAD_TOO_LARGE);
    assert_shape(&error_body(resp).await, 413, "payload_too_large");

    let chunks = futures_chunks(big);
    let resp = client().post("/api/lifts").header("content-type", "application/json").body(chunks).send().await;
    resp.assert_status(StatusCode::PAYLOAD_TOO_LARGE);
    assert_shape(&error_body(resp).await, 413, "payload_too_large");
}

/// A body with no declared length, as a chunked upload arrives.
fn futures_chunks(text: String) -> poem::Body {
    let reader = std::io::Cursor::new(text.into_bytes());
    poem::Body::from_async_read(tokio::io::BufReader::new(reader))
}

#[tokio::test]
async fn validation_errors_name_their_fields() {
    let resp = client()
        .post("/api/lifts")
        .header("accept-language", "fr")
        .body_json(&serde_json::json!({"name": "snatch", "kg": -5}))
        .send()
        .await;
    resp.assert_status(StatusCode::UNPROCESSABLE_ENTITY);
    let body = error_body(resp).await;
    assert_shape(&body, 422, "validation_failed");
    assert_eq!(body["fields"][0]["field"], "kg");
    assert_eq!(body["fields"][0]["code"], "out_of_range");
    assert_eq!(body["fields"][0]["message"], FieldErrorCode::OutOfRange.message(dropit_kernel::Locale::Fr));
}

#[tokio::test]
async fn internal_errors_are_generic_and_carry_the_request_id() {
    let resp = client().get("/api/broken").header("x-request-id", "trace-me-42").send().await;
    resp.assert_status(StatusCode::INTERNAL_SERVER_ERROR);
    resp.assert_header("x-request-id", "trace-me-42");
    let body = error_body(resp).await;
    assert_shape(&body, 500, "internal_error");
    assert_eq!(body["request_id"], "trace-me-42");
    assert!(!body.to_string().contains("secret"), "internal detail leaked: {body}");
}

#[tokio::test]
async fn a_slow_request_is_stopped() {
    let resp = client().get("/api/slow").send().await;
    resp.assert_status(StatusCode::GATEWAY_TIMEOUT);
    assert_shape(&error_body(resp).await, 504, "request_timeout");
}

#[tokio::test]
async fn a_long_download_listed_as_untimed_is_not_stopped() {
    let resp = client().get("/api/export/archive").send().await;
    resp.assert_status_is_ok();
}

#[tokio::test]
async fn routing_errors_get_the_error_shape() {
    let resp = client().get("/api/nothing-here").send().await;
    resp.assert_status(StatusCode::NOT_FOUND);
    assert_shape(&error_body(resp).await, 404, "not_found");

    let resp = client().delete("/api/lifts").send().await;
    resp.assert_status(StatusCode::METHOD_NOT_ALLOWED);
    assert_shape(&error_body(resp).await, 405, "method_not_allowed");
}

#[tokio::test]
async fn security_headers_are_on_every_response() {
    let resp = client().get("/api/nothing-here").send().await;
    resp.assert_header("x-content-type-options", "nosniff");
    resp.assert_header("x-frame-options", "DENY");
    let csp = resp.0.headers().get("content-security-policy").and_then(|v| v.to_str().ok()).map(str::to_owned);
    assert!(csp.is_some_and(|c| c.contains("frame-ancestors 'none'") && !c.contains("unsafe-inline")));

    let resp = client().get("/api/docs").send().await;
    resp.assert_status_is_ok();
    resp.assert_header("content-security-policy", DOCS_CSP);
}
