//! Searching the catalogue: typos, accents and prefixes through Typesense; the index follows
//! writes; with Typesense gone the search still answers from PostgreSQL, says it is degraded,
//! and writes still succeed; back, it catches up without a restart.

use std::time::Duration;

use serde_json::{Value, json};

use crate::support::{
    OwnService, TestApp, add_member, create_club, service_status, spawn_app, spawn_app_with, stack_var,
    wait_for_service_status,
};

fn names(found: &Value) -> Vec<String> {
    found["hits"].as_array().expect("hits").iter().filter_map(|h| h["name_en"].as_str().map(str::to_owned)).collect()
}

async fn search(app: &TestApp, club: &str, token: &str, query: &str) -> Value {
    let (status, found) = app.get_as(&format!("/api/v1/clubs/{club}/search?{query}"), token).await;
    assert_eq!(status, 200, "{found}");
    found
}

/// Searches until `check` holds (the index follows writes in the background).
async fn eventually(app: &TestApp, club: &str, token: &str, query: &str, check: impl Fn(&Value) -> bool) -> Value {
    for _ in 0..100 {
        let found = search(app, club, token, query).await;
        if check(&found) {
            return found;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{query}: never as expected; last: {}", search(app, club, token, query).await);
}

#[tokio::test]
async fn typos_accents_and_prefixes_find_the_right_exercises() {
    let app = spawn_app().await;
    let coach = app.person("Coach").await;
    let athlete = app.person("Athlete").await;
    let club_id = create_club(&app, &coach, "search-club").await;
    add_member(&app, "search-club", &club_id, &athlete, "athlete").await;

    let found = search(&app, "search-club", &coach.token, "q=snatc&kind=exercise").await;
    assert_eq!(found["degraded"], false, "{found}");
    assert_eq!(names(&found)[0], "Snatch", "{found}");
    let found = search(&app, "search-club", &coach.token, "q=arrache&kind=exercise&limit=5").await;
    assert!(names(&found).contains(&"Snatch".to_owned()), "{found}");
    let found = search(&app, "search-club", &coach.token, "q=epaule%20jete&kind=exercise&limit=3").await;
    assert_eq!(names(&found)[0], "Clean & jerk", "{found}");
    let found = search(&app, "search-club", &coach.token, "q=snacth&kind=exercise&limit=5").await;
    assert!(names(&found).contains(&"Snatch".to_owned()), "a swapped pair of letters: {found}");

    // Facets, and a filter on one of them.
    let found = search(&app, "search-club", &coach.token, "q=&kind=exercise&limit=100").await;
    assert_eq!(found["found"], 69, "{found}");
    let squats = found["categories"].as_array().expect("facets").iter().find(|f| f["value"] == "squat").cloned();
    let squat_count = squats.expect("a squat facet")["count"].as_u64().expect("count");
    let found = search(&app, "search-club", &coach.token, "q=&category=squat&limit=100").await;
    assert_eq!(found["found"].as_u64(), Some(squat_count));

    // The index follows writes: a new exercise, and a workout only those who may see it find.
    let (status, _) = app
        .post_json(
            "/api/v1/clubs/search-club/exercises",
            Some(&coach.token),
            json!({"name_fr": "Arraché Klokov", "name_en": "Klokov snatch", "category": "snatch", "tags": ["variation"]}),
        )
        .await;
    assert_eq!(status, 201);
    eventually(&app, "search-club", &coach.token, "q=klokov", |f| names(f).contains(&"Klokov snatch".to_owned())).await;
    let (_, snatch) = app.get_as("/api/v1/clubs/search-club/exercises?q=Snatch&per_page=1", &coach.token).await;
    let workout = json!({"name": "Pyramide arraché", "lines": [{"parts": [{"exercise_id": snatch["items"][0]["id"]}],
        "sets": [{"reps": 1, "intensity": {"kind": "free"}}]}]});
    assert_eq!(app.post_json("/api/v1/clubs/search-club/workouts", Some(&coach.token), workout).await.0, 201);
    let found = eventually(&app, "search-club", &coach.token, "q=pyramide", |f| f["found"].as_u64() == Some(1)).await;
    assert_eq!(found["hits"][0]["kind"], "workout");
    let found = search(&app, "search-club", &athlete.token, "q=pyramide").await;
    assert_eq!(found["found"], 0, "athletes search exercises only: {found}");

    let (status, body) = app.get_as("/api/v1/clubs/search-club/search?kind=video", &coach.token).await;
    assert_eq!((status, body["code"].as_str()), (400, Some("invalid_parameter")));
}

#[tokio::test]
async fn without_typesense_search_degrades_writes_succeed_and_the_index_catches_up() {
    let key = stack_var("DROPIT_SEARCH__API_KEY");
    let mut typesense = OwnService::typesense(&key);
    let url = format!("http://127.0.0.1:{}", typesense.port);
    let app = spawn_app_with(&[("DROPIT_SEARCH__URL", &url)]).await;
    let coach = app.person("Coach").await;
    create_club(&app, &coach, "degraded-club").await;
    wait_for_service_status(&app, "typesense", "up").await;
    let found = search(&app, "degraded-club", &coach.token, "q=arrache&kind=exercise").await;
    assert_eq!(found["degraded"], false);

    typesense.stop();
    let found = search(&app, "degraded-club", &coach.token, "q=arrache&kind=exercise&limit=50").await;
    assert_eq!(found["degraded"], true, "{found}");
    assert!(names(&found).contains(&"Snatch".to_owned()), "the fallback still finds: {found}");
    let found = search(&app, "degraded-club", &coach.token, "q=epaule%20jete&kind=exercise").await;
    assert!(names(&found).contains(&"Clean & jerk".to_owned()), "{found}");
    assert!(found["categories"].as_array().is_some_and(|c| !c.is_empty()), "facets in the fallback too: {found}");
    let ready = wait_for_service_status(&app, "typesense", "degraded").await;
    assert_eq!(service_status(&ready, "typesense"), Some("degraded"));
    let (status, _) = app
        .post_json(
            "/api/v1/clubs/degraded-club/exercises",
            Some(&coach.token),
            json!({"name_fr": "Tirage nuque", "name_en": "Behind-the-neck pull", "category": "pull"}),
        )
        .await;
    assert_eq!(status, 201, "a write never waits for search");

    typesense.restart();
    wait_for_service_status(&app, "typesense", "up").await;
    eventually(&app, "degraded-club", &coach.token, "q=nuque", |f| {
        f["degraded"] == false && names(f).first().map(String::as_str) == Some("Behind-the-neck pull")
    })
    .await;
}
