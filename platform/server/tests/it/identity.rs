//! Accounts and sessions over HTTP: sign-up rules, sign-in, refresh rotation with reuse
//! detection, logout, throttling and token checks.

use std::time::Duration;

use serde_json::{Value, json};

use crate::support::{OwnService, PASSWORD, TestApp, spawn_app, spawn_app_with, stack_var};

async fn refresh(app: &TestApp, token: &str) -> (u16, Value) {
    app.post_json("/api/v1/auth/refresh", None, json!({"refresh_token": token, "client": "mobile"})).await
}

#[tokio::test]
async fn sign_up_sign_in_and_me() {
    let app = spawn_app().await;
    let person = app.person("Léa").await;
    let (status, me) = app.get_as("/api/v1/me", &person.token).await;
    assert_eq!(status, 200, "{me}");
    assert_eq!(me["profile"]["email"], person.email.to_lowercase().as_str(), "emails are kept lowercase");
    assert_eq!(me["profile"]["display_name"], "Léa");
    assert_eq!(me["profile"]["locale"], "fr");
    assert_eq!(me["clubs"], json!([]));
    let (status, body) = app.get_json("/api/v1/me").await;
    assert_eq!((status, body["code"].as_str()), (401, Some("unauthorized")));
}

#[tokio::test]
async fn bad_sign_ups_get_field_errors_in_the_requests_language() {
    let app = spawn_app().await;
    let resp = app
        .client
        .post(app.url("/api/v1/auth/signup"))
        .header("accept-language", "fr")
        .json(&json!({"email": "not-an-email", "password": "short", "display_name": "x".repeat(81)}))
        .send()
        .await
        .expect("post");
    assert_eq!(resp.status(), 422);
    let body: Value = resp.json().await.expect("json");
    assert_eq!(body["code"], "validation_failed");
    let fields: Vec<(&str, &str)> = body["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .map(|f| (f["field"].as_str().unwrap_or(""), f["code"].as_str().unwrap_or("")))
        .collect();
    assert!(fields.contains(&("email", "invalid_email")), "{body}");
    assert!(fields.contains(&("display_name", "invalid")), "{body}");
    assert_eq!(body["fields"][0]["message"], "ce n'est pas une adresse e-mail valide");

    let email = app.sign_up("Tom").await;
    let (status, body) = app
        .post_json(
            "/api/v1/auth/signup",
            None,
            json!({"email": email.to_uppercase(), "password": PASSWORD, "display_name": "Tom"}),
        )
        .await;
    assert_eq!((status, body["code"].as_str()), (409, Some("email_taken")), "{body}");
    assert_eq!(body["fields"][0]["field"], "email");

    let (status, body) = app
        .post_json(
            "/api/v1/auth/signup",
            None,
            json!({"email": "weak@example.org", "password": "azertyuiop", "display_name": "W"}),
        )
        .await;
    assert_eq!(status, 422);
    assert_eq!(
        body["fields"][0],
        json!({"field": "password", "code": "weak_password", "message": body["fields"][0]["message"]})
    );
}

#[tokio::test]
async fn a_wrong_password_and_an_unknown_email_get_the_same_answer() {
    let app = spawn_app().await;
    let email = app.sign_up("Ana").await;
    let wrong_password = app
        .post_json("/api/v1/auth/login", None, json!({"email": email, "password": "not-the-password", "client": "web"}))
        .await;
    let unknown = app
        .post_json(
            "/api/v1/auth/login",
            None,
            json!({"email": format!("nobody-{}@example.org", uuid::Uuid::new_v4()), "password": PASSWORD, "client": "web"}),
        )
        .await;
    assert_eq!(wrong_password.0, 401);
    assert_eq!(
        (wrong_password.0, &wrong_password.1["code"], &wrong_password.1["message"]),
        (unknown.0, &unknown.1["code"], &unknown.1["message"])
    );
    assert_eq!(wrong_password.1["code"], "invalid_credentials");
}

#[tokio::test]
async fn refresh_rotates_and_a_replayed_token_closes_the_session() {
    let app = spawn_app().await;
    let email = app.sign_up("Rotating").await;
    let first = app.log_in(&email).await;
    let first_refresh = first["refresh_token"].as_str().expect("refresh token").to_owned();

    let (status, second) = refresh(&app, &first_refresh).await;
    assert_eq!(status, 200, "{second}");
    let second_refresh = second["refresh_token"].as_str().expect("rotated").to_owned();
    assert_ne!(second_refresh, first_refresh);

    // The first token comes back: the family is revoked, the newest token dies with it.
    let (status, body) = refresh(&app, &first_refresh).await;
    assert_eq!((status, body["code"].as_str()), (401, Some("refresh_token_reused")), "{body}");
    let (status, body) = refresh(&app, &second_refresh).await;
    assert_eq!((status, body["code"].as_str()), (401, Some("session_revoked")), "{body}");

    let (status, body) = refresh(&app, "forged-token").await;
    assert_eq!((status, body["code"].as_str()), (401, Some("token_invalid")));
}

#[tokio::test]
async fn the_web_app_gets_its_refresh_token_as_an_http_only_cookie() {
    let app = spawn_app().await;
    let email = app.sign_up("Web").await;
    let resp = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({"email": email, "password": PASSWORD, "client": "web"}))
        .send()
        .await
        .expect("login");
    let cookie = resp.headers()["set-cookie"].to_str().expect("ascii").to_owned();
    let body: Value = resp.json().await.expect("json");
    assert!(body["refresh_token"].is_null(), "a web session must not expose its refresh token: {body}");
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/api/v1/auth"),
        "{cookie}"
    );
    let pair = cookie.split(';').next().expect("name=value").to_owned();

    let resp = app
        .client
        .post(app.url("/api/v1/auth/refresh"))
        .header("cookie", &pair)
        .json(&json!({"client": "web"}))
        .send()
        .await
        .expect("refresh");
    assert_eq!(resp.status(), 200);
    assert!(resp.headers()["set-cookie"].to_str().expect("ascii").starts_with("dropit_refresh="));
}

