//! Structured logs with tracing: pretty for a person at a terminal, JSON for a collector; and,
//! when an OTLP endpoint is configured, the same spans exported as OpenTelemetry traces.

use std::io::IsTerminal;

use opentelemetry::trace::TracerProvider as _;
use opentelemetry_otlp::{Protocol, WithExportConfig};
use opentelemetry_sdk::{Resource, trace::SdkTracerProvider};
use tracing_subscriber::{EnvFilter, fmt, prelude::*};

use crate::settings::{LogFormat, LogSettings};

#[derive(Debug, thiserror::Error)]
pub enum TelemetryError {
    #[error("log.filter: {0}")]
    Filter(#[from] tracing_subscriber::filter::ParseError),
    #[error("log.otlp_endpoint: {0}")]
    Exporter(String),
    #[error("a global subscriber is already installed")]
    AlreadyInstalled,
}

/// Keeps the trace exporter running; dropping it (or [`Telemetry::shutdown`]) sends the spans
/// still buffered.
#[must_use = "traces stop being exported when this is dropped"]
pub struct Telemetry {
    traces: Option<SdkTracerProvider>,
}

impl Telemetry {
    /// Sends what is buffered and stops the exporter.
    pub fn shutdown(mut self) {
        self.flush();
    }

    fn flush(&mut self) {
        if let Some(provider) = self.traces.take()
            && let Err(error) = provider.shutdown()
        {
            eprintln!("traces: the last spans could not be sent: {error}");
        }
    }
}

impl Drop for Telemetry {
    fn drop(&mut self) {
        self.flush();
    }
}

/// Installs the global subscriber; logs go to stderr so stdout stays for command output.
/// Call it outside any async runtime: the exporter runs on a thread of its own.
pub fn init(settings: &LogSettings) -> Result<Telemetry, TelemetryError> {
    let filter = EnvFilter::builder().parse(&settings.filter)?;
    let traces = tracer_provider(settings)?;
    let otel = traces.as_ref().map(|provider| tracing_opentelemetry::layer().with_tracer(provider.tracer("dropit")));
    let registry = tracing_subscriber::registry().with(filter).with(otel);
    let result = match settings.format {
        LogFormat::Json => registry
            .with(
                fmt::layer()
                    .json()
                    .flatten_event(true)
                    .with_current_span(true)
                    .with_span_list(false)
                    .with_writer(std::io::stderr),
            )
            .try_init(),
        LogFormat::Pretty => registry
            .with(fmt::layer().with_ansi(std::io::stderr().is_terminal()).with_writer(std::io::stderr))
            .try_init(),
    };
    result.map_err(|_| TelemetryError::AlreadyInstalled)?;
    Ok(Telemetry { traces })
}

/// The OTLP/HTTP (protobuf) trace exporter, when `log.otlp_endpoint` is set.
fn tracer_provider(settings: &LogSettings) -> Result<Option<SdkTracerProvider>, TelemetryError> {
    let endpoint = settings.otlp_endpoint.trim();
    if endpoint.is_empty() {
        return Ok(None);
    }
    // The exporter's HTTP client is reqwest with rustls, whose crypto provider (ring) must be
    // in place before any client is built.
    crate::storage::install_http_transport();
    let exporter = opentelemetry_otlp::SpanExporter::builder()
        .with_http()
        .with_protocol(Protocol::HttpBinary)
        .with_endpoint(endpoint)
        .build()
        .map_err(|e| TelemetryError::Exporter(e.to_string()))?;
    let resource = Resource::builder().with_service_name(settings.service_name.clone()).build();
    Ok(Some(SdkTracerProvider::builder().with_batch_exporter(exporter).with_resource(resource).build()))
}
