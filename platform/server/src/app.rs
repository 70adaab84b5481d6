//! The application: adapters connected, routes built, the listener bound; then served until
//! a shutdown signal, letting in-flight requests finish.

use std::{future::Future, net::SocketAddr, sync::Arc, time::Duration};

use anyhow::Context;
use dropit_infra::{
    HealthRegistry,
    cache::{Redis, RedisHealth, TieredCache, namespace_of},
    database::{self, PostgresHealth},
    mail::Mail,
    search::{Search, SearchHealth},
    storage::{self, StorageHealth},
};
use dropit_tenancy::{
    application::{ClubResolver, EveryListener},
    infrastructure::{
        CachedDirectory, ClubPools, PgClubRegistry,
        archive::{ClubLifecycle, PgTools},
        changes::{RedisClubChanges, listen_for_changes},
    },
};
use dropit_training::{
    application::search::Search as CatalogueSearch,
    infrastructure::{CachedCatalogue, MediaStore, PgCatalogueText, PgExerciseCatalogue, TypesenseIndex},
};
use poem::{
    Response, Server,
    endpoint::BoxEndpoint,
    listener::{Acceptor, Listener, TcpAcceptor, TcpListener},
};
use sea_orm::DatabaseConnection;
use secrecy::ExposeSecret;

use dropit_identity::{
    application::{AccessTokens, Accounts, Credentials},
    infrastructure::{
        account_tokens::PgAccountTokens,
        audit::PgAuditLog,
        authorization::{Authorizer, keep_in_sync},
        invitations::PgInvitations,
        jwt::JwtTokens,
        limiter::{Limits, RedisAttemptLimiter},
        memberships::PgMemberships,
        password::Argon2Hasher,
        sessions::PgSessionStore,
        users::PgUserStore,
    },
    interface::CookiePolicy,
};

use crate::{
    config::Settings,
    http::{self, HttpState, IdentityState},
};

/// How many clubs one server process keeps resolved in memory.
const CLUB_CACHE_CAPACITY: u64 = 10_000;
/// Entries each server keeps of the shared cache, for when Redis is away.
const LOCAL_CACHE_CAPACITY: u64 = 50_000;
/// How often clubs whose changes the search index missed are tried again.
const SEARCH_CATCH_UP: Duration = Duration::from_secs(2);

/// The services every part of the server talks to, connected once.
#[derive(Clone)]
pub struct Services {
    pub db: DatabaseConnection,
    /// Where club work runs: `db` itself, or `database.club_pools` pools sharing its size.
    pub club_db: ClubPools,
    pub redis: Redis,
    pub search: Search,
    pub storage: opendal::Operator,
}

impl Services {
    /// Connects lazily: a service that is down at start-up is reported by the readiness
    /// check and picked up when it comes back, instead of preventing the start.
    pub async fn connect(settings: &Settings) -> anyhow::Result<Self> {
        let db = database::connect(&settings.database, true).await.context("configuring the postgres pool")?;
        let club_db = match settings.database.club_pools {
            0 | 1 => ClubPools::from(db.clone()),
            pools => {
                let mut share = settings.database.clone();
                share.max_connections = (share.max_connections / pools).max(1);
                share.min_connections = share.min_connections.div_ceil(pools).min(share.max_connections);
                let mut connected = Vec::with_capacity(pools as usize);
                for _ in 0..pools {
                    connected.push(database::connect(&share, true).await.context("configuring the club pools")?);
                }
                ClubPools::new(connected)
            }
        };
        let redis = Redis::new(&settings.redis).context("configuring redis")?;
        let search = Search::new(&settings.search).context("configuring typesense")?;
        let storage = storage::operator(&settings.storage).context("configuring object storage")?;
        Ok(Self { db, club_db, redis, search, storage })
    }

    pub fn health(&self, deadline: Duration) -> HealthRegistry {
        let mut registry = HealthRegistry::new(deadline);
        registry.register(Arc::new(PostgresHealth(self.db.clone())));
        registry.register(Arc::new(RedisHealth(self.redis.clone())));
        registry.register(Arc::new(SearchHealth(self.search.clone())));
        registry.register(Arc::new(StorageHealth(self.storage.clone())));
        registry
    }
}

