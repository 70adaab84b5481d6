//! The domain layer stays plain Rust.

#[test]
fn the_domain_depends_on_no_framework() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src/domain");
    let forbidden = ["sea_orm", "poem", "serde", "tokio", "redis", "opendal", "moka", "dropit_http", "tracing"];
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).expect("src/domain") {
        let path = entry.expect("entry").path();
        let source = std::fs::read_to_string(&path).expect("source");
        for name in forbidden {
            assert!(!source.contains(&format!("{name}::")), "{} uses {name}", path.display());
        }
        checked += 1;
    }
    assert!(checked >= 3, "no domain files found in {}", dir.display());
}
