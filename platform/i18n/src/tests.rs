use std::{collections::HashSet, fs, path::Path};

use super::*;

#[test]
fn every_key_is_unique_and_said_in_both_languages() {
    let mut seen = HashSet::new();
    for (key, en, fr) in entries() {
        assert!(seen.insert(*key), "{key} is in the catalogues twice");
        assert!(!en.trim().is_empty() && !fr.trim().is_empty(), "{key} misses a language");
    }
}

#[test]
fn a_key_answers_in_the_language_asked() {
    assert_eq!(text(Locale::En, "common.save"), "Save");
    assert_eq!(text(Locale::Fr, "common.save"), "Enregistrer");
    assert_eq!(text(Locale::Fr, "no.such.key"), "…");
}

/// Every `t("…")` in the apps' sources names a key of the catalogues.
#[test]
fn every_key_the_apps_use_exists() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut missing = Vec::new();
    let mut used = 0;
    for app in ["frontend/src", "mobile/src"] {
        visit(&root.join(app), &mut |source| {
            for key in keys_used(source) {
                used += 1;
                if !has(key) {
                    missing.push(key.to_owned());
                }
            }
        });
    }
    assert!(missing.is_empty(), "keys used by the apps but missing from the catalogues: {missing:?}");
    if root.join("frontend/src").exists() {
        assert!(used > 0, "no t(\"…\") call found: the scan itself is broken");
    }
}

fn keys_used(source: &str) -> Vec<&str> {
    source
        .match_indices("t(\"")
        .filter(|(at, _)| {
            at.checked_sub(1)
                .and_then(|i| source.as_bytes().get(i))
                .is_none_or(|b| !b.is_ascii_alphanumeric() && *b != b'_')
        })
        .filter_map(|(at, m)| {
            let rest = &source[at + m.len()..];
            rest.find('"').map(|end| &rest[..end])
        })
        .collect()
}

fn visit(dir: &Path, on_file: &mut dyn FnMut(&str)) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            visit(&path, on_file);
        } else if path.extension().is_some_and(|e| e == "rs")
            && let Ok(source) = fs::read_to_string(&path)
        {
            on_file(&source);
        }
    }
}
