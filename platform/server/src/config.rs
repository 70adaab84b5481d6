//! The configuration: built-in defaults, then an optional file, then `DROPIT_*` variables,
//! parsed and checked once at start-up into typed settings.

use std::{
    net::IpAddr,
    path::{Path, PathBuf},
    time::Duration,
};

use dropit_infra::settings::{
    DatabaseSettings, LogSettings, MailSettings, MailTransport, RedisSettings, SearchSettings, StorageBackend,
    StorageSettings, number,
};
use figment::{
    Figment,
    providers::{Env, Format, Toml},
};
use secrecy::{ExposeSecret, SecretString};
use serde::Deserialize;

const DEFAULTS: &str = include_str!("../config/default.toml");
const ENV_PREFIX: &str = "DROPIT_";
/// Names the configuration file (the `--config` option), so it is not itself a setting.
const NOT_A_SETTING: &str = "DROPIT_CONFIG";

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    pub server: ServerSettings,
    pub database: DatabaseSettings,
    pub tenancy: TenancySettings,
    pub auth: AuthSettings,
    pub mail: MailSettings,
    pub redis: RedisSettings,
    pub search: SearchSettings,
    pub storage: StorageSettings,
    pub log: LogSettings,
    pub health: HealthSettings,
    pub transfer: TransferSettings,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ServerSettings {
    pub host: IpAddr,
    #[serde(deserialize_with = "number")]
    pub port: u16,
    #[serde(deserialize_with = "number")]
    pub body_limit_bytes: usize,
    #[serde(deserialize_with = "number")]
    pub request_timeout_secs: u64,
    #[serde(deserialize_with = "number")]
    pub shutdown_grace_secs: u64,
    /// Comma-separated origins allowed to call the API from a browser; empty for same-origin only.
    pub cors_allowed_origins: String,
    pub web_dir: PathBuf,
    pub mobile_dir: PathBuf,
    /// The address people reach the web app at, for links in emails.
    pub public_url: String,
    /// When set, `/metrics` answers only requests bearing it (`Authorization: Bearer …`).
    pub metrics_token: SecretString,
}

impl ServerSettings {
    pub fn request_timeout(&self) -> Duration {
        Duration::from_secs(self.request_timeout_secs)
    }

    pub fn shutdown_grace(&self) -> Duration {
        Duration::from_secs(self.shutdown_grace_secs)
    }