pub struct Application {
    acceptor: TcpAcceptor,
    clubs: ClubResolver,
    search: CatalogueSearch,
    identity: IdentityState,
    authorizer_reload: Duration,
    address: SocketAddr,
    endpoint: BoxEndpoint<'static, Response>,
    shutdown_grace: Duration,
    services: Services,
}

impl Application {
    pub async fn build(settings: &Settings) -> anyhow::Result<Self> {
        let services = Services::connect(settings).await?;
        let cache = TieredCache::new(
            services.redis.clone(),
            &namespace_of(settings.database.url.expose_secret()),
            Duration::from_secs(settings.redis.cache_ttl_secs),
            Duration::from_secs(settings.redis.local_cache_secs),
            LOCAL_CACHE_CAPACITY,
        );
        let clubs = ClubResolver::new(
            Arc::new(CachedDirectory::new(PgClubRegistry::new(services.db.clone()), cache.clone())),
            Duration::from_secs(settings.tenancy.cache_ttl_secs),
            CLUB_CACHE_CAPACITY,
        );
        let identity = identity_state(settings, &services)?;
        // Know who may do what before the first request; if PostgreSQL is away, the server
        // starts anyway, answers 503 on club routes, and loads as soon as it can.
        match tokio::time::timeout(Duration::from_secs(5), identity.memberships.everything()).await {
            Ok(Ok((memberships, operators))) => {
                identity.authorizer.load(&memberships, &operators).await.context("building the authorizer")?;
            }
            Ok(Err(error)) => tracing::warn!(%error, "memberships not loaded yet; retrying in the background"),
            Err(_) => tracing::warn!("memberships not loaded yet (postgres is slow); retrying in the background"),
        }
        let tools = PgTools::new(&settings.tenancy.pg_bin_dir, settings.database.url.expose_secret())
            .context("locating pg_dump (tenancy.pg_bin_dir)")?;
        // This server forgets a changed club at once; the others hear of it over Redis.
        let changes = Arc::new(EveryListener(vec![
            Arc::new(clubs.clone()),
            Arc::new(RedisClubChanges::new(services.redis.connection())),
        ]));
        let lifecycle = ClubLifecycle::new(services.db.clone(), services.storage.clone(), tools, changes);
        let statement_timeout = Duration::from_millis(settings.tenancy.statement_timeout_ms);
        let search = CatalogueSearch::new(
            Arc::new(TypesenseIndex::new(services.search.configuration())),
            Arc::new(PgCatalogueText::new(services.club_db.clone(), statement_timeout)),
        );
        let catalogue = Arc::new(CachedCatalogue::new(
            Arc::new(PgExerciseCatalogue::new(services.club_db.clone(), statement_timeout)),
            cache.clone(),
        ));
        let media = MediaStore::new(
            services.storage.clone(),
            services.club_db.clone(),
            statement_timeout,
            settings.storage.max_upload_bytes,
            settings.storage.media_types(),
        );
        let registry = prometheus::Registry::new();
        cache.register_metrics(&registry).context("registering the cache metrics")?;
        let metrics = http::metrics::ServerMetrics::new(registry).context("registering the metrics")?;
        let state = HttpState {
            media,
            catalogue,
            search: search.clone(),
            lifecycle,
            health: services.health(Duration::from_millis(settings.health.timeout_ms)),
            db: services.db.clone(),
            club_db: services.club_db.clone(),
            clubs: clubs.clone(),
            statement_timeout,
            identity: identity.clone(),
            transfer_limits: (settings.transfer.max_program_bytes, settings.transfer.max_archive_bytes),
            metrics,
        };
        let endpoint = http::routes(settings, &state);

        let bind = SocketAddr::new(settings.server.host, settings.server.port);
        let acceptor = TcpListener::bind(bind)
            .into_acceptor()
            .await
            .with_context(|| format!("binding {bind} (server.host, server.port); is another server using the port?"))?;
        let address = acceptor
            .local_addr()
            .into_iter()
            .find_map(|a| a.as_socket_addr().copied())
            .context("reading the bound address")?;
        Ok(Self {
            acceptor,
            search,
            clubs,
            identity,
            authorizer_reload: Duration::from_secs(settings.auth.authorizer_reload_secs),
            address,
            endpoint,
            shutdown_grace: settings.server.shutdown_grace(),
            services,
        })
    }

