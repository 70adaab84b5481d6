//! The import & export page in the browser: a coach previews a CSV program, answers the one
//! ambiguous exercise name among the candidates, imports it, and prints the week's sheet.

use dropit_sdk::DropIt;
use dropit_testing::browser::{Browser, web_dir};

use super::people::log_in;
use crate::support::{PASSWORD, add_member, create_club, spawn_app_with};

#[tokio::test]
async fn a_coach_imports_a_csv_program_after_choosing_the_squat_meant_and_prints_the_week() {
    let dir = web_dir();
    let app = spawn_app_with(&[("DROPIT_SERVER__WEB_DIR", dir.to_str().expect("utf-8 path"))]).await;
    let admin = app.person("admin").await;
    let club_id = create_club(&app, &admin, "import-club").await;
    let coach = app.person("coach").await;
    add_member(&app, "import-club", &club_id, &coach, "coach").await;
    let files = tempfile::tempdir().expect("a folder for the file");
    let program = files.path().join("lundi.csv");
    std::fs::write(&program, "Séance;Exercice;Prescription\nLundi;Arraché;3x2 @ 80%\nLundi;Squat;5x5 @ 70%\n")
        .expect("the program");

    let browser = Browser::open(&app.address, 1280, 900).await;
    log_in(&browser, &coach.email).await;
    // In English whatever the profile says, for the texts checked below.
    browser.click("[data-testid=lang-en]").await;
    browser.goto("/c/import-club").await;
    browser.click("[data-testid=nav-transfer]").await;
    assert_eq!(browser.path().await, "/c/import-club/transfer");

    // The preview: "Squat" could be a back or a front squat.
    let input = browser.find("[data-testid=import-file]").await;
    input.send_keys(program.to_str().expect("utf-8 path")).await.expect("choosing the file");
    browser.click("[data-testid=import-preview]").await;
    browser.find("[data-testid=import-problems]").await;
    let problems = browser.find_all("[data-testid=import-problem]").await;
    assert_eq!(problems.len(), 1, "only the ambiguous squat is a problem");
    let problem = problems[0].text().await.expect("the problem's text");
    assert!(problem.contains("C3") || problem.contains("B3"), "the cell is named: {problem}");
    assert!(problem.contains("Squat"), "{problem}");
    browser.screenshot("transfer-problems").await;

    let mut back_squat = None;
    for option in browser.find_all("[data-testid=import-choice] option").await {
        if option.text().await.unwrap_or_default().contains("Back squat") {
            back_squat = option.attr("value").await.expect("a value");
        }
    }
    let back_squat = back_squat.expect("back squat among the candidates");
    browser.select("[data-testid=import-choice]", &back_squat).await;
    browser.find("[data-testid=import-ready]").await;
    assert!(browser.find_all("[data-testid=import-problem]").await.is_empty(), "the problem is answered");
    browser
        .wait_text("[data-testid=import-workouts]", |t| {
            t.contains("Lundi") && t.contains("Back squat") && t.contains("5 × 5 @ 70%")
        })
        .await;
    browser.screenshot("transfer-preview").await;

    browser.click("[data-testid=import-confirm]").await;
    browser.wait_text("[data-testid=toast]", |t| t.contains("Workouts created: 1")).await;
    browser.find("[data-testid=import-done]").await;
    browser.screenshot("transfer-imported").await;

    let api = DropIt::new(&app.address);
    api.log_in(&coach.email, PASSWORD).await.expect("the coach signs in");
    let workouts = api.call(|a| a.workout_list().club("import-club").send()).await.expect("workouts");
    assert_eq!(workouts.items.len(), 1, "one workout imported");
    let workout = &workouts.items[0];
    assert_eq!(workout.name, "Lundi");
    let saved = api.call(|a| a.workout_get().club("import-club").id(&workout.id).send()).await.expect("the workout");
    assert_eq!(saved.lines.len(), 2);
    assert_eq!(saved.lines[1].parts[0].exercise_id, back_squat, "the squat chosen");

    // The week's sheet, shown in the page to print (with no session yet), once the toast no
    // longer covers the button.
    browser.wait_text("[data-testid=toast]", |t| t.trim().is_empty()).await;
    browser.click("[data-testid=print-sheet]").await;
    browser.find("[data-testid=sheet-preview]").await;
    browser.wait_text("[data-testid=sheet-preview]", |t| !t.trim().is_empty()).await;
    browser.screenshot("transfer-sheet").await;
    browser.close().await;
}
