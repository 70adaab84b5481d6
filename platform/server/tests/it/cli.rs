//! The binary's answer to a missing or malformed setting: one line, a non-zero exit.

use std::process::Command;

fn dropit(args: &[&str], vars: &[(&str, &str)]) -> (i32, String) {
    let dir = tempfile::tempdir().expect("tempdir");
    let output = Command::new(env!("CARGO_BIN_EXE_dropit"))
        .args(args)
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .envs(vars.iter().copied())
        // No `.env` file from the developer's checkout.
        .current_dir(dir.path())
        .output()
        .expect("running dropit");
    (output.status.code().unwrap_or(-1), String::from_utf8_lossy(&output.stderr).into_owned())
}

const VALID: &[(&str, &str)] = &[
    ("DROPIT_DATABASE__URL", "postgres://dropit@127.0.0.1:1/dropit"),
    ("DROPIT_SEARCH__API_KEY", "key"),
    ("DROPIT_AUTH__JWT_SECRETS", "a-test-signing-key-of-32-characters"),
];

#[test]
fn a_missing_setting_stops_serve_with_one_line() {
    let (code, stderr) = dropit(&["serve"], &VALID[1..]);
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("database.url") && stderr.contains("DROPIT_DATABASE__URL"), "{stderr}");
}

#[test]
fn a_malformed_setting_stops_serve_with_one_line() {
    let vars: Vec<_> = VALID.iter().copied().chain([("DROPIT_SERVER__PORT", "eighty")]).collect();
    let (code, stderr) = dropit(&["serve"], &vars);
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("server.port") && stderr.contains("DROPIT_SERVER__PORT"), "{stderr}");
}

#[test]
fn a_config_file_is_a_layer_under_the_environment() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("dropit.toml");
    std::fs::write(&file, "[server]\nport = \"not a port\"\n").expect("write");
    let file = file.display().to_string();
    let (code, stderr) = dropit(&["--config", &file, "check-config"], VALID);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("server.port"), "{stderr}");
    let vars: Vec<_> = VALID.iter().copied().chain([("DROPIT_SERVER__PORT", "8000")]).collect();
    let (code, stderr) = dropit(&["--config", &file, "check-config"], &vars);
    assert_eq!(code, 0, "{stderr}");
    // The file can be named by DROPIT_CONFIG too, which is not taken for a setting.
    let vars: Vec<_> = VALID.iter().copied().chain([("DROPIT_CONFIG", file.as_str())]).collect();
    let (code, stderr) = dropit(&["check-config"], &vars);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("server.port"), "{stderr}");
}

#[test]
fn the_openapi_command_needs_no_configuration() {
    let output = Command::new(env!("CARGO_BIN_EXE_dropit")).arg("openapi").env_clear().output().expect("running");
    assert!(output.status.success());
    assert_eq!(String::from_utf8_lossy(&output.stdout), dropit_server::http::openapi_spec());
}
