//! Security headers set on every response, with the content security policy chosen by path.

use poem::{
    Endpoint, IntoResponse, Middleware, Request, Response, Result,
    http::{HeaderName, HeaderValue},
};

/// For the app's own pages and API answers: only the app's own resources. `wasm-unsafe-eval`
/// lets the browser compile the wasm apps.
pub const APP_CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
    img-src 'self' data: blob:; media-src 'self' blob:; connect-src 'self'; frame-ancestors 'none'; \
    base-uri 'self'; form-action 'self'";

/// For the interactive API docs, whose page is built from inline scripts and styles.
pub const DOCS_CSP: &str = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; \
    img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'self'; form-action 'self'";

const FIXED: &[(&str, &str)] = &[
    ("x-content-type-options", "nosniff"),
    ("x-frame-options", "DENY"),
    ("referrer-policy", "no-referrer"),
    ("cross-origin-opener-policy", "same-origin"),
    ("permissions-policy", "camera=(), microphone=(), geolocation=()"),
];

/// Hardens every response — no MIME sniffing, no framing, no referrer leaks — and sets the
/// content security policy: [`APP_CSP`], or a looser one under the given path prefixes.
#[derive(Clone, Default)]
pub struct SecurityHeaders {
    exceptions: Vec<(&'static str, &'static str)>,
}

impl SecurityHeaders {
    pub fn new() -> Self {
        Self::default()
    }

    /// Uses `policy` for paths under `prefix`.
    pub fn policy_under(mut self, prefix: &'static str, policy: &'static str) -> Self {
        self.exceptions.push((prefix, policy));
        self
    }
}

impl<E: Endpoint> Middleware<E> for SecurityHeaders {
    type Output = SecurityHeadersEndpoint<E>;

    fn transform(&self, ep: E) -> Self::Output {
        SecurityHeadersEndpoint { inner: ep, exceptions: self.exceptions.clone() }
    }
}

pub struct SecurityHeadersEndpoint<E> {
    inner: E,
    exceptions: Vec<(&'static str, &'static str)>,
}

impl<E: Endpoint> Endpoint for SecurityHeadersEndpoint<E> {
    type Output = Response;

    async fn call(&self, req: Request) -> Result<Response> {
        let path = req.uri().path();
        let policy =
            self.exceptions.iter().find(|(prefix, _)| path.starts_with(prefix)).map_or(APP_CSP, |(_, policy)| policy);
        let mut resp = self.inner.call(req).await?.into_response();
        let headers = resp.headers_mut();
        for (name, value) in FIXED {
            headers.insert(HeaderName::from_static(name), HeaderValue::from_static(value));
        }
        // A response that states its own policy keeps it (a standalone printable page).
        if !headers.contains_key("content-security-policy") {
            headers.insert(HeaderName::from_static("content-security-policy"), HeaderValue::from_static(policy));
        }
        Ok(resp)
    }
}
