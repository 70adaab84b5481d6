//! Planning: a coach schedules copies of a workout for athletes; athletes see their own.

use serde_json::{Value, json};

use crate::support::{add_member, create_club, spawn_app};

#[tokio::test]
async fn a_coach_plans_and_an_athlete_sees_only_their_sessions() {
    let app = spawn_app().await;
    let coach = app.person("Coach").await;
    let athlete = app.person("Athlete").await;
    let other_athlete = app.person("Other").await;
    let outsider = app.person("Outsider").await;
    let club_id = create_club(&app, &coach, "plan-club").await;
    add_member(&app, "plan-club", &club_id, &athlete, "athlete").await;
    add_member(&app, "plan-club", &club_id, &other_athlete, "athlete").await;

    let (_, exercises) =
        app.get_as("/api/v1/clubs/plan-club/exercises?q=Snatch&category=snatch&per_page=1", &coach.token).await;
    let snatch = exercises["items"][0]["id"].as_str().expect("exercise").to_owned();
    let workout = json!({"name": "Mardi", "lines": [{"parts": [{"exercise_id": snatch}], "sets": [{"reps": 2, "intensity": {"kind": "percent", "min": 80.0, "of": "snatch"}}]}]});
    let (_, created) = app.post_json("/api/v1/clubs/plan-club/workouts", Some(&coach.token), workout.clone()).await;
    let workout_id = created["id"].as_str().expect("workout").to_owned();

    let schedule =
        |athletes: Value, dates: Value| json!({"workout_id": workout_id, "athlete_ids": athletes, "dates": dates});
    let (status, planned) = app
        .post_json(
            "/api/v1/clubs/plan-club/planned-sessions",
            Some(&coach.token),
            schedule(json!([athlete.user_id]), json!(["2026-12-01", "2026-12-03"])),
        )
        .await;
    assert_eq!(status, 201, "{planned}");
    let sessions = planned["sessions"].as_array().expect("sessions");
    assert_eq!(sessions.len(), 2);
    assert_eq!(sessions[0]["lines"][0]["sets"][0]["intensity"]["min"], 80.0);

    // The template changes; what was planned does not.
    let mut heavier = workout.clone();
    heavier["lines"][0]["sets"][0]["intensity"]["min"] = json!(90.0);
    app.send(
        reqwest::Method::PUT,
        &format!("/api/v1/clubs/plan-club/workouts/{workout_id}"),
        Some(&coach.token),
        Some(heavier),
    )
    .await;

    let (status, mine) =
        app.get_as("/api/v1/clubs/plan-club/me/sessions?from=2026-12-01&to=2026-12-31", &athlete.token).await;
    assert_eq!(status, 200, "{mine}");
    assert_eq!(mine.as_array().map(Vec::len), Some(2));
    assert_eq!(mine[0]["lines"][0]["sets"][0]["intensity"]["min"], 80.0, "planned sessions are copies");
    let (_, theirs) =
        app.get_as("/api/v1/clubs/plan-club/me/sessions?from=2026-12-01&to=2026-12-31", &other_athlete.token).await;
    assert_eq!(theirs, json!([]), "an athlete sees only their own");
    let (status, _) =
        app.get_as("/api/v1/clubs/plan-club/planned-sessions?from=2026-12-01&to=2026-12-31", &athlete.token).await;
    assert_eq!(status, 403, "the calendar is the coach's");

    let id = sessions[0]["id"].as_str().expect("id");
    let path = format!("/api/v1/clubs/plan-club/planned-sessions/{id}");
    let (status, moved) =
        app.send(reqwest::Method::PATCH, &path, Some(&coach.token), Some(json!({"date": "2026-12-02"}))).await;
    assert_eq!((status, moved["date"].as_str()), (200, Some("2026-12-02")));
    let (_, cancelled) =
        app.send(reqwest::Method::PATCH, &path, Some(&coach.token), Some(json!({"cancelled": true}))).await;
    assert_eq!(cancelled["cancelled"], true);
    let (_, calendar) = app
        .get_as(
            &format!(
                "/api/v1/clubs/plan-club/planned-sessions?from=2026-12-01&to=2026-12-31&athlete_id={}",
                athlete.user_id
            ),
            &coach.token,
        )
        .await;
    let dates: Vec<&str> = calendar.as_array().expect("sessions").iter().filter_map(|s| s["date"].as_str()).collect();
    assert_eq!(dates, ["2026-12-02", "2026-12-03"]);

    // Bad input: someone outside the club, bad dates, an unknown workout, a range too long.
    let (status, body) = app
        .post_json(
            "/api/v1/clubs/plan-club/planned-sessions",
            Some(&coach.token),
            schedule(json!([outsider.user_id, "nope"]), json!(["2026-02-30"])),
        )
        .await;
    let fields: Vec<&str> =
        body["fields"].as_array().expect("fields").iter().filter_map(|f| f["field"].as_str()).collect();
    assert_eq!((status, fields), (422, vec!["athlete_ids[0]", "athlete_ids[1]", "dates[0]"]));
    let unknown =
        json!({"workout_id": uuid::Uuid::new_v4(), "athlete_ids": [athlete.user_id], "dates": ["2026-12-05"]});
    let (status, body) = app.post_json("/api/v1/clubs/plan-club/planned-sessions", Some(&coach.token), unknown).await;
    assert_eq!((status, body["fields"][0]["field"].as_str()), (422, Some("workout_id")));
    let (status, body) =
        app.get_as("/api/v1/clubs/plan-club/planned-sessions?from=2026-01-01&to=2027-06-01", &coach.token).await;
    assert_eq!((status, body["code"].as_str()), (400, Some("invalid_parameter")));
    let (_, after) =
        app.get_as("/api/v1/clubs/plan-club/planned-sessions?from=2026-12-01&to=2026-12-31", &coach.token).await;
    assert_eq!(after.as_array().map(Vec::len), Some(2), "failed requests planned nothing");
}

