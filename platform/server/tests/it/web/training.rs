//! The coach's training work in the browser: an exercise added to the catalogue, a workout
//! with a complex built by drag and drop and its loads previewed, the workout scheduled on the
//! calendar and moved, then the athlete's logged session and its tonnage in the coach's logs.

use dropit_sdk::{DropIt, types};
use dropit_testing::browser::{Browser, Locator, web_dir};

use super::people::log_in;
use crate::support::{PASSWORD, add_member, create_club, spawn_app_with};

#[tokio::test]
async fn a_coach_builds_a_complex_plans_it_and_sees_the_logged_session() {
    let dir = web_dir();
    let app = spawn_app_with(&[("DROPIT_SERVER__WEB_DIR", dir.to_str().expect("utf-8 path"))]).await;
    let admin = app.person("admin").await;
    let club_id = create_club(&app, &admin, "journey-club").await;
    let coach = app.person("coach").await;
    add_member(&app, "journey-club", &club_id, &coach, "coach").await;
    let athlete = app.person("lea").await;
    add_member(&app, "journey-club", &club_id, &athlete, "athlete").await;
    // The athlete's profile and clean & jerk maximum, as the coach would have set them.
    let coach_api = DropIt::new(&app.address);
    coach_api.log_in(&coach.email, PASSWORD).await.expect("the coach signs in");
    coach_api
        .call(|a| {
            a.athlete_maximum_set()
                .club("journey-club")
                .athlete(&athlete.user_id)
                .lift("clean_and_jerk")
                .body(types::MaximumRequest { kg: 100.0, kind: None })
                .send()
        })
        .await
        .expect("a maximum");

    let browser = Browser::open(&app.address, 1280, 900).await;
    log_in(&browser, &coach.email).await;

    // The catalogue: a new exercise, found again by searching.
    browser.goto("/c/journey-club/exercises").await;
    browser.click("[data-testid=exercise-new]").await;
    browser.fill("name_en", "Pause snatch balance").await;
    browser.fill("name_fr", "Équilibre d'arraché marqué").await;
    browser.select("[name=category]", "snatch").await;
    browser.click("[data-testid=exercise-save]").await;
    browser.wait_text("[data-testid=toast]", |t| !t.trim().is_empty()).await;
    browser.type_into("[data-testid=exercise-search]", "balance").await;
    browser.find("[data-testid=exercise-row][data-name='Pause snatch balance']").await;
    browser.screenshot("exercises").await;

    // A workout with one complex line: clean + 2 front squats + jerk, dragged together.
    browser.goto("/c/journey-club/workouts/new").await;
    browser.fill("name", "Complex day").await;
    let lines = browser.find("[data-testid=lines]").await;
    let clean = browser.find("[data-testid=palette-item][data-name='Clean']").await;
    browser.drag(&clean, &lines).await;
    let line = browser.find("[data-testid=line]").await;
    let front_squat = browser.find("[data-testid=palette-item][data-name='Front squat']").await;
    browser.drag(&front_squat, &line).await;
    let jerk = browser.find("[data-testid=palette-item][data-name='Jerk']").await;
    browser.drag(&jerk, &line).await;
    browser.wait_text("[data-testid=line-notation]", |t| t.contains("1 + 1 + 1")).await;
    let reps = browser.find_all("[name=part-reps]").await;
    assert_eq!(reps.len(), 3, "the complex has three parts");
    reps[1].clear().await.expect("clear");
    reps[1].send_keys("2").await.expect("type");
    browser.wait_text("[data-testid=line-notation]", |t| t.contains("1 + 2 + 1")).await;
    browser.click("[data-testid=add-set]").await;
    browser.fill("set-reps", "1").await;
    browser.fill("set-percent", "80").await;
    browser.select("[data-testid=set-of]", "clean_and_jerk").await;
    // The load preview uses the athlete's maximum: 80 % of 100 kg.
    browser.select("[data-testid=preview-athlete]", &athlete.user_id).await;
    browser.wait_text("[data-testid=preview-load]", |t| t.contains("80")).await;
    browser.screenshot("workout-builder").await;
    browser.click("[data-testid=workout-save]").await;
    browser.wait_text("[data-testid=toast]", |t| !t.trim().is_empty()).await;

    let workouts = coach_api.call(|a| a.workout_list().club("journey-club").send()).await.expect("workouts");
    let workout = workouts.items.iter().find(|w| w.name == "Complex day").expect("the saved workout");
    let saved = coach_api.call(|a| a.workout_get().club("journey-club").id(&workout.id).send()).await.expect("workout");
    assert_eq!(saved.lines.len(), 1);
    assert_eq!(saved.lines[0].parts.iter().map(|p| p.reps).collect::<Vec<_>>(), [1, 2, 1]);

    // The calendar: the workout dropped on a day for the athlete, then moved to the next day.
    browser.goto("/c/journey-club/planning").await;
    browser.click("[data-testid=view-week]").await;
    let days = browser.find_all("[data-testid=day]").await;
    assert_eq!(days.len(), 7, "a week view shows seven days");
    // Planned on another day of this week, then moved to today, the day the athlete trains.
    let second = chrono::Local::now().date_naive().to_string();
    let mut dates = Vec::new();
    for day in &days {
        dates.push(day.attr("data-date").await.expect("date").expect("a date"));
    }
    let today = dates.iter().position(|d| *d == second).expect("the week view holds today");
    let first = dates[(today + 1) % 7].clone();
    browser
        .drag(&browser.find("[data-testid=plan-workout][data-name='Complex day']").await, &days[(today + 1) % 7])
        .await;
    browser.click(&format!("[data-testid=schedule-athlete][value='{}']", athlete.user_id)).await;
    browser.click("[data-testid=schedule-confirm]").await;
    let chip = browser.find(&format!("[data-testid=session][data-date='{first}']")).await;
    browser.screenshot("planning").await;
    // The coach's detail shows the athlete's load, computed with the server's engine.
    chip.click().await.expect("open the session");
    browser.wait_text("[data-testid=session-detail] [data-testid=set-load]", |t| t.contains("80")).await;
    browser.screenshot("planning-detail").await;
    browser.click("[data-testid=dialog-close]").await;
    let target = browser.find(&format!("[data-testid=day][data-date='{second}']")).await;
    browser.drag(&chip, &target).await;
    browser.find(&format!("[data-testid=session][data-date='{second}']")).await;

    let sessions = coach_api
        .call(|a| {
            a.planned_session_list()
                .club("journey-club")
                .athlete_id(&athlete.user_id)
                .from(dates[0].clone())
                .to(dates[6].clone())
                .send()
        })
        .await
        .expect("sessions");
    assert_eq!(sessions.len(), 1);
    assert_eq!(sessions[0].date, second, "the session moved");

    // The athlete logs the session: three complexes at 80 kg, all made.
    let athlete_api = DropIt::new(&app.address);
    athlete_api.log_in(&athlete.email, PASSWORD).await.expect("the athlete signs in");
    let parts: Vec<types::LoggedPartBody> = saved.lines[0]
        .parts
        .iter()
        .map(|p| types::LoggedPartBody { exercise_id: p.exercise_id.clone(), reps: p.reps })
        .collect();
    let set = types::LoggedSetBody {
        exercise_id: saved.lines[0].parts[0].exercise_id.clone(),
        load_kg: 80.0,
        made: true,
        note: String::new(),
        parts,
        reps: 1,
        rpe: Some(8.0),
    };
    let log = types::LogInput {
        id: uuid::Uuid::new_v4().to_string(),
        performed_on: second.clone(),
        planned_session_id: Some(sessions[0].id.clone()),
        session_rpe: Some(8.0),
        duration_minutes: Some(60),
        notes: String::new(),
        sets: vec![set.clone(), set.clone(), set],
    };
    let logged =
        athlete_api.call(|a| a.my_log_record().club("journey-club").body(log.clone()).send()).await.expect("log");
    // Three rounds of 1 + 2 + 1 lifts at 80 kg.
    assert_eq!(logged.tonnage_kg, 960.0);

    browser.goto("/c/journey-club/logs").await;
    let row = browser.find("[data-testid=log-row][data-athlete='lea']").await;
    let tonnage = row.find(Locator::Css("[data-testid=log-tonnage]")).await.expect("tonnage cell");
    assert_eq!(tonnage.text().await.expect("text").replace('\u{a0}', " "), "960 kg");
    browser.screenshot("logs").await;
    browser.goto("/c/journey-club").await;
    browser.wait_text("[data-testid=dashboard-logs]", |t| t.contains("960")).await;
    browser.screenshot("dashboard").await;

    // The athlete's page: the statistics count the logged session.
    browser.goto("/c/journey-club/athletes").await;
    browser.click("[data-testid=athlete-row][data-name='lea'] a").await;
    browser.wait_text("[data-testid=stats-tonnage]", |t| t.contains("960")).await;
    browser.find("[data-testid=stats-chart]").await;
    browser.screenshot("athlete").await;
    browser.close().await;
}
