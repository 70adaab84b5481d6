//! Limits on what one request may cost: body size and time.

use std::time::Duration;

use dropit_kernel::ErrorCode;
use poem::{Body, Endpoint, IntoResponse, Middleware, Request, Response, Result, http::Method};

use crate::ApiError;

/// Rejects request bodies over a byte limit with `payload_too_large`.
///
/// A declared `Content-Length` over the limit is refused before reading; a body without one
/// (chunked) is read up to the limit and refused as soon as it passes it. Requests without a
/// body (GET, HEAD, …) pass untouched, and so do `application/octet-stream` bodies: those are
/// media uploads, streamed by their handler to storage under its own, larger limit.
pub struct BodyLimit {
    max_bytes: usize,
}

impl BodyLimit {
    pub fn new(max_bytes: usize) -> Self {
        Self { max_bytes }
    }
}

impl<E: Endpoint> Middleware<E> for BodyLimit {
    type Output = BodyLimitEndpoint<E>;

    fn transform(&self, ep: E) -> Self::Output {
        BodyLimitEndpoint { inner: ep, max_bytes: self.max_bytes }
    }
}

pub struct BodyLimitEndpoint<E> {
    inner: E,
    max_bytes: usize,
}

impl<E: Endpoint> Endpoint for BodyLimitEndpoint<E> {
    type Output = Response;

    async fn call(&self, mut req: Request) -> Result<Response> {
        if is_stream(&req) {
            return self.inner.call(req).await.map(IntoResponse::into_response);
        }
        let declared = req
            .headers()
            .get(poem::http::header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok());
        match declared {
            Some(len) if len > self.max_bytes as u64 => {
                return Err(ApiError::new(ErrorCode::PayloadTooLarge).into());
            }
            Some(_) => {}
            None if matches!(*req.method(), Method::GET | Method::HEAD | Method::OPTIONS | Method::DELETE) => {}
            None => {
                let body = req.take_body().into_bytes_limit(self.max_bytes).await?;
                req.set_body(Body::from_bytes(body));
            }
        }
        self.inner.call(req).await.map(IntoResponse::into_response)
    }
}

/// An upload streamed by its handler (`application/octet-stream`).
pub fn is_stream(req: &Request) -> bool {
    req.headers()
        .get(poem::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(';').next().is_some_and(|t| t.trim().eq_ignore_ascii_case("application/octet-stream")))
}

/// Stops a request that runs longer than its budget with `request_timeout`; an upload
/// streamed to storage (`application/octet-stream`) is bounded by its size instead, and so are
/// the downloads whose paths end as listed.
pub struct RequestTimeout {
    budget: Duration,
    untimed: &'static [&'static str],
}

impl RequestTimeout {
    pub fn new(budget: Duration) -> Self {
        Self { budget, untimed: &[] }
    }

    /// Leaves requests whose path ends with one of `endings` without a time budget.
    pub fn except_paths_ending(mut self, endings: &'static [&'static str]) -> Self {
        self.untimed = endings;
        self
    }
}

impl<E: Endpoint> Middleware<E> for RequestTimeout {
    type Output = RequestTimeoutEndpoint<E>;

    fn transform(&self, ep: E) -> Self::Output {
        RequestTimeoutEndpoint { inner: ep, budget: self.budget, untimed: self.untimed }
    }
}

pub struct RequestTimeoutEndpoint<E> {
    inner: E,
    budget: Duration,
    untimed: &'static [&'static str],
}

impl<E: Endpoint> Endpoint for RequestTimeoutEndpoint<E> {
    type Output = Response;

    async fn call(&self, req: Request) -> Result<Response> {
        let path = req.uri().path();
        if is_stream(&req) || self.untimed.iter().any(|ending| path.ends_with(ending)) {
            return self.inner.call(req).await.map(IntoResponse::into_response);
        }
        match tokio::time::timeout(self.budget, self.inner.call(req)).await {
            Ok(result) => result.map(IntoResponse::into_response),
            Err(_) => {
                tracing::warn!(budget_ms = self.budget.as_millis() as u64, "request timed out");
                Err(ApiError::new(ErrorCode::RequestTimeout).into())
            }
        }
    }
}
