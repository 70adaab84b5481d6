//! Typed settings of each adapter, deserialized once by the server's configuration loader.

use std::path::PathBuf;

use std::{fmt, marker::PhantomData, str::FromStr};

use secrecy::SecretString;
use serde::{Deserialize, Deserializer, de};

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DatabaseSettings {
    /// `postgres://user:password@host:port/database`
    pub url: SecretString,
    #[serde(deserialize_with = "number")]
    pub max_connections: u32,
    #[serde(deserialize_with = "number")]
    pub min_connections: u32,
    #[serde(deserialize_with = "number")]
    pub connect_timeout_secs: u64,
    #[serde(deserialize_with = "number")]
    pub acquire_timeout_secs: u64,
    /// Connections are recycled after this long, so a failover or a new replica is picked up.
    #[serde(deserialize_with = "number")]
    pub max_lifetime_secs: u64,
    #[serde(deserialize_with = "number")]
    pub idle_timeout_secs: u64,
    /// Club work runs on this many pools that share `max_connections`, each serving a fixed
    /// share of the clubs, so that a PostgreSQL backend meets fewer club schemas; 1 is one pool
    /// for everything.
    #[serde(deserialize_with = "number")]
    pub club_pools: u32,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RedisSettings {
    /// `redis://[:password@]host:port[/db]`
    pub url: SecretString,
    #[serde(deserialize_with = "number")]
    pub timeout_ms: u64,
    /// How long a cached catalogue read lives in Redis (writes drop it at once).
    #[serde(deserialize_with = "number")]
    pub cache_ttl_secs: u64,
    /// How long each server keeps its own copy, which serves reads while Redis is away.
    #[serde(deserialize_with = "number")]
    pub local_cache_secs: u64,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchSettings {
    /// Base URL of the Typesense server, such as `http://127.0.0.1:8108`.
    pub url: String,
    pub api_key: SecretString,
    #[serde(deserialize_with = "number")]
    pub timeout_ms: u64,
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum StorageBackend {
    /// A directory on the local disk.
    Fs,
    /// An S3-compatible server (MinIO, AWS S3, …).
    S3,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StorageSettings {
    pub backend: StorageBackend,
    /// Root directory of the `fs` backend.
    pub fs_root: PathBuf,
    pub s3_endpoint: String,
    pub s3_bucket: String,
    pub s3_region: String,
    pub s3_access_key_id: String,
    pub s3_secret_access_key: SecretString,
    #[serde(deserialize_with = "number")]
    pub timeout_ms: u64,
    /// The largest media file accepted, in bytes.
    #[serde(deserialize_with = "number")]
    pub max_upload_bytes: u64,
    /// The media types accepted (as detected from the content), comma-separated.
    pub media_types: String,
}

impl StorageSettings {
    pub fn media_types(&self) -> Vec<String> {
        self.media_types.split(',').map(|t| t.trim().to_owned()).filter(|t| !t.is_empty()).collect()
    }
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum MailTransport {
    /// Each message is written as an `.eml` file in `mail.dir`: the flow works with no server.
    File,
    /// An SMTP server.
    Smtp,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MailSettings {
    pub transport: MailTransport,
    pub dir: PathBuf,
    /// `smtp://user:password@host:587?tls=required` or `smtps://…`, as lettre reads it.
    pub smtp_url: SecretString,
    /// The sender, such as `DropIt <no-reply@example.org>`.
    pub from: String,
}

#[derive(Clone, Copy, Debug, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// Human-readable, coloured when the output is a terminal.
    Pretty,
    /// One JSON object per line, for log collectors.
    Json,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LogSettings {
    pub format: LogFormat,
    /// A tracing filter directive, such as `info` or `dropit=debug,sqlx=warn`.
    pub filter: String,
    /// Where to send traces (OTLP over HTTP, protobuf), such as
    /// `http://collector:4318/v1/traces`; empty for none.
    pub otlp_endpoint: String,
    /// The `service.name` the traces carry.
    pub service_name: String,
}

/// Reads a number from a config file (a TOML number) or from an environment variable (text),
/// so `DROPIT_SERVER__PORT=8080` and `port = 8080` both work while text settings such as an
/// all-digit API key stay text.
pub fn number<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: Deserializer<'de>,
    T: FromStr + TryFrom<u64> + TryFrom<i64> + Bounded,
{
    struct Number<T>(PhantomData<T>);

    impl<T: FromStr + TryFrom<u64> + TryFrom<i64> + Bounded> de::Visitor<'_> for Number<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            write!(f, "a whole number from 0 to {}", T::MAX)
        }

        fn visit_u64<E: de::Error>(self, value: u64) -> Result<T, E> {
            T::try_from(value).map_err(|_| E::invalid_value(de::Unexpected::Unsigned(value), &self))
        }

        fn visit_i64<E: de::Error>(self, value: i64) -> Result<T, E> {
            T::try_from(value).map_err(|_| E::invalid_value(de::Unexpected::Signed(value), &self))
        }

        fn visit_str<E: de::Error>(self, value: &str) -> Result<T, E> {
            value.trim().parse().map_err(|_| E::invalid_value(de::Unexpected::Str(value), &self))
        }
    }

    deserializer.deserialize_any(Number(PhantomData))
}

/// The largest value of an unsigned setting, for error messages.
pub trait Bounded {
    const MAX: u64;
}

macro_rules! bounded {
    ($($t:ty),+) => { $(impl Bounded for $t { const MAX: u64 = <$t>::MAX as u64; })+ };
}

bounded!(u16, u32, u64, usize);
