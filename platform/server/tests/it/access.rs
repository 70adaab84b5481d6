//! Every operation of the OpenAPI document, called by every kind of caller, answers as the
//! operation's declared access and the permission matrix say. An operation that declares
//! nothing fails this test.

use std::collections::HashMap;

use dropit_permissions::{Access, Role, allows};
use serde_json::{Value, json};

use crate::support::{PASSWORD, Person, TestApp, add_member, create_club, spawn_app};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Unauthenticated,
    Forbidden,
    Hidden,
    Allowed,
}

fn outcome(status: u16, body: &Value) -> Outcome {
    match (status, body["code"].as_str()) {
        (401, Some("unauthorized")) => Outcome::Unauthenticated,
        (403, Some("forbidden")) => Outcome::Forbidden,
        (404, Some("not_found")) => Outcome::Hidden,
        _ => Outcome::Allowed,
    }
}

#[derive(Debug, Clone)]
enum Caller {
    Anonymous,
    Outsider(Person),
    Operator(Person),
    Member(Role, Person),
}

fn expected(access: Access, caller: &Caller) -> Outcome {
    match (access, caller) {
        (Access::Public, _) => Outcome::Allowed,
        (_, Caller::Anonymous) => Outcome::Unauthenticated,
        (Access::Authenticated, _) => Outcome::Allowed,
        (Access::Club(_), Caller::Outsider(_) | Caller::Operator(_)) => Outcome::Hidden,
        (Access::Club(permission), Caller::Member(role, _)) => {
            if allows(*role, permission) {
                Outcome::Allowed
            } else {
                Outcome::Forbidden
            }
        }
        (Access::Platform(_), Caller::Operator(_)) => Outcome::Allowed,
        (Access::Platform(_), _) => Outcome::Forbidden,
    }
}

/// A request body each operation accepts, so a denial can only come from access control.
/// Ids the request bodies refer to.
struct Fixtures {
    exercise: String,
    workout: String,
    athlete: String,
    admin_token: String,
}

impl Fixtures {
    /// A new medium of the walk's exercise, uploaded by the administrator.
    async fn fresh_medium(&self, app: &TestApp) -> String {
        let response = app
            .client
            .put(app.url(&format!("/api/v1/clubs/walk-club/exercises/{}/media", self.exercise)))
            .bearer_auth(&self.admin_token)
            .header("content-type", "application/octet-stream")
            .body(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec())
            .send()
            .await
            .expect("a medium");
        let medium: Value = response.json().await.expect("medium");
        medium["id"].as_str().expect("a medium").to_owned()
    }
}

fn body_for(operation: &str, caller_email: &str, fixtures: &Fixtures) -> Option<Value> {
    let exercise = &fixtures.exercise;
    let unique = uuid::Uuid::new_v4().simple().to_string();
    match operation {
        "auth_sign_up" => {
            Some(json!({"email": format!("walk-{unique}@example.org"), "password": PASSWORD, "display_name": "Walker"}))
        }
        "auth_log_in" => Some(json!({"email": caller_email, "password": PASSWORD, "client": "mobile"})),
        "auth_refresh" => Some(json!({"refresh_token": "unknown", "client": "mobile"})),
        "auth_log_out" | "auth_log_out_everywhere" => Some(json!({})),
        "club_create" => Some(json!({"slug": format!("walk-{}", &unique[..12]), "name": "Walk"})),
        "club_member_update" => Some(json!({"role": "athlete"})),
        "invitation_create" => Some(json!({"email": format!("invited-{unique}@example.org"), "role": "athlete"})),
        "invitation_resend" => Some(json!({})),
        "workout_create" | "workout_replace" => Some(json!({"name": "Walk", "lines": [{
            "parts": [{"exercise_id": exercise}],
            "sets": [{"reps": 1, "intensity": {"kind": "free"}}]
        }]})),
        "workout_duplicate" => Some(json!({})),
        "planned_session_change" => Some(json!({"cancelled": false})),
        "athlete_maximum_set" => Some(json!({"kg": 100.0})),
        "club_loading_set" => Some(json!({"bar_kg": 20.0, "collar_kg": 2.5, "rounding": "nearest", "plates": [
            {"kg": 25.0, "count": 16}, {"kg": 0.5, "count": 4}
        ]})),
        "my_log_record" => Some(json!({"id": uuid::Uuid::new_v4(), "performed_on": "2026-12-01", "sets": [
            {"exercise_id": exercise, "reps": 1, "load_kg": 60.0, "made": true}
        ]})),
        "log_comment" => Some(json!({"comment": "ok"})),
        "athlete_create" => Some(json!({"name": "Walker Junior"})),
        "athlete_update" => Some(json!({"name": "Victim", "sex": "female"})),
        "group_create" => Some(json!({"name": format!("Group {unique}")})),
        "group_update" => Some(json!({"name": "Walk group", "athlete_ids": [fixtures.athlete]})),
        "athlete_bodyweight_put" | "my_bodyweight_put" => Some(json!({"kg": 63.5})),
        "category_set_create" => Some(
            json!({"name": format!("Set {unique}"), "sex": "female", "valid_from": "2026-01-01", "limits_kg": [50, 60]}),
        ),
        "my_readiness_put" => Some(json!({"sleep": 4, "soreness": 3, "stress": 4, "mood": 5})),
        "athlete_record_add" => Some(json!({"exercise_id": exercise, "kg": 80.0, "date": "2026-11-01"})),
        "competition_create" => Some(json!({"name": "Walk open", "date": "2026-10-10"})),
        "competition_result_put" => Some(json!({"bodyweight_kg": 63.0,
            "snatch": [{"kg": 70.0, "made": true}], "clean_and_jerk": [{"kg": 90.0, "made": true}]})),
        "club_zones_set" => Some(json!({"lower_bounds_pct": [70, 80, 90]})),
        "exercise_media_upload_link" => Some(json!({})),
        "exercise_media_complete" => Some(json!({"media_id": uuid::Uuid::new_v4()})),
        "planned_session_schedule" => {
            Some(json!({"workout_id": fixtures.workout, "athlete_ids": [fixtures.athlete], "dates": ["2026-12-02"]}))
        }
        "exercise_create" | "exercise_update" => {
            Some(json!({"name_fr": "Arraché debout", "name_en": "Standing snatch", "category": "snatch"}))
        }
        // Wrong current passwords and unknown tokens: nothing changes, whoever calls.
        "me_password_change" => Some(json!({"current_password": "not-the-password", "new_password": PASSWORD})),
        "me_email_change" => {
            Some(json!({"new_email": format!("moved-{unique}@example.org"), "current_password": "not-it"}))
        }
        "auth_password_reset" => Some(json!({"email": format!("nobody-{unique}@example.org")})),
        "auth_password_reset_confirm" => Some(json!({"token": "unknown", "new_password": PASSWORD})),
        "auth_email_change_confirm" => Some(json!({"token": "unknown"})),
        "invitation_accept" => Some(json!({})),
        "invitation_sign_up" => Some(json!({"display_name": "Invited", "password": PASSWORD})),
        _ => None,
    }
}

