//! The journey so far, through the generated SDK only: sign up, create a club, invite an
//! athlete who joins with a new account, and the failure paths a client meets.

use dropit_sdk::{ApiFailure, DropIt, types};

use crate::support::{PASSWORD, spawn_app};

#[tokio::test]
async fn a_club_is_founded_and_joined_through_the_sdk() {
    let app = spawn_app().await;
    let admin = DropIt::new(&app.address);
    let email = format!("founder-{}@example.org", uuid::Uuid::new_v4().simple());
    let profile = admin
        .api()
        .auth_sign_up()
        .body(types::SignUpRequest {
            email: email.clone(),
            password: PASSWORD.to_owned(),
            display_name: "Camille".to_owned(),
            locale: Some(types::Language::Fr),
        })
        .send()
        .await
        .expect("sign up")
        .into_inner();
    assert_eq!(profile.display_name, "Camille");
    admin.log_in(&email, PASSWORD).await.expect("log in");

    let club = admin
        .api()
        .club_create()
        .body(types::NewClubRequest { slug: "sdk-club".to_owned(), name: "Club SDK".to_owned() })
        .send()
        .await
        .expect("create a club")
        .into_inner();
    assert_eq!(club.role, types::ClubRoleName::ClubAdmin);

    let athlete_email = format!("athlete-{}@example.org", uuid::Uuid::new_v4().simple());
    let issued = admin
        .api()
        .invitation_create()
        .club("sdk-club")
        .body(types::InvitationRequest {
            email: athlete_email.clone(),
            role: types::ClubRoleName::Athlete,
            athlete_id: None,
        })
        .send()
        .await
        .expect("invite")
        .into_inner();
    let token = issued.link.rsplit('/').next().expect("token").to_owned();

    let athlete = DropIt::new(&app.address);
    let preview = athlete.api().invitation_preview().token(&token).send().await.expect("preview").into_inner();
    assert_eq!((preview.club_name.as_str(), preview.role), ("Club SDK", types::ClubRoleName::Athlete));
    athlete
        .api()
        .invitation_sign_up()
        .token(&token)
        .body(types::InvitationSignUp { display_name: "Léa".to_owned(), password: PASSWORD.to_owned(), locale: None })
        .send()
        .await
        .expect("join with a new account");
    athlete.log_in(&athlete_email, PASSWORD).await.expect("the athlete signs in");
    let me = athlete.api().me().send().await.expect("me").into_inner();
    assert_eq!(me.clubs.len(), 1);
    assert_eq!((me.clubs[0].slug.as_str(), me.clubs[0].role.as_str()), ("sdk-club", "athlete"));

    let members = admin.api().club_members().club("sdk-club").send().await.expect("members").into_inner();
    assert_eq!(members.len(), 2);

    // The session refreshes, and the new access token works.
    athlete.refresh().await.expect("refresh");
    athlete.api().me().send().await.expect("me after refresh");
}

#[tokio::test]
async fn failures_come_back_as_typed_api_errors() {
    let app = spawn_app().await;
    let client = DropIt::new(&app.address);

    let failure: ApiFailure = client.api().me().send().await.expect_err("not signed in").into();
    assert_eq!(failure.code(), Some("unauthorized"));

    let failure: ApiFailure = client
        .api()
        .auth_sign_up()
        .body(types::SignUpRequest {
            email: "not-an-email".to_owned(),
            password: "short".to_owned(),
            display_name: String::new(),
            locale: None,
        })
        .send()
        .await
        .expect_err("invalid")
        .into();
    let ApiFailure::Api { status, code, fields, .. } = failure else { panic!("an API error") };
    assert_eq!((status, code.as_str()), (422, "validation_failed"));
    assert!(fields.iter().any(|f| f.field == "email" && f.code == "invalid_email"));

    let email = app.sign_up("Sdk").await;
    client.log_in(&email, PASSWORD).await.expect("log in");
    let failure: ApiFailure =
        client.api().club_members().club("someone-elses-club").send().await.expect_err("404").into();
    assert_eq!(failure.code(), Some("not_found"));

    client.set_access_token(Some("expired.or.forged".to_owned()));
    let failure: ApiFailure = client.api().me().send().await.expect_err("bad token").into();
    assert_eq!(failure.code(), Some("token_invalid"));
    client.refresh().await.expect("the refresh token still works");
    client.api().me().send().await.expect("signed in again");
}
