//! Generates the client from the committed OpenAPI document at build time, so the SDK can
//! never drift from it; the server's tests keep the document equal to the code.

use std::{env, fs, path::Path};

fn main() {
    let spec_path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../dropit.openapi.json");
    println!("cargo:rerun-if-changed={}", spec_path.display());
    let text = fs::read_to_string(&spec_path).unwrap_or_else(|e| panic!("reading {}: {e}", spec_path.display()));
    let spec: openapiv3::OpenAPI = serde_json::from_str(&text).unwrap_or_else(|e| panic!("parsing the spec: {e}"));
    let mut settings = progenitor::GenerationSettings::default();
    settings
        .with_interface(progenitor::InterfaceStyle::Builder)
        .with_tag(progenitor::TagStyle::Merged)
        .with_derive("PartialEq")
        // Every request goes through `session::authorize`, which adds the current access token.
        .with_inner_type(quote::quote!(crate::session::Auth))
        .with_pre_hook(quote::quote!(crate::session::authorize));
    let mut generator = progenitor::Generator::new(&settings);
    let tokens = generator.generate_tokens(&spec).unwrap_or_else(|e| panic!("generating the client: {e}"));
    let file = syn::parse2(tokens).unwrap_or_else(|e| panic!("parsing the generated client: {e}"));
    let out = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("dropit_api.rs");
    fs::write(&out, prettyplease::unparse(&file)).unwrap_or_else(|e| panic!("writing {}: {e}", out.display()));
}
