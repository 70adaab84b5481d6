//! The deployment manifests under `infra/` against the configuration: every `DROPIT_*` name
//! they use is a setting the server knows, and the settings without a default are all given
//! to the server by compose and by Kubernetes. A misspelled variable would otherwise be found
//! only when a deployment refuses to start ("unknown setting"), or never, when it is optional.

use std::{
    collections::BTreeSet,
    path::{Path, PathBuf},
};

use serde::Deserialize as _;
use serde_yaml::Value;

use crate::config::{ConfigError, Settings};

const PREFIX: &str = "DROPIT_";

/// Valid values for the settings without a default, to build a configuration that loads. The
/// settings themselves are found by asking the loader (`required_settings`), so a new one
/// without a default fails here until it gets a sample value.
const SAMPLES: &[(&str, &str)] = &[
    ("DROPIT_DATABASE__URL", "postgres://dropit@127.0.0.1:5432/dropit"),
    ("DROPIT_SEARCH__API_KEY", "123456"),
    ("DROPIT_AUTH__JWT_SECRETS", "a-local-test-key-of-at-least-32-chars"),
];

/// The settings the loader reports as missing when nothing is set, each with a valid value.
fn required_settings() -> Vec<(String, String)> {
    let mut base: Vec<(String, String)> = Vec::new();
    loop {
        let vars: Vec<(&str, &str)> = base.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        match Settings::load_with(None, &vars) {
            Ok(_) => return base,
            Err(error) if error.problem.starts_with("missing") => {
                let Some((_, value)) = SAMPLES.iter().find(|(name, _)| *name == error.env) else {
                    panic!("{} has no default: give it a sample value in SAMPLES", error.env);
                };
                assert!(!base.iter().any(|(name, _)| *name == error.env), "{} is still missing", error.env);
                base.push((error.env, (*value).to_owned()));
            }
            Err(error) => panic!("the required settings alone do not load: {error}"),
        }
    }
}

/// Every `DROPIT_*` name in a text, wherever it is (keys, values, `${…}`, comments).
fn dropit_names(text: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let bytes = text.as_bytes();
    let mut from = 0;
    while let Some(found) = text[from..].find(PREFIX) {
        let start = from + found;
        let mut end = start + PREFIX.len();
        while end < bytes.len()
            && (bytes[end].is_ascii_uppercase() || bytes[end].is_ascii_digit() || bytes[end] == b'_')
        {
            end += 1;
        }
        let glued = start > 0 && (bytes[start - 1].is_ascii_alphanumeric() || bytes[start - 1] == b'_');
        if end > start + PREFIX.len() && !glued {
            names.insert(text[start..end].to_owned());
        }
        from = end;
    }
    names
}

/// The variables a manifest gives a value, with that value: `ENV` lines of a Dockerfile; in
/// YAML, compose services' `environment` (a mapping or `NAME=value` lines) and the `data` and
/// `stringData` of ConfigMaps and Secrets.
fn assignments(file: &str, text: &str) -> Result<Vec<(String, String)>, String> {
    if !is_yaml(file) {
        return Ok(dockerfile_env(text));
    }
    let mut found = Vec::new();
    for document in serde_yaml::Deserializer::from_str(text) {
        let mut value = Value::deserialize(document).map_err(|e| format!("{file}: not YAML ({e})"))?;
        value.apply_merge().map_err(|e| format!("{file}: {e}"))?;
        if let Some(services) = value.get("services").and_then(Value::as_mapping) {
            for service in services.values() {
                found.extend(environment(service.get("environment")));
            }
        }
        if matches!(value.get("kind").and_then(Value::as_str), Some("ConfigMap" | "Secret")) {
            for key in ["data", "stringData"] {
                found.extend(environment(value.get(key)));
            }
        }
    }
    Ok(found)
}

/// The server service's variables in a compose file, and the ConfigMap's and Secret's in a
/// Kubernetes one: what the server process gets.
fn server_variables(file: &str, text: &str) -> Result<BTreeSet<String>, String> {
    let mut names = BTreeSet::new();
    for document in serde_yaml::Deserializer::from_str(text) {
        let mut value = Value::deserialize(document).map_err(|e| format!("{file}: not YAML ({e})"))?;
        value.apply_merge().map_err(|e| format!("{file}: {e}"))?;
        if let Some(server) = value.get("services").and_then(|s| s.get("server")) {
            names.extend(environment(server.get("environment")).into_iter().map(|(name, _)| name));
        }
        if matches!(value.get("kind").and_then(Value::as_str), Some("ConfigMap" | "Secret")) {
            for key in ["data", "stringData"] {
                names.extend(environment(value.get(key)).into_iter().map(|(name, _)| name));
            }
        }
    }
    Ok(names)
}

