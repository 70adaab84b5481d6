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

/// The journey of the design, through the SDK only: a founder signs up and creates the club,
/// invites a coach and an athlete; the coach sets the athlete's maximum, builds a workout and
/// plans it; the athlete sees the session with its loads, logs it (twice: a retry); the coach
/// sees the log with its tonnage, the statistics and the new record. Access tokens last a
/// second here, so every step after a pause also proves the SDK refreshes by itself.
#[tokio::test]
async fn the_journey_from_sign_up_to_the_coach_seeing_the_logged_session() {
    let app = crate::support::spawn_app_with(&[("DROPIT_AUTH__ACCESS_TTL_SECS", "1")]).await;
    let unique = uuid::Uuid::new_v4().simple().to_string();
    let founder = DropIt::new(&app.address);
    let founder_email = format!("founder-{unique}@example.org");
    founder
        .call(|api| {
            api.auth_sign_up()
                .body(types::SignUpRequest {
                    email: founder_email.clone(),
                    password: PASSWORD.to_owned(),
                    display_name: "Camille".to_owned(),
                    locale: Some(types::Language::Fr),
                })
                .send()
        })
        .await
        .expect("sign up");
    founder.log_in(&founder_email, PASSWORD).await.expect("log in");
    founder
        .call(|api| {
            api.club_create()
                .body(types::NewClubRequest { slug: "journey".to_owned(), name: "Haltéro Journey".to_owned() })
                .send()
        })
        .await
        .expect("the club");

    // A coach and an athlete join by invitation, each with a new account.
    let mut people = Vec::new();
    for (role, name) in [(types::ClubRoleName::Coach, "Karim"), (types::ClubRoleName::Athlete, "Léa")] {
        let email = format!("{}-{unique}@example.org", name.to_lowercase().replace('é', "e"));
        let issued = founder
            .call(|api| {
                api.invitation_create()
                    .club("journey")
                    .body(types::InvitationRequest { email: email.clone(), role, athlete_id: None })
                    .send()
            })
            .await
            .expect("invite");
        let token = issued.link.rsplit('/').next().expect("token").to_owned();
        let person = DropIt::new(&app.address);
        person
            .call(|api| {
                api.invitation_sign_up()
                    .token(&token)
                    .body(types::InvitationSignUp {
                        display_name: name.to_owned(),
                        password: PASSWORD.to_owned(),
                        locale: None,
                    })
                    .send()
            })
            .await
            .expect("join");
        person.log_in(&email, PASSWORD).await.expect("sign in");
        people.push(person);
    }
    let (coach, athlete) = (&people[0], &people[1]);
    let me = athlete.call(|api| api.my_athlete().club("journey").send()).await.expect("the athlete's profile");

    let exercises = coach
        .call(|api| api.exercise_list().club("journey").q("Snatch").category("snatch").per_page(1).send())
        .await
        .expect("catalogue");
    let snatch = exercises.items[0].id.clone();
    coach
        .call(|api| {
            api.athlete_maximum_set()
                .club("journey")
                .athlete(&me.id)
                .lift("snatch")
                .body(types::MaximumRequest::builder().kg(100.0))
                .send()
        })
        .await
        .expect("the maximum");
    let line = types::LineBody::builder()
        .parts(vec![types::PartBody::builder().exercise_id(snatch.clone()).try_into().expect("part")])
        .sets(vec![
            types::SetBody::builder()
                .reps(2)
                .intensity(
                    types::IntensityBody::builder()
                        .kind(types::IntensityKind::Percent)
                        .min(80.0)
                        .of("snatch".to_owned()),
                )
                .try_into()
                .expect("set");
            3
        ]);
    let workout = coach
        .call(|api| {
            api.workout_create()
                .club("journey")
                .body(
                    types::WorkoutInput::builder()
                        .name("Mardi".to_owned())
                        .lines(vec![line.clone().try_into().expect("line")]),
                )
                .send()
        })
        .await
        .expect("the workout");
    let planned = coach
        .call(|api| {
            api.planned_session_schedule()
                .club("journey")
                .body(
                    types::ScheduleRequest::builder()
                        .workout_id(workout.id.clone())
                        .athlete_ids(vec![me.id.clone()])
                        .dates(vec!["2026-12-01".to_owned()]),
                )
                .send()
        })
        .await
        .expect("planned");
    let session_id = planned.sessions[0].id.clone();

    // Past the access token's second: the SDK refreshes on its own.
    tokio::time::sleep(std::time::Duration::from_millis(1_500)).await;
    let sessions = athlete
        .call(|api| api.my_sessions().club("journey").from("2026-12-01").to("2026-12-07").send())
        .await
        .expect("my sessions");
    let loads = &sessions[0].loads;
    assert_eq!(loads[0].sets[0].load_kg, Some(80.0));
    assert_eq!(loads[0].sets[0].per_side_kg, [25.0, 2.5]);

    let log_id = uuid::Uuid::new_v4().to_string();
    let set = |kg: f64, made: bool| -> types::LoggedSetBody {
        types::LoggedSetBody::builder()
            .exercise_id(snatch.clone())
            .reps(2)
            .load_kg(kg)
            .made(made)
            .try_into()
            .expect("set")
    };
    let log = types::LogInput::builder()
        .id(log_id.clone())
        .planned_session_id(Some(session_id.clone()))
        .performed_on("2026-12-01".to_owned())
        .sets(vec![set(80.0, true), set(80.0, true), set(85.0, false)]);
    let log: types::LogInput = log.try_into().expect("log");
    for _ in 0..2 {
        let stored =
            athlete.call(|api| api.my_log_record().club("journey").body(log.clone()).send()).await.expect("logged");
        assert_eq!(stored.tonnage_kg, 320.0);
    }

    // Concurrent calls after another expiry share one refresh and all succeed.
    tokio::time::sleep(std::time::Duration::from_millis(1_500)).await;
    let (logs, stats, feed) = tokio::join!(
        coach.call(|api| api.log_list().club("journey").from("2026-12-01").to("2026-12-31").send()),
        coach.call(|api| {
            api.athlete_stats().club("journey").athlete(&me.id).from("2026-12-01").to("2026-12-31").send()
        }),
        coach.call(|api| api.activity_feed().club("journey").send()),
    );
    let logs = logs.expect("the coach reads the logs");
    assert_eq!((logs.len(), logs[0].id.as_str(), logs[0].tonnage_kg), (1, log_id.as_str(), 320.0));
    let stats = stats.expect("statistics");
    assert_eq!((stats.done.lifts, stats.done.missed_sets, stats.compliance.done_sessions), (4, 1, 1));
    assert_eq!(stats.done.tonnage_kg, 320.0);
    let feed = feed.expect("the activity feed");
    assert!(feed.iter().any(|item| item.kind == "log" && item.athlete_id == me.id), "{feed:?}");

    // Failure paths: another club, bad input, a token nobody issued, a closed session.
    let failure = coach.call(|api| api.log_list().club("not-ours").from("2026-12-01").to("2026-12-31").send()).await;
    assert_eq!(failure.expect_err("another club").code(), Some("not_found"));
    let failure = athlete
        .call(|api| {
            api.my_log_record()
                .club("journey")
                .body(types::LogInput::builder().id("x".to_owned()).performed_on("2026-02-30".to_owned()).sets(vec![]))
                .send()
        })
        .await
        .expect_err("invalid");
    let ApiFailure::Api { status, fields, .. } = failure else { panic!("an API error") };
    let named: Vec<&str> = fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!((status, named), (422, vec!["id", "performed_on"]));
    athlete.log_out().await.expect("log out");
    let failure = athlete.call(|api| api.me().send()).await.expect_err("signed out");
    assert_eq!(failure.code(), Some("unauthorized"));
}
