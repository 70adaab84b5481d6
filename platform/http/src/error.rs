//! `ApiError`, the one error type handlers return, and the middleware that renders every
//! failure — ours, the router's, the JSON parser's — into the same localized body.

use std::fmt;

use dropit_kernel::{ErrorCode, FieldErrorCode, Locale};
use poem::{
    Endpoint, IntoResponse, Middleware, Request, Response, Result,
    error::{MethodNotAllowedError, NotFoundError, ReadBodyError, ResponseError, SizedLimitError},
    http::StatusCode,
};
use poem_openapi::{
    ApiResponse, Object,
    error::{ContentTypeError, ParseParamError, ParsePathError, ParseRequestPayloadError},
    registry::{MetaMediaType, MetaResponse, MetaResponses, Registry},
    types::Type,
};

use crate::request::{RequestId, request_locale};

/// One field that failed validation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    pub field: String,
    pub code: FieldErrorCode,
}

impl FieldError {
    pub fn new(field: impl Into<String>, code: FieldErrorCode) -> Self {
        Self { field: field.into(), code }
    }
}

/// What a handler answers when it cannot succeed.
///
/// It carries a stable code and, for validation, the fields at fault; the message is chosen
/// when the error is rendered, in the language of the request. An `internal` cause is logged
/// with the request id and never sent to the client.
#[derive(Debug)]
pub struct ApiError {
    code: ErrorCode,
    fields: Vec<FieldError>,
    internal: Option<String>,
    retry_after_secs: Option<u64>,
}

impl ApiError {
    pub fn new(code: ErrorCode) -> Self {
        Self { code, fields: Vec::new(), internal: None, retry_after_secs: None }
    }

    pub fn validation(fields: Vec<FieldError>) -> Self {
        Self { code: ErrorCode::ValidationFailed, fields, internal: None, retry_after_secs: None }
    }

    /// An unexpected failure: the cause is logged with its whole chain, the client gets a 500.
    pub fn internal(cause: &(dyn std::error::Error + 'static)) -> Self {
        let mut chain = cause.to_string();
        let mut source = cause.source();
        while let Some(inner) = source {
            chain.push_str(": ");
            chain.push_str(&inner.to_string());
            source = inner.source();
        }
        Self { code: ErrorCode::InternalError, fields: Vec::new(), internal: Some(chain), retry_after_secs: None }
    }

    /// Tells the client when to try again (`Retry-After`).
    pub fn retry_after(mut self, secs: u64) -> Self {
        self.retry_after_secs = Some(secs);
        self
    }

    pub fn with_fields(mut self, fields: Vec<FieldError>) -> Self {
        self.fields = fields;
        self
    }

    pub fn code(&self) -> ErrorCode {
        self.code
    }

    pub fn fields(&self) -> &[FieldError] {
        &self.fields
    }

    fn status(&self) -> StatusCode {
        StatusCode::from_u16(self.code.http_status()).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
    }

    /// The body for this error in the given language.
    pub fn body(&self, locale: Locale, request_id: &str) -> ErrorBody {
        ErrorBody {
            status: self.code.http_status(),
            code: self.code.as_str().to_owned(),
            message: self.code.message(locale).to_owned(),
            request_id: request_id.to_owned(),
            fields: self
                .fields
                .iter()
                .map(|f| FieldErrorBody {
                    field: f.field.clone(),
                    code: f.code.as_str().to_owned(),
                    message: f.code.message(locale).to_owned(),
                })
                .collect(),
        }
    }

    fn into_http_response(self, locale: Locale, request_id: &str) -> Response {
        if let Some(cause) = &self.internal {
            tracing::error!(code = self.code.as_str(), cause = %cause, "request failed");
        }
        let body = self.body(locale, request_id);
        let json = serde_json::to_vec(&body).unwrap_or_default();
        let mut response = Response::builder().status(self.status()).content_type("application/json; charset=utf-8");
        if let Some(secs) = self.retry_after_secs {
            response = response.header("retry-after", secs.to_string());
        }
        response.body(json)
    }
}

impl From<ErrorCode> for ApiError {
    fn from(code: ErrorCode) -> Self {
        Self::new(code)
    }
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code.as_str())
    }
}

impl std::error::Error for ApiError {}

impl ResponseError for ApiError {
    fn status(&self) -> StatusCode {
        ApiError::status(self)
    }

    fn as_response(&self) -> Response {
        // Only reached when no `RenderErrors` middleware is installed; it renders the final body.
        Self { code: self.code, fields: self.fields.clone(), internal: None, retry_after_secs: self.retry_after_secs }
            .into_http_response(Locale::default(), "")
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        self.into_http_response(Locale::default(), "")
    }
}

/// An id taken from the path: one that cannot be parsed names nothing, so it is a 404 like
/// an unknown one.
pub fn path_id(raw: &str) -> Result<uuid::Uuid, ApiError> {
    uuid::Uuid::parse_str(raw).map_err(|_| ApiError::new(ErrorCode::NotFound))
}

/// The statuses every operation may answer with an `ErrorBody`.
const DOCUMENTED_STATUSES: &[(u16, &str)] = &[
    (400, "The request is malformed or a parameter is not valid"),
    (401, "Authentication is required"),
    (403, "The caller may not do this"),
    (404, "Nothing was found"),
    (409, "The request conflicts with the current state"),
    (413, "The request body is too large"),
    (415, "The content type is not supported"),
    (422, "Some fields are not valid"),
    (429, "Too many requests"),
    (500, "Something went wrong on the server"),
    (503, "A service the operation needs is unavailable"),
];

