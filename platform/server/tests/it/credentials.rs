//! Password change, password reset by email, email change confirmed from the new address.

use serde_json::{Value, json};

use crate::support::{PASSWORD, TestApp, spawn_app};

const NEW_PASSWORD: &str = "clean-and-jerk-2027";

async fn log_in(app: &TestApp, email: &str, password: &str) -> (u16, Value) {
    app.post_json("/api/v1/auth/login", None, json!({"email": email, "password": password, "client": "mobile"})).await
}

fn link_in(mail: &str, route: &str) -> String {
    let start = mail.find(route).unwrap_or_else(|| panic!("no {route} link in {mail}"));
    mail[start + route.len()..].split_whitespace().next().expect("token").to_owned()
}

#[tokio::test]
async fn changing_the_password_closes_the_other_sessions() {
    let app = spawn_app().await;
    let email = app.sign_up("Changer").await;
    let here = app.log_in(&email).await;
    let elsewhere = app.log_in(&email).await;
    let token = here["access_token"].as_str().expect("token");
    let change = |current: &str, new: &str| json!({"current_password": current, "new_password": new});

    let (status, body) =
        app.post_json("/api/v1/me/password", Some(token), change("not-my-password", NEW_PASSWORD)).await;
    assert_eq!((status, body["fields"][0]["code"].as_str()), (422, Some("wrong_password")));
    let (status, body) = app.post_json("/api/v1/me/password", Some(token), change(PASSWORD, "1234567890")).await;
    assert_eq!((status, body["fields"][0]["code"].as_str()), (422, Some("weak_password")));
    let (status, _) = app.post_json("/api/v1/me/password", Some(token), change(PASSWORD, NEW_PASSWORD)).await;
    assert_eq!(status, 204);

    assert_eq!(log_in(&app, &email, PASSWORD).await.0, 401);
    assert_eq!(log_in(&app, &email, NEW_PASSWORD).await.0, 200);
    let refresh = |session: &Value| json!({"refresh_token": session["refresh_token"], "client": "mobile"});
    assert_eq!(
        app.post_json("/api/v1/auth/refresh", None, refresh(&elsewhere)).await.0,
        401,
        "other sessions are closed"
    );
    assert_eq!(app.post_json("/api/v1/auth/refresh", None, refresh(&here)).await.0, 200, "this one stays");
}

#[tokio::test]
async fn a_forgotten_password_is_reset_once_by_the_emailed_link() {
    let app = spawn_app().await;
    let email = app.sign_up("Forgetful").await;
    let before = app.log_in(&email).await;

    let (status, _) =
        app.post_json("/api/v1/auth/password-reset", None, json!({"email": "nobody-at-all@example.org"})).await;
    assert_eq!(status, 202, "the same answer for an unknown address");
    assert!(app.mails().is_empty());
    let (status, _) = app.post_json("/api/v1/auth/password-reset", None, json!({"email": email})).await;
    assert_eq!(status, 202);
    let mails = app.mails();
    assert_eq!(mails.len(), 1);
    let token = link_in(&mails[0], "/reset-password/");

    let confirm = |token: &str| json!({"token": token, "new_password": NEW_PASSWORD});
    let (status, body) = app.post_json("/api/v1/auth/password-reset/confirm", None, confirm("forged-token")).await;
    assert_eq!((status, body["code"].as_str()), (400, Some("account_token_invalid")));
    let (status, _) = app.post_json("/api/v1/auth/password-reset/confirm", None, confirm(&token)).await;
    assert_eq!(status, 204);
    let (status, body) = app.post_json("/api/v1/auth/password-reset/confirm", None, confirm(&token)).await;
    assert_eq!((status, body["code"].as_str()), (410, Some("account_token_used")));

    assert_eq!(log_in(&app, &email, NEW_PASSWORD).await.0, 200);
    let (status, _) = app
        .post_json("/api/v1/auth/refresh", None, json!({"refresh_token": before["refresh_token"], "client": "mobile"}))
        .await;
    assert_eq!(status, 401, "a reset closes every session");

    // An expired link.
    app.post_json("/api/v1/auth/password-reset", None, json!({"email": email})).await;
    let token = link_in(app.mails().last().expect("mail"), "/reset-password/");
    let db = sea_orm::Database::connect(&app.database_url).await.expect("connect");
    sea_orm::ConnectionTrait::execute_unprepared(
        &db,
        "UPDATE platform.account_tokens SET expires_at = now() - interval '1 minute'",
    )
    .await
    .expect("expire");
    let (status, body) = app.post_json("/api/v1/auth/password-reset/confirm", None, confirm(&token)).await;
    assert_eq!((status, body["code"].as_str()), (410, Some("account_token_expired")));
}

#[tokio::test]
async fn a_new_email_is_used_once_confirmed_from_it() {
    let app = spawn_app().await;
    let person = app.person("Mover").await;
    let other = app.sign_up("Other").await;
    let new_email = format!("moved-{}@example.org", uuid::Uuid::new_v4().simple());
    let change = |email: &str, password: &str| json!({"new_email": email, "current_password": password});

    let (status, body) =
        app.post_json("/api/v1/me/email", Some(&person.token), change(&new_email, "wrong-password-x")).await;
    assert_eq!((status, body["fields"][0]["code"].as_str()), (422, Some("wrong_password")));
    let (status, body) = app.post_json("/api/v1/me/email", Some(&person.token), change(&other, PASSWORD)).await;
    assert_eq!((status, body["code"].as_str()), (409, Some("email_taken")));
    let (status, body) = app.post_json("/api/v1/me/email", Some(&person.token), change("not-an-email", PASSWORD)).await;
    assert_eq!((status, body["fields"][0]["code"].as_str()), (422, Some("invalid_email")));

    let (status, _) = app.post_json("/api/v1/me/email", Some(&person.token), change(&new_email, PASSWORD)).await;
    assert_eq!(status, 202);
    let mail = app.mails().pop().expect("a confirmation");
    assert!(mail.contains(&format!("To: {new_email}")), "sent to the new address: {mail}");
    assert_eq!(log_in(&app, &new_email, PASSWORD).await.0, 401, "not before confirmation");

    let token = link_in(&mail, "/confirm-email/");
    let (status, _) = app.post_json("/api/v1/auth/email-change/confirm", None, json!({"token": token})).await;
    assert_eq!(status, 204);
    assert_eq!(log_in(&app, &new_email, PASSWORD).await.0, 200);
    assert_eq!(log_in(&app, &person.email, PASSWORD).await.0, 401);
}