    pub fn cors_origins(&self) -> Vec<&str> {
        self.cors_allowed_origins.split(',').map(str::trim).filter(|o| !o.is_empty()).collect()
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TenancySettings {
    /// How long a resolved club stays cached by a server process.
    #[serde(deserialize_with = "number")]
    pub cache_ttl_secs: u64,
    /// The longest one statement of a club request may run.
    #[serde(deserialize_with = "number")]
    pub statement_timeout_ms: u64,
    /// Where `pg_dump` and `pg_restore` are; empty: on PATH or the newest /usr/lib/postgresql/*/bin.
    pub pg_bin_dir: PathBuf,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuthSettings {
    /// Keys that sign access tokens, comma-separated, newest first: the first signs, all verify.
    pub jwt_secrets: SecretString,
    #[serde(deserialize_with = "number")]
    pub access_ttl_secs: u64,
    #[serde(deserialize_with = "number")]
    pub refresh_ttl_days: u64,
    #[serde(deserialize_with = "number")]
    pub max_failures_per_account: u32,
    #[serde(deserialize_with = "number")]
    pub max_failures_per_address: u32,
    #[serde(deserialize_with = "number")]
    pub lockout_secs: u64,
    #[serde(deserialize_with = "number")]
    pub authorizer_reload_secs: u64,
    #[serde(deserialize_with = "number")]
    pub invitation_ttl_hours: u64,
}

impl AuthSettings {
    pub fn jwt_secrets(&self) -> Vec<&str> {
        self.jwt_secrets.expose_secret().split(',').map(str::trim).filter(|s| !s.is_empty()).collect()
    }
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HealthSettings {
    #[serde(deserialize_with = "number")]
    pub timeout_ms: u64,
}

/// Imports and exports.
#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransferSettings {
    /// The largest program spreadsheet accepted.
    #[serde(deserialize_with = "number")]
    pub max_program_bytes: u64,
    /// The largest club archive accepted (it holds the club's media).
    #[serde(deserialize_with = "number")]
    pub max_archive_bytes: u64,
}

/// A setting that is missing or wrong, named both as a key and as its environment variable.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
#[error("configuration error: {key} ({env}): {problem}")]
pub struct ConfigError {
    pub key: String,
    pub env: String,
    pub problem: String,
}

impl ConfigError {
    fn new(key: &str, problem: impl Into<String>) -> Self {
        let env = format!("{ENV_PREFIX}{}", key.replace('.', "__").to_uppercase());
        Self { key: key.to_owned(), env, problem: problem.into() }
    }
}

impl Settings {
    /// Loads the layers: defaults, the file if given, then the process environment.
    pub fn load(file: Option<&Path>) -> Result<Settings, ConfigError> {
        let vars: Vec<(String, String)> = Env::prefixed(ENV_PREFIX)
            .ignore(&[NOT_A_SETTING.trim_start_matches(ENV_PREFIX)])
            .split("__")
            .iter()
            .map(|(key, value)| (key.to_string(), value))
            .collect();
        Self::from_figment(Self::with_variables(Self::figment(file), vars))
    }

    /// Loads the layers with explicit variables instead of the process environment (for tests).
    pub fn load_with(file: Option<&Path>, vars: &[(&str, &str)]) -> Result<Settings, ConfigError> {
        let mut parsed = Vec::with_capacity(vars.len());
        for (name, value) in vars.iter().filter(|(name, _)| *name != NOT_A_SETTING) {
            let key = name
                .strip_prefix(ENV_PREFIX)
                .ok_or_else(|| ConfigError::new(name, "variables must start with DROPIT_"))?
                .to_lowercase()
                .replace("__", ".");
            parsed.push((key, (*value).to_owned()));
        }
        Self::from_figment(Self::with_variables(Self::figment(file), parsed))
    }

    /// Merges `DROPIT_*` variables, given as dotted keys, keeping their values as text:
    /// figment's own `Env` reads `123456` as a number and then refuses it for a text setting
    /// such as an API key, while text still converts to a number where a setting needs one.
    fn with_variables(mut figment: Figment, vars: Vec<(String, String)>) -> Figment {
        for (key, value) in vars {
            figment = figment.merge((key, value));
        }
        figment
    }

    fn figment(file: Option<&Path>) -> Figment {
        let figment = Figment::from(Toml::string(DEFAULTS));
        match file {
            Some(path) => figment.merge(Toml::file_exact(path)),
            None => figment,
        }
    }

    fn from_figment(figment: Figment) -> Result<Settings, ConfigError> {
        let settings: Settings = figment.extract().map_err(|error| {
            let key = error.path.join(".");
            let problem = match &error.kind {
                figment::error::Kind::MissingField(field) => {
                    let key = if key.is_empty() { field.to_string() } else { format!("{key}.{field}") };
                    return ConfigError::new(&key, "missing: set it in the environment or the config file");
                }
                // figment puts an unknown field at the end of the path, and a missing one after it.
                figment::error::Kind::UnknownField(..) => return ConfigError::new(&key, "unknown setting"),
                kind => kind.to_string(),
            };
            ConfigError::new(&key, problem)
        })?;
        settings.validate()?;
        Ok(settings)
    }

    /// Checks what the types alone cannot.
    fn validate(&self) -> Result<(), ConfigError> {
        let positive = [
            ("server.body_limit_bytes", self.server.body_limit_bytes as u64),
            ("server.request_timeout_secs", self.server.request_timeout_secs),
            ("database.max_connections", u64::from(self.database.max_connections)),
            ("database.connect_timeout_secs", self.database.connect_timeout_secs),
            ("database.acquire_timeout_secs", self.database.acquire_timeout_secs),
            ("database.max_lifetime_secs", self.database.max_lifetime_secs),
            ("database.club_pools", u64::from(self.database.club_pools)),
            ("redis.timeout_ms", self.redis.timeout_ms),
            ("redis.cache_ttl_secs", self.redis.cache_ttl_secs),
            ("redis.local_cache_secs", self.redis.local_cache_secs),
            ("search.timeout_ms", self.search.timeout_ms),
            ("storage.timeout_ms", self.storage.timeout_ms),
            ("storage.max_upload_bytes", self.storage.max_upload_bytes),
            ("health.timeout_ms", self.health.timeout_ms),
            ("transfer.max_program_bytes", self.transfer.max_program_bytes),
            ("transfer.max_archive_bytes", self.transfer.max_archive_bytes),
            ("tenancy.cache_ttl_secs", self.tenancy.cache_ttl_secs),
            ("tenancy.statement_timeout_ms", self.tenancy.statement_timeout_ms),
            ("auth.access_ttl_secs", self.auth.access_ttl_secs),
            ("auth.refresh_ttl_days", self.auth.refresh_ttl_days),
            ("auth.max_failures_per_account", u64::from(self.auth.max_failures_per_account)),
            ("auth.max_failures_per_address", u64::from(self.auth.max_failures_per_address)),
            ("auth.lockout_secs", self.auth.lockout_secs),
            ("auth.authorizer_reload_secs", self.auth.authorizer_reload_secs),
            ("auth.invitation_ttl_hours", self.auth.invitation_ttl_hours),
        ];
        if let Some((key, _)) = positive.iter().find(|(_, value)| *value == 0) {
            return Err(ConfigError::new(key, "must be greater than zero"));
        }
        if self.database.min_connections > self.database.max_connections {
            return Err(ConfigError::new("database.min_connections", "must not exceed database.max_connections"));
        }
        if self.database.club_pools > self.database.max_connections {
            return Err(ConfigError::new("database.club_pools", "must not exceed database.max_connections"));
        }
        check_url("database.url", self.database.url.expose_secret(), &["postgres", "postgresql"])?;
        check_url("redis.url", self.redis.url.expose_secret(), &["redis", "rediss"])?;
        check_url("search.url", &self.search.url, &["http", "https"])?;
        check_url("server.public_url", &self.server.public_url, &["http", "https"])?;
        if self.mail.transport == MailTransport::Smtp {
            check_url("mail.smtp_url", self.mail.smtp_url.expose_secret(), &["smtp", "smtps"])?;
        }
        let secrets = self.auth.jwt_secrets();
        if secrets.is_empty() || secrets.iter().any(|s| s.len() < 32) {
            return Err(ConfigError::new("auth.jwt_secrets", "each key needs at least 32 characters"));
        }
        if self.search.api_key.expose_secret().is_empty() {
            return Err(ConfigError::new("search.api_key", "must not be empty"));
        }
        for origin in self.server.cors_origins() {
            check_url("server.cors_allowed_origins", origin, &["http", "https"])?;
        }
        if self.storage.backend == StorageBackend::S3 {
            check_url("storage.s3_endpoint", &self.storage.s3_endpoint, &["http", "https"])?;
            let required = [
                ("storage.s3_bucket", self.storage.s3_bucket.as_str()),
                ("storage.s3_region", self.storage.s3_region.as_str()),
                ("storage.s3_access_key_id", self.storage.s3_access_key_id.as_str()),
                ("storage.s3_secret_access_key", self.storage.s3_secret_access_key.expose_secret()),
            ];
            if let Some((key, _)) = required.iter().find(|(_, value)| value.is_empty()) {
                return Err(ConfigError::new(key, "required when storage.backend is s3"));
            }
        }
        Ok(())
    }
}

/// Checks a URL's shape without echoing it, as it may hold a password.
fn check_url(key: &str, value: &str, schemes: &[&str]) -> Result<(), ConfigError> {
    let url = url::Url::parse(value).map_err(|e| ConfigError::new(key, format!("not a valid URL ({e})")))?;
    if !schemes.contains(&url.scheme()) {
        return Err(ConfigError::new(key, format!("the scheme must be one of {}", schemes.join(", "))));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const REQUIRED: &[(&str, &str)] = &[
        ("DROPIT_DATABASE__URL", "postgres://dropit@127.0.0.1:5432/dropit"),
        ("DROPIT_SEARCH__API_KEY", "123456"),
        ("DROPIT_AUTH__JWT_SECRETS", "a-local-test-key-of-at-least-32-chars"),
    ];

    fn with(extra: &[(&'static str, &'static str)]) -> Result<Settings, ConfigError> {
        let vars: Vec<_> = REQUIRED.iter().chain(extra).copied().collect();
        Settings::load_with(None, &vars)
    }

    #[test]
    fn numbers_come_from_text_and_text_stays_text() {
        let settings = with(&[
            ("DROPIT_SERVER__PORT", "8000"),
            ("DROPIT_DATABASE__MAX_CONNECTIONS", " 4 "),
            ("DROPIT_SEARCH__API_KEY", "0123e5"),
        ])
        .expect("valid");
        assert_eq!(settings.server.port, 8000);
        assert_eq!(settings.database.max_connections, 4);
        assert_eq!(settings.search.api_key.expose_secret(), "0123e5");
    }

    #[test]
    fn defaults_plus_required_keys_load() {
        let settings = with(&[]).expect("valid");
        assert_eq!(settings.server.port, 8480);
        assert_eq!(settings.search.api_key.expose_secret(), "123456");
        assert!(settings.server.cors_origins().is_empty());
    }

    #[test]
    fn a_missing_key_is_named() {
        let err = Settings::load_with(None, &REQUIRED[1..]).expect_err("no database url");
        assert_eq!(err.key, "database.url");
        assert_eq!(err.env, "DROPIT_DATABASE__URL");
        assert!(err.to_string().starts_with("configuration error: database.url (DROPIT_DATABASE__URL): missing"));
    }

    #[test]
    fn a_malformed_value_is_named() {
        let err = with(&[("DROPIT_SERVER__PORT", "eighty")]).expect_err("bad port");
        assert_eq!(err.key, "server.port");
        let err = with(&[("DROPIT_SERVER__PORT", "70000")]).expect_err("port out of range");
        assert_eq!(err.key, "server.port");
        assert!(err.problem.contains("0 to 65535"), "{}", err.problem);
        let err = with(&[("DROPIT_SERVER__PORT", "-1")]).expect_err("negative port");
        assert_eq!(err.key, "server.port");
        let err = with(&[("DROPIT_LOG__FORMAT", "xml")]).expect_err("bad format");
        assert_eq!(err.key, "log.format");
        let err = with(&[("DROPIT_REDIS__URL", "http://x")]).expect_err("bad scheme");
        assert_eq!(err.key, "redis.url");
        let err = with(&[("DROPIT_SERVER__REQUEST_TIMEOUT_SECS", "0")]).expect_err("zero");
        assert_eq!(err.key, "server.request_timeout_secs");
        let err = with(&[("DROPIT_AUTH__JWT_SECRETS", "short")]).expect_err("a short signing key");
        assert_eq!(err.key, "auth.jwt_secrets");
        let err = with(&[("DROPIT_DATABASE__CLUB_POOLS", "11")]).expect_err("more pools than connections");
        assert_eq!(err.key, "database.club_pools");
        let err = with(&[("DROPIT_STORAGE__BACKEND", "s3")]).expect_err("no s3 keys");
        assert_eq!(err.key, "storage.s3_access_key_id");
    }

    #[test]
    fn an_unknown_key_is_refused() {
        let err = with(&[("DROPIT_SERVER__PROT", "80")]).expect_err("typo");
        assert_eq!(err.key, "server.prot");
        assert_eq!(err.problem, "unknown setting");
    }

    /// `.env.example` lists every setting, and its values load.
    #[test]
    fn the_env_example_is_complete_and_valid() {
        let example = include_str!("../../../.env.example");
        let vars: Vec<(&str, &str)> = example
            .lines()
            .filter(|line| line.starts_with(ENV_PREFIX))
            .filter_map(|line| line.split_once('='))
            .collect();
        Settings::load_with(None, &vars).expect(".env.example loads");

        fn leaves(prefix: &str, dict: &figment::value::Dict, out: &mut Vec<String>) {
            for (key, value) in dict {
                let path = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
                match value.as_dict() {
                    Some(inner) => leaves(&path, inner, out),
                    None => out.push(path),
                }
            }
        }
        let defaults: figment::value::Dict = Figment::from(Toml::string(DEFAULTS)).extract().expect("defaults");
        let mut keys = vec!["database.url".to_owned(), "search.api_key".to_owned(), "auth.jwt_secrets".to_owned()];
        leaves("", &defaults, &mut keys);
        for key in keys {
            let env = ConfigError::new(&key, "").env;
            assert!(vars.iter().any(|(name, _)| *name == env), "{env} is missing from .env.example");
        }
    }

    #[test]
    fn secrets_never_print() {
        let settings = with(&[]).expect("valid");
        let debug = format!("{settings:?}");
        assert!(!debug.contains("123456"));
        assert!(!debug.contains("postgres://"));
    }
}