async fn call(
    app: &TestApp,
    method: &str,
    path: &str,
    operation: &str,
    caller: &Caller,
    fixtures: &Fixtures,
) -> (u16, Value) {
    let (token, email) = match caller {
        // Failed sign-ins count per account in the shared Redis: a fresh address each time.
        Caller::Anonymous => (None, format!("nobody-{}@example.org", uuid::Uuid::new_v4().simple())),
        Caller::Outsider(p) | Caller::Operator(p) | Caller::Member(_, p) => (Some(p.token.as_str()), p.email.clone()),
    };
    let method = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).expect("method");
    if operation == "media_delete" {
        // Each caller deletes a medium of its own, so an earlier deletion never answers for it.
        let fresh = fixtures.fresh_medium(app).await;
        let path = format!("{}{fresh}", path.trim_end_matches(|c| c != '/'));
        return app.send(method, &path, token, None).await;
    }
    if matches!(operation, "exercise_media_upload" | "program_import" | "club_archive_import") {
        // The file's raw bytes, as uploads are sent.
        return app.send_bytes(method, path, token, b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec(), "en").await;
    }
    app.send(method, path, token, body_for(operation, &email, fixtures)).await
}

#[tokio::test]
async fn every_operation_answers_every_kind_of_caller_as_declared() {
    let app = spawn_app().await;
    let admin = app.person("Admin").await;
    let coach = app.person("Coach").await;
    let athlete = app.person("Athlete").await;
    let victim = app.person("Victim").await;
    let outsider = app.person("Outsider").await;
    let operator = app.person("Operator").await;
    crate::support::make_operator(&app, &operator).await;
    let club_id = create_club(&app, &admin, "walk-club").await;
    create_club(&app, &outsider, "elsewhere").await;
    add_member(&app, "walk-club", &club_id, &coach, "coach").await;
    add_member(&app, "walk-club", &club_id, &athlete, "athlete").await;
    add_member(&app, "walk-club", &club_id, &victim, "athlete").await;

    let (_, issued) = app
        .post_json(
            "/api/v1/clubs/walk-club/invitations",
            Some(&admin.token),
            json!({"email": "pending@example.org", "role": "coach"}),
        )
        .await;
    let invitation_id = issued["invitation"]["id"].as_str().expect("invitation id").to_owned();

    let (_, exercises) = app.get_as("/api/v1/clubs/walk-club/exercises?per_page=1", &admin.token).await;
    let exercise_id = exercises["items"][0]["id"].as_str().expect("a starter exercise").to_owned();

    let walk = json!({"name": "Walk", "lines": [{"parts": [{"exercise_id": exercise_id}], "sets": [{"reps": 1, "intensity": {"kind": "free"}}]}]});
    let (_, workout) = app.post_json("/api/v1/clubs/walk-club/workouts", Some(&admin.token), walk).await;
    let workout_id = workout["id"].as_str().expect("a workout").to_owned();

    let plan = json!({"workout_id": workout_id, "athlete_ids": [victim.user_id], "dates": ["2026-12-01"]});
    let (_, planned) =
        app.post_json("/api/v1/clubs/walk-club/planned-sessions", Some(&admin.token), plan.clone()).await;
    let planned_id = planned["sessions"][0]["id"].as_str().expect("a planned session").to_owned();

    let log = json!({"id": uuid::Uuid::new_v4(), "performed_on": "2026-12-01", "sets": [
        {"exercise_id": exercise_id, "reps": 1, "load_kg": 60.0, "made": true}
    ]});
    let (_, logged) = app.post_json("/api/v1/clubs/walk-club/me/logs", Some(&admin.token), log).await;
    let log_id = logged["id"].as_str().expect("a log").to_owned();
    let fixtures = Fixtures {
        exercise: exercise_id.clone(),
        workout: workout_id.clone(),
        athlete: victim.user_id.clone(),
        admin_token: admin.token.clone(),
    };
    let (_, group) =
        app.post_json("/api/v1/clubs/walk-club/groups", Some(&admin.token), json!({"name": "Walkers"})).await;
    let group_id = group["id"].as_str().expect("a group").to_owned();
    let (_, competition) = app
        .post_json(
            "/api/v1/clubs/walk-club/competitions",
            Some(&admin.token),
            json!({"name": "Walk cup", "date": "2026-10-01"}),
        )
        .await;
    let competition_id = competition["id"].as_str().expect("a competition").to_owned();
    let upload = app
        .client
        .put(app.url(&format!("/api/v1/clubs/walk-club/exercises/{exercise_id}/media")))
        .bearer_auth(&admin.token)
        .header("content-type", "application/octet-stream")
        .body(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec())
        .send()
        .await
        .expect("a medium");
    let medium: Value = upload.json().await.expect("medium");
    let media_id = medium["id"].as_str().expect("a medium").to_owned();

    let declared: HashMap<&str, Access> = dropit_server::http::operation_access().into_iter().collect();
    let (_, spec) = app.get_json("/api/openapi.json").await;
    let mut operations = Vec::new();
    for (path, item) in spec["paths"].as_object().expect("paths") {
        for (method, op) in item.as_object().expect("operations") {
            let id = op["operationId"].as_str().expect("operation id").to_owned();
            let access = *declared.get(id.as_str()).unwrap_or_else(|| panic!("{id} declares no access"));
            // Platform operations act on the other club, so the walk's club stays open.
            let club = if path.starts_with("/v1/platform/") { "elsewhere" } else { "walk-club" };
            let url = format!("/api{path}")
                .replace("{club}", club)
                .replace("{user}", &victim.user_id)
                .replace("{athlete}", &victim.user_id)
                .replace("{group}", &group_id)
                .replace("{competition}", &competition_id)
                .replace("{date}", "2026-11-20")
                .replace(
                    "{id}",
                    if path.contains("/exercises/") {
                        &exercise_id
                    } else if path.contains("/workouts/") {
                        &workout_id
                    } else if path.contains("/planned-sessions/") {
                        &planned_id
                    } else if path.contains("/logs/") {
                        &log_id
                    } else if path.contains("/media/") {
                        &media_id
                    } else {
                        &invitation_id
                    },
                )
                .replace("{token}", "an-unknown-token")
                .replace("{lift}", "snatch");
            operations.push((method.clone(), url, id, access));
        }
    }
    assert_eq!(operations.len(), declared.len(), "an access is declared for an operation that does not exist");
    // Destructive operations last, so the others still find what they act on.
    operations.sort_by_key(|(method, ..)| method == "delete");

    // The allowed administrator goes last for the same reason.
    let callers = [
        Caller::Anonymous,
        Caller::Outsider(outsider),
        Caller::Operator(operator),
        Caller::Member(Role::Athlete, athlete),
        Caller::Member(Role::Coach, coach),
        Caller::Member(Role::ClubAdmin, admin),
    ];
    let mut checked = 0;
    for (method, path, id, access) in &operations {
        for caller in &callers {
            let (status, body) = call(&app, method, path, id, caller, &fixtures).await;
            let want = expected(*access, caller);
            let got = outcome(status, &body);
            // An operation that needs no club may still find nothing (an unknown token): that is
            // an answer, not a denial.
            let same = got == want
                || (want == Outcome::Allowed
                    && got == Outcome::Hidden
                    && matches!(access, Access::Public | Access::Authenticated));
            assert!(same, "{id} ({method} {path}) for {caller:?}: want {want:?}, got {status} {body}");
            checked += 1;
        }
    }
    assert!(checked >= 60, "only {checked} checks");
}
