//! The dependency policy of `DEPENDENCIES.md`, checked over the resolved graph of the lock file:
//! licences from the allow-list, one version of each heavy crate, no banned crate — and no XML
//! parsing, which the quick-xml advisories ignored in `.cargo/audit.toml` rely on.

use std::{
    collections::{BTreeMap, BTreeSet},
    path::Path,
    process::Command,
};

use crate::support::repo_root;

/// Licences a dependency may carry: permissive ones, and MPL-2.0 (file-level copyleft, which
/// asks nothing of our code). A choice (`OR`) passes when one side is here.
const ALLOWED_LICENCES: &[&str] = &[
    "0BSD",
    "Apache-2.0",
    "BSD-2-Clause",
    "BSD-3-Clause",
    "BSL-1.0",
    "CC0-1.0",
    "CDLA-Permissive-2.0",
    "ISC",
    "MIT",
    "MPL-2.0",
    "Unicode-3.0",
    "Unicode-DFS-2016",
    "Zlib",
];

/// The project's own licence, carried by the workspace crates only.
const PROJECT_LICENCE: &str = "AGPL-3.0-or-later";

/// Crates the graph may hold in one version only: slow to build, or carrying the runtime, TLS,
/// crypto or the database driver, where a second copy is a second build and a second patch.
const ONE_VERSION: &[&str] = &[
    "tokio",
    "hyper",
    "h2",
    "http",
    "reqwest",
    "rustls",
    "rustls-webpki",
    "ring",
    "sqlx",
    "sqlx-core",
    "sqlx-postgres",
    "sea-orm",
    "sea-query",
    "poem",
    "poem-openapi",
    "redis",
    "opendal-core",
    "casbin",
    "rhai",
];

/// Second versions accepted for now, with why (also in `DEPENDENCIES.md`): the release series
/// allowed together. The check fails as well when an exception is no longer needed.
const DUPLICATE_EXCEPTIONS: &[(&str, &[&str], &str)] = &[
    (
        "reqwest",
        &["0.12", "0.13"],
        "typesense-rs 27 takes a reqwest 0.12 client; opendal's HTTP transport and progenitor-client \
         (the SDK) need 0.13. Both share hyper 1 and rustls 0.23",
    ),
    (
        "http",
        &["0.2", "1"],
        "the browser tests' WebDriver client (fantoccini) reads chromedriver's answers with \
         Mozilla's webdriver crate, still on http 0.2; test tooling only, nothing the server ships",
    ),
];

/// Crates that must not be in the graph at all, with why.
const BANNED: &[(&str, &str)] = &[
    ("aws-lc-rs", "rustls runs on ring; aws-lc needs a C toolchain and half a minute of each clean build"),
    ("aws-lc-sys", "rustls runs on ring; aws-lc needs a C toolchain and half a minute of each clean build"),
    ("openssl", "TLS is rustls"),
    ("openssl-sys", "TLS is rustls"),
    ("native-tls", "TLS is rustls"),
];

/// One package of the resolved graph.
#[derive(Debug, Clone)]
struct Package {
    name: String,
    version: String,
    licence: Option<String>,
    ours: bool,
}

