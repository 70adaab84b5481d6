//! The coach's journey in the browser: founding a club, inviting a coach who joins, then the
//! catalogue, a workout with a complex built by drag and drop, the calendar, and the
//! athlete's logged session with its tonnage.

use crate::support::{PASSWORD, spawn_app_with};
use dropit_testing::browser::{Browser, web_dir};

#[tokio::test]
async fn a_founder_creates_a_club_and_a_coach_joins_it() {
    let dir = web_dir();
    let app = spawn_app_with(&[("DROPIT_SERVER__WEB_DIR", dir.to_str().expect("utf-8 path"))]).await;
    let founder = format!("founder-{}@example.org", uuid::Uuid::new_v4().simple());
    let coach = format!("coach-{}@example.org", uuid::Uuid::new_v4().simple());

    let browser = Browser::open(&app.address, 1280, 900).await;
    browser.goto("/signup").await;
    // The form says what is wrong before asking the server.
    browser.fill("email", "not-an-email").await;
    browser.click("button[type=submit]").await;
    browser.find("#field-email[aria-invalid=true]").await;
    browser.fill("display_name", "Camille Martin").await;
    browser.fill("email", &founder).await;
    browser.fill("password", PASSWORD).await;
    browser.click("button[type=submit]").await;

    browser.find("[data-testid=club-step]").await;
    browser.fill("name", "Haltéro Club de Lyon").await;
    let slug = browser.find("[name=slug]").await.prop("value").await.expect("slug").unwrap_or_default();
    assert_eq!(slug, "haltero-club-de-lyon", "the address follows the name");
    browser.screenshot("onboarding").await;
    browser.click("[data-testid=club-step] button[type=submit]").await;
    browser.find("[data-testid=loading-step]").await;
    browser.click("[data-testid=loading-step] button[type=submit]").await;
    browser.find("[data-testid=invite-step]").await;
    browser.fill("email", &coach).await;
    browser.click("[data-testid=invite-step] button[type=submit]").await;
    let link =
        browser.find("[data-testid=invitation-link]").await.prop("value").await.expect("link").unwrap_or_default();
    assert!(link.contains("/invitations/"), "{link}");
    browser.click("[data-testid=finish]").await;
    browser.find("[data-testid=nav-dashboard]").await;
    assert_eq!(browser.path().await, "/c/haltero-club-de-lyon");
    browser.close().await;

    // The coach opens the link in their own browser and joins with a new account.
    let path = link.split_once("/invitations/").map(|(_, token)| format!("/invitations/{token}")).expect("a token");
    let browser = Browser::open(&app.address, 1024, 768).await;
    browser.goto(&path).await;
    browser.wait_text("[data-testid=invitation]", |t| t.contains("Haltéro Club de Lyon")).await;
    browser.fill("display_name", "Karim Benali").await;
    browser.fill("password", PASSWORD).await;
    browser.click("[data-testid=invitation-sign-up] button[type=submit]").await;
    browser.find("[data-testid=nav-planning]").await;
    assert_eq!(browser.path().await, "/c/haltero-club-de-lyon");
    // A coach manages training, not the club's members' roles or settings.
    assert!(browser.find_all("[data-testid=nav-settings]").await.is_empty());
    browser.close().await;
}
