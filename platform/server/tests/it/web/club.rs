//! Running a club and the platform in the browser: the administrator invites from the members
//! page, changes how bars are loaded and reads the audit log; an operator suspends and resumes
//! a club from the console.

use dropit_sdk::DropIt;
use dropit_testing::browser::{Browser, Locator, web_dir};

use super::people::log_in;
use crate::support::{PASSWORD, create_club, make_operator, spawn_app_with};

#[tokio::test]
async fn an_administrator_runs_the_club_and_an_operator_the_platform() {
    let dir = web_dir();
    let app = spawn_app_with(&[("DROPIT_SERVER__WEB_DIR", dir.to_str().expect("utf-8 path"))]).await;
    let admin = app.person("admin").await;
    create_club(&app, &admin, "club-pages").await;
    let browser = Browser::open(&app.address, 1280, 900).await;
    log_in(&browser, &admin.email).await;

    // Members: the founder is there; an invitation gives a link and is listed.
    browser.goto("/c/club-pages/members").await;
    browser.find(&format!("[data-testid=member-row][data-email='{}']", admin.email)).await;
    let invited = format!("coach-{}@example.org", uuid::Uuid::new_v4().simple());
    browser.type_into("[data-testid=invite-email]", &invited).await;
    browser.select("[data-testid=invite-role]", "coach").await;
    browser.click("[data-testid=invite-send]").await;
    let link =
        browser.find("[data-testid=invitation-link]").await.prop("value").await.expect("link").unwrap_or_default();
    assert!(link.contains("/invitations/"), "{link}");
    browser.find(&format!("[data-testid=invitation-row][data-email='{invited}']")).await;
    browser.screenshot("members").await;

    // Settings: a 15 kg bar, saved and read back by the API.
    browser.goto("/c/club-pages/settings").await;
    browser.type_into("[data-testid=settings-bar]", "15").await;
    browser.click("[data-testid=settings-save]").await;
    browser.wait_text("[data-testid=toast]", |t| !t.trim().is_empty()).await;
    let api = DropIt::new(&app.address);
    api.log_in(&admin.email, PASSWORD).await.expect("sign in");
    let loading = api.call(|a| a.club_loading_get().club("club-pages").send()).await.expect("loading");
    assert_eq!(loading.bar_kg, 15.0);
    browser.screenshot("settings").await;

    // The audit log shows what just happened.
    browser.goto("/c/club-pages/audit").await;
    browser.find("[data-testid=audit-row]").await;
    browser.screenshot("audit").await;
    browser.close().await;

    // The operator console: suspend, then resume, the club.
    let operator = app.person("operator").await;
    make_operator(&app, &operator).await;
    let browser = Browser::open(&app.address, 1280, 900).await;
    log_in(&browser, &operator.email).await;
    browser.goto("/operator").await;
    let row = browser.find("[data-testid=operator-club][data-slug='club-pages']").await;
    row.find(Locator::Css("[data-testid=club-suspend]")).await.expect("suspend").click().await.expect("click");
    browser.click("[data-testid=operator-club][data-slug='club-pages'] [data-testid=confirm]").await;
    browser.find("[data-testid=operator-club][data-slug='club-pages'][data-status='suspended']").await;
    browser.screenshot("operator").await;
    browser.click("[data-testid=operator-club][data-slug='club-pages'] [data-testid=club-resume]").await;
    browser.click("[data-testid=operator-club][data-slug='club-pages'] [data-testid=confirm]").await;
    browser.find("[data-testid=operator-club][data-slug='club-pages'][data-status='active']").await;
    browser.close().await;
}