fn environment(value: Option<&Value>) -> Vec<(String, String)> {
    match value {
        Some(Value::Mapping(entries)) => {
            entries.iter().filter_map(|(name, value)| Some((name.as_str()?.to_owned(), scalar(value)))).collect()
        }
        Some(Value::Sequence(lines)) => lines
            .iter()
            .filter_map(Value::as_str)
            .map(|line| match line.split_once('=') {
                Some((name, value)) => (name.to_owned(), value.to_owned()),
                None => (line.to_owned(), String::new()),
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn scalar(value: &Value) -> String {
    match value {
        Value::String(text) => text.clone(),
        Value::Number(number) => number.to_string(),
        Value::Bool(flag) => flag.to_string(),
        _ => String::new(),
    }
}

/// `ENV NAME=value …` instructions, continued lines included (values without spaces).
fn dockerfile_env(text: &str) -> Vec<(String, String)> {
    let mut found = Vec::new();
    let mut in_env = false;
    for line in text.lines() {
        let line = line.trim();
        let rest = match line.strip_prefix("ENV ") {
            Some(rest) => rest,
            None if in_env => line,
            None => continue,
        };
        in_env = rest.ends_with('\\');
        for word in rest.trim_end_matches('\\').split_whitespace() {
            if let Some((name, value)) = word.split_once('=') {
                found.push((name.to_owned(), value.trim_matches('"').to_owned()));
            }
        }
    }
    found
}

fn is_yaml(file: &str) -> bool {
    file.ends_with(".yaml") || file.ends_with(".yml")
}

/// A value the deployment fills in, so not one to load as is: `${…}` substitutions and
/// shell expansions, and the `change-me` placeholders of the examples.
fn is_placeholder(value: &str) -> bool {
    value.contains("${") || value.contains("change-me")
}

/// What is wrong in one manifest's text: a `DROPIT_*` name that is not a setting, and a
/// literal value a setting refuses.
fn check_manifest(file: &str, text: &str, base: &[(String, String)]) -> Vec<String> {
    let values = match assignments(file, text) {
        Ok(values) => values,
        Err(problem) => return vec![problem],
    };
    let mut problems = Vec::new();
    for name in dropit_names(text) {
        let literal = values.iter().find(|(n, v)| *n == name && !is_placeholder(v)).map(|(_, v)| v.as_str());
        // Without a literal the name alone is judged: any value serves, since a misspelled
        // name is refused as unknown whatever its value.
        let value = literal.unwrap_or("1");
        let mut vars: Vec<(&str, &str)> = base.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        vars.push((name.as_str(), value));
        match Settings::load_with(None, &vars) {
            Err(ConfigError { problem, .. }) if problem == "unknown setting" => {
                problems.push(format!("{file}: {name} is not a setting (see .env.example)"));
            }
            Err(ConfigError { env, problem, .. }) if literal.is_some() && env == name => {
                problems.push(format!("{file}: {name}={value} is refused: {problem}"));
            }
            // Another setting's error is the sample configuration's business (such as the s3
            // keys once the backend is s3), not this name's.
            _ => {}
        }
    }
    problems
}

/// The settings without a default that the server does not get from these manifests.
fn missing_required(files: &[(String, String)], base: &[(String, String)]) -> Vec<String> {
    let mut given = BTreeSet::new();
    let mut problems = Vec::new();
    for (file, text) in files {
        match server_variables(file, text) {
            Ok(names) => given.extend(names),
            Err(problem) => problems.push(problem),
        }
    }
    let names: Vec<&str> = files.iter().map(|(file, _)| file.as_str()).collect();
    for (name, _) in base {
        if !given.contains(name) {
            problems.push(format!("{}: the server does not get {name}, which has no default", names.join(" + ")));
        }
    }
    problems
}

fn infra_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../infra")
}

/// Every manifest under `infra/`: Dockerfiles and YAML files, by path from `infra/`.
fn manifests() -> Vec<(String, String)> {
    fn walk(root: &Path, dir: &Path, out: &mut Vec<(String, String)>) {
        let mut entries: Vec<_> = std::fs::read_dir(dir).expect("infra/ is readable").flatten().collect();
        entries.sort_by_key(|entry| entry.path());
        for entry in entries {
            let path = entry.path();
            let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
            if path.is_dir() {
                walk(root, &path, out);
            } else if name.starts_with("Dockerfile") || is_yaml(&name) {
                let relative = path.strip_prefix(root).expect("under infra/").to_string_lossy().into_owned();
                out.push((relative, std::fs::read_to_string(&path).expect("a manifest is text")));
            }
        }
    }
    let root = infra_dir();
    let mut found = Vec::new();
    walk(&root, &root, &mut found);
    found
}

fn pick(files: &[(String, String)], wanted: &[&str]) -> Vec<(String, String)> {
    let picked: Vec<(String, String)> =
        files.iter().filter(|(file, _)| wanted.contains(&file.as_str())).cloned().collect();
    assert_eq!(picked.len(), wanted.len(), "expected {wanted:?} under infra/");
    picked
}

#[test]
fn every_dropit_variable_in_the_manifests_is_a_setting() {
    let base = required_settings();
    let files = manifests();
    let names: Vec<&str> = files.iter().map(|(file, _)| file.as_str()).collect();
    for expected in
        ["Dockerfile", "compose.yaml", "k8s/configmap.yaml", "k8s/secret.example.yaml", "k8s/deployment.yaml"]
    {
        assert!(names.contains(&expected), "infra/{expected} is missing (found {names:?})");
    }
    let problems: Vec<String> = files.iter().flat_map(|(file, text)| check_manifest(file, text, &base)).collect();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn compose_and_kubernetes_give_the_server_every_required_setting() {
    let base = required_settings();
    assert!(base.len() >= 3, "the database URL, the search key and the signing keys have no default");
    let files = manifests();
    let compose = missing_required(&pick(&files, &["compose.yaml"]), &base);
    assert!(compose.is_empty(), "{}", compose.join("\n"));
    let kubernetes = missing_required(&pick(&files, &["k8s/configmap.yaml", "k8s/secret.example.yaml"]), &base);
    assert!(kubernetes.is_empty(), "{}", kubernetes.join("\n"));
}

#[test]
fn a_misspelled_variable_is_reported() {
    let base = required_settings();
    let compose =
        "services:\n  server:\n    environment:\n      DROPIT_SERVER__PROT: 8080\n      DROPIT_SERVER__PORT: 8080\n";
    let problems = check_manifest("compose.yaml", compose, &base);
    assert_eq!(problems, ["compose.yaml: DROPIT_SERVER__PROT is not a setting (see .env.example)"]);

    let dockerfile = "FROM debian\nENV DROPIT_LOG__FORMAT=json \\\n    DROPIT_SERVER__PROT=8080\n";
    let problems = check_manifest("Dockerfile", dockerfile, &base);
    assert_eq!(problems, ["Dockerfile: DROPIT_SERVER__PROT is not a setting (see .env.example)"]);

    // In a substitution or a comment too, and a whole section misspelled.
    let problems = check_manifest("x.yaml", "# set DROPIT_SERVERS__PORT\nport: ${DROPIT_SEARCH__APIKEY}\n", &base);
    assert_eq!(problems.len(), 2, "{problems:?}");
}

#[test]
fn a_refused_literal_value_is_reported_and_placeholders_are_not() {
    let base = required_settings();
    let configmap = "kind: ConfigMap\ndata:\n  DROPIT_SERVER__PORT: eighty\n  DROPIT_LOG__FORMAT: json\n";
    let problems = check_manifest("configmap.yaml", configmap, &base);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].starts_with("configmap.yaml: DROPIT_SERVER__PORT=eighty is refused"), "{problems:?}");

    let secret = "kind: Secret\nstringData:\n  DROPIT_AUTH__JWT_SECRETS: change-me\n  DROPIT_SEARCH__API_KEY: ${KEY}\n";
    assert!(check_manifest("secret.yaml", secret, &base).is_empty());
}

#[test]
fn a_required_setting_left_out_is_reported() {
    let base = required_settings();
    let compose = "x-env: &env\n  DROPIT_DATABASE__URL: postgres://db/dropit\n  DROPIT_SEARCH__API_KEY: k\nservices:\n  server:\n    environment: *env\n  migrate:\n    environment:\n      - DROPIT_AUTH__JWT_SECRETS=k\n";
    let problems = missing_required(&[("compose.yaml".to_owned(), compose.to_owned())], &base);
    assert_eq!(problems, ["compose.yaml: the server does not get DROPIT_AUTH__JWT_SECRETS, which has no default"]);
}