    /// The address actually bound (port 0 in the settings picks a free port).
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    pub fn services(&self) -> &Services {
        &self.services
    }

    /// Serves until `shutdown` completes, then stops accepting and gives in-flight requests
    /// up to the grace period to finish.
    pub async fn run_until(self, shutdown: impl Future<Output = ()> + Send) -> std::io::Result<()> {
        tracing::info!(address = %self.address, "dropit is listening");
        // Clubs changed by other processes (suspended, archived, …) leave the cache at once.
        let listener = tokio::spawn(listen_for_changes(self.services.redis.client().clone(), self.clubs));
        // Memberships: loaded once PostgreSQL answers, kept in step with the other servers.
        let sync = tokio::spawn(keep_in_sync(
            self.identity.authorizer.clone(),
            self.identity.memberships.clone(),
            self.services.redis.client().clone(),
            self.authorizer_reload,
        ));
        // Clubs whose changes the search index missed are reindexed once it answers.
        let search = tokio::spawn(self.search.keep_up(SEARCH_CATCH_UP));
        let result = Server::new_with_acceptor(self.acceptor)
            .run_with_graceful_shutdown(self.endpoint, shutdown, Some(self.shutdown_grace))
            .await;
        listener.abort();
        sync.abort();
        search.abort();
        tracing::info!("dropit stopped");
        result
    }
}

fn identity_state(settings: &Settings, services: &Services) -> anyhow::Result<IdentityState> {
    let auth = &settings.auth;
    let tokens: Arc<dyn AccessTokens> = Arc::new(
        JwtTokens::new(&auth.jwt_secrets(), Duration::from_secs(auth.access_ttl_secs)).context("auth.jwt_secrets")?,
    );
    let limits = Limits {
        per_account: auth.max_failures_per_account,
        per_address: auth.max_failures_per_address,
        window: Duration::from_secs(auth.lockout_secs),
    };
    let users = PgUserStore::new(services.db.clone());
    let sessions = Arc::new(PgSessionStore::new(services.db.clone()));
    let hasher = Arc::new(Argon2Hasher::new());
    let audit = Arc::new(PgAuditLog::new(services.db.clone()));
    let refresh_ttl = Duration::from_secs(auth.refresh_ttl_days * 24 * 3600);
    let accounts = Accounts::new(
        Arc::new(users.clone()),
        sessions.clone(),
        Arc::new(RedisAttemptLimiter::new(services.redis.connection(), limits)),
        hasher.clone(),
        tokens.clone(),
        audit.clone(),
        refresh_ttl,
    );
    let credentials = Credentials::new(
        Arc::new(users.clone()),
        sessions,
        Arc::new(PgAccountTokens::new(services.db.clone())),
        hasher,
        audit,
    );
    Ok(IdentityState {
        accounts: Arc::new(accounts),
        credentials: Arc::new(credentials),
        tokens,
        users,
        memberships: PgMemberships::new(services.db.clone()),
        authorizer: Authorizer::default().publishing_to(services.redis.connection()),
        cookie: CookiePolicy { max_age_secs: refresh_ttl.as_secs() },
        invitations: PgInvitations::new(services.db.clone()),
        mail: Mail::new(&settings.mail).context("configuring mail")?,
        public_url: settings.server.public_url.clone(),
        invitation_ttl: Duration::from_secs(auth.invitation_ttl_hours * 3600),
    })
}

/// Completes on SIGINT or SIGTERM.
pub async fn shutdown_signal() {
    let interrupt = async {
        if let Err(error) = tokio::signal::ctrl_c().await {
            tracing::error!(%error, "cannot listen for SIGINT");
            std::future::pending::<()>().await;
        }
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut signal) => {
                signal.recv().await;
            }
            Err(error) => {
                tracing::error!(%error, "cannot listen for SIGTERM");
                std::future::pending::<()>().await;
            }
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = interrupt => tracing::info!("SIGINT received, shutting down"),
        () = terminate => tracing::info!("SIGTERM received, shutting down"),
    }
}
