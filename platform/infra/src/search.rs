//! The Typesense client configuration and its health check.

use std::{sync::Arc, time::Duration};

use async_trait::async_trait;
use secrecy::ExposeSecret;
use typesense_rs::apis::{
    configuration::{ApiKey, Configuration},
    health_api::{HealthApi, HealthApiClient},
};

use crate::{HealthCheck, settings::SearchSettings};

#[derive(Clone)]
pub struct Search {
    configuration: Arc<Configuration>,
}

impl Search {
    pub fn new(settings: &SearchSettings) -> Result<Self, reqwest::Error> {
        let timeout = Duration::from_millis(settings.timeout_ms);
        // The same reqwest major version as typesense-rs, whose `Configuration` takes the client.
        let client = reqwest::Client::builder().timeout(timeout).connect_timeout(timeout).build()?;
        let configuration = Configuration {
            base_path: settings.url.trim_end_matches('/').to_owned(),
            user_agent: Some(concat!("dropit/", env!("CARGO_PKG_VERSION")).to_owned()),
            client,
            api_key: Some(ApiKey { prefix: None, key: settings.api_key.expose_secret().to_owned() }),
            ..Configuration::default()
        };
        Ok(Self { configuration: Arc::new(configuration) })
    }

    pub fn configuration(&self) -> Arc<Configuration> {
        self.configuration.clone()
    }
}

pub struct SearchHealth(pub Search);

#[async_trait]
impl HealthCheck for SearchHealth {
    fn name(&self) -> &'static str {
        "typesense"
    }

    fn essential(&self) -> bool {
        false
    }

    async fn probe(&self) -> Result<(), String> {
        let status = HealthApiClient::new(self.0.configuration()).health().await.map_err(|e| e.to_string())?;
        if status.ok { Ok(()) } else { Err("typesense reports not ok".to_owned()) }
    }
}
