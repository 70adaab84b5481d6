//! The signed-in session around the generated client.

use std::sync::{Arc, RwLock};

use crate::{Client, types};

/// The access token and the language the generated client's requests carry.
#[derive(Clone, Debug, Default)]
pub struct Auth {
    access_token: Arc<RwLock<Option<String>>>,
    language: Arc<RwLock<Option<String>>>,
}

impl Auth {
    fn set(&self, token: Option<String>) {
        if let Ok(mut current) = self.access_token.write() {
            *current = token;
        }
    }

    fn get(&self) -> Option<String> {
        self.access_token.read().ok().and_then(|t| t.clone())
    }
}

/// Called by the generated client before every request.
pub fn authorize(auth: &Auth, request: &mut reqwest::Request) {
    if let Some(token) = auth.get()
        && let Ok(value) = reqwest::header::HeaderValue::from_str(&format!("Bearer {token}"))
    {
        request.headers_mut().insert(reqwest::header::AUTHORIZATION, value);
    }
    if let Some(language) = auth.language.read().ok().and_then(|l| l.clone())
        && let Ok(value) = reqwest::header::HeaderValue::from_str(&language)
    {
        request.headers_mut().insert(reqwest::header::ACCEPT_LANGUAGE, value);
    }
}

/// A failed call: the API's answer, or no answer at all.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiFailure {
    /// The API answered with its error shape.
    Api {
        status: u16,
        /// The stable code to switch on, such as `not_found` or `validation_failed`.
        code: String,
        /// A message in the language asked for.
        message: String,
        /// The fields at fault, for validation errors.
        fields: Vec<types::FieldErrorBody>,
        request_id: String,
    },
    /// The request did not get an answer the client understands.
    Transport(String),
}

impl ApiFailure {
    /// The API's error code, if it answered.
    pub fn code(&self) -> Option<&str> {
        match self {
            ApiFailure::Api { code, .. } => Some(code),
            ApiFailure::Transport(_) => None,
        }
    }
}

impl std::fmt::Display for ApiFailure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ApiFailure::Api { status, code, message, .. } => write!(f, "{status} {code}: {message}"),
            ApiFailure::Transport(error) => write!(f, "{error}"),
        }
    }
}

impl std::error::Error for ApiFailure {}

impl From<progenitor_client::Error<types::ErrorBody>> for ApiFailure {
    fn from(error: progenitor_client::Error<types::ErrorBody>) -> Self {
        match error {
            progenitor_client::Error::ErrorResponse(response) => {
                let body = response.into_inner();
                ApiFailure::Api {
                    status: body.status,
                    code: body.code,
                    message: body.message,
                    fields: body.fields,
                    request_id: body.request_id,
                }
            }
            other => ApiFailure::Transport(other.to_string()),
        }
    }
}

/// Told of every new pair of tokens.
type TokenListener = Arc<dyn Fn(&types::SessionTokens) + Send + Sync>;

/// A client of one DropIt server with its session.
#[derive(Clone)]
pub struct DropIt {
    client: Client,
    auth: Auth,
    /// Kept by a device (the mobile app, the CLI); a browser keeps it in an httpOnly cookie.
    refresh_token: Arc<RwLock<Option<String>>>,
    /// A device keeps its tokens as soon as they are issued: a refresh token works once, so
    /// one lost after a rotation ends the session.
    on_tokens: Arc<RwLock<Option<TokenListener>>>,
    kind: types::ClientKind,
    /// One refresh at a time: a refresh token works once, so concurrent calls that all meet
    /// an expired token must share one refresh.
    refreshing: Arc<futures::lock::Mutex<()>>,
}

impl DropIt {
    /// A client that keeps its refresh token itself (mobile app, command line, tests).
    pub fn new(base_url: &str) -> Self {
        Self::with_kind(base_url, types::ClientKind::Mobile)
    }

    /// A client in a browser, whose refresh token the server keeps in a cookie.
    pub fn for_browser(base_url: &str) -> Self {
        Self::with_kind(base_url, types::ClientKind::Web)
    }

    fn with_kind(base_url: &str, kind: types::ClientKind) -> Self {
        let auth = Auth::default();
        let client = Client::new(&format!("{}/api", base_url.trim_end_matches('/')), auth.clone());
        Self {
            client,
            auth,
            refresh_token: Arc::default(),
            on_tokens: Arc::default(),
            kind,
            refreshing: Arc::default(),
        }
    }

