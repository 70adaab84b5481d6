//! Operators run clubs' lives and accounts' sessions through the API.

use serde_json::{Value, json};

use crate::support::{create_club, make_operator, spawn_app};

#[tokio::test]
async fn an_operator_suspends_archives_drops_and_restores_a_club() {
    let app = spawn_app().await;
    let operator = app.person("Operator").await;
    let admin = app.person("Admin").await;
    make_operator(&app, &operator).await;
    create_club(&app, &admin, "haltero-pau").await;
    let op = |path: &str| format!("/api/v1/platform/clubs/{path}");
    let post = |path: String| {
        let (app, token) = (&app, operator.token.clone());
        async move { app.post_json(&path, Some(&token), json!({})).await }
    };

    let (status, clubs) = app.get_as("/api/v1/platform/clubs", &operator.token).await;
    assert_eq!(status, 200);
    assert!(clubs.as_array().expect("clubs").iter().any(|c| c["slug"] == "haltero-pau"));

    let (status, body) = post(op("haltero-pau/archive")).await;
    assert_eq!((status, body["code"].as_str()), (409, Some("club_state_conflict")), "an active club is not archived");

    let (status, club) = post(op("haltero-pau/suspend")).await;
    assert_eq!((status, club["status"].as_str()), (200, Some("suspended")), "{club}");
    let (status, body) = app.get_as("/api/v1/clubs/haltero-pau/members", &admin.token).await;
    assert_eq!((status, body["code"].as_str()), (403, Some("club_suspended")), "members are shut out at once");

    let (status, club) = post(op("haltero-pau/archive")).await;
    assert_eq!((status, club["status"].as_str()), (200, Some("archived")), "{club}");
    assert!(club["archive_key"].as_str().is_some_and(|k| k.starts_with("clubs/")));
    let (status, _) = app.send(reqwest::Method::DELETE, &op("haltero-pau"), Some(&operator.token), None).await;
    assert_eq!(status, 204);
    let (status, club) = post(op("haltero-pau/restore")).await;
    assert_eq!((status, club["status"].as_str()), (200, Some("active")), "{club}");
    let (status, members) = app.get_as("/api/v1/clubs/haltero-pau/members", &admin.token).await;
    assert_eq!((status, members.as_array().map(Vec::len)), (200, Some(1)), "{members}");
    let (status, profile) = app.get_json("/api/v1/clubs/haltero-pau").await;
    assert_eq!((status, profile["timezone"].as_str()), (200, Some("Europe/Paris")), "the restored schema answers");

    let (status, fleet): (u16, Value) = post(op("migrate")).await;
    assert_eq!((status, fleet["failed"].as_array().map(Vec::len)), (200, Some(0)), "{fleet}");
    assert_eq!(fleet["migrated"], 0);
    let (status, _) = post(op("no-such-club/suspend")).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn an_operator_closes_every_session_of_an_account() {
    let app = spawn_app().await;
    let operator = app.person("Operator").await;
    make_operator(&app, &operator).await;
    let email = app.sign_up("Compromised").await;
    let session = app.log_in(&email).await;
    let user = session["user_id"].as_str().expect("user");

    let (status, _) = app
        .post_json(&format!("/api/v1/platform/users/{user}/revoke-sessions"), Some(&operator.token), json!({}))
        .await;
    assert_eq!(status, 204);
    let (status, body) = app
        .post_json("/api/v1/auth/refresh", None, json!({"refresh_token": session["refresh_token"], "client": "mobile"}))
        .await;
    assert_eq!((status, body["code"].as_str()), (401, Some("session_revoked")));
    let (status, _) = app
        .post_json(
            &format!("/api/v1/platform/users/{user}/revoke-sessions"),
            session["access_token"].as_str(),
            json!({}),
        )
        .await;
    assert_eq!(status, 403, "only operators revoke");
}
