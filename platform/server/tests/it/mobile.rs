//! The athlete app in a real headless Chromium on a phone-sized window: the program with the
//! loads computed on the phone (equal to the API's) and the records, the app opening, logging
//! and checking in with the server down (service worker, IndexedDB, outbox), and each log
//! stored exactly once when the server is back — even when the page dies in the middle of a
//! sync.

use std::time::{Duration, Instant};

use dropit_sdk::{DropIt, types};
use dropit_testing::browser::{Browser, Locator, mobile_dir};

use crate::support::{PASSWORD, Person, TestApp, add_member, create_club, spawn_app_on, spawn_app_with};

const CLUB: &str = "mobile-club";
const PHONE: (u32, u32) = (390, 844);

/// A club with a coach and an athlete who has maxima, their own 15 kg bar, and a session
/// planned today (percentages, a range, a complex with a rest, a fixed load, a lift without
/// a maximum) and another in three days.
struct Scene {
    app: TestApp,
    coach: DropIt,
    athlete: Person,
    today: String,
    session_id: String,
}

fn overrides(dir: &str) -> Vec<(&'static str, &str)> {
    vec![("DROPIT_SERVER__MOBILE_DIR", dir), ("DROPIT_SERVER__SHUTDOWN_GRACE_SECS", "1")]
}

async fn scene() -> Scene {
    let dir = mobile_dir();
    let app = spawn_app_with(&overrides(dir.to_str().expect("utf-8 path"))).await;
    let admin = app.person("admin").await;
    let club_id = create_club(&app, &admin, CLUB).await;
    let coach_person = app.person("coach").await;
    add_member(&app, CLUB, &club_id, &coach_person, "coach").await;
    let athlete = app.person("lea").await;
    add_member(&app, CLUB, &club_id, &athlete, "athlete").await;
    let coach = DropIt::new(&app.address);
    coach.log_in(&coach_person.email, PASSWORD).await.expect("the coach signs in");

    for (lift, kg) in [("snatch", 100.0), ("clean_and_jerk", 121.0)] {
        coach
            .call(|a| {
                a.athlete_maximum_set()
                    .club(CLUB)
                    .athlete(&athlete.user_id)
                    .lift(lift)
                    .body(types::MaximumRequest { kg, kind: None })
                    .send()
            })
            .await
            .expect("a maximum");
    }
    let exercises =
        coach.call(|a| a.exercise_list().club(CLUB).per_page(100).send()).await.expect("the catalogue").items;
    let id = |name: &str| exercises.iter().find(|e| e.name_en == name).map(|e| e.id.clone()).expect(name);
    let percent = |min: f64, max: Option<f64>, of: &str| types::IntensityBody {
        kg: None,
        kind: types::IntensityKind::Percent,
        max,
        min: Some(min),
        of: Some(of.to_owned()),
    };
    let kg =
        |kg: f64| types::IntensityBody { kg: Some(kg), kind: types::IntensityKind::Kg, max: None, min: None, of: None };
    let set = |reps, intensity: types::IntensityBody| types::SetBody { intensity, reps };
    let part = |name: &str, reps| types::PartBody { exercise_id: id(name), reps };
    let line = |parts, rest_seconds, sets| types::LineBody { notes: String::new(), parts, rest_seconds, sets };
    let workout = types::WorkoutInput {
        archived: false,
        basis: None,
        name: "Snatch day".to_owned(),
        notes: "Fast under the bar".to_owned(),
        lines: vec![
            line(
                vec![part("Snatch", 2)],
                Some(120),
                vec![set(2, percent(70.0, None, "snatch")), set(2, percent(75.0, Some(80.0), "snatch"))],
            ),
            line(
                vec![part("Clean", 1), part("Front squat", 2)],
                Some(90),
                vec![set(1, percent(80.0, None, "clean_and_jerk"))],
            ),
            line(vec![part("Back squat", 3)], None, vec![set(3, kg(102.0)), set(3, percent(80.0, None, "back_squat"))]),
        ],
    };
    let workout = coach.call(|a| a.workout_create().club(CLUB).body(workout.clone()).send()).await.expect("a workout");
    let today = chrono::Local::now().date_naive();
    let later = today + chrono::Days::new(3);
    let scheduled = coach
        .call(|a| {
            a.planned_session_schedule()
                .club(CLUB)
                .body(types::ScheduleRequest {
                    athlete_ids: vec![athlete.user_id.clone()],
                    dates: vec![today.to_string(), later.to_string()],
                    group_id: None,
                    workout_id: workout.id.clone(),
                })
                .send()
        })
        .await
        .expect("scheduled");
    let session_id =
        scheduled.sessions.iter().find(|s| s.date == today.to_string()).expect("today's session").id.clone();

    // The athlete trains with their own 15 kg bar.
    let profile = coach.call(|a| a.athlete_get().club(CLUB).athlete(&athlete.user_id).send()).await.expect("profile");
    let input = types::AthleteInput {
        archived: false,
        bar_kg: Some(15.0),
        birth_date: profile.birth_date.clone(),
        level: profile.level.clone(),
        name: profile.name.clone(),
        notes: profile.notes.clone(),
        sex: profile.sex,
        user_id: None,
    };
    coach
        .call(|a| a.athlete_update().club(CLUB).athlete(&athlete.user_id).body(input.clone()).send())
        .await
        .expect("the athlete's bar");
    // A tested snatch of 100 kg, a personal record.
    let record =
        types::RecordInput { date: today.to_string(), exercise_id: id("Snatch"), kg: 100.0, note: String::new() };
    coach
        .call(|a| a.athlete_record_add().club(CLUB).athlete(&athlete.user_id).body(record.clone()).send())
        .await
        .expect("a record");
    Scene { app, coach, athlete, today: today.to_string(), session_id }
}

