//! `dropit demo` and `dropit operators add`, run as the binary against the app's database.

use serde_json::json;

use crate::support::{run_dropit as dropit, spawn_app};

/// The (role, email, password) lines `dropit demo` prints.
fn credentials(stdout: &str) -> Vec<(String, String, String)> {
    stdout
        .lines()
        .skip(1)
        .filter_map(|line| {
            let parts: Vec<&str> = line.split_whitespace().collect();
            (parts.len() == 3).then(|| (parts[0].to_owned(), parts[1].to_owned(), parts[2].to_owned()))
        })
        .collect()
}

#[tokio::test]
async fn the_demo_accounts_sign_in_with_the_printed_passwords_run_after_run() {
    let app = spawn_app().await;
    let (ok, first, stderr) = dropit(&app, &["demo"]);
    assert!(ok, "{stderr}");
    let (ok, second, stderr) = dropit(&app, &["demo"]);
    assert!(ok, "a second run works too: {stderr}");
    let accounts = credentials(&second);
    assert_eq!(accounts.iter().map(|a| a.0.as_str()).collect::<Vec<_>>(), ["club_admin", "coach", "athlete"]);
    assert_ne!(credentials(&first)[0].2, accounts[0].2, "passwords are new on every run");

    for (role, email, password) in &accounts {
        let (status, session) = app
            .post_json("/api/v1/auth/login", None, json!({"email": email, "password": password, "client": "mobile"}))
            .await;
        assert_eq!(status, 200, "{email}: {session}");
        let token = session["access_token"].as_str().expect("token");
        let (_, me) = app.get_as("/api/v1/me", token).await;
        assert_eq!(me["clubs"][0]["slug"], "demo");
        assert_eq!(me["clubs"][0]["role"], role.as_str());
    }
    let (ok, _, _) = dropit(&app, &["operators", "add", &accounts[1].1]);
    assert!(ok);
    let (_, operators, _) = dropit(&app, &["operators", "list"]);
    assert_eq!(operators.trim(), accounts[1].1);
    let (ok, _, stderr) = dropit(&app, &["operators", "add", "nobody@example.org"]);
    assert!(!ok && stderr.contains("signs up first"), "{stderr}");
}
