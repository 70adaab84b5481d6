//! Session logs: recorded once whatever the retries, only for one's own sessions, read and
//! commented by the coach.

use serde_json::{Value, json};

use crate::support::{add_member, create_club, spawn_app};

#[tokio::test]
async fn a_log_sent_ten_times_is_stored_once_and_the_coach_sees_it() {
    let app = spawn_app().await;
    let coach = app.person("Coach").await;
    let athlete = app.person("Athlete").await;
    let other = app.person("Other").await;
    let club_id = create_club(&app, &coach, "log-club").await;
    add_member(&app, "log-club", &club_id, &athlete, "athlete").await;
    add_member(&app, "log-club", &club_id, &other, "athlete").await;
    let (_, exercises) =
        app.get_as("/api/v1/clubs/log-club/exercises?q=Snatch&category=snatch&per_page=1", &coach.token).await;
    let snatch = exercises["items"][0]["id"].as_str().expect("exercise").to_owned();
    let workout = json!({"name": "Jeudi", "lines": [{"parts": [{"exercise_id": snatch}], "sets": [{"reps": 2, "intensity": {"kind": "kg", "kg": 80.0}}]}]});
    let (_, created) = app.post_json("/api/v1/clubs/log-club/workouts", Some(&coach.token), workout).await;
    let plan = json!({"workout_id": created["id"], "athlete_ids": [athlete.user_id], "dates": ["2026-12-10"]});
    let (_, planned) = app.post_json("/api/v1/clubs/log-club/planned-sessions", Some(&coach.token), plan).await;
    let session = planned["sessions"][0]["id"].as_str().expect("session").to_owned();

    let log_id = uuid::Uuid::new_v4().to_string();
    let log = |id: &str, planned: &str| -> Value {
        json!({
            "id": id, "planned_session_id": planned, "performed_on": "2026-12-10", "session_rpe": 7.5, "duration_minutes": 70,
            "sets": [
                {"exercise_id": snatch, "reps": 2, "load_kg": 80.0, "made": true},
                {"exercise_id": snatch, "reps": 2, "load_kg": 85.0, "made": true, "rpe": 8.5},
                {"exercise_id": snatch, "reps": 1, "load_kg": 90.0, "made": false, "note": "lost it forward"}
            ]
        })
    };
    let mut statuses = Vec::new();
    for _ in 0..10 {
        let (status, body) =
            app.post_json("/api/v1/clubs/log-club/me/logs", Some(&athlete.token), log(&log_id, &session)).await;
        assert_eq!(body["tonnage_kg"], 330.0, "{body}");
        statuses.push(status);
    }
    assert_eq!(statuses[0], 201);
    assert!(statuses[1..].iter().all(|s| *s == 200), "{statuses:?}");

    let (status, logs) = app.get_as("/api/v1/clubs/log-club/logs?from=2026-12-01&to=2026-12-31", &coach.token).await;
    assert_eq!((status, logs.as_array().map(Vec::len)), (200, Some(1)), "stored once");
    assert_eq!(logs[0]["sets"][2]["made"], false);
    let (status, commented) = app
        .send(
            reqwest::Method::PUT,
            &format!("/api/v1/clubs/log-club/logs/{log_id}/comment"),
            Some(&coach.token),
            Some(json!({"comment": "Bien, le 90 arrivera."})),
        )
        .await;
    assert_eq!((status, commented["coach_comment"].as_str()), (200, Some("Bien, le 90 arrivera.")));

    // Someone else's session, or someone else's log id: nothing is stored or revealed.
    let (status, _) = app
        .post_json(
            "/api/v1/clubs/log-club/me/logs",
            Some(&other.token),
            log(&uuid::Uuid::new_v4().to_string(), &session),
        )
        .await;
    assert_eq!(status, 404);
    let (status, _) = app.post_json("/api/v1/clubs/log-club/me/logs", Some(&other.token), log(&log_id, &session)).await;
    assert_eq!(status, 404);
    let (status, body) = app
        .post_json(
            "/api/v1/clubs/log-club/me/logs",
            Some(&athlete.token),
            json!({"id": "not-a-uuid", "performed_on": "2026-13-01", "sets": [{"exercise_id": snatch, "reps": 60, "load_kg": -1.0, "made": true}]}),
        )
        .await;
    let fields: Vec<&str> =
        body["fields"].as_array().expect("fields").iter().filter_map(|f| f["field"].as_str()).collect();
    assert_eq!((status, fields), (422, vec!["id", "performed_on", "sets[0].load_kg"]));
    let (_, logs) = app.get_as("/api/v1/clubs/log-club/logs?from=2026-12-01&to=2026-12-31", &coach.token).await;
    assert_eq!(logs.as_array().map(Vec::len), Some(1));
    let (status, _) = app.get_as("/api/v1/clubs/log-club/logs?from=2026-12-01&to=2026-12-31", &athlete.token).await;
    assert_eq!(status, 403, "athletes do not read the club's logs");
}