/// Every package `cargo metadata` resolves for the workspace (all targets and platforms, dev
/// dependencies included), as the lock file pins them.
fn resolved_graph() -> Vec<Package> {
    let root = repo_root();
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let output = Command::new(cargo)
        .args(["metadata", "--format-version", "1", "--locked", "--manifest-path"])
        .arg(root.join("Cargo.toml"))
        .output()
        .expect("running cargo metadata");
    assert!(output.status.success(), "cargo metadata failed: {}", String::from_utf8_lossy(&output.stderr));
    let metadata: serde_json::Value = serde_json::from_slice(&output.stdout).expect("cargo metadata json");

    let ours: BTreeSet<&str> = metadata["workspace_members"]
        .as_array()
        .expect("workspace_members")
        .iter()
        .filter_map(|id| id.as_str())
        .collect();
    let packages: BTreeMap<&str, &serde_json::Value> = metadata["packages"]
        .as_array()
        .expect("packages")
        .iter()
        .map(|package| (package["id"].as_str().expect("package id"), package))
        .collect();
    metadata["resolve"]["nodes"]
        .as_array()
        .expect("resolve.nodes")
        .iter()
        .map(|node| {
            let id = node["id"].as_str().expect("node id");
            let package = packages.get(id).unwrap_or_else(|| panic!("{id} is resolved but not described"));
            Package {
                name: package["name"].as_str().expect("name").to_owned(),
                version: package["version"].as_str().expect("version").to_owned(),
                licence: package["license"].as_str().map(str::to_owned),
                ours: ours.contains(id),
            }
        })
        .collect()
}

#[test]
fn every_dependency_has_an_allowed_licence() {
    let graph = resolved_graph();
    assert!(graph.len() > 100, "the resolved graph looks empty: {} packages", graph.len());
    let problems = licence_problems(&graph);
    assert!(
        problems.is_empty(),
        "licences outside the policy (DEPENDENCIES.md; allowed: {}):\n  {}",
        ALLOWED_LICENCES.join(", "),
        problems.join("\n  ")
    );
}

#[test]
fn heavy_crates_come_in_one_version_and_banned_crates_not_at_all() {
    let problems = duplicate_problems(&resolved_graph());
    assert!(problems.is_empty(), "dependencies outside the policy (DEPENDENCIES.md):\n  {}", problems.join("\n  "));
}

/// The checks above must be able to fail: a made-up graph that breaks each rule.
#[test]
fn the_checks_name_what_breaks_the_policy() {
    let package = |name: &str, version: &str, licence: Option<&str>| Package {
        name: name.to_owned(),
        version: version.to_owned(),
        licence: licence.map(str::to_owned),
        ours: false,
    };
    let graph = vec![
        package("tokio", "1.54.1", Some("MIT")),
        package("tokio", "2.0.0", Some("MIT")),
        package("reqwest", "0.12.28", Some("MIT OR Apache-2.0")),
        package("aws-lc-sys", "0.30.0", Some("ISC AND (Apache-2.0 OR ISC) AND OpenSSL")),
        package("gpl-thing", "1.0.0", Some("GPL-3.0-only")),
        package("no-licence", "1.0.0", None),
        Package { ours: true, ..package("dropit-elsewhere", "0.1.0", Some("MIT")) },
    ];
    let duplicates = duplicate_problems(&graph).join("\n");
    assert!(duplicates.contains("tokio: 1.54.1, 2.0.0"), "{duplicates}");
    assert!(duplicates.contains("aws-lc-sys 0.30.0 is banned"), "{duplicates}");
    assert!(duplicates.contains("reqwest: the exception for 0.12, 0.13 is no longer needed"), "{duplicates}");
    let licences = licence_problems(&graph).join("\n");
    for name in ["aws-lc-sys", "gpl-thing", "no-licence", "dropit-elsewhere"] {
        assert!(licences.contains(name), "{name} not reported in:\n{licences}");
    }
    assert!(!licences.contains("reqwest") && !licences.contains("tokio"), "{licences}");
}

#[test]
fn licence_expressions_are_read_as_spdx_and_the_old_slash_style() {
    for allowed in [
        "MIT",
        "MIT OR Apache-2.0",
        "MIT/Apache-2.0",
        "Apache-2.0 / MIT",
        "(MIT OR Apache-2.0) AND Unicode-3.0",
        "Apache-2.0 WITH LLVM-exception OR Apache-2.0 OR MIT",
        "MIT OR Apache-2.0 OR LGPL-2.1-or-later",
        "MPL-2.0+",
        "Apache-2.0 AND ISC",
    ] {
        assert_eq!(licence_allowed(allowed), Ok(true), "{allowed}");
    }
    for refused in ["GPL-3.0-only", "MIT AND GPL-3.0-only", "(MIT OR Apache-2.0) AND SSPL-1.0", "Unlicense"] {
        assert_eq!(licence_allowed(refused), Ok(false), "{refused}");
    }
    for malformed in ["", "MIT OR", "(MIT", "MIT Apache-2.0", "WITH LLVM-exception"] {
        assert!(licence_allowed(malformed).is_err(), "{malformed:?} was read");
    }
}