#[tokio::test]
async fn logout_and_logout_everywhere_end_refresh_at_once() {
    let app = spawn_app().await;
    let email = app.sign_up("Leaving").await;
    let phone = app.log_in(&email).await;
    let tablet = app.log_in(&email).await;
    let laptop = app.log_in(&email).await;

    let (status, _) = app.post_json("/api/v1/auth/logout", phone["access_token"].as_str(), json!({})).await;
    assert_eq!(status, 204);
    let (status, body) = refresh(&app, phone["refresh_token"].as_str().expect("token")).await;
    assert_eq!((status, body["code"].as_str()), (401, Some("session_revoked")));
    let (status, _) = refresh(&app, tablet["refresh_token"].as_str().expect("token")).await;
    assert_eq!(status, 200, "other sessions stay open");

    let (status, _) = app.post_json("/api/v1/auth/logout-everywhere", laptop["access_token"].as_str(), json!({})).await;
    assert_eq!(status, 204);
    let (status, _) = refresh(&app, laptop["refresh_token"].as_str().expect("token")).await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn after_too_many_failures_even_the_right_password_waits() {
    let app = spawn_app_with(&[("DROPIT_AUTH__MAX_FAILURES_PER_ACCOUNT", "3")]).await;
    let email = app.sign_up("Target").await;
    for _ in 0..3 {
        let (status, _) = app
            .post_json(
                "/api/v1/auth/login",
                None,
                json!({"email": email, "password": "guess-guess-guess", "client": "web"}),
            )
            .await;
        assert_eq!(status, 401);
    }
    let resp = app
        .client
        .post(app.url("/api/v1/auth/login"))
        .json(&json!({"email": email, "password": PASSWORD, "client": "web"}))
        .send()
        .await
        .expect("login");
    assert_eq!(resp.status(), 429);
    assert!(resp.headers().contains_key("retry-after"), "{:?}", resp.headers());
    let retry_after: u64 = resp.headers()["retry-after"].to_str().expect("ascii").parse().expect("seconds");
    assert!((1..=900).contains(&retry_after), "{retry_after}");
    let body: Value = resp.json().await.expect("json");
    assert_eq!(body["code"], "too_many_attempts");
}

#[tokio::test]
async fn one_address_is_throttled_across_accounts_even_without_redis() {
    let mut redis = OwnService::redis();
    let url = format!("redis://127.0.0.1:{}", redis.port);
    let app = spawn_app_with(&[("DROPIT_REDIS__URL", &url), ("DROPIT_AUTH__MAX_FAILURES_PER_ADDRESS", "4")]).await;
    let attempt = |email: String| {
        let app = &app;
        async move {
            app.post_json(
                "/api/v1/auth/login",
                None,
                json!({"email": email, "password": "nope-nope-nope", "client": "web"}),
            )
            .await
            .0
        }
    };
    for i in 0..4 {
        assert_eq!(attempt(format!("spray{i}@example.org")).await, 401);
    }
    assert_eq!(attempt("spray-next@example.org".to_owned()).await, 429);

    // Redis gone: the server keeps counting in its own memory.
    redis.stop();
    for i in 0..4 {
        assert_eq!(attempt(format!("offline{i}@example.org")).await, 401);
    }
    assert_eq!(attempt("offline-next@example.org".to_owned()).await, 429);
}

fn forge(secret: &str, claims: Value, kid: &str) -> String {
    let header =
        jsonwebtoken::Header { kid: Some(kid.to_owned()), ..jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256) };
    jsonwebtoken::encode(&header, &claims, &jsonwebtoken::EncodingKey::from_secret(secret.as_bytes())).expect("encode")
}

#[tokio::test]
async fn bad_access_tokens_are_refused_with_their_own_codes() {
    let app = spawn_app().await;
    let person = app.person("Checked").await;
    let secret = stack_var("DROPIT_AUTH__JWT_SECRETS");
    let secret = secret.split(',').next().expect("a key").to_owned();
    let kid = dropit_identity::infrastructure::jwt::key_id(&secret);
    let now = chrono::Utc::now().timestamp();
    let claims = |exp: i64| json!({"iss": "dropit", "sub": person.user_id, "sid": uuid::Uuid::now_v7(), "op": false, "iat": now - 1000, "exp": exp});

    let expired = forge(&secret, claims(now - 10), &kid);
    let (status, body) = app.get_as("/api/v1/me", &expired).await;
    assert_eq!((status, body["code"].as_str()), (401, Some("token_expired")));

    let valid_but_other_key = forge("another-key-that-is-at-least-32-characters", claims(now + 600), &kid);
    let unknown_kid = forge("another-key-that-is-at-least-32-characters", claims(now + 600), "000000000000");
    let payload = person.token.split('.').nth(1).expect("payload").to_owned();
    let alg_none = format!("eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.{payload}.");
    for token in [valid_but_other_key, unknown_kid, alg_none, "garbage".to_owned()] {
        let (status, body) = app.get_as("/api/v1/me", &token).await;
        assert_eq!((status, body["code"].as_str()), (401, Some("token_invalid")), "{token}");
    }
    let (status, _) = app.get_as("/api/v1/me", &person.token).await;
    assert_eq!(status, 200);
    let _ = Duration::ZERO;
}
