//! The HTTP conventions every DropIt API follows, shared by the server and the interface
//! layers of the domain crates: one error shape, request ids, the request's language,
//! body and time limits and security headers.

pub mod error;
pub mod limits;
pub mod metrics;
pub mod request;
pub mod security;

use std::time::Duration;

use poem::{Endpoint, EndpointExt, IntoResponse, Response, endpoint::BoxEndpoint};

pub use error::{ApiError, ErrorBody, FieldError, FieldErrorBody, RenderErrors, path_id};
pub use limits::{BodyLimit, RequestTimeout};
pub use metrics::Metered;
pub use request::{REQUEST_ID_HEADER, RequestContext, RequestId, request_locale};
pub use security::{APP_CSP, DOCS_CSP, SecurityHeaders};

/// What one request may cost.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub body_bytes: usize,
    pub timeout: Duration,
    /// Path endings exempt from `timeout`: downloads bounded by their size instead (a whole
    /// club's archive with its media).
    pub untimed: &'static [&'static str],
}

/// Wraps routes in the conventions, outermost first: request metrics, request id and span,
/// security headers, error rendering, time limit, body limit.
pub fn with_conventions<E>(
    routes: E,
    limits: Limits,
    security: SecurityHeaders,
    metered: Metered,
) -> BoxEndpoint<'static, Response>
where
    E: Endpoint + 'static,
    E::Output: IntoResponse,
{
    routes
        .with(BodyLimit::new(limits.body_bytes))
        .with(RequestTimeout::new(limits.timeout).except_paths_ending(limits.untimed))
        .with(RenderErrors)
        .with(security)
        .with(RequestContext)
        .with(metered)
        .map_to_response()
        .boxed()
}