/// The migration that gave logs their statistics facts wrote them from the stored documents:
/// the same bytes as the server writes for a new log, complexes and misses included.
#[tokio::test]
async fn the_migrated_set_facts_equal_the_written_ones() {
    use sea_orm::{ConnectionTrait, DbBackend, Statement};

    let app = spawn_app().await;
    let athlete = app.person("Athlete").await;
    create_club(&app, &athlete, "facts-club").await;
    let (_, exercises) = app.get_as("/api/v1/clubs/facts-club/exercises?per_page=3", &athlete.token).await;
    let ids: Vec<&str> = (0..3).map(|i| exercises["items"][i]["id"].as_str().expect("exercise")).collect();
    let log = json!({"id": uuid::Uuid::new_v4(), "performed_on": "2026-12-01", "sets": [
        {"exercise_id": ids[0], "reps": 3, "load_kg": 82.5, "made": true},
        {"exercise_id": ids[0], "reps": 2, "load_kg": 100.0, "made": false, "parts": [
            {"exercise_id": ids[1], "reps": 1}, {"exercise_id": ids[2], "reps": 2}]},
        {"exercise_id": ids[2], "reps": 1, "load_kg": 0.5, "made": true}
    ]});
    assert_eq!(app.post_json("/api/v1/clubs/facts-club/me/logs", Some(&athlete.token), log).await.0, 201);

    let db = sea_orm::Database::connect(&app.database_url).await.expect("connect");
    let schema: String = db
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT schema_name FROM platform.clubs WHERE slug = 'facts-club'",
        ))
        .await
        .expect("query")
        .expect("the club")
        .try_get("", "schema_name")
        .expect("schema");
    let facts = |db: sea_orm::DatabaseConnection, schema: String| async move {
        let row = db
            .query_one_raw(Statement::from_string(
                DbBackend::Postgres,
                format!("SELECT set_facts FROM \"{schema}\".session_logs"),
            ))
            .await
            .expect("query")
            .expect("the log");
        row.try_get::<Vec<u8>>("", "set_facts").expect("facts")
    };
    let written = facts(db.clone(), schema.clone()).await;
    assert_eq!(written.len(), 3 * 25);
    db.execute_unprepared(&format!(
        "BEGIN; SET LOCAL search_path TO \"{schema}\"; UPDATE session_logs SET set_facts = ''; {}; COMMIT;",
        dropit_club_migration::SET_FACTS_BACKFILL
    ))
    .await
    .expect("backfill");
    assert_eq!(facts(db, schema).await, written);
}