#[tokio::test]
async fn an_athlete_sees_loads_in_kilograms_with_the_plates_for_each_side() {
    let app = spawn_app().await;
    let coach = app.person("Coach").await;
    let athlete = app.person("Athlete").await;
    let outsider = app.person("Outsider").await;
    let club_id = create_club(&app, &coach, "load-club").await;
    add_member(&app, "load-club", &club_id, &athlete, "athlete").await;
    let (_, exercises) =
        app.get_as("/api/v1/clubs/load-club/exercises?q=Snatch&category=snatch&per_page=1", &coach.token).await;
    let snatch = exercises["items"][0]["id"].as_str().expect("exercise").to_owned();
    let workout = json!({"name": "Technique", "lines": [{"parts": [{"exercise_id": snatch}], "sets": [
        {"reps": 2, "intensity": {"kind": "percent", "min": 80.0, "max": 85.0, "of": "snatch"}},
        {"reps": 2, "intensity": {"kind": "percent", "min": 70.0, "of": "clean_and_jerk"}},
        {"reps": 1, "intensity": {"kind": "kg", "kg": 101.0}},
        {"reps": 1, "intensity": {"kind": "rpe", "min": 8.0}},
        {"reps": 1, "intensity": {"kind": "kg", "kg": 101.5}}
    ]}]});
    let (_, created) = app.post_json("/api/v1/clubs/load-club/workouts", Some(&coach.token), workout).await;
    let plan = json!({"workout_id": created["id"], "athlete_ids": [athlete.user_id], "dates": ["2026-12-07"]});
    app.post_json("/api/v1/clubs/load-club/planned-sessions", Some(&coach.token), plan).await;

    let maximum = |user: &str, lift: &str| format!("/api/v1/clubs/load-club/athletes/{user}/maxima/{lift}");
    let (status, body) = app
        .send(
            reqwest::Method::PUT,
            &maximum(&athlete.user_id, "snatch"),
            Some(&coach.token),
            Some(json!({"kg": 100.0})),
        )
        .await;
    assert_eq!((status, body["kg"].as_f64()), (200, Some(100.0)), "{body}");
    let (status, body) = app
        .send(reqwest::Method::PUT, &maximum(&athlete.user_id, "snatch"), Some(&coach.token), Some(json!({"kg": -3.0})))
        .await;
    assert_eq!((status, body["fields"][0]["field"].as_str()), (422, Some("kg")));
    let (status, _) = app
        .send(
            reqwest::Method::PUT,
            &maximum(&outsider.user_id, "snatch"),
            Some(&coach.token),
            Some(json!({"kg": 90.0})),
        )
        .await;
    assert_eq!(status, 404, "not a member of the club");
    let (status, _) = app
        .send(reqwest::Method::PUT, &maximum(&athlete.user_id, "bench"), Some(&coach.token), Some(json!({"kg": 90.0})))
        .await;
    assert_eq!(status, 404);

    let (status, mine) =
        app.get_as("/api/v1/clubs/load-club/me/sessions?from=2026-12-01&to=2026-12-31", &athlete.token).await;
    assert_eq!(status, 200, "{mine}");
    let sets = &mine[0]["loads"][0]["sets"];
    // 80 % of 100 kg: 80 kg on a 20 kg bar with 2.5 kg collars, 27.5 a side: 25 + 2.5; up to 85 kg.
    assert_eq!(sets[0]["load_kg"], 80.0);
    assert_eq!(sets[0]["per_side_kg"], json!([25.0, 2.5]));
    assert_eq!(sets[0]["high_load_kg"], 85.0);
    assert_eq!(sets[1]["problem"], "no_maximum", "no clean & jerk maximum yet");
    assert_eq!(sets[2]["load_kg"], 101.0, "fixed loads are built as they are");
    assert_eq!(sets[2]["per_side_kg"], json!([25.0, 10.0, 2.5, 0.5]));
    assert_eq!(sets[3]["problem"], "athlete_chooses");
    assert_eq!(
        (sets[4]["problem"].as_str(), sets[4]["load_kg"].as_f64()),
        (Some("missing_plates"), None),
        "never rounded"
    );
    assert_eq!(sets[4]["target_kg"], 101.5);
}

