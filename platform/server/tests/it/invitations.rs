//! Invitations: by email, single use, expiring, revocable; accepted with an existing account
//! or a new one.

use serde_json::{Value, json};

use crate::support::{PASSWORD, Person, TestApp, create_club, spawn_app};

fn token_of(link: &str) -> String {
    link.rsplit('/').next().expect("token").to_owned()
}

async fn invite(app: &TestApp, admin: &Person, club: &str, email: &str, role: &str) -> Value {
    let (status, body) = app
        .post_json(
            &format!("/api/v1/clubs/{club}/invitations"),
            Some(&admin.token),
            json!({"email": email, "role": role}),
        )
        .await;
    assert_eq!(status, 201, "{body}");
    body
}

#[tokio::test]
async fn an_invited_member_accepts_once_with_their_account() {
    let app = spawn_app().await;
    let admin = app.person("Admin").await;
    let coach = app.person("Coach").await;
    create_club(&app, &admin, "haltero-metz").await;

    let resp = app
        .client
        .post(app.url("/api/v1/clubs/haltero-metz/invitations"))
        .bearer_auth(&admin.token)
        .header("accept-language", "fr")
        .json(&json!({"email": coach.email, "role": "coach"}))
        .send()
        .await
        .expect("invite");
    assert_eq!(resp.status(), 201);
    let issued: Value = resp.json().await.expect("json");
    assert_eq!(issued["emailed"], true);
    let link = issued["link"].as_str().expect("link").to_owned();
    let mails = app.mails();
    assert_eq!(mails.len(), 1);
    assert!(mails[0].contains(&link), "the email carries the link: {}", mails[0]);
    assert!(mails[0].contains("vous invite") && mails[0].contains("entra"), "a French email: {}", mails[0]);

    let token = token_of(&link);
    let (status, preview) = app.get_json(&format!("/api/v1/invitations/{token}")).await;
    assert_eq!(
        (status, preview["club_slug"].as_str(), preview["role"].as_str()),
        (200, Some("haltero-metz"), Some("coach"))
    );

    let (status, joined) =
        app.post_json(&format!("/api/v1/invitations/{token}/accept"), Some(&coach.token), json!({})).await;
    assert_eq!((status, joined["role"].as_str()), (200, Some("coach")), "{joined}");
    let (status, _) = app.get_as("/api/v1/clubs/haltero-metz/members", &coach.token).await;
    assert_eq!(status, 200, "the new coach has access at once");

    let (status, body) =
        app.post_json(&format!("/api/v1/invitations/{token}/accept"), Some(&coach.token), json!({})).await;
    assert_eq!((status, body["code"].as_str()), (410, Some("invitation_used")));
    let (_, pending) = app.get_as("/api/v1/clubs/haltero-metz/invitations", &admin.token).await;
    assert_eq!(pending, json!([]));
}

#[tokio::test]
async fn a_new_person_signs_up_through_the_invitation() {
    let app = spawn_app().await;
    let admin = app.person("Admin").await;
    create_club(&app, &admin, "haltero-caen").await;
    let email = format!("new-athlete-{}@example.org", uuid::Uuid::new_v4().simple());
    let issued = invite(&app, &admin, "haltero-caen", &email, "athlete").await;
    let token = token_of(issued["link"].as_str().expect("link"));

    let (status, body) = app
        .post_json(
            &format!("/api/v1/invitations/{token}/sign-up"),
            None,
            json!({"display_name": "Inès", "password": "short"}),
        )
        .await;
    assert_eq!((status, body["fields"][0]["code"].as_str()), (422, Some("weak_password")));

    let (status, profile) = app
        .post_json(
            &format!("/api/v1/invitations/{token}/sign-up"),
            None,
            json!({"display_name": "Inès", "password": PASSWORD}),
        )
        .await;
    assert_eq!((status, profile["email"].as_str()), (200, Some(email.as_str())), "{profile}");
    let session = app.log_in(&email).await;
    let (_, me) = app.get_as("/api/v1/me", session["access_token"].as_str().expect("token")).await;
    assert_eq!(me["clubs"][0]["slug"], "haltero-caen");
    assert_eq!(me["clubs"][0]["role"], "athlete");
}

#[tokio::test]
async fn expired_revoked_resent_and_forged_invitations() {
    let app = spawn_app().await;
    let admin = app.person("Admin").await;
    let guest = app.person("Guest").await;
    create_club(&app, &admin, "haltero-dijon").await;

    let expired = invite(&app, &admin, "haltero-dijon", &guest.email, "athlete").await;
    let db = sea_orm::Database::connect(&app.database_url).await.expect("connect");
    sea_orm::ConnectionTrait::execute_unprepared(
        &db,
        &format!(
            "UPDATE platform.invitations SET expires_at = now() - interval '1 minute' WHERE id = '{}'",
            expired["invitation"]["id"].as_str().expect("id")
        ),
    )
    .await
    .expect("expire");
    let token = token_of(expired["link"].as_str().expect("link"));
    let (status, body) = app.get_json(&format!("/api/v1/invitations/{token}")).await;
    assert_eq!((status, body["code"].as_str()), (410, Some("invitation_expired")));
    let (status, body) =
        app.post_json(&format!("/api/v1/invitations/{token}/accept"), Some(&guest.token), json!({})).await;
    assert_eq!((status, body["code"].as_str()), (410, Some("invitation_expired")));

    // Sent again: a new link that works, the old one dead.
    let id = expired["invitation"]["id"].as_str().expect("id");
    let (status, resent) = app
        .post_json(&format!("/api/v1/clubs/haltero-dijon/invitations/{id}/resend"), Some(&admin.token), json!({}))
        .await;
    assert_eq!(status, 201, "{resent}");
    let new_token = token_of(resent["link"].as_str().expect("link"));
    assert_ne!(new_token, token);
    let (status, _) = app.get_json(&format!("/api/v1/invitations/{token}")).await;
    assert_eq!(status, 404);
    let (status, _) = app.get_json(&format!("/api/v1/invitations/{new_token}")).await;
    assert_eq!(status, 200);

    // Revoked: gone.
    let (status, _) = app
        .send(
            reqwest::Method::DELETE,
            &format!("/api/v1/clubs/haltero-dijon/invitations/{id}"),
            Some(&admin.token),
            None,
        )
        .await;
    assert_eq!(status, 204);
    let (status, body) =
        app.post_json(&format!("/api/v1/invitations/{new_token}/accept"), Some(&guest.token), json!({})).await;
    assert_eq!((status, body["code"].as_str()), (404, Some("not_found")));

    for forged in ["forged", "a%27%3B--", &"x".repeat(300)] {
        let (status, body) = app.get_json(&format!("/api/v1/invitations/{forged}")).await;
        assert_eq!((status, body["code"].as_str()), (404, Some("not_found")));
    }
    let (status, body) = app
        .post_json(
            "/api/v1/clubs/haltero-dijon/invitations",
            Some(&admin.token),
            json!({"email": "nope", "role": "coach"}),
        )
        .await;
    assert_eq!((status, body["fields"][0]["code"].as_str()), (422, Some("invalid_email")));
}
