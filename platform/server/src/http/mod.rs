//! The HTTP surface: the OpenAPI service under `/api`, its spec and docs, the web and mobile
//! apps as static files, all wrapped in the shared conventions.

mod health;
pub mod metrics;
mod static_files;
mod usage;

use dropit_athletes::{
    application::{ClubRoster, StatsService},
    infrastructure::{PgAthletes, PlatformMembers, RecordKeeper},
    interface::{AthletesApi, Context as AthletesContext, ProgressApi, StatsApi, WellbeingApi},
};
use dropit_http::{DOCS_CSP, Limits, SecurityHeaders, with_conventions};
use dropit_identity::{
    application::{AccessTokens, Accounts, Credentials},
    infrastructure::{
        audit::PgAuditLog, authorization::Authorizer, invitations::PgInvitations, memberships::PgMemberships,
        users::PgUserStore,
    },
    interface::{
        ACCOUNTS_ACCESS, AUDIT_ACCESS, AccountsApi, AuditApi, CREDENTIALS_ACCESS, CookiePolicy, CredentialsApi, Guard,
        INVITATIONS_ACCESS, InvitationsApi, MEMBERS_ACCESS, MembersApi, PLATFORM_ACCESS, PlatformApi,
    },
};
use dropit_infra::{HealthRegistry, mail::Mail};
use dropit_permissions::Access;
use dropit_tenancy::{
    application::ClubResolver,
    infrastructure::{
        ClubPools, PgClubRegistry,
        archive::{ClubLifecycle, PgTools},
    },
    interface::{ACCESS as CLUBS_ACCESS, ClubsApi},
};
use dropit_training::{
    application::{ExerciseCatalogue, search::Search as CatalogueSearch},
    infrastructure::{
        MediaStore, PgCatalogueText, PgExerciseCatalogue, PgLoadSettings, PgLogStore, PgPlanning, PgWorkoutStore,
        TypesenseIndex,
    },
    interface::{
        EXERCISES_ACCESS, ExercisesApi, LOGS_ACCESS, LogsApi, MEDIA_ACCESS, MediaApi, PLANNING_ACCESS, PlanningApi,
        SEARCH_ACCESS, SearchApi, WORKOUTS_ACCESS, WorkoutsApi,
    },
};
use dropit_transfer::{
    application::Transfer,
    archive::ClubArchive,
    interface::{ACCESS as TRANSFER_ACCESS, TransferApi},
};
use poem::{EndpointExt, Response, Route, endpoint::BoxEndpoint, middleware::Cors};
use poem_openapi::OpenApiService;
use sea_orm::DatabaseConnection;
use std::{sync::Arc, time::Duration};

pub use health::{ACCESS as HEALTH_ACCESS, HealthApi};

use crate::config::Settings;

pub const API_TITLE: &str = "DropIt API";

/// Everything the HTTP handlers need, built once by the application.
#[derive(Clone)]
pub struct HttpState {
    pub health: HealthRegistry,
    pub db: DatabaseConnection,
    /// Where club work runs (`Services::club_db`).
    pub club_db: ClubPools,
    pub clubs: ClubResolver,
    pub statement_timeout: Duration,
    pub identity: IdentityState,
    pub lifecycle: ClubLifecycle,
    pub search: CatalogueSearch,
    /// The exercise catalogue, read through the shared cache when the server runs.
    pub catalogue: Arc<dyn ExerciseCatalogue>,
    pub media: MediaStore,
    /// The largest program file and club archive accepted.
    pub transfer_limits: (u64, u64),
    pub metrics: metrics::ServerMetrics,
}

/// The identity side of the state.
#[derive(Clone)]
pub struct IdentityState {
    pub accounts: Arc<Accounts>,
    pub credentials: Arc<Credentials>,
    pub tokens: Arc<dyn AccessTokens>,
    pub users: PgUserStore,
    pub memberships: PgMemberships,
    pub authorizer: Authorizer,
    pub cookie: CookiePolicy,
    pub invitations: PgInvitations,
    pub mail: Mail,
    pub public_url: String,
    pub invitation_ttl: Duration,
}