#[tokio::test]
async fn the_club_sets_its_bar_and_plates_and_loads_follow() {
    let app = spawn_app().await;
    let admin = app.person("Admin").await;
    create_club(&app, &admin, "plates-club").await;
    let (status, loading) = app.get_as("/api/v1/clubs/plates-club/settings/loading", &admin.token).await;
    assert_eq!(status, 200, "{loading}");
    assert_eq!((loading["bar_kg"].as_f64(), loading["collar_kg"].as_f64()), (Some(20.0), Some(2.5)));
    assert_eq!(loading["rounding"], "nearest");
    assert_eq!(loading["plates"].as_array().map(Vec::len), Some(10), "the competition set by default");

    let small = json!({"bar_kg": 15.0, "collar_kg": 0.0, "rounding": "floor", "plates": [
        {"kg": 20.0, "count": 2}, {"kg": 10.0, "count": 2}, {"kg": 5.0, "count": 2}, {"kg": 2.5, "count": 2}, {"kg": 1.25, "count": 2}
    ]});
    let (status, saved) = app
        .send(reqwest::Method::PUT, "/api/v1/clubs/plates-club/settings/loading", Some(&admin.token), Some(small))
        .await;
    assert_eq!((status, saved["rounding"].as_str()), (200, Some("floor")), "{saved}");

    // The founder is also an athlete of their own club here: plan for them and read the loads.
    let (_, exercises) =
        app.get_as("/api/v1/clubs/plates-club/exercises?q=Snatch&category=snatch&per_page=1", &admin.token).await;
    let snatch = exercises["items"][0]["id"].as_str().expect("exercise").to_owned();
    let workout = json!({"name": "Petit matériel", "lines": [{"parts": [{"exercise_id": snatch}], "sets": [
        {"reps": 1, "intensity": {"kind": "percent", "min": 81.0, "of": "snatch"}}
    ]}]});
    let (_, created) = app.post_json("/api/v1/clubs/plates-club/workouts", Some(&admin.token), workout).await;
    let plan = json!({"workout_id": created["id"], "athlete_ids": [admin.user_id], "dates": ["2026-12-08"]});
    app.post_json("/api/v1/clubs/plates-club/planned-sessions", Some(&admin.token), plan).await;
    app.send(
        reqwest::Method::PUT,
        &format!("/api/v1/clubs/plates-club/athletes/{}/maxima/snatch", admin.user_id),
        Some(&admin.token),
        Some(json!({"kg": 100.0})),
    )
    .await;
    let (_, mine) =
        app.get_as("/api/v1/clubs/plates-club/me/sessions?from=2026-12-01&to=2026-12-31", &admin.token).await;
    // 81 kg floors to 80 on a 15 kg bar in 2.5 kg steps: 32.5 a side, 20 + 10 + 2.5.
    let set = &mine[0]["loads"][0]["sets"][0];
    assert_eq!((set["load_kg"].as_f64(), set["target_kg"].as_f64()), (Some(80.0), Some(81.0)), "{set}");
    assert_eq!(set["per_side_kg"], json!([20.0, 10.0, 2.5]));

    let bad = json!({"bar_kg": 0.0, "collar_kg": 9.0, "rounding": "nearest", "plates": [{"kg": -1.0, "count": 2}, {"kg": 5.0, "count": 1}]});
    let (status, body) = app
        .send(reqwest::Method::PUT, "/api/v1/clubs/plates-club/settings/loading", Some(&admin.token), Some(bad))
        .await;
    let fields: Vec<&str> =
        body["fields"].as_array().expect("fields").iter().filter_map(|f| f["field"].as_str()).collect();
    assert_eq!((status, fields), (422, vec!["bar_kg", "collar_kg", "plates[0].kg", "plates[1].count"]));
    let (_, unchanged) = app.get_as("/api/v1/clubs/plates-club/settings/loading", &admin.token).await;
    assert_eq!(unchanged["bar_kg"], 15.0, "nothing half-written");
}