    /// Every operation of the API, with the session's access token.
    pub fn api(&self) -> &Client {
        &self.client
    }

    /// Sends a request built on the API, answering its body or an [`ApiFailure`]. When the
    /// server says the access token expired, the session is refreshed once (shared with any
    /// other call that met the same expiry) and the request sent again, so callers never deal
    /// with token lifetimes:
    ///
    /// ```ignore
    /// let me = session.call(|api| api.me().send()).await?;
    /// ```
    pub async fn call<'a, T, F, Fut>(&'a self, request: F) -> Result<T, ApiFailure>
    where
        F: Fn(&'a Client) -> Fut,
        Fut: Future<Output = Result<progenitor_client::ResponseValue<T>, progenitor_client::Error<types::ErrorBody>>>,
    {
        let sent_with = self.auth.get();
        let failure = match request(&self.client).await {
            Ok(answer) => return Ok(answer.into_inner()),
            Err(error) => ApiFailure::from(error),
        };
        if failure.code() != Some("token_expired") {
            return Err(failure);
        }
        {
            let _one_at_a_time = self.refreshing.lock().await;
            // Another call may have refreshed while this one waited.
            if self.auth.get() == sent_with {
                self.refresh().await?;
            }
        }
        Ok(request(&self.client).await?.into_inner())
    }

    pub fn is_signed_in(&self) -> bool {
        self.auth.get().is_some()
    }

    /// Asks the API to answer its messages in this language (`en`, `fr`).
    pub fn set_language(&self, tag: &str) {
        if let Ok(mut language) = self.auth.language.write() {
            *language = Some(tag.to_owned());
        }
    }

    /// The access token in use, to keep across restarts.
    pub fn access_token(&self) -> Option<String> {
        self.auth.get()
    }

    /// Uses a token obtained elsewhere (one kept across restarts, say).
    pub fn set_access_token(&self, token: Option<String>) {
        self.auth.set(token);
    }

    /// The refresh token a device keeps, to restore the session after a restart.
    pub fn refresh_token(&self) -> Option<String> {
        self.refresh_token.read().ok().and_then(|t| t.clone())
    }

    /// Restores a refresh token the device kept (the next [`DropIt::refresh`] sends it).
    pub fn set_refresh_token(&self, token: Option<String>) {
        if let Ok(mut refresh) = self.refresh_token.write() {
            *refresh = token;
        }
    }

    /// Calls `listener` with each new pair of tokens — after logging in, after an explicit
    /// refresh and after the refresh [`DropIt::call`] makes by itself — so a device can store
    /// them before anything else happens.
    pub fn on_new_tokens(&self, listener: impl Fn(&types::SessionTokens) + Send + Sync + 'static) {
        if let Ok(mut current) = self.on_tokens.write() {
            *current = Some(Arc::new(listener));
        }
    }

    fn keep(&self, tokens: types::SessionTokens) -> types::SessionTokens {
        self.auth.set(Some(tokens.access_token.clone()));
        self.set_refresh_token(tokens.refresh_token.clone());
        let listener = self.on_tokens.read().ok().and_then(|l| l.clone());
        if let Some(listener) = listener {
            listener(&tokens);
        }
        tokens
    }

    pub async fn log_in(&self, email: &str, password: &str) -> Result<types::SessionTokens, ApiFailure> {
        let request = types::LogInRequest { email: email.to_owned(), password: password.to_owned(), client: self.kind };
        let tokens = self.client.auth_log_in().body(request).send().await?.into_inner();
        Ok(self.keep(tokens))
    }

    /// Swaps the refresh token for a new pair; call it when an answer says `token_expired`.
    pub async fn refresh(&self) -> Result<types::SessionTokens, ApiFailure> {
        let request = types::RefreshRequest { refresh_token: self.refresh_token(), client: self.kind };
        let tokens = self.client.auth_refresh().body(request).send().await?.into_inner();
        Ok(self.keep(tokens))
    }

    pub async fn log_out(&self) -> Result<(), ApiFailure> {
        self.client.auth_log_out().send().await?;
        self.auth.set(None);
        self.set_refresh_token(None);
        Ok(())
    }
}

impl std::fmt::Debug for DropIt {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the tokens.
        f.debug_struct("DropIt").field("kind", &self.kind).finish_non_exhaustive()
    }
}
