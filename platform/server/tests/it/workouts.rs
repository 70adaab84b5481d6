//! Workout templates: complexes, prescriptions by set, reorder, duplicate, archive, and the
//! bad input a coach can send.

use serde_json::{Value, json};

use crate::support::{Person, TestApp, create_club, spawn_app};

async fn exercise_id(app: &TestApp, person: &Person, club: &str, english: &str) -> String {
    let (_, page) = app
        .get_as(
            &format!("/api/v1/clubs/{club}/exercises?per_page=100&q={}", english.replace(' ', "%20")),
            &person.token,
        )
        .await;
    page["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|e| e["name_en"] == english)
        .and_then(|e| e["id"].as_str())
        .unwrap_or_else(|| panic!("no {english}"))
        .to_owned()
}

fn percent(min: f64, max: f64, of: &str) -> Value {
    json!({"kind": "percent", "min": min, "max": max, "of": of})
}

#[tokio::test]
async fn a_coach_builds_a_workout_with_a_complex_and_reworks_it() {
    let app = spawn_app().await;
    let coach = app.person("Coach").await;
    create_club(&app, &coach, "workout-club").await;
    let club = "workout-club";
    let clean = exercise_id(&app, &coach, club, "Clean").await;
    let front_squat = exercise_id(&app, &coach, club, "Front squat").await;
    let jerk = exercise_id(&app, &coach, club, "Jerk").await;
    let back_squat = exercise_id(&app, &coach, club, "Back squat").await;
    let snatch_pull = exercise_id(&app, &coach, club, "Snatch pull").await;

    let complex = json!({
        "parts": [{"exercise_id": clean, "reps": 1}, {"exercise_id": front_squat, "reps": 2}, {"exercise_id": jerk, "reps": 1}],
        "sets": [{"reps": 1, "intensity": percent(75.0, 80.0, "clean_and_jerk")}, {"reps": 1, "intensity": percent(80.0, 80.0, "clean_and_jerk")}],
        "rest_seconds": 150
    });
    let squats = json!({
        "parts": [{"exercise_id": back_squat}],
        "sets": [
            {"reps": 5, "intensity": percent(70.0, 70.0, "back_squat")},
            {"reps": 3, "intensity": percent(75.0, 75.0, "back_squat")},
            {"reps": 2, "intensity": {"kind": "kg", "kg": 142.5}},
            {"reps": 2, "intensity": {"kind": "rpe", "min": 8.0, "max": 8.5}}
        ]
    });
    let pulls = json!({"parts": [{"exercise_id": snatch_pull}], "sets": [{"reps": 3, "intensity": percent(105.0, 105.0, "snatch")}]});
    let workout = json!({"name": "Lundi — force", "lines": [complex, squats, pulls]});
    let (status, created) =
        app.post_json(&format!("/api/v1/clubs/{club}/workouts"), Some(&coach.token), workout.clone()).await;
    assert_eq!(status, 201, "{created}");
    assert_eq!(created["lines"][0]["parts"].as_array().map(Vec::len), Some(3), "a complex line");
    assert_eq!(created["lines"][1]["sets"][2]["intensity"]["kg"], 142.5);
    assert_eq!(created["lines"][2]["sets"][0]["intensity"]["of"], "snatch", "a pull at 105 % of the snatch");
    let id = created["id"].as_str().expect("id").to_owned();
    let path = format!("/api/v1/clubs/{club}/workouts/{id}");
    let (status, fetched) = app.get_as(&path, &coach.token).await;
    assert_eq!((status, &fetched), (200, &created));

    // Reordered and archived.
    let mut reworked = workout.clone();
    reworked["lines"] = json!([workout["lines"][2], workout["lines"][0], workout["lines"][1]]);
    reworked["archived"] = json!(true);
    let (status, replaced) = app.send(reqwest::Method::PUT, &path, Some(&coach.token), Some(reworked)).await;
    assert_eq!(status, 200, "{replaced}");
    assert_eq!(replaced["lines"][0]["parts"][0]["exercise_id"], snatch_pull.as_str());
    assert_eq!(replaced["archived"], true);
    let (_, list) = app.get_as(&format!("/api/v1/clubs/{club}/workouts"), &coach.token).await;
    assert_eq!(list["total"], 0, "archived workouts are hidden");

    let (status, copy) = app.post_json(&format!("{path}/duplicate"), Some(&coach.token), json!({})).await;
    assert_eq!((status, copy["name"].as_str()), (201, Some("Lundi — force (copy)")), "{copy}");
    assert_eq!(copy["lines"], replaced["lines"]);
    let (_, list) = app.get_as(&format!("/api/v1/clubs/{club}/workouts?include_archived=true"), &coach.token).await;
    assert_eq!(list["total"], 2);
}

#[tokio::test]
async fn absurd_or_foreign_prescriptions_are_refused_with_their_fields() {
    let app = spawn_app().await;
    let coach = app.person("Coach").await;
    let other = app.person("Other").await;
    create_club(&app, &coach, "strict-club").await;
    create_club(&app, &other, "other-club").await;
    let snatch = exercise_id(&app, &coach, "strict-club", "Snatch").await;
    let foreign = exercise_id(&app, &other, "other-club", "Snatch").await;
    let post = |body: Value| {
        let (app, token) = (&app, coach.token.clone());
        async move { app.post_json("/api/v1/clubs/strict-club/workouts", Some(&token), body).await }
    };
    let fields = |body: &Value| -> Vec<String> {
        body["fields"]
            .as_array()
            .expect("fields")
            .iter()
            .map(|f| format!("{}:{}", f["field"].as_str().unwrap_or(""), f["code"].as_str().unwrap_or("")))
            .collect()
    };

    let (status, body) = post(json!({"name": "Bad", "lines": [{
        "parts": [{"exercise_id": snatch, "reps": 1}],
        "sets": [
            {"reps": 0, "intensity": percent(-10.0, 80.0, "snatch")},
            {"reps": 3, "intensity": {"kind": "kg", "kg": 900.0}},
            {"reps": 3, "intensity": {"kind": "percent", "min": 80.0, "of": "bench"}}
        ]
    }]}))
    .await;
    assert_eq!(status, 422, "{body}");
    assert_eq!(fields(&body), ["lines[0].sets[2].intensity.of:invalid"]);

    let (status, body) = post(json!({"name": "Bad", "lines": [{
        "parts": [{"exercise_id": snatch, "reps": 1}],
        "sets": [{"reps": 0, "intensity": percent(-10.0, 80.0, "snatch")}, {"reps": 3, "intensity": {"kind": "kg", "kg": 900.0}}]
    }]}))
    .await;
    assert_eq!(status, 422);
    assert_eq!(
        fields(&body),
        [
            "lines[0].sets[0].reps:out_of_range",
            "lines[0].sets[0].intensity.min:out_of_range",
            "lines[0].sets[1].intensity.kg:out_of_range"
        ]
    );

    let (status, body) =
        post(json!({"name": "Nothing", "lines": [{"parts": [{"exercise_id": snatch}], "sets": []}]})).await;
    assert_eq!((status, fields(&body)), (422, vec!["lines[0].sets:required".to_owned()]));

    for stranger in [foreign, uuid::Uuid::new_v4().to_string()] {
        let (status, body) = post(json!({"name": "Foreign", "lines": [{
            "parts": [{"exercise_id": snatch}, {"exercise_id": stranger}],
            "sets": [{"reps": 1, "intensity": {"kind": "free"}}]
        }]}))
        .await;
        assert_eq!((status, fields(&body)), (422, vec!["lines[0].parts[1].exercise_id:invalid".to_owned()]), "{body}");
    }
    let (status, body) = post(json!({"name": "Typo", "lines": [{"parts": [{"exercise_id": "not-an-id"}], "sets": [{"reps": 1, "intensity": {"kind": "free"}}]}]})).await;
    assert_eq!((status, fields(&body)), (422, vec!["lines[0].parts[0].exercise_id:invalid".to_owned()]));
    let (_, list) = app.get_as("/api/v1/clubs/strict-club/workouts?include_archived=true", &coach.token).await;
    assert_eq!(list["total"], 0, "nothing half-written");
}
