//! The committed spec is what the code serves.

use crate::support::repo_root;

#[test]
fn the_committed_spec_matches_the_code() {
    let path = repo_root().join("openapi/dropit.openapi.json");
    let committed = std::fs::read_to_string(&path).unwrap_or_default();
    let generated = dropit_server::http::openapi_spec();
    assert!(
        committed == generated,
        "{} is out of date with the code: run scripts/openapi and commit the result",
        path.display()
    );
}

/// What the SDK generator needs: an id per operation, one success body type and one error
/// body type per operation.
#[test]
fn every_operation_has_an_id_one_success_type_and_one_error_type() {
    let spec: serde_json::Value = serde_json::from_str(&dropit_server::http::openapi_spec()).expect("json");
    for (path, item) in spec["paths"].as_object().expect("paths") {
        assert!(!path.contains(':'), "{path}: a path parameter in a prefix is not turned into {{name}}");
        for (method, op) in item.as_object().expect("operations") {
            assert!(op["operationId"].is_string(), "{method} {path} has no operation_id");
            let mut success = std::collections::BTreeSet::new();
            let mut failure = std::collections::BTreeSet::new();
            for (status, response) in op["responses"].as_object().expect("responses") {
                let schema =
                    response["content"].as_object().and_then(|c| c.values().next()).map(|m| m["schema"].to_string());
                let bucket = if status.starts_with('2') { &mut success } else { &mut failure };
                bucket.insert(schema.unwrap_or_default());
            }
            assert!(success.len() <= 1, "{method} {path} has several success types: {success:?}");
            assert!(failure.len() <= 1, "{method} {path} has several error types: {failure:?}");
        }
    }
}