/// A log, its record and its line in the coach's feed are one write: when the feed cannot take
/// the line, nothing of the log stays, and the app's retry stores all of it once.
#[tokio::test]
async fn a_log_stands_with_its_record_and_feed_line_or_not_at_all() {
    use sea_orm::{ConnectionTrait, DbBackend, Statement};

    let app = spawn_app().await;
    let athlete = app.person("Athlete").await;
    create_club(&app, &athlete, "whole-club").await;
    let (_, exercises) =
        app.get_as("/api/v1/clubs/whole-club/exercises?q=Snatch&category=snatch&per_page=1", &athlete.token).await;
    let snatch = exercises["items"][0]["id"].as_str().expect("exercise").to_owned();
    let log = json!({"id": uuid::Uuid::new_v4(), "performed_on": "2026-12-01", "sets": [
        {"exercise_id": snatch, "reps": 1, "load_kg": 92.0, "made": true}
    ]});

    let db = sea_orm::Database::connect(&app.database_url).await.expect("connect");
    let row = db
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT schema_name, role_name FROM platform.clubs WHERE slug = 'whole-club'",
        ))
        .await
        .expect("query")
        .expect("the club");
    let schema: String = row.try_get("", "schema_name").expect("schema");
    let role: String = row.try_get("", "role_name").expect("role");
    let count = |table: &'static str| {
        let (db, schema) = (db.clone(), schema.clone());
        async move {
            let sql = format!("SELECT count(*) AS n FROM \"{schema}\".{table}");
            let row = db.query_one_raw(Statement::from_string(DbBackend::Postgres, sql)).await.expect("count");
            row.expect("a row").try_get::<i64>("", "n").expect("n")
        }
    };

    db.execute_unprepared(&format!("REVOKE INSERT ON \"{schema}\".activity FROM \"{role}\"")).await.expect("revoke");
    let (status, _) = app.post_json("/api/v1/clubs/whole-club/me/logs", Some(&athlete.token), log.clone()).await;
    assert_eq!(status, 500);
    assert_eq!(
        (count("session_logs").await, count("personal_records").await, count("activity").await),
        (0, 0, 0),
        "nothing of the log stays"
    );

    db.execute_unprepared(&format!("GRANT INSERT ON \"{schema}\".activity TO \"{role}\"")).await.expect("grant");
    for expected in [201, 200] {
        let (status, body) = app.post_json("/api/v1/clubs/whole-club/me/logs", Some(&athlete.token), log.clone()).await;
        assert_eq!(status, expected, "{body}");
    }
    assert_eq!(
        (count("session_logs").await, count("personal_records").await, count("activity").await),
        (1, 1, 2),
        "the log, its record, and the feed's lines for both, once"
    );
}

/// With the club connections split into pools, a club's planning, logs and reads work as with
/// one pool, and clubs on different pools stay apart.
#[tokio::test]
async fn clubs_on_separate_pools_plan_log_and_read_as_with_one() {
    let app = crate::support::spawn_app_with(&[("DROPIT_DATABASE__CLUB_POOLS", "2")]).await;
    for n in 0..3 {
        let slug = format!("pooled-{n}");
        let coach = app.person(&format!("Coach{n}")).await;
        let athlete = app.person(&format!("Athlete{n}")).await;
        let club_id = create_club(&app, &coach, &slug).await;
        add_member(&app, &slug, &club_id, &athlete, "athlete").await;
        let base = format!("/api/v1/clubs/{slug}");
        let (_, exercises) =
            app.get_as(&format!("{base}/exercises?q=Snatch&category=snatch&per_page=1"), &coach.token).await;
        let snatch = exercises["items"][0]["id"].as_str().expect("exercise").to_owned();
        let workout = json!({"name": "Lundi", "lines": [{"parts": [{"exercise_id": snatch}], "sets": [{"reps": 2, "intensity": {"kind": "kg", "kg": 60.0}}]}]});
        let (_, created) = app.post_json(&format!("{base}/workouts"), Some(&coach.token), workout).await;
        let plan = json!({"workout_id": created["id"], "athlete_ids": [athlete.user_id], "dates": ["2026-12-07"]});
        let (status, _) = app.post_json(&format!("{base}/planned-sessions"), Some(&coach.token), plan).await;
        assert_eq!(status, 201);
        let (status, mine) =
            app.get_as(&format!("{base}/me/sessions?from=2026-12-07&to=2026-12-07"), &athlete.token).await;
        assert_eq!((status, mine.as_array().map(Vec::len)), (200, Some(1)), "{mine}");
        let log = json!({"id": uuid::Uuid::new_v4(), "performed_on": "2026-12-07", "sets": [
            {"exercise_id": snatch, "reps": 2, "load_kg": 60.0, "made": true}
        ]});
        assert_eq!(app.post_json(&format!("{base}/me/logs"), Some(&athlete.token), log).await.0, 201);
        let (_, logs) = app.get_as(&format!("{base}/logs?from=2026-12-01&to=2026-12-31"), &coach.token).await;
        assert_eq!(logs.as_array().map(Vec::len), Some(1), "only the club's own log: {logs}");
    }
}