/// `.cargo/audit.toml` ignores the quick-xml 0.36 advisories (poem and poem-openapi have no
/// release on a fixed version) because nothing parses XML with it: no operation takes an XML
/// body, and no handler reads one with poem's own extractors.
#[test]
fn the_api_parses_no_xml() {
    let spec: serde_json::Value = serde_json::from_str(&dropit_server::http::openapi_spec()).expect("json");
    for (path, item) in spec["paths"].as_object().expect("paths") {
        for (method, operation) in item.as_object().expect("operations") {
            let media_types = operation["requestBody"]["content"].as_object().into_iter().flat_map(|c| c.keys());
            for media_type in media_types {
                assert!(!media_type.contains("xml"), "{method} {path} takes {media_type}: see RUSTSEC-2026-0194");
            }
        }
    }

    let root = repo_root();
    let this_file = root.join("platform/server/tests/it/dependencies.rs");
    let mut sources = Vec::new();
    for dir in ["platform", "tenants", "openapi", "frontend", "mobile"] {
        rust_sources(&root.join(dir), &mut sources);
    }
    assert!(sources.len() > 50, "found only {} Rust files", sources.len());
    for path in sources.iter().filter(|path| **path != this_file) {
        let source = std::fs::read_to_string(path).expect("source");
        for reader in ["web::Xml", "payload::Xml", "into_xml(", "ParseFromXML", "quick_xml"] {
            assert!(
                !source.contains(reader),
                "{} uses {reader}: see RUSTSEC-2026-0194 in .cargo/audit.toml",
                path.display()
            );
        }
    }
}

fn rust_sources(dir: &Path, found: &mut Vec<std::path::PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries {
        let path = entry.expect("directory entry").path();
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        if path.is_dir() && name != "target" && name != "dist" && !name.starts_with('.') {
            rust_sources(&path, found);
        } else if name.ends_with(".rs") {
            found.push(path);
        }
    }
}

/// What breaks the licence rules, one line per package.
fn licence_problems(graph: &[Package]) -> Vec<String> {
    let mut problems = BTreeSet::new();
    for package in graph {
        let Package { name, version, licence, ours } = package;
        let problem = match (licence.as_deref(), *ours) {
            (Some(PROJECT_LICENCE), true) => None,
            (other, true) => Some(format!("{name} is ours and must be {PROJECT_LICENCE}, not {other:?}")),
            (None, false) => Some(format!("{name} {version} declares no SPDX licence (only a file?)")),
            (Some(expression), false) => match licence_allowed(expression) {
                Ok(true) => None,
                Ok(false) => Some(format!("{name} {version}: {expression}")),
                Err(error) => Some(format!("{name} {version}: cannot read {expression:?}: {error}")),
            },
        };
        problems.extend(problem);
    }
    problems.into_iter().collect()
}

