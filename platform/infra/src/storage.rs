//! Object storage for media through opendal: a local directory by default, any
//! S3-compatible server in production.

use std::{sync::Once, time::Duration};

use async_trait::async_trait;
use opendal::{Operator, layers::TimeoutLayer, services};
use secrecy::ExposeSecret;

use crate::{
    HealthCheck,
    settings::{StorageBackend, StorageSettings},
};

static TRANSPORT: Once = Once::new();

/// Installs the HTTP transport opendal's S3 service talks through, with rustls on the ring
/// provider. Safe to call many times.
pub fn install_http_transport() {
    TRANSPORT.call_once(|| {
        // Another component may have installed a provider first; that one is then used.
        let _ = rustls::crypto::ring::default_provider().install_default();
        opendal_http_transport_reqwest::install_default();
    });
}

pub fn operator(settings: &StorageSettings) -> opendal::Result<Operator> {
    let operator = match settings.backend {
        StorageBackend::Fs => {
            let root = settings.fs_root.to_string_lossy();
            Operator::new(services::Fs::default().root(&root))?
        }
        StorageBackend::S3 => {
            install_http_transport();
            let builder = services::S3::default()
                .endpoint(&settings.s3_endpoint)
                .bucket(&settings.s3_bucket)
                .region(&settings.s3_region)
                .access_key_id(&settings.s3_access_key_id)
                .secret_access_key(settings.s3_secret_access_key.expose_secret())
                .disable_config_load()
                .disable_ec2_metadata();
            Operator::new(builder)?
        }
    };
    let timeout = Duration::from_millis(settings.timeout_ms);
    Ok(operator.layer(TimeoutLayer::new().with_timeout(timeout).with_io_timeout(timeout)))
}

pub struct StorageHealth(pub Operator);

#[async_trait]
impl HealthCheck for StorageHealth {
    fn name(&self) -> &'static str {
        "storage"
    }

    fn essential(&self) -> bool {
        false
    }

    async fn probe(&self) -> Result<(), String> {
        self.0.check().await.map_err(|e| e.to_string())
    }
}