#[tokio::test]
async fn a_workout_on_training_maxima_loads_from_them_and_says_when_one_is_missing() {
    let app = spawn_app().await;
    let coach = app.person("Coach").await;
    let athlete = app.person("Athlete").await;
    let club_id = create_club(&app, &coach, "tm-club").await;
    add_member(&app, "tm-club", &club_id, &athlete, "athlete").await;
    let base = "/api/v1/clubs/tm-club";
    let (_, exercises) =
        app.get_as(&format!("{base}/exercises?q=Snatch&category=snatch&per_page=1"), &coach.token).await;
    let snatch = exercises["items"][0]["id"].as_str().expect("exercise").to_owned();
    for (lift, kind, kg) in
        [("snatch", "one_rep_max", 100.0), ("snatch", "training_max", 90.0), ("clean_and_jerk", "one_rep_max", 120.0)]
    {
        let (status, body) = app
            .send(
                reqwest::Method::PUT,
                &format!("{base}/athletes/{}/maxima/{lift}", athlete.user_id),
                Some(&coach.token),
                Some(json!({"kg": kg, "kind": kind})),
            )
            .await;
        assert_eq!((status, body["kind"].as_str()), (200, Some(kind)), "{body}");
    }
    let (_, maxima) = app.get_as(&format!("{base}/athletes/{}/maxima", athlete.user_id), &coach.token).await;
    assert_eq!(maxima.as_array().map(Vec::len), Some(3), "{maxima}");
    let workout = json!({"name": "TM", "basis": "training_max", "lines": [
        {"parts": [{"exercise_id": snatch}], "sets": [{"reps": 2, "intensity": {"kind": "percent", "min": 80.0, "of": "snatch"}}]},
        {"parts": [{"exercise_id": snatch}], "sets": [{"reps": 1, "intensity": {"kind": "percent", "min": 80.0, "of": "clean_and_jerk"}}]}
    ]});
    let (status, created) = app.post_json(&format!("{base}/workouts"), Some(&coach.token), workout).await;
    assert_eq!((status, created["basis"].as_str()), (201, Some("training_max")), "{created}");
    let plan = json!({"workout_id": created["id"], "athlete_ids": [athlete.user_id], "dates": ["2026-12-14"]});
    let (status, planned) = app.post_json(&format!("{base}/planned-sessions"), Some(&coach.token), plan).await;
    assert_eq!((status, planned["sessions"][0]["basis"].as_str()), (201, Some("training_max")));
    let (_, mine) = app.get_as(&format!("{base}/me/sessions?from=2026-12-14&to=2026-12-14"), &athlete.token).await;
    // 80 % of the 90 kg training maximum, not of the 100 kg 1RM.
    assert_eq!(mine[0]["loads"][0]["sets"][0]["load_kg"], 72.0, "{mine}");
    // No training maximum for the clean & jerk: said, not guessed from the 1RM.
    assert_eq!(mine[0]["loads"][1]["sets"][0]["problem"], "no_maximum");
    let (_, own) = app.get_as(&format!("{base}/me/maxima"), &athlete.token).await;
    assert_eq!(own, maxima);
}