async fn log_in(browser: &Browser, email: &str) {
    browser.goto("/m/").await;
    browser.find("[data-testid=log-in-form]").await;
    assert_eq!(browser.path().await, "/m/login", "signed out, the app asks to log in");
    browser.fill("email", email).await;
    browser.fill("password", PASSWORD).await;
    browser.click("[data-testid=log-in-form] button[type=submit]").await;
    browser.find("[data-testid=today]").await;
    // The new account's profile says French; this phone chooses English, and keeps it.
    browser.click("[data-testid=lang-en]").await;
    browser.wait_text("[data-testid=today] h2", |t| t.contains("Today")).await;
}

/// Each set's load on screen: (load in kg, problem code, plates per side).
async fn shown_loads(browser: &Browser) -> Vec<(String, String, String)> {
    let mut shown = Vec::new();
    for set in browser.find_all("[data-testid=set]").await {
        let load = set.find(Locator::Css("[data-testid=set-load]")).await.expect("a load");
        let kg = load.attr("data-load-kg").await.expect("attr").unwrap_or_default();
        let problem = load.attr("data-problem").await.expect("attr").unwrap_or_default();
        let plates = match set.find(Locator::Css("[data-testid=plates]")).await {
            Ok(plates) => plates.attr("data-plates").await.expect("attr").unwrap_or_default(),
            Err(_) => String::new(),
        };
        shown.push((kg, problem, plates));
    }
    shown
}

/// The same, as the API computes them for the athlete.
fn api_loads(session: &types::PlannedSessionBody) -> Vec<(String, String, String)> {
    session
        .loads
        .iter()
        .flat_map(|line| &line.sets)
        .map(|set| {
            (
                set.load_kg.map(|kg| kg.to_string()).unwrap_or_default(),
                if set.load_kg.is_some() { String::new() } else { set.problem.clone().unwrap_or_default() },
                set.per_side_kg.iter().map(f64::to_string).collect::<Vec<_>>().join(" "),
            )
        })
        .collect()
}

async fn athlete_api(scene: &Scene) -> DropIt {
    let api = DropIt::new(&scene.app.address);
    api.log_in(&scene.athlete.email, PASSWORD).await.expect("the athlete signs in");
    api
}

