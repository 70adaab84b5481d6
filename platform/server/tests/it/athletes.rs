//! Athletes: managed profiles invited later, groups scheduled as one, bodyweight and weight
//! categories through a change of category set, records from tests, logs and competitions,
//! readiness, and who sees what.

use serde_json::{Value, json};

use crate::{
    stats::exercises,
    support::{PASSWORD, add_member, create_club, spawn_app},
};

fn fields(body: &Value) -> Vec<String> {
    body["fields"]
        .as_array()
        .map_or_else(Vec::new, |f| f.iter().filter_map(|f| f["field"].as_str().map(str::to_owned)).collect())
}

#[tokio::test]
async fn a_managed_athlete_is_planned_for_in_a_group_and_keeps_their_profile_when_invited() {
    let app = spawn_app().await;
    let coach = app.person("Coach").await;
    let member = app.person("Member").await;
    let club_id = create_club(&app, &coach, "groups-club").await;
    add_member(&app, "groups-club", &club_id, &member, "athlete").await;
    let base = "/api/v1/clubs/groups-club";

    let (status, bad) = app
        .post_json(
            &format!("{base}/athletes"),
            Some(&coach.token),
            json!({"name": " ", "birth_date": "2030-01-01", "bar_kg": 40.0, "sex": "female"}),
        )
        .await;
    assert_eq!((status, fields(&bad)), (422, vec!["name".to_owned(), "birth_date".to_owned(), "bar_kg".to_owned()]));
    let (status, young) = app
        .post_json(
            &format!("{base}/athletes"),
            Some(&coach.token),
            json!({"name": "Inès Petit", "sex": "female", "birth_date": "2012-05-04", "bar_kg": 15.0, "level": "U15"}),
        )
        .await;
    assert_eq!((status, young["user_id"].as_str(), young["bar_kg"].as_f64()), (201, None, Some(15.0)), "{young}");
    let young_id = young["id"].as_str().expect("id").to_owned();
    // A member's account: once only.
    let (status, linked) = app
        .post_json(
            &format!("{base}/athletes"),
            Some(&coach.token),
            json!({"name": "Member", "user_id": member.user_id}),
        )
        .await;
    assert_eq!((status, linked["id"].as_str()), (201, Some(member.user_id.as_str())), "{linked}");
    let (status, again) = app
        .post_json(
            &format!("{base}/athletes"),
            Some(&coach.token),
            json!({"name": "Member", "user_id": member.user_id}),
        )
        .await;
    assert_eq!((status, fields(&again)), (422, vec!["user_id".to_owned()]));

    let (_, group) = app.post_json(&format!("{base}/groups"), Some(&coach.token), json!({"name": "U15"})).await;
    let group_id = group["id"].as_str().expect("group").to_owned();
    let (status, duplicate) =
        app.post_json(&format!("{base}/groups"), Some(&coach.token), json!({"name": "u15"})).await;
    assert_eq!((status, fields(&duplicate)), (422, vec!["name".to_owned()]));
    let (status, updated) = app
        .send(
            reqwest::Method::PUT,
            &format!("{base}/groups/{group_id}"),
            Some(&coach.token),
            Some(json!({"name": "U15", "athlete_ids": [young_id, member.user_id]})),
        )
        .await;
    assert_eq!((status, updated["athlete_ids"].as_array().map(Vec::len)), (200, Some(2)), "{updated}");
    let (_, listed) = app.get_as(&format!("{base}/athletes?group_id={group_id}&q=in"), &coach.token).await;
    assert_eq!(listed["items"][0]["name"], "Inès Petit");
    assert_eq!(listed["total"], 1);

    let ex = exercises(&app, "groups-club", &coach.token).await;
    let workout = json!({"name": "Technique", "lines": [{"parts": [{"exercise_id": ex["Snatch"]}],
        "sets": [{"reps": 3, "intensity": {"kind": "kg", "kg": 20.0}}]}]});
    let (_, workout) = app.post_json(&format!("{base}/workouts"), Some(&coach.token), workout).await;
    let plan = json!({"workout_id": workout["id"], "group_id": group_id, "dates": ["2026-12-01", "2026-12-03"]});
    let (status, planned) = app.post_json(&format!("{base}/planned-sessions"), Some(&coach.token), plan).await;
    assert_eq!(status, 201, "{planned}");
    let sessions = planned["sessions"].as_array().expect("sessions");
    assert_eq!(sessions.len(), 4);
    assert!(sessions.iter().all(|s| s["group_id"] == group_id.as_str()));
    let (status, unknown) = app
        .post_json(
            &format!("{base}/planned-sessions"),
            Some(&coach.token),
            json!({"workout_id": workout["id"], "group_id": uuid::Uuid::new_v4(), "dates": ["2026-12-01"]}),
        )
        .await;
    assert_eq!((status, fields(&unknown)), (422, vec!["group_id".to_owned()]));

    // The young athlete gets an account later and finds their sessions, loaded on their bar.
    let (status, issued) = app
        .post_json(
            &format!("{base}/invitations"),
            Some(&coach.token),
            json!({"email": "ines@example.org", "role": "athlete", "athlete_id": young_id}),
        )
        .await;
    assert_eq!(status, 201, "{issued}");
    let (_, profile) = app.get_as(&format!("{base}/athletes/{young_id}"), &coach.token).await;
    assert_eq!(profile["invited"], true);
    let (status, wrong) = app
        .post_json(
            &format!("{base}/invitations"),
            Some(&coach.token),
            json!({"email": "x@example.org", "role": "coach", "athlete_id": young_id}),
        )
        .await;
    assert_eq!((status, fields(&wrong)), (422, vec!["athlete_id".to_owned()]));
    let token = issued["link"].as_str().expect("link").rsplit('/').next().expect("token").to_owned();
    let (status, _) = app
        .post_json(
            &format!("/api/v1/invitations/{token}/sign-up"),
            None,
            json!({"display_name": "Inès", "password": PASSWORD}),
        )
        .await;
    assert_eq!(status, 200);
    let ines = app.log_in("ines@example.org").await;
    let ines_token = ines["access_token"].as_str().expect("token");
    let (status, mine) = app.get_as(&format!("{base}/me/athlete"), ines_token).await;
    assert_eq!(
        (status, mine["id"].as_str(), mine["name"].as_str()),
        (200, Some(young_id.as_str()), Some("Inès Petit"))
    );
    let (_, my_sessions) = app.get_as(&format!("{base}/me/sessions?from=2026-12-01&to=2026-12-31"), ines_token).await;
    assert_eq!(my_sessions.as_array().map(Vec::len), Some(2), "{my_sessions}");
    // 20 kg on her 15 kg bar: 2.5 kg a side once the collars are on.
    let load = &my_sessions[0]["loads"][0]["sets"][0];
    assert_eq!((load["load_kg"].as_f64(), &load["per_side_kg"]), (Some(20.0), &json!([])), "{load}");
}

