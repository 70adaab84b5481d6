//! Statistics against a fixture computed by hand: three logged sessions (one with a complex,
//! one with a missed snatch, one nobody planned) against three planned ones.

use std::collections::HashMap;

use serde_json::{Value, json};

use crate::support::{TestApp, add_member, create_club, spawn_app};

/// The starter exercises by English name.
pub async fn exercises(app: &TestApp, club: &str, token: &str) -> HashMap<String, String> {
    let mut ids = HashMap::new();
    for page in 1..=3 {
        let (_, found) = app.get_as(&format!("/api/v1/clubs/{club}/exercises?per_page=100&page={page}"), token).await;
        for item in found["items"].as_array().expect("items") {
            ids.insert(item["name_en"].as_str().expect("name").to_owned(), item["id"].as_str().expect("id").to_owned());
        }
    }
    ids
}

fn close(got: &Value, want: f64) -> bool {
    got.as_f64().is_some_and(|g| (g - want).abs() < 0.006)
}

fn assert_figures(got: &Value, want: &[(&str, f64)]) {
    for (name, value) in want {
        assert!(close(&got[*name], *value), "{name}: want {value}, got {} in {got}", got[*name]);
    }
}

#[tokio::test]
async fn statistics_match_the_hand_computed_fixture() {
    let app = spawn_app().await;
    let coach = app.person("Coach").await;
    let athlete = app.person("Lifter").await;
    let partner = app.person("Partner").await;
    let club_id = create_club(&app, &coach, "stats-club").await;
    add_member(&app, "stats-club", &club_id, &athlete, "athlete").await;
    add_member(&app, "stats-club", &club_id, &partner, "athlete").await;
    let ex = exercises(&app, "stats-club", &coach.token).await;
    let (snatch, clean, front_squat, jerk, cj) =
        (&ex["Snatch"], &ex["Clean"], &ex["Front squat"], &ex["Jerk"], &ex["Clean & jerk"]);
    let base = "/api/v1/clubs/stats-club";
    for (lift, kg) in [("snatch", 100.0), ("clean_and_jerk", 120.0), ("clean", 125.0)] {
        let (status, body) = app
            .send(
                reqwest::Method::PUT,
                &format!("{base}/athletes/{}/maxima/{lift}", athlete.user_id),
                Some(&coach.token),
                Some(json!({"kg": kg})),
            )
            .await;
        assert_eq!(status, 200, "{body}");
    }
    let percent = |p: f64, of: &str| json!({"kind": "percent", "min": p, "of": of});
    let a = json!({"name": "A", "lines": [
        {"parts": [{"exercise_id": snatch}], "sets": vec![json!({"reps": 2, "intensity": percent(80.0, "snatch")}); 3]},
        {"parts": [{"exercise_id": clean, "reps": 1}, {"exercise_id": front_squat, "reps": 2}, {"exercise_id": jerk, "reps": 1}],
         "sets": vec![json!({"reps": 1, "intensity": percent(80.0, "clean_and_jerk")}); 2]}
    ]});
    let b = json!({"name": "B", "lines": [
        {"parts": [{"exercise_id": cj}], "sets": vec![json!({"reps": 1, "intensity": percent(90.0, "clean_and_jerk")}); 2]}
    ]});
    let mut planned = Vec::new();
    for (workout, dates) in [(a, vec!["2026-11-02"]), (b, vec!["2026-11-05", "2026-11-10"])] {
        let (status, created) = app.post_json(&format!("{base}/workouts"), Some(&coach.token), workout).await;
        assert_eq!(status, 201, "{created}");
        let plan = json!({"workout_id": created["id"], "athlete_ids": [athlete.user_id], "dates": dates});
        let (status, sessions) = app.post_json(&format!("{base}/planned-sessions"), Some(&coach.token), plan).await;
        assert_eq!(status, 201, "{sessions}");
        for s in sessions["sessions"].as_array().expect("sessions") {
            planned.push(s["id"].as_str().expect("id").to_owned());
        }
    }
    let set = |exercise: &str, reps: u32, kg: f64, made: bool| json!({"exercise_id": exercise, "reps": reps, "load_kg": kg, "made": made});
    let complex = json!({"exercise_id": clean, "reps": 1, "load_kg": 96.0, "made": true, "parts": [
        {"exercise_id": clean, "reps": 1}, {"exercise_id": front_squat, "reps": 2}, {"exercise_id": jerk, "reps": 1}
    ]});
    let logs = [
        json!({"id": uuid::Uuid::new_v4(), "planned_session_id": planned[0], "performed_on": "2026-11-02", "sets": [
            set(snatch, 2, 80.0, true), set(snatch, 2, 80.0, true), set(snatch, 1, 85.0, true),
            set(snatch, 1, 90.0, false), complex.clone(), complex
        ]}),
        json!({"id": uuid::Uuid::new_v4(), "planned_session_id": planned[1], "performed_on": "2026-11-05", "sets": [
            set(cj, 1, 108.0, true), set(cj, 1, 110.0, true)
        ]}),
        json!({"id": uuid::Uuid::new_v4(), "performed_on": "2026-11-11", "sets": [
            set(snatch, 3, 70.0, true), set(front_squat, 5, 100.0, true)
        ]}),
    ];
    for log in logs {
        let (status, body) = app.post_json(&format!("{base}/me/logs"), Some(&athlete.token), log).await;
        assert_eq!(status, 201, "{body}");
    }

    let (status, stats) = app
        .get_as(&format!("{base}/athletes/{}/stats?from=2026-11-01&to=2026-11-14", athlete.user_id), &coach.token)
        .await;
    assert_eq!(status, 200, "{stats}");
    let done = &stats["done"];
    assert_eq!(
        (done["sets"].as_u64(), done["missed_sets"].as_u64(), done["lifts"].as_u64()),
        (Some(10), Some(1), Some(23))
    );
    assert_eq!(done["zone_lifts"], json!([0, 11, 5, 2]));
    assert_eq!(done["lifts_without_maximum"], 5);
    // Snatches 405 + complexes 96 × 4 × 2 + clean & jerks 218 + 210 + front squats 500.
    assert_figures(
        done,
        &[
            ("tonnage_kg", 2101.0),
            ("average_intensity_kg", 2101.0 / 23.0),
            // (80·4 + 85 + 76.8·8 + 90 + 91.667 + 70·3) / 18
            ("relative_intensity_pct", 1411.0667 / 18.0),
            // 2/20 + 2/20 + 1/15 + 2 × 4/23.2 + 1/10 + 1/8.333 + 3/30
            ("inol", 0.931),
            ("best_snatch_kg", 85.0),
            ("best_clean_and_jerk_kg", 110.0),
            ("snatch_to_clean_and_jerk_pct", 85.0 / 110.0 * 100.0),
        ],
    );
    let plan = &stats["planned"];
    assert_eq!((plan["sets"].as_u64(), plan["lifts"].as_u64()), (Some(9), Some(18)));
    assert_eq!(plan["zone_lifts"], json!([0, 0, 14, 4]));
    assert_figures(
        plan,
        &[
            ("tonnage_kg", 1680.0),
            ("average_intensity_kg", 1680.0 / 18.0),
            ("relative_intensity_pct", 1480.0 / 18.0),
            ("inol", 1.1),
            ("best_snatch_kg", 80.0),
            ("best_clean_and_jerk_kg", 108.0),
            ("snatch_to_clean_and_jerk_pct", 80.0 / 108.0 * 100.0),
        ],
    );
    let compliance = &stats["compliance"];
    assert_eq!(
        (
            compliance["planned_sessions"].as_u64(),
            compliance["done_sessions"].as_u64(),
            compliance["unplanned_sessions"].as_u64()
        ),
        (Some(3), Some(2), Some(1))
    );
    assert_figures(
        compliance,
        &[("sessions_pct", 200.0 / 3.0), ("lifts_pct", 2300.0 / 18.0), ("tonnage_pct", 210100.0 / 1680.0)],
    );
    let weeks: Vec<(&str, u64, u64)> = stats["weeks"]
        .as_array()
        .expect("weeks")
        .iter()
        .map(|w| {
            (
                w["start"].as_str().expect("start"),
                w["done"]["lifts"].as_u64().expect("n"),
                w["planned"]["lifts"].as_u64().expect("n"),
            )
        })
        .collect();
    assert_eq!(weeks, [("2026-10-26", 0, 0), ("2026-11-02", 15, 16), ("2026-11-09", 8, 2)]);
    assert_figures(&stats["weeks"][1]["done"], &[("tonnage_kg", 1391.0)]);
    assert_figures(&stats["weeks"][1]["planned"], &[("tonnage_kg", 1464.0)]);
    let sessions = stats["sessions"].as_array().expect("sessions");
    assert_eq!(sessions.len(), 3);
    assert_figures(&sessions[0]["figures"], &[("tonnage_kg", 1173.0), ("inol", 0.611)]);
    assert_figures(&sessions[1]["figures"], &[("tonnage_kg", 218.0), ("inol", 0.22)]);
    assert_figures(&sessions[2]["figures"], &[("tonnage_kg", 710.0), ("inol", 0.1)]);
    assert_eq!((&stats["zones"][0]["to_pct"], stats["zones"].as_array().map(Vec::len)), (&json!(70.0), Some(4)));

    // The athlete sees the same figures as their own.
    let (status, mine) = app.get_as(&format!("{base}/me/stats?from=2026-11-01&to=2026-11-14"), &athlete.token).await;
    assert_eq!((status, &mine["done"]), (200, done));

    // A group of two: sums, each athlete's figures, INOL per athlete.
    let partner_log =
        json!({"id": uuid::Uuid::new_v4(), "performed_on": "2026-11-03", "sets": [set(snatch, 2, 60.0, true)]});
    assert_eq!(app.post_json(&format!("{base}/me/logs"), Some(&partner.token), partner_log).await.0, 201);
    let (_, group) = app.post_json(&format!("{base}/groups"), Some(&coach.token), json!({"name": "Seniors"})).await;
    let group_id = group["id"].as_str().expect("group");
    let (status, _) = app
        .send(
            reqwest::Method::PUT,
            &format!("{base}/groups/{group_id}"),
            Some(&coach.token),
            Some(json!({"name": "Seniors", "athlete_ids": [athlete.user_id, partner.user_id]})),
        )
        .await;
    assert_eq!(status, 200);
    let (status, group_stats) =
        app.get_as(&format!("{base}/groups/{group_id}/stats?from=2026-11-01&to=2026-11-14"), &coach.token).await;
    assert_eq!(status, 200, "{group_stats}");
    assert_eq!(group_stats["done"]["lifts"], 25);
    assert_figures(&group_stats["done"], &[("tonnage_kg", 2221.0), ("inol", 0.931 / 2.0)]);
    assert_eq!(group_stats["athletes"].as_array().map(Vec::len), Some(2));

    // Zones are the club's to change.
    let (status, zones) = app
        .send(
            reqwest::Method::PUT,
            &format!("{base}/settings/intensity-zones"),
            Some(&coach.token),
            Some(json!({"lower_bounds_pct": [75, 85]})),
        )
        .await;
    assert_eq!(status, 200, "{zones}");
    let (_, rezoned) = app
        .get_as(&format!("{base}/athletes/{}/stats?from=2026-11-01&to=2026-11-14", athlete.user_id), &coach.token)
        .await;
    // < 75: 70 ×3; 75–85: 80 ×4, 76.8 ×8; ≥ 85: 85, 90, 91.7
    assert_eq!(rezoned["done"]["zone_lifts"], json!([3, 12, 3]));
    let (status, bad) = app
        .send(
            reqwest::Method::PUT,
            &format!("{base}/settings/intensity-zones"),
            Some(&coach.token),
            Some(json!({"lower_bounds_pct": [90, 80]})),
        )
        .await;
    assert_eq!((status, bad["fields"][0]["field"].as_str()), (422, Some("lower_bounds_pct")));
}