/// What every operation requires of its caller, from each API's own declaration.
pub fn operation_access() -> Vec<(&'static str, Access)> {
    [
        HEALTH_ACCESS,
        CLUBS_ACCESS,
        ACCOUNTS_ACCESS,
        MEMBERS_ACCESS,
        INVITATIONS_ACCESS,
        PLATFORM_ACCESS,
        AUDIT_ACCESS,
        CREDENTIALS_ACCESS,
        EXERCISES_ACCESS,
        WORKOUTS_ACCESS,
        PLANNING_ACCESS,
        LOGS_ACCESS,
        SEARCH_ACCESS,
        MEDIA_ACCESS,
        &dropit_athletes::interface::access(),
        TRANSFER_ACCESS,
        usage::ACCESS,
    ]
    .concat()
}

type Apis = (
    HealthApi,
    ClubsApi,
    AccountsApi,
    MembersApi,
    InvitationsApi,
    PlatformApi,
    AuditApi,
    CredentialsApi,
    ExercisesApi,
    WorkoutsApi,
    PlanningApi,
    LogsApi,
    (AthletesApi, WellbeingApi, ProgressApi, StatsApi, SearchApi, MediaApi, TransferApi),
    usage::UsageApi,
);

fn api_service(state: &HttpState) -> OpenApiService<Apis, ()> {
    let identity = &state.identity;
    let guard = Guard::new(state.clubs.clone(), identity.authorizer.clone());
    let guard_for_platform = guard.clone();
    let timeout = state.statement_timeout;
    let athletes = Arc::new(PgAthletes::new(state.club_db.clone(), timeout));
    let catalogue = state.catalogue.clone();
    let planning = Arc::new(PgPlanning::new(state.club_db.clone(), timeout));
    let loads = Arc::new(PgLoadSettings::new(state.club_db.clone(), timeout));
    let logs = Arc::new(PgLogStore::new(state.club_db.clone(), timeout));
    let members = Arc::new(PlatformMembers::new(
        identity.authorizer.clone(),
        identity.users.clone(),
        identity.invitations.clone(),
    ));
    let roster = Arc::new(ClubRoster::new(athletes.clone(), members));
    let workouts = Arc::new(PgWorkoutStore::new(state.club_db.clone(), state.statement_timeout));
    let transfer = Transfer {
        catalogue: catalogue.clone(),
        workouts: workouts.clone(),
        planning: planning.clone(),
        loads: loads.clone(),
        logs: logs.clone(),
        athletes: athletes.clone(),
        roster: roster.clone(),
        search: state.search.clone(),
        archive: ClubArchive::new(state.db.clone(), state.media.clone(), timeout),
    };
    let athletes_cx = AthletesContext {
        athletes: athletes.clone(),
        data: athletes.clone(),
        roster: roster.clone(),
        catalogue: catalogue.clone(),
        logs: logs.clone(),
        stats: StatsService::new(
            athletes.clone(),
            athletes.clone(),
            catalogue.clone(),
            loads.clone(),
            athletes.clone(),
        ),
        guard: guard.clone(),
    };
    let apis = (
        HealthApi::new(state.health.clone()),
        ClubsApi::new(state.clubs.clone(), state.db.clone(), state.statement_timeout),
        AccountsApi::new(
            identity.accounts.clone(),
            identity.users.clone(),
            identity.memberships.clone(),
            identity.cookie.clone(),
        ),
        MembersApi::new(
            state.db.clone(),
            identity.memberships.clone(),
            guard.clone(),
            identity.accounts.audit().clone(),
        ),
        InvitationsApi::new(
            identity.invitations.clone(),
            athletes.clone(),
            identity.users.clone(),
            identity.accounts.clone(),
            guard.clone(),
            identity.mail.clone(),
            identity.public_url.clone(),
            identity.invitation_ttl,
        ),
        PlatformApi::new(
            state.db.clone(),
            guard_for_platform.clone(),
            state.lifecycle.clone(),
            identity.accounts.clone(),
        ),
        AuditApi::new(PgAuditLog::new(state.db.clone()), guard_for_platform),
        CredentialsApi::new(identity.credentials.clone(), identity.mail.clone(), identity.public_url.clone()),
        ExercisesApi::new(catalogue, state.search.clone(), guard.clone()),
        WorkoutsApi::new(workouts, state.search.clone(), guard.clone()),
        PlanningApi::new(planning, loads, roster.clone(), Guard::new(state.clubs.clone(), identity.authorizer.clone())),
        LogsApi::new(
            logs,
            roster,
            Arc::new(RecordKeeper),
            Guard::new(state.clubs.clone(), identity.authorizer.clone()),
        ),
        (
            AthletesApi::new(athletes_cx.clone()),
            WellbeingApi::new(athletes_cx.clone()),
            ProgressApi::new(athletes_cx.clone()),
            StatsApi::new(athletes_cx),
            SearchApi::new(state.search.clone(), guard.clone()),
            MediaApi::new(state.media.clone(), state.catalogue.clone(), guard.clone()),
            TransferApi::new(transfer, guard.clone(), state.transfer_limits.0, state.transfer_limits.1),
        ),
        usage::UsageApi::new(state.db.clone(), guard.clone(), state.statement_timeout),
    );
    OpenApiService::new(apis, API_TITLE, env!("CARGO_PKG_VERSION"))
        .description("The API of DropIt, the training platform for Olympic weightlifting clubs.")
        .server("/api")
}

