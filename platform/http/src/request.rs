//! The request envelope: a request id on every request, its tracing span, its language,
//! and one log line when it completes.

use std::time::Instant;

use dropit_kernel::Locale;
use opentelemetry::{
    propagation::{Extractor, TextMapPropagator},
    trace::TraceContextExt,
};
use opentelemetry_sdk::propagation::TraceContextPropagator;
use poem::{
    Endpoint, IntoResponse, Middleware, Request, Response, Result,
    http::{HeaderValue, header},
};
use tracing::Instrument;
use tracing_opentelemetry::OpenTelemetrySpanExt;

pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// The id of one request, echoed in the `x-request-id` header, the error body and every log line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RequestId(String);

impl RequestId {
    /// Keeps a caller's id when it is short and plain (so a proxy's id carries through),
    /// otherwise makes a new time-ordered one.
    fn from_header(value: Option<&HeaderValue>) -> Self {
        value
            .and_then(|v| v.to_str().ok())
            .filter(|v| {
                (1..=64).contains(&v.len())
                    && v.bytes().all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'))
            })
            .map(|v| RequestId(v.to_owned()))
            .unwrap_or_else(|| RequestId(uuid::Uuid::now_v7().to_string()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A request's headers, as OpenTelemetry's propagators read them.
struct Headers<'a>(&'a poem::http::HeaderMap);

impl Extractor for Headers<'_> {
    fn get(&self, key: &str) -> Option<&str> {
        self.0.get(key).and_then(|v| v.to_str().ok())
    }

    fn keys(&self) -> Vec<&str> {
        self.0.keys().map(|k| k.as_str()).collect()
    }
}

/// The trace a caller's `traceparent` header (W3C Trace Context) puts the request in, and its
/// trace id, which then serves as the request id; `None` without a valid one.
fn incoming_trace(headers: &poem::http::HeaderMap) -> Option<(opentelemetry::Context, String)> {
    let context = TraceContextPropagator::new().extract(&Headers(headers));
    let span = context.span().span_context().clone();
    span.is_valid().then(|| (context, span.trace_id().to_string()))
}

/// The language of a request, from its `Accept-Language` header.
pub fn request_locale(req: &Request) -> Locale {
    req.extensions().get::<Locale>().copied().unwrap_or_else(|| {
        req.headers()
            .get(header::ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok())
            .map(Locale::negotiate)
            .unwrap_or_default()
    })
}

/// Outermost middleware: assigns the request id and locale, runs the request in a span
/// carrying the id, and logs its outcome.
pub struct RequestContext;

impl<E: Endpoint> Middleware<E> for RequestContext {
    type Output = RequestContextEndpoint<E>;

    fn transform(&self, ep: E) -> Self::Output {
        RequestContextEndpoint(ep)
    }
}

pub struct RequestContextEndpoint<E>(E);

impl<E: Endpoint> Endpoint for RequestContextEndpoint<E> {
    type Output = Response;

    async fn call(&self, mut req: Request) -> Result<Response> {
        let trace = incoming_trace(req.headers());
        let request_id = match &trace {
            Some((_, trace_id)) => RequestId(trace_id.clone()),
            None => RequestId::from_header(req.headers().get(REQUEST_ID_HEADER)),
        };
        let locale = request_locale(&req);
        req.extensions_mut().insert(request_id.clone());
        req.extensions_mut().insert(locale);

        let span = tracing::info_span!(
            "request",
            request_id = request_id.as_str(),
            method = %req.method(),
            path = req.uri().path(),
        );
        if let Some((context, _)) = trace {
            // Without an exporter installed there is no OpenTelemetry layer: nothing to join.
            let _ = span.set_parent(context);
        }
        let started = Instant::now();
        async move {
            let result = self.0.call(req).await.map(IntoResponse::into_response);
            let elapsed_ms = started.elapsed().as_millis() as u64;
            match &result {
                Ok(resp) => tracing::info!(status = resp.status().as_u16(), elapsed_ms, "request completed"),
                Err(err) => tracing::info!(status = err.status().as_u16(), elapsed_ms, "request failed"),
            }
            result.map(|mut resp| {
                if let Ok(value) = HeaderValue::from_str(request_id.as_str()) {
                    resp.headers_mut().insert(REQUEST_ID_HEADER, value);
                }
                resp
            })
        }
        .instrument(span)
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_plain_ids_and_replaces_others() {
        let keep = HeaderValue::from_static("abc-123_x.y");
        assert_eq!(RequestId::from_header(Some(&keep)).as_str(), "abc-123_x.y");
        let hostile = HeaderValue::from_static("a b\"; drop");
        assert_ne!(RequestId::from_header(Some(&hostile)).as_str(), "a b\"; drop");
        let long = HeaderValue::from_str(&"a".repeat(65)).expect("ascii");
        assert_eq!(RequestId::from_header(Some(&long)).as_str().len(), 36);
        assert_eq!(RequestId::from_header(None).as_str().len(), 36);
    }

    #[test]
    fn a_traceparent_names_the_trace_and_the_request() {
        let mut headers = poem::http::HeaderMap::new();
        headers
            .insert("traceparent", HeaderValue::from_static("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"));
        let (_, id) = incoming_trace(&headers).expect("a valid traceparent");
        assert_eq!(id, "4bf92f3577b34da6a3ce929d0e0e4736");
        headers
            .insert("traceparent", HeaderValue::from_static("00-00000000000000000000000000000000-00f067aa0ba902b7-01"));
        assert!(incoming_trace(&headers).is_none(), "an all-zero trace id is invalid");
        headers.insert("traceparent", HeaderValue::from_static("garbage"));
        assert!(incoming_trace(&headers).is_none());
    }
}
