//! Security headers set on every response, and the content security policies.

use poem::middleware::SetHeader;

/// For the app's own pages and API answers: only the app's own resources. `wasm-unsafe-eval`
/// lets the browser compile the wasm apps.
pub const APP_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
    img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self'; frame-ancestors 'none'; \
    base-uri 'self'; form-action 'self'";

/// For the interactive API docs, whose page is built from inline scripts and styles.
pub const DOCS_CSP: &str = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; \
    img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

/// Headers that harden every response: no MIME sniffing, no framing, no referrer leaks.
pub fn security_headers() -> SetHeader {
    SetHeader::new()
        .overriding("x-content-type-options", "nosniff")
        .overriding("x-frame-options", "DENY")
        .overriding("referrer-policy", "no-referrer")
        .overriding("cross-origin-opener-policy", "same-origin")
        .overriding("permissions-policy", "camera=(), microphone=(), geolocation=()")
}

/// Sets the content security policy of the routes it wraps.
pub fn content_security_policy(policy: &'static str) -> SetHeader {
    SetHeader::new().overriding("content-security-policy", policy)
}