/// The OpenAPI document, as committed in `openapi/dropit.openapi.json`.
pub fn openapi_spec() -> String {
    // Describing the API needs no connection: the handlers are never called.
    let db = DatabaseConnection::default();
    let clubs = ClubResolver::new(Arc::new(PgClubRegistry::new(db.clone())), Duration::from_secs(1), 1);
    let identity = IdentityState::unconnected();
    let storage = opendal::Operator::new(opendal::services::Memory::default()).expect("memory storage");
    let tools = PgTools::new(std::path::Path::new(""), "postgres://unused@localhost/unused").expect("a fixed url");
    let lifecycle = ClubLifecycle::new(db.clone(), storage.clone(), tools, Arc::new(clubs.clone()));
    let search = CatalogueSearch::new(
        Arc::new(TypesenseIndex::new(Arc::default())),
        Arc::new(PgCatalogueText::new(db.clone(), Duration::from_secs(1))),
    );
    let state = HttpState {
        media: MediaStore::new(storage.clone(), db.clone(), Duration::from_secs(1), 1, Vec::new()),
        catalogue: Arc::new(PgExerciseCatalogue::new(db.clone(), Duration::from_secs(1))),
        search,
        lifecycle,
        health: HealthRegistry::new(Duration::from_secs(1)),
        club_db: db.clone().into(),
        db,
        clubs,
        statement_timeout: Duration::from_secs(1),
        identity,
        transfer_limits: (1, 1),
        metrics: metrics::ServerMetrics::new(prometheus::Registry::new()).expect("fresh metrics"),
    };
    let mut spec = api_service(&state).spec();
    spec.push('\n');
    spec
}

