//! Accounts, roles and languages in the browser: an athlete meets a denied page, and the app
//! and the API's messages speak French when asked.

use dropit_kernel::{ErrorCode, Locale};

use crate::support::{PASSWORD, add_member, create_club, spawn_app_with};
use dropit_testing::browser::{Browser, web_dir};

#[tokio::test]
async fn an_athlete_sees_no_coach_page_and_is_denied_one_opened_by_address() {
    let dir = web_dir();
    let app = spawn_app_with(&[("DROPIT_SERVER__WEB_DIR", dir.to_str().expect("utf-8 path"))]).await;
    let admin = app.person("admin").await;
    let club_id = create_club(&app, &admin, "denied-club").await;
    let athlete = app.person("athlete").await;
    add_member(&app, "denied-club", &club_id, &athlete, "athlete").await;

    let browser = Browser::open(&app.address, 1280, 900).await;
    log_in(&browser, &athlete.email).await;
    browser.find("[data-testid=nav-dashboard]").await;
    assert!(browser.find_all("[data-testid=nav-planning]").await.is_empty(), "an athlete is shown the planning");
    assert!(browser.find_all("[data-testid=nav-members]").await.is_empty(), "an athlete is shown the members");

    browser.goto("/c/denied-club/planning").await;
    browser.find("[data-testid=denied]").await;
    browser.screenshot("denied-athlete").await;
    // Another club's address is "not found", as the API answers it.
    browser.goto("/c/someone-elses-club/planning").await;
    browser.find("[data-testid=not-found]").await;
    browser.close().await;
}

#[tokio::test]
async fn the_app_and_the_api_messages_speak_french() {
    let dir = web_dir();
    let app = spawn_app_with(&[("DROPIT_SERVER__WEB_DIR", dir.to_str().expect("utf-8 path"))]).await;
    let person = app.person("francophone").await;

    let browser = Browser::open(&app.address, 1280, 900).await;
    browser.goto("/login").await;
    browser.click("[data-testid=lang-fr]").await;
    browser.wait_text("h1", |t| t.contains("Se connecter")).await;
    browser.fill("email", &person.email).await;
    browser.fill("password", "not-the-password").await;
    browser.click("button[type=submit]").await;
    let refused = ErrorCode::InvalidCredentials.message(Locale::Fr);
    browser.wait_text(".form-error", |t| t.contains(refused)).await;
    browser.screenshot("log-in-fr").await;

    // The choice is kept: after signing in, the frame speaks French too, and after a reload.
    browser.fill("password", PASSWORD).await;
    browser.click("button[type=submit]").await;
    browser.wait_text("h1", |t| t.contains("Créer votre club")).await;
    browser.client.refresh().await.expect("reload");
    browser.wait_text("[data-testid=log-out]", |t| t.contains("Se déconnecter")).await;
    browser.close().await;
}

pub async fn log_in(browser: &Browser, email: &str) {
    browser.goto("/login").await;
    browser.fill("email", email).await;
    browser.fill("password", PASSWORD).await;
    browser.click("button[type=submit]").await;
    browser.find("[data-testid=log-out]").await;
}

#[tokio::test]
async fn a_forgotten_password_is_reset_from_the_emailed_link() {
    let dir = web_dir();
    let app = spawn_app_with(&[("DROPIT_SERVER__WEB_DIR", dir.to_str().expect("utf-8 path"))]).await;
    let person = app.person("forgetful").await;

    let browser = Browser::open(&app.address, 1024, 768).await;
    browser.goto("/login").await;
    browser.click("a[href='/password-reset']").await;
    browser.fill("email", &person.email).await;
    browser.click("button[type=submit]").await;
    browser.find("[data-testid=reset-sent]").await;

    let mail = app.mails().into_iter().rev().find(|m| m.contains("/reset-password/")).expect("the reset email");
    let token = mail.split("/reset-password/").nth(1).and_then(|rest| rest.split_whitespace().next()).expect("a token");
    browser.goto(&format!("/reset-password/{token}")).await;
    let new_password = "a-new-clean-and-jerk-7";
    browser.fill("new_password", new_password).await;
    browser.click("button[type=submit]").await;
    browser.wait_text("[data-testid=toast]", |t| !t.trim().is_empty()).await;
    assert_eq!(browser.path().await, "/login");
    browser.fill("email", &person.email).await;
    browser.fill("password", new_password).await;
    browser.click("button[type=submit]").await;
    browser.find("[data-testid=log-out]").await;
    // Logging out ends the browser's session: a reload does not sign back in.
    browser.click("[data-testid=log-out]").await;
    browser.find("[data-testid=log-in-form]").await;
    browser.client.refresh().await.expect("reload");
    browser.find("[data-testid=log-in-form]").await;
    browser.close().await;
}
