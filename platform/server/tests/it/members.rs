//! Creating a club and managing its members.

use serde_json::json;

use crate::support::{add_member, create_club, spawn_app};

#[tokio::test]
async fn a_signed_in_person_creates_a_club_and_administers_it() {
    let app = spawn_app().await;
    let founder = app.person("Founder").await;
    let club_id = create_club(&app, &founder, "haltero-nantes").await;

    let (_, me) = app.get_as("/api/v1/me", &founder.token).await;
    assert_eq!(me["clubs"][0]["id"], club_id.as_str());
    assert_eq!(me["clubs"][0]["role"], "club_admin");
    let (status, members) = app.get_as("/api/v1/clubs/haltero-nantes/members", &founder.token).await;
    assert_eq!(status, 200, "{members}");
    assert_eq!(members[0]["email"], founder.email.to_lowercase().as_str());
    let (status, profile) = app.get_json("/api/v1/clubs/haltero-nantes").await;
    assert_eq!((status, profile["locale"].as_str()), (200, Some("fr")), "the club's schema is provisioned and seeded");

    let (status, body) =
        app.post_json("/api/v1/clubs", Some(&founder.token), json!({"slug": "haltero-nantes", "name": "Again"})).await;
    assert_eq!((status, body["code"].as_str()), (409, Some("slug_taken")));
    let (status, body) =
        app.post_json("/api/v1/clubs", Some(&founder.token), json!({"slug": "Bad Slug!", "name": ""})).await;
    assert_eq!((status, body["code"].as_str()), (422, Some("validation_failed")));
    assert_eq!(body["fields"].as_array().map(Vec::len), Some(2), "{body}");
    let (status, _) = app.post_json("/api/v1/clubs", None, json!({"slug": "anonymous-club", "name": "Nope"})).await;
    assert_eq!(status, 401);
}

#[tokio::test]
async fn a_removed_coach_loses_access_at_once_and_the_club_keeps_its_data() {
    let app = spawn_app().await;
    let admin = app.person("Admin").await;
    let coach = app.person("Coach").await;
    let club_id = create_club(&app, &admin, "haltero-brest").await;
    add_member(&app, "haltero-brest", &club_id, &coach, "coach").await;
    let (status, _) = app.get_as("/api/v1/clubs/haltero-brest/members", &coach.token).await;
    assert_eq!(status, 200);

    let (status, _) = app
        .send(
            reqwest::Method::DELETE,
            &format!("/api/v1/clubs/haltero-brest/members/{}", coach.user_id),
            Some(&admin.token),
            None,
        )
        .await;
    assert_eq!(status, 204);
    let (status, body) = app.get_as("/api/v1/clubs/haltero-brest/members", &coach.token).await;
    assert_eq!((status, body["code"].as_str()), (404, Some("not_found")), "a former member sees nothing");
    let (_, members) = app.get_as("/api/v1/clubs/haltero-brest/members", &admin.token).await;
    assert_eq!(members.as_array().map(Vec::len), Some(1));
    let (status, _) = app.get_json("/api/v1/clubs/haltero-brest").await;
    assert_eq!(status, 200, "the club and its data stay");
}

#[tokio::test]
async fn roles_change_but_a_club_keeps_an_administrator() {
    let app = spawn_app().await;
    let admin = app.person("Admin").await;
    let athlete = app.person("Athlete").await;
    let club_id = create_club(&app, &admin, "haltero-lille").await;
    add_member(&app, "haltero-lille", &club_id, &athlete, "athlete").await;
    let path = |user: &str| format!("/api/v1/clubs/haltero-lille/members/{user}");

    let (status, body) = app
        .send(reqwest::Method::PATCH, &path(&admin.user_id), Some(&admin.token), Some(json!({"role": "coach"})))
        .await;
    assert_eq!((status, body["code"].as_str()), (409, Some("last_club_admin")));
    let (status, _) = app.send(reqwest::Method::DELETE, &path(&admin.user_id), Some(&admin.token), None).await;
    assert_eq!(status, 409);

    let (status, body) = app
        .send(reqwest::Method::PATCH, &path(&athlete.user_id), Some(&admin.token), Some(json!({"role": "coach"})))
        .await;
    assert_eq!((status, body["role"].as_str()), (200, Some("coach")), "{body}");
    let (status, _) = app.get_as("/api/v1/clubs/haltero-lille/members", &athlete.token).await;
    assert_eq!(status, 200, "the new coach reads the members at once");

    let (status, _) = app
        .send(
            reqwest::Method::PATCH,
            &path(&uuid::Uuid::new_v4().to_string()),
            Some(&admin.token),
            Some(json!({"role": "coach"})),
        )
        .await;
    assert_eq!(status, 404);
    let (status, _) =
        app.send(reqwest::Method::PATCH, &path("not-a-uuid"), Some(&admin.token), Some(json!({"role": "coach"}))).await;
    assert_eq!(status, 404);
}