pub fn routes(settings: &Settings, state: &HttpState) -> BoxEndpoint<'static, Response> {
    let metrics = metrics::MetricsEndpoint {
        metrics: state.metrics.clone(),
        db: state.db.clone(),
        health: state.health.clone(),
        max_connections: settings.database.max_connections,
        token: Arc::new(settings.server.metrics_token.clone()),
    };
    let settings = &settings.server;
    let service = api_service(state);
    let spec = service.spec_endpoint();
    let docs = service.swagger_ui();
    let app = Route::new()
        .at("/api/openapi.json", spec)
        .nest("/api/docs", docs)
        .nest("/api", service.data(state.identity.tokens.clone()))
        .at("/metrics", metrics)
        .nest("/m", static_app(&settings.mobile_dir))
        .nest("/", static_app(&settings.web_dir));

    let origins = settings.cors_origins();
    // A club's archive holds its media: bounded by its size, not by the request budget.
    let limits =
        Limits { body_bytes: settings.body_limit_bytes, timeout: settings.request_timeout(), untimed: &["/archive"] };
    let security = SecurityHeaders::new().policy_under("/api/docs", DOCS_CSP);
    if origins.is_empty() {
        with_conventions(app, limits, security, state.metrics.metered())
    } else {
        let origins: Vec<String> = origins.into_iter().map(str::to_owned).collect();
        let cors = Cors::new().allow_origins(origins).allow_credentials(true).max_age(600);
        with_conventions(app.with(cors), limits, security, state.metrics.metered())
    }
}

impl IdentityState {
    /// For describing the API only: nothing is connected.
    fn unconnected() -> Self {
        let db = DatabaseConnection::default();
        let tokens: Arc<dyn AccessTokens> = Arc::new(
            dropit_identity::infrastructure::jwt::JwtTokens::new(
                &["an-unused-key-for-the-spec-only-000"],
                Duration::from_secs(1),
            )
            .expect("a fixed key"),
        );
        let users = PgUserStore::new(db.clone());
        let accounts = Accounts::new(
            Arc::new(users.clone()),
            Arc::new(dropit_identity::infrastructure::sessions::PgSessionStore::new(db.clone())),
            Arc::new(Unlimited),
            Arc::new(dropit_identity::infrastructure::password::Argon2Hasher::new()),
            tokens.clone(),
            Arc::new(PgAuditLog::new(db.clone())),
            Duration::from_secs(1),
        );
        let mail_dir = std::env::temp_dir().join("dropit-spec-mail");
        let mail = Mail::new(&dropit_infra::settings::MailSettings {
            transport: dropit_infra::settings::MailTransport::File,
            dir: mail_dir,
            smtp_url: String::new().into(),
            from: "DropIt <no-reply@dropit.localhost>".to_owned(),
        })
        .expect("a file transport in the temporary directory");
        let credentials = Credentials::new(
            Arc::new(users.clone()),
            Arc::new(dropit_identity::infrastructure::sessions::PgSessionStore::new(db.clone())),
            Arc::new(dropit_identity::infrastructure::account_tokens::PgAccountTokens::new(db.clone())),
            Arc::new(dropit_identity::infrastructure::password::Argon2Hasher::new()),
            Arc::new(PgAuditLog::new(db.clone())),
        );
        Self {
            accounts: Arc::new(accounts),
            credentials: Arc::new(credentials),
            tokens,
            users,
            memberships: PgMemberships::new(db.clone()),
            authorizer: Authorizer::default(),
            cookie: CookiePolicy { max_age_secs: 1 },
            invitations: PgInvitations::new(db),
            mail,
            public_url: "http://localhost".to_owned(),
            invitation_ttl: Duration::from_secs(1),
        }
    }
}

/// A limiter that never limits, for describing the API.
struct Unlimited;

#[async_trait::async_trait]
impl dropit_identity::application::AttemptLimiter for Unlimited {
    async fn locked(&self, _: &[String]) -> Option<Duration> {
        None
    }
    async fn failed(&self, _: &[String]) {}
    async fn forget(&self, _: &str) {}
}

/// A single-page app: its files, and `index.html` for every other path so client routes load.
fn static_app(dir: &std::path::Path) -> static_files::SinglePageApp {
    static_files::SinglePageApp::new(dir)
}
