//! The audit log records security events; club administrators read their club's, operators
//! read everything.

use serde_json::{Value, json};

use crate::support::{create_club, make_operator, spawn_app};

fn actions(entries: &Value) -> Vec<String> {
    entries.as_array().expect("entries").iter().map(|e| e["action"].as_str().unwrap_or_default().to_owned()).collect()
}

#[tokio::test]
async fn club_events_reach_the_club_log_and_everything_reaches_the_platform_log() {
    let app = spawn_app().await;
    let admin = app.person("Admin").await;
    let coach = app.person("Coach").await;
    let operator = app.person("Operator").await;
    make_operator(&app, &operator).await;
    create_club(&app, &admin, "haltero-tours").await;
    let (_, issued) = app
        .post_json(
            "/api/v1/clubs/haltero-tours/invitations",
            Some(&admin.token),
            json!({"email": coach.email, "role": "athlete"}),
        )
        .await;
    let token = issued["link"].as_str().expect("link").rsplit('/').next().expect("token").to_owned();
    app.post_json(&format!("/api/v1/invitations/{token}/accept"), Some(&coach.token), json!({})).await;
    let member = format!("/api/v1/clubs/haltero-tours/members/{}", coach.user_id);
    app.send(reqwest::Method::PATCH, &member, Some(&admin.token), Some(json!({"role": "coach"}))).await;
    app.send(reqwest::Method::DELETE, &member, Some(&admin.token), None).await;
    app.post_json(
        "/api/v1/auth/login",
        None,
        json!({"email": admin.email, "password": "wrong-password-1", "client": "web"}),
    )
    .await;

    let (status, log) = app.get_as("/api/v1/clubs/haltero-tours/audit", &admin.token).await;
    assert_eq!(status, 200, "{log}");
    assert_eq!(
        actions(&log),
        ["member_removed", "role_changed", "invitation_accepted", "invitation_sent", "club_created"],
        "{log}"
    );
    assert_eq!(log[0]["actor_id"], admin.user_id.as_str());
    assert_eq!(log[0]["subject"], coach.user_id.as_str());

    let (status, log) = app.get_as("/api/v1/platform/audit?limit=200", &operator.token).await;
    assert_eq!(status, 200);
    let all = actions(&log);
    for action in ["signed_up", "signed_in", "sign_in_failed", "club_created", "member_removed"] {
        assert!(all.iter().any(|a| a == action), "{action} missing from {all:?}");
    }
    let failed = log.as_array().expect("entries").iter().find(|e| e["action"] == "sign_in_failed").expect("failure");
    assert_eq!(failed["subject"], admin.email.to_lowercase().as_str());
    assert_eq!(failed["address"], "127.0.0.1");

    // Pages: newest first, `before` continues.
    let (_, first) = app.get_as("/api/v1/platform/audit?limit=2", &operator.token).await;
    assert_eq!(first.as_array().map(Vec::len), Some(2));
    let cursor = first[1]["id"].as_i64().expect("id");
    let (_, next) = app.get_as(&format!("/api/v1/platform/audit?limit=2&before={cursor}"), &operator.token).await;
    assert!(next[0]["id"].as_i64().expect("id") < cursor);
    let (status, body) = app.get_as("/api/v1/platform/audit?limit=5000", &operator.token).await;
    assert_eq!((status, body["code"].as_str()), (400, Some("invalid_parameter")));
}
