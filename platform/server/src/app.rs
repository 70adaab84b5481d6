//! The application: adapters connected, routes built, the listener bound; then served until
//! a shutdown signal, letting in-flight requests finish.

use std::{future::Future, net::SocketAddr, sync::Arc, time::Duration};

use anyhow::Context;
use dropit_infra::{
    HealthRegistry,
    cache::{Redis, RedisHealth},
    database::{self, PostgresHealth},
    search::{Search, SearchHealth},
    storage::{self, StorageHealth},
};
use dropit_tenancy::{
    application::ClubResolver,
    infrastructure::{PgClubRegistry, changes::listen_for_changes},
};
use poem::{
    Response, Server,
    endpoint::BoxEndpoint,
    listener::{Acceptor, Listener, TcpAcceptor, TcpListener},
};
use sea_orm::DatabaseConnection;

use crate::{
    config::Settings,
    http::{self, HttpState},
};

/// How many clubs one server process keeps resolved in memory.
const CLUB_CACHE_CAPACITY: u64 = 10_000;

/// The services every part of the server talks to, connected once.
#[derive(Clone)]
pub struct Services {
    pub db: DatabaseConnection,
    pub redis: Redis,
    pub search: Search,
    pub storage: opendal::Operator,
}

impl Services {
    /// Connects lazily: a service that is down at start-up is reported by the readiness
    /// check and picked up when it comes back, instead of preventing the start.
    pub async fn connect(settings: &Settings) -> anyhow::Result<Self> {
        let db = database::connect(&settings.database, true).await.context("configuring the postgres pool")?;
        let redis = Redis::new(&settings.redis).context("configuring redis")?;
        let search = Search::new(&settings.search).context("configuring typesense")?;
        let storage = storage::operator(&settings.storage).context("configuring object storage")?;
        Ok(Self { db, redis, search, storage })
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
    address: SocketAddr,
    endpoint: BoxEndpoint<'static, Response>,
    shutdown_grace: Duration,
    services: Services,
}

impl Application {
    pub async fn build(settings: &Settings) -> anyhow::Result<Self> {
        let services = Services::connect(settings).await?;
        let clubs = ClubResolver::new(
            Arc::new(PgClubRegistry::new(services.db.clone())),
            Duration::from_secs(settings.tenancy.cache_ttl_secs),
            CLUB_CACHE_CAPACITY,
        );
        let state = HttpState {
            health: services.health(Duration::from_millis(settings.health.timeout_ms)),
            db: services.db.clone(),
            clubs: clubs.clone(),
            statement_timeout: Duration::from_millis(settings.tenancy.statement_timeout_ms),
        };
        let endpoint = http::routes(&settings.server, &state);

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
        Ok(Self { acceptor, clubs, address, endpoint, shutdown_grace: settings.server.shutdown_grace(), services })
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
        let result = Server::new_with_acceptor(self.acceptor)
            .run_with_graceful_shutdown(self.endpoint, shutdown, Some(self.shutdown_grace))
            .await;
        listener.abort();
        tracing::info!("dropit stopped");
        result
    }
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