/// What breaks the duplicate and ban rules, one line per crate.
fn duplicate_problems(graph: &[Package]) -> Vec<String> {
    let mut versions: BTreeMap<&str, BTreeSet<&str>> = BTreeMap::new();
    for package in graph {
        versions.entry(&package.name).or_default().insert(&package.version);
    }
    let mut problems = Vec::new();
    for (name, why) in BANNED {
        for version in versions.get(name).into_iter().flatten() {
            problems.push(format!("{name} {version} is banned: {why}"));
        }
    }
    for name in ONE_VERSION {
        let found = versions.get(name).cloned().unwrap_or_default();
        let exception = DUPLICATE_EXCEPTIONS.iter().find(|(crate_name, ..)| crate_name == name);
        match exception {
            Some((_, allowed, _)) if found.len() <= 1 => problems
                .push(format!("{name}: the exception for {} is no longer needed, remove it", allowed.join(", "))),
            Some((_, allowed, _)) => {
                let series: BTreeSet<String> = found.iter().map(|version| release_series(version)).collect();
                let expected: BTreeSet<String> = allowed.iter().map(|series| (*series).to_owned()).collect();
                if series != expected || found.len() != allowed.len() {
                    let found: Vec<&str> = found.into_iter().collect();
                    problems.push(format!(
                        "{name}: {} (the exception allows {})",
                        found.join(", "),
                        allowed.join(", ")
                    ));
                }
            }
            None if found.len() > 1 => {
                let found: Vec<&str> = found.into_iter().collect();
                problems.push(format!("{name}: {} (one version only)", found.join(", ")));
            }
            None => {}
        }
    }
    problems
}

/// The semver-compatible series of a version: `0.12` for `0.12.28`, `1` for `1.54.1`.
fn release_series(version: &str) -> String {
    let mut parts = version.split(['.', '-', '+']);
    let major = parts.next().unwrap_or_default();
    let minor = parts.next().unwrap_or_default();
    if major == "0" { format!("0.{minor}") } else { major.to_owned() }
}

/// Whether an SPDX licence expression is satisfied by the allow-list: `OR` needs one side,
/// `AND` both, `X WITH exception` what `X` needs (an exception only adds permissions), and
/// `X+` (or later) what `X` needs. The old `/` separator is read as `OR`.
fn licence_allowed(expression: &str) -> Result<bool, String> {
    let spaced = expression.replace('(', " ( ").replace(')', " ) ").replace('/', " OR ");
    let tokens: Vec<&str> = spaced.split_whitespace().collect();
    let mut parser = LicenceParser { tokens: &tokens, at: 0 };
    let allowed = parser.any_of()?;
    match parser.tokens.get(parser.at) {
        None => Ok(allowed),
        Some(token) => Err(format!("unexpected {token:?}")),
    }
}

/// A recursive descent over the tokens of an SPDX expression: `OR` binds loosest, then `AND`,
/// then `WITH`.
struct LicenceParser<'a> {
    tokens: &'a [&'a str],
    at: usize,
}

impl LicenceParser<'_> {
    fn next_is(&mut self, operator: &str) -> bool {
        let found = self.tokens.get(self.at).is_some_and(|token| token.eq_ignore_ascii_case(operator));
        if found {
            self.at += 1;
        }
        found
    }

    fn any_of(&mut self) -> Result<bool, String> {
        let mut allowed = self.all_of()?;
        while self.next_is("OR") {
            allowed |= self.all_of()?;
        }
        Ok(allowed)
    }

    fn all_of(&mut self) -> Result<bool, String> {
        let mut allowed = self.one()?;
        while self.next_is("AND") {
            allowed &= self.one()?;
        }
        Ok(allowed)
    }

    fn one(&mut self) -> Result<bool, String> {
        let allowed = if self.next_is("(") {
            let inner = self.any_of()?;
            if !self.next_is(")") {
                return Err("unclosed parenthesis".to_owned());
            }
            inner
        } else {
            let token = self.tokens.get(self.at).ok_or("a licence is missing")?;
            if ["AND", "OR", "WITH", ")"].iter().any(|operator| token.eq_ignore_ascii_case(operator)) {
                return Err(format!("a licence is expected before {token:?}"));
            }
            self.at += 1;
            ALLOWED_LICENCES.contains(&token.trim_end_matches('+'))
        };
        if self.next_is("WITH") {
            self.tokens.get(self.at).ok_or("an exception is missing after WITH")?;
            self.at += 1;
        }
        Ok(allowed)
    }
}