impl ApiResponse for ApiError {
    fn meta() -> MetaResponses {
        MetaResponses {
            responses: DOCUMENTED_STATUSES
                .iter()
                .map(|&(status, description)| MetaResponse {
                    description,
                    status: Some(status),
                    status_range: None,
                    content: vec![MetaMediaType {
                        content_type: "application/json; charset=utf-8",
                        schema: ErrorBody::schema_ref(),
                    }],
                    headers: vec![],
                })
                .collect(),
        }
    }

    fn register(registry: &mut Registry) {
        ErrorBody::register(registry);
    }
}

/// The error body of every API response that is not a success.
#[derive(Debug, Clone, Object, serde::Serialize, serde::Deserialize)]
pub struct ErrorBody {
    /// The HTTP status, repeated for clients that only see the body.
    pub status: u16,
    /// A stable snake_case code to switch on.
    pub code: String,
    /// A human message in the request's language.
    pub message: String,
    /// The id to quote when reporting a problem; it is in the server's log too.
    pub request_id: String,
    /// The fields at fault, for validation errors.
    pub fields: Vec<FieldErrorBody>,
}

/// One field at fault in a validation error.
#[derive(Debug, Clone, Object, serde::Serialize, serde::Deserialize)]
pub struct FieldErrorBody {
    /// The field's path in the request, such as `name` or `lines[2].reps`.
    pub field: String,
    /// A stable snake_case code.
    pub code: String,
    /// A human message in the request's language.
    pub message: String,
}

/// Middleware turning every error into an `ErrorBody` in the request's language.
pub struct RenderErrors;

impl<E: Endpoint> Middleware<E> for RenderErrors {
    type Output = RenderErrorsEndpoint<E>;

    fn transform(&self, ep: E) -> Self::Output {
        RenderErrorsEndpoint(ep)
    }
}

pub struct RenderErrorsEndpoint<E>(E);

impl<E: Endpoint> Endpoint for RenderErrorsEndpoint<E> {
    type Output = Response;

    async fn call(&self, req: Request) -> Result<Response> {
        let locale = request_locale(&req);
        let request_id = req.extensions().get::<RequestId>().cloned().unwrap_or_default();
        match self.0.call(req).await {
            Ok(output) => Ok(output.into_response()),
            Err(err) => {
                // The operation that failed stays known to the metrics outside.
                let operation = err.data::<poem_openapi::OperationId>().map(|id| poem_openapi::OperationId(id.0));
                let mut response = classify(err).into_http_response(locale, request_id.as_str());
                if let Some(operation) = operation {
                    response.set_data(operation);
                }
                Ok(response)
            }
        }
    }
}

/// Maps any error raised below the middleware to an `ApiError`.
fn classify(err: poem::Error) -> ApiError {
    if err.is::<ApiError>() {
        return match err.downcast::<ApiError>() {
            Ok(api) => api,
            Err(other) => ApiError::internal(&PoemError(other.to_string())),
        };
    }
    if err.is::<NotFoundError>() {
        return ErrorCode::NotFound.into();
    }
    if err.is::<MethodNotAllowedError>() {
        return ErrorCode::MethodNotAllowed.into();
    }
    if let Some(e) = err.downcast_ref::<ParseRequestPayloadError>() {
        tracing::debug!(reason = %e.reason, "rejected request body");
        return ErrorCode::MalformedJson.into();
    }
    if err.is::<ContentTypeError>() {
        return ErrorCode::UnsupportedMediaType.into();
    }
    if let Some(e) = err.downcast_ref::<ParseParamError>() {
        return ApiError::new(ErrorCode::InvalidParameter)
            .with_fields(vec![FieldError::new(e.name, FieldErrorCode::Invalid)]);
    }
    if let Some(e) = err.downcast_ref::<ParsePathError>() {
        // A path segment that cannot be parsed names nothing that exists.
        tracing::debug!(name = e.name, reason = %e.reason, "unparsable path parameter");
        return ErrorCode::NotFound.into();
    }
    if let Some(e) = err.downcast_ref::<SizedLimitError>() {
        return match e {
            SizedLimitError::MissingContentLength => ErrorCode::LengthRequired.into(),
            SizedLimitError::PayloadTooLarge => ErrorCode::PayloadTooLarge.into(),
        };
    }
    if let Some(ReadBodyError::PayloadTooLarge) = err.downcast_ref::<ReadBodyError>() {
        return ErrorCode::PayloadTooLarge.into();
    }
    match err.status() {
        StatusCode::UNAUTHORIZED => ErrorCode::Unauthorized.into(),
        StatusCode::FORBIDDEN => ErrorCode::Forbidden.into(),
        StatusCode::NOT_FOUND => ErrorCode::NotFound.into(),
        StatusCode::METHOD_NOT_ALLOWED => ErrorCode::MethodNotAllowed.into(),
        StatusCode::PAYLOAD_TOO_LARGE => ErrorCode::PayloadTooLarge.into(),
        StatusCode::UNSUPPORTED_MEDIA_TYPE => ErrorCode::UnsupportedMediaType.into(),
        StatusCode::TOO_MANY_REQUESTS => ErrorCode::TooManyRequests.into(),
        StatusCode::SERVICE_UNAVAILABLE => ErrorCode::ServiceUnavailable.into(),
        status if status.is_client_error() => {
            tracing::debug!(error = %err, "bad request");
            ErrorCode::BadRequest.into()
        }
        _ => ApiError::internal(&PoemError(err.to_string())),
    }
}

#[derive(Debug)]
struct PoemError(String);

impl fmt::Display for PoemError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for PoemError {}