/// Waits until the sync state reads `state` (and `count` logs wait, when given).
async fn wait_sync(browser: &Browser, state: &str, count: Option<usize>, patience: Duration) {
    let started = Instant::now();
    loop {
        if let Ok(badge) = browser.client.find(Locator::Css("[data-testid=sync-state]")).await {
            let now = badge.attr("data-state").await.ok().flatten().unwrap_or_default();
            let waiting = badge.attr("data-count").await.ok().flatten().unwrap_or_default();
            if now == state && count.is_none_or(|c| waiting == c.to_string()) {
                return;
            }
            if started.elapsed() > patience {
                let _ = browser.screenshot(&format!("mobile-failed-sync-{state}")).await;
                panic!("the sync state stayed {now} ({waiting} waiting), not {state} ({count:?})");
            }
        } else if started.elapsed() > patience {
            panic!("no sync state on {}", browser.path().await);
        }
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// The entries of the app's outbox, read straight from IndexedDB.
async fn outbox(browser: &Browser) -> Vec<serde_json::Value> {
    let script = r#"
        const done = arguments[arguments.length - 1];
        const open = indexedDB.open("dropit-mobile");
        open.onerror = () => done(["error"]);
        open.onsuccess = () => {
            const all = open.result.transaction("outbox", "readonly").objectStore("outbox").getAll();
            all.onsuccess = () => { open.result.close(); done(all.result); };
            all.onerror = () => done(["error"]);
        };
    "#;
    let values = browser.client.execute_async(script, Vec::new()).await.expect("reading the outbox");
    values
        .as_array()
        .expect("a list")
        .iter()
        .map(|v| serde_json::from_str(v.as_str().expect("JSON text")).expect("an entry"))
        .collect()
}

/// Waits until the service worker controls the page: from then on the app opens offline.
async fn wait_for_service_worker(browser: &Browser) {
    let started = Instant::now();
    while !browser
        .client
        .execute("return !!(navigator.serviceWorker && navigator.serviceWorker.controller);", Vec::new())
        .await
        .expect("asking for the service worker")
        .as_bool()
        .unwrap_or(false)
    {
        assert!(started.elapsed() < Duration::from_secs(30), "the service worker never took control");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// Marks sets of the open session: (index among all sets, made, RPE typed).
async fn mark_sets(browser: &Browser, marks: &[(usize, bool, &str)]) {
    for &(index, made, rpe) in marks {
        let sets = browser.find_all("[data-testid=set]").await;
        let set = &sets[index];
        if !rpe.is_empty() {
            let input = set.find(Locator::Css("input[name=rpe]")).await.expect("an RPE input");
            input.send_keys(rpe).await.expect("typing the RPE");
        }
        let button = if made { "[data-testid=set-made]" } else { "[data-testid=set-missed]" };
        set.find(Locator::Css(button)).await.expect("a button").click().await.expect("marking the set");
    }
}

async fn logs_of(scene: &Scene) -> Vec<types::LogBody> {
    scene
        .coach
        .call(|a| {
            a.log_list()
                .club(CLUB)
                .athlete_id(&scene.athlete.user_id)
                .from(scene.today.clone())
                .to(scene.today.clone())
                .send()
        })
        .await
        .expect("the coach reads the logs")
}

#[tokio::test]
async fn the_athlete_sees_todays_loads_computed_on_the_phone_as_the_api_does() {
    let scene = scene().await;
    let browser = Browser::open(&scene.app.address, PHONE.0, PHONE.1).await;
    log_in(&browser, &scene.athlete.email).await;
    let card = format!("[data-testid=today] [data-testid=session-card][data-session='{}']", scene.session_id);
    browser.wait_text(&card, |t| t.contains("Snatch day") && t.contains("Clean + 2 Front squat")).await;
    browser.wait_text("[data-testid=later] [data-testid=session-card]", |t| t.contains("Snatch day")).await;
    browser.wait_text("[data-testid=sync-state]", |t| t.contains("All sent")).await;
    browser.screenshot("mobile-program").await;

    browser.click(&card).await;
    browser.find("[data-testid=session]").await;
    let shown = shown_loads(&browser).await;
    let athlete = athlete_api(&scene).await;
    let sessions = athlete
        .call(|a| a.my_sessions().club(CLUB).from(scene.today.clone()).to(scene.today.clone()).send())
        .await
        .expect("my sessions");
    let session = sessions.iter().find(|s| s.id == scene.session_id).expect("today's session");
    assert_eq!(shown, api_loads(session), "the phone computes the API's loads");
    // And they are what a lifter expects: 70 % of 100 kg on a 15 kg bar with 2.5 kg collars.
    assert_eq!(shown[0].0, "70");
    assert_eq!(shown[0].2, "25", "25 a side on 15 + 2 × 2.5");
    assert_eq!(shown[2], ("97".to_owned(), String::new(), "25 10 2.5 1".to_owned()), "80 % of 121, to the kilogram");
    assert_eq!(shown[4].1, "no_maximum", "no back squat maximum: said, not guessed");
    browser.screenshot("mobile-session").await;

    // The records tab lists the personal records.
    browser.click("[data-testid=tab-records]").await;
    browser.wait_text("[data-testid=record][data-exercise='Snatch']", |t| t.contains("100 kg")).await;
    browser.screenshot("mobile-records").await;

    // The session is kept on the phone: a new start opens signed in, in French when chosen.
    browser.goto("/m/").await;
    browser.click("[data-testid=lang-fr]").await;
    browser.wait_text("[data-testid=today] h2", |t| t.contains("Aujourd'hui")).await;
    browser.goto("/m/").await;
    browser.wait_text("[data-testid=sync-state]", |t| t.contains("Tout est envoyé")).await;
    assert!(browser.find_all("[data-testid=log-in-form]").await.is_empty(), "still signed in");
    browser.close().await;
}

#[tokio::test]
async fn with_the_server_down_the_app_opens_logs_and_syncs_exactly_once_when_it_is_back() {
    let scene = scene().await;
    let dir = mobile_dir();
    let browser = Browser::open(&scene.app.address, PHONE.0, PHONE.1).await;
    log_in(&browser, &scene.athlete.email).await;
    browser.find(&format!("[data-testid=session-card][data-session='{}']", scene.session_id)).await;
    wait_for_service_worker(&browser).await;

    // The network is cut: the server stops.
    let Scene { mut app, coach, athlete, today, session_id } = scene;
    let (port, database_url) = (app.port(), app.database_url.clone());
    app.begin_shutdown();
    app.wait_stopped().await.expect("the server stops");

    // The app still opens, on the session, from the service worker and the cache.
    browser.goto(&format!("/m/sessions/{session_id}")).await;
    browser.find("[data-testid=session]").await;
    wait_sync(&browser, "offline", Some(0), Duration::from_secs(20)).await;
    let shown = shown_loads(&browser).await;
    assert_eq!(shown[0].0, "70", "the loads come from the cached maxima, bar and plates");
    // Snatch 2 @ 70 made (RPE 7), 2 @ 75 made (RPE 8.5), the complex at 97 kg missed, 3 @ 102 made.
    mark_sets(&browser, &[(0, true, "7"), (1, true, "8,5"), (2, false, ""), (3, true, "")]).await;
    browser.type_into("[name=session_rpe]", "8").await;
    browser.wait_text("[data-testid=tonnage]", |t| t.contains("596 kg")).await;
    browser.screenshot("mobile-offline-logging").await;
    browser.click("[data-testid=finish]").await;
    browser.find("[data-testid=today]").await;
    wait_sync(&browser, "offline", Some(1), Duration::from_secs(20)).await;
    browser.wait_text("[data-testid=sync-state]", |t| t.contains("1 waiting")).await;
    browser.find(&format!("[data-testid=session-card][data-session='{session_id}'] [data-testid=session-done]")).await;
    let queued = outbox(&browser).await;
    assert_eq!(queued.len(), 1, "one log waits on the phone");
    let log_id = queued[0]["item"]["log"]["id"].as_str().expect("the log's id").to_owned();
    browser.screenshot("mobile-offline-waiting").await;

    // The day's check-in goes the same way.
    browser.goto("/m/check-in").await;
    for (field, value) in [("sleep", 4), ("soreness", 3), ("stress", 5), ("mood", 2)] {
        browser.click(&format!("[data-testid=score][data-field={field}][data-value='{value}']")).await;
    }
    browser.fill("check_in_note", "Short night").await;
    browser.screenshot("mobile-check-in").await;
    browser.click("[data-testid=check-in-send]").await;
    browser.find("[data-testid=today]").await;
    wait_sync(&browser, "offline", Some(2), Duration::from_secs(20)).await;

    // The server is back, same address and data: the outbox empties by itself.
    let app = spawn_app_on(port, &database_url, &overrides(dir.to_str().expect("utf-8 path"))).await;
    wait_sync(&browser, "synced", Some(0), Duration::from_secs(60)).await;
    assert!(outbox(&browser).await.is_empty(), "the outbox is empty once the server confirmed");

    let scene = Scene { app, coach, athlete, today, session_id };
    let logs = logs_of(&scene).await;
    assert_eq!(logs.len(), 1, "stored exactly once");
    let log = &logs[0];
    assert_eq!(log.id, log_id);
    assert_eq!(log.planned_session_id.as_deref(), Some(scene.session_id.as_str()));
    assert_eq!(log.sets.len(), 4);
    assert_eq!(log.sets.iter().filter(|s| !s.made).count(), 1);
    assert_eq!(log.sets[1].rpe, Some(8.5));
    assert_eq!(log.session_rpe, Some(8.0));
    assert_eq!(log.sets[2].parts.len(), 2, "the complex keeps its parts");
    // 2 × 70 + 2 × 75 + 3 × 102; the missed complex counts nothing.
    assert_eq!(log.tonnage_kg, 596.0);
    let stats = scene
        .coach
        .call(|a| {
            a.athlete_stats()
                .club(CLUB)
                .athlete(&scene.athlete.user_id)
                .from(scene.today.clone())
                .to(scene.today.clone())
                .send()
        })
        .await
        .expect("the athlete's statistics");
    assert_eq!(stats.done.tonnage_kg, 596.0, "the coach's statistics count the synced log");
    let check_ins = scene
        .coach
        .call(|a| {
            a.readiness_list()
                .club(CLUB)
                .athlete_id(&scene.athlete.user_id)
                .from(scene.today.clone())
                .to(scene.today.clone())
                .send()
        })
        .await
        .expect("the check-ins");
    assert_eq!(check_ins.len(), 1);
    let check_in = &check_ins[0];
    assert_eq!((check_in.sleep, check_in.soreness, check_in.stress, check_in.mood), (4, 3, 5, 2));
    assert_eq!(check_in.note, "Short night");
    browser.screenshot("mobile-synced").await;
    browser.close().await;
}

#[tokio::test]
async fn a_page_killed_in_the_middle_of_a_sync_loses_nothing_and_duplicates_nothing() {
    let scene = scene().await;
    let dir = mobile_dir();
    let browser = Browser::open(&scene.app.address, PHONE.0, PHONE.1).await;
    log_in(&browser, &scene.athlete.email).await;
    let session_page = format!("/m/sessions/{}", scene.session_id);

    // Online: finish, then reload at once, while the log is on its way.
    browser.goto(&session_page).await;
    browser.find("[data-testid=session]").await;
    mark_sets(&browser, &[(0, true, "7")]).await;
    browser.click("[data-testid=finish]").await;
    browser.find("[data-testid=today]").await;
    browser.client.refresh().await.expect("reloading");
    browser.find("[data-testid=today]").await;
    wait_sync(&browser, "synced", Some(0), Duration::from_secs(30)).await;
    assert_eq!(logs_of(&scene).await.len(), 1, "the log sent before the reload is stored once");

    // The hardest case: the server stored a log but the page died before hearing it. The log
    // waits in the outbox with the server down…
    let Scene { mut app, coach, athlete, today, session_id } = scene;
    let (port, database_url) = (app.port(), app.database_url.clone());
    app.begin_shutdown();
    app.wait_stopped().await.expect("the server stops");
    browser.goto(&session_page).await;
    browser.find("[data-testid=session]").await;
    mark_sets(&browser, &[(0, true, ""), (1, false, "")]).await;
    browser.click("[data-testid=finish]").await;
    browser.find("[data-testid=today]").await;
    wait_sync(&browser, "offline", Some(1), Duration::from_secs(20)).await;
    let queued = outbox(&browser).await;
    assert_eq!(queued.len(), 1);
    let entry: types::LogInput = serde_json::from_value(queued[0]["item"]["log"].clone()).expect("a log input");

    // …the server comes back and gets it (the attempt whose answer the page never heard)…
    let app = spawn_app_on(port, &database_url, &overrides(dir.to_str().expect("utf-8 path"))).await;
    let scene = Scene { app, coach, athlete, today, session_id };
    let athlete = athlete_api(&scene).await;
    let first = athlete.call(|a| a.my_log_record().club(CLUB).body(entry.clone()).send()).await.expect("stored");
    assert_eq!(first.id, entry.id);

    // …and the page is killed again and again while it syncs. The server answers "already
    // stored" and the entry leaves the outbox.
    for _ in 0..3 {
        browser.client.refresh().await.expect("reloading");
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
    browser.find("[data-testid=today]").await;
    wait_sync(&browser, "synced", Some(0), Duration::from_secs(60)).await;
    assert!(outbox(&browser).await.is_empty());
    let logs = logs_of(&scene).await;
    assert_eq!(logs.len(), 2, "two sessions logged, each stored once: {logs:?}");
    assert_eq!(logs.iter().filter(|l| l.id == entry.id).count(), 1);
    browser.close().await;
}
