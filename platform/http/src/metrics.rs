//! Request metrics for Prometheus: how many requests and how long they took, by operation
//! (the OpenAPI `operation_id`, a fixed set), method and status. Never by club or path: a
//! label per club would make one series per club and operation.

use std::time::Instant;

use poem::{Endpoint, IntoResponse, Middleware, Request, Response, Result};
use poem_openapi::OperationId;
use prometheus::{HistogramOpts, HistogramVec, IntCounterVec, Opts, Registry};

/// The request metrics, registered once; cheap to clone.
#[derive(Clone)]
pub struct Metered {
    requests: IntCounterVec,
    seconds: HistogramVec,
}

/// Latency buckets from 2.5 ms to 10 s: API reads sit in the first ones, uploads and exports
/// in the last.
const BUCKETS: &[f64] = &[0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0];

impl Metered {
    pub fn new(registry: &Registry) -> prometheus::Result<Self> {
        let requests = IntCounterVec::new(
            Opts::new("dropit_http_requests_total", "HTTP requests answered, by operation, method and status"),
            &["operation", "method", "status"],
        )?;
        let seconds = HistogramVec::new(
            HistogramOpts::new("dropit_http_request_duration_seconds", "Time to answer an HTTP request")
                .buckets(BUCKETS.to_vec()),
            &["operation", "method", "status"],
        )?;
        registry.register(Box::new(requests.clone()))?;
        registry.register(Box::new(seconds.clone()))?;
        Ok(Self { requests, seconds })
    }
}

impl<E: Endpoint> Middleware<E> for Metered {
    type Output = MeteredEndpoint<E>;

    fn transform(&self, ep: E) -> Self::Output {
        MeteredEndpoint { inner: ep, metrics: self.clone() }
    }
}

pub struct MeteredEndpoint<E> {
    inner: E,
    metrics: Metered,
}

impl<E: Endpoint> Endpoint for MeteredEndpoint<E> {
    type Output = Response;

    async fn call(&self, req: Request) -> Result<Response> {
        let started = Instant::now();
        let method = req.method().clone();
        let api = req.uri().path().starts_with("/api/");
        let response = self.inner.call(req).await?.into_response();
        // What is not an API operation is named by kind, so the set of labels stays fixed.
        let operation = match response.data::<OperationId>() {
            Some(id) => id.0,
            None if api => "other_api",
            None => "static",
        };
        let status = response.status();
        let labels = [operation, method.as_str(), status.as_str()];
        self.metrics.requests.with_label_values(&labels).inc();
        self.metrics.seconds.with_label_values(&labels).observe(started.elapsed().as_secs_f64());
        Ok(response)
    }
}