#[tokio::test]
async fn bodyweight_categories_records_competitions_and_readiness() {
    let app = spawn_app().await;
    let coach = app.person("Coach").await;
    let athlete = app.person("Athlete").await;
    let stranger = app.person("Stranger").await;
    let club_id = create_club(&app, &coach, "records-club").await;
    add_member(&app, "records-club", &club_id, &athlete, "athlete").await;
    let other_club = create_club(&app, &stranger, "other-club").await;
    let _ = other_club;
    let base = "/api/v1/clubs/records-club";
    let (_, me) = app.get_as(&format!("{base}/me/athlete"), &athlete.token).await;
    let id = me["id"].as_str().expect("profile").to_owned();
    assert_eq!(id, athlete.user_id);
    let (status, _) = app
        .send(
            reqwest::Method::PUT,
            &format!("{base}/athletes/{id}"),
            Some(&coach.token),
            Some(json!({"name": "Athlete", "sex": "male"})),
        )
        .await;
    assert_eq!(status, 200);

    // Weigh-ins on each side of the change of IWF categories, on and just above a limit.
    for (date, kg) in [("2025-05-20", 81.0), ("2025-05-31", 81.01), ("2025-06-02", 81.0)] {
        let (status, body) = app
            .send(
                reqwest::Method::PUT,
                &format!("{base}/athletes/{id}/bodyweights/{date}"),
                Some(&coach.token),
                Some(json!({"kg": kg})),
            )
            .await;
        assert_eq!(status, 200, "{body}");
    }
    let (_, weights) =
        app.get_as(&format!("{base}/athletes/{id}/bodyweights?from=2025-05-01&to=2025-06-30"), &coach.token).await;
    let categories: Vec<&str> =
        weights.as_array().expect("list").iter().filter_map(|w| w["category"].as_str()).collect();
    assert_eq!(categories, ["81", "89", "88"]);
    let (_, category) = app.get_as(&format!("{base}/athletes/{id}/category?date=2025-06-15"), &coach.token).await;
    assert_eq!(
        (category["category"].as_str(), category["set_name"].as_str(), category["weighed_on"].as_str()),
        (Some("88"), Some("IWF 2025 men"), Some("2025-06-02"))
    );
    let (_, none) = app.get_as(&format!("{base}/athletes/{id}/category?date=2025-05-01"), &coach.token).await;
    assert_eq!(none["problem"], "no_bodyweight");
    let (status, bad) = app
        .send(
            reqwest::Method::PUT,
            &format!("{base}/me/bodyweights/2026-11-01"),
            Some(&athlete.token),
            Some(json!({"kg": 900})),
        )
        .await;
    assert_eq!((status, fields(&bad)), (422, vec!["kg".to_owned()]));
    // A national set of the club's own, and the "+" class.
    let (status, set) = app
        .post_json(
            &format!("{base}/category-sets"),
            Some(&coach.token),
            json!({"name": "Masters M45", "sex": "male", "valid_from": "2024-01-01", "limits_kg": [73, 81, 89]}),
        )
        .await;
    assert_eq!(status, 201, "{set}");
    let set_id = set["id"].as_str().expect("set");
    app.send(
        reqwest::Method::PUT,
        &format!("{base}/me/bodyweights/2026-11-01"),
        Some(&athlete.token),
        Some(json!({"kg": 95.2})),
    )
    .await;
    let (_, plus) =
        app.get_as(&format!("{base}/athletes/{id}/category?date=2026-11-02&set_id={set_id}"), &coach.token).await;
    assert_eq!((plus["category"].as_str(), plus["limit_kg"].as_f64()), (Some("+89"), None), "{plus}");

    // A tested record, then a log that beats it: a new record the coach sees in the feed.
    let ex = exercises(&app, "records-club", &coach.token).await;
    let snatch = ex["Snatch"].clone();
    let (status, record) = app
        .post_json(
            &format!("{base}/athletes/{id}/records"),
            Some(&coach.token),
            json!({"exercise_id": snatch, "kg": 100.0, "date": "2026-10-01"}),
        )
        .await;
    assert_eq!((status, record["source"].as_str()), (201, Some("tested")), "{record}");
    let (status, bad) = app
        .post_json(
            &format!("{base}/athletes/{id}/records"),
            Some(&coach.token),
            json!({"exercise_id": uuid::Uuid::new_v4(), "kg": 0.2, "date": "2999-01-01"}),
        )
        .await;
    assert_eq!((status, fields(&bad)), (422, vec!["exercise_id".to_owned(), "kg".to_owned(), "date".to_owned()]));
    let log = json!({"id": uuid::Uuid::new_v4(), "performed_on": "2026-11-10", "sets": [
        {"exercise_id": snatch, "reps": 3, "load_kg": 90.0, "made": true},
        {"exercise_id": snatch, "reps": 1, "load_kg": 101.0, "made": true},
        {"exercise_id": snatch, "reps": 1, "load_kg": 103.0, "made": false}
    ]});
    for _ in 0..3 {
        app.post_json(&format!("{base}/me/logs"), Some(&athlete.token), log.clone()).await;
    }
    let (_, records) = app.get_as(&format!("{base}/me/records"), &athlete.token).await;
    let snatch_records =
        records.as_array().expect("records").iter().find(|r| r["exercise_id"] == snatch).expect("snatch");
    assert_eq!(snatch_records["best_kg"], 101.0);
    let sources: Vec<&str> =
        snatch_records["history"].as_array().expect("history").iter().filter_map(|r| r["source"].as_str()).collect();
    assert_eq!(sources, ["tested", "training"], "one record per log, however often it is sent");
    let (_, feed) = app.get_as(&format!("{base}/activity"), &coach.token).await;
    let kinds: Vec<&str> = feed.as_array().expect("feed").iter().filter_map(|a| a["kind"].as_str()).collect();
    assert_eq!(kinds.iter().filter(|k| **k == "log").count(), 1, "{feed}");
    let record_item =
        feed.as_array().expect("feed").iter().find(|a| a["kind"] == "record" && a["details"]["kg"] == 101.0);
    assert_eq!(record_item.expect("the new record is news")["details"]["previous_kg"], 100.0);
    let (_, trend) = app
        .get_as(&format!("{base}/me/estimates?exercise_id={snatch}&from=2026-11-01&to=2026-11-30"), &athlete.token)
        .await;
    // max(90 × (1 + 3/30), 101) = 101
    assert_eq!(trend["points"], json!([{"date": "2026-11-10", "kg": 101.0}]));
    assert_eq!(trend["record_kg"], 101.0);

    // A competition: total, Sinclair of the 2025–2028 Olympiad, records from the best lifts.
    let (_, competition) = app
        .post_json(
            &format!("{base}/competitions"),
            Some(&coach.token),
            json!({"name": "Open de Lorraine", "date": "2026-11-21"}),
        )
        .await;
    let competition_id = competition["id"].as_str().expect("competition");
    let (status, result) = app
        .send(
            reqwest::Method::PUT,
            &format!("{base}/competitions/{competition_id}/results/{id}"),
            Some(&coach.token),
            Some(json!({"bodyweight_kg": 80.4,
                "snatch": [{"kg": 100, "made": true}, {"kg": 104, "made": true}, {"kg": 106, "made": false}],
                "clean_and_jerk": [{"kg": 125, "made": true}, {"kg": 130, "made": false}, {"kg": 130, "made": false}]})),
        )
        .await;
    assert_eq!(status, 200, "{result}");
    assert_eq!((result["total_kg"].as_f64(), result["best_snatch_kg"].as_f64()), (Some(229.0), Some(104.0)));
    let x = (80.4f64 / 201.159).log10();
    let sinclair = (229.0 * 10f64.powf(0.700_767_819 * x * x) * 1000.0).round() / 1000.0;
    assert_eq!(result["sinclair"].as_f64(), Some(sinclair));
    let (_, records) = app.get_as(&format!("{base}/athletes/{id}/records"), &coach.token).await;
    let best = |exercise: &str| {
        records.as_array().expect("records").iter().find(|r| r["exercise_id"] == exercise).map(|r| r["best_kg"].clone())
    };
    assert_eq!((best(&snatch), best(&ex["Clean & jerk"])), (Some(json!(104.0)), Some(json!(125.0))));
    let (status, bad) = app
        .send(
            reqwest::Method::PUT,
            &format!("{base}/competitions/{competition_id}/results/{id}"),
            Some(&coach.token),
            Some(json!({"bodyweight_kg": 80.4, "snatch": [{"kg": 100, "made": true}, {"kg": 95, "made": true}], "clean_and_jerk": []})),
        )
        .await;
    assert_eq!((status, fields(&bad)), (422, vec!["snatch[1].kg".to_owned(), "clean_and_jerk".to_owned()]));

    // Readiness: the athlete checks in, the coach sees it flagged.
    let (status, bad) = app
        .send(
            reqwest::Method::PUT,
            &format!("{base}/me/readiness/2026-11-24"),
            Some(&athlete.token),
            Some(json!({"sleep": 0, "soreness": 3, "stress": 6, "mood": 3})),
        )
        .await;
    assert_eq!((status, fields(&bad)), (422, vec!["sleep".to_owned(), "stress".to_owned()]));
    let (status, checked) = app
        .send(
            reqwest::Method::PUT,
            &format!("{base}/me/readiness/2026-11-24"),
            Some(&athlete.token),
            Some(json!({"sleep": 1, "soreness": 3, "stress": 3, "mood": 3, "note": "Bébé malade"})),
        )
        .await;
    assert_eq!((status, checked["flagged"].as_bool()), (200, Some(true)));
    let (_, seen) = app.get_as(&format!("{base}/readiness?from=2026-11-24&to=2026-11-24"), &coach.token).await;
    assert_eq!((seen[0]["athlete_id"].as_str(), seen[0]["score"].as_f64()), (Some(id.as_str()), Some(2.5)));

    // Who sees what: the athlete only their own; another club's coach, nothing.
    for path in [format!("{base}/athletes"), format!("{base}/athletes/{id}/records"), format!("{base}/activity")] {
        assert_eq!(app.get_as(&path, &athlete.token).await.0, 403, "{path}");
    }
    for path in [
        format!("/api/v1/clubs/other-club/athletes/{id}/records"),
        format!("/api/v1/clubs/other-club/athletes/{id}/stats?from=2026-11-01&to=2026-11-30"),
        format!("/api/v1/clubs/other-club/athletes/{id}/bodyweights?from=2026-11-01&to=2026-11-30"),
    ] {
        let (status, body) = app.get_as(&path, &stranger.token).await;
        assert_eq!(status, 404, "{path}: {body}");
    }
    let (status, _) = app.get_as(&format!("{base}/athletes/{id}"), &stranger.token).await;
    assert_eq!(status, 404);
}
