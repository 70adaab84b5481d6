//! The data set: clubs provisioned by the platform's own code, one club filled through the API
//! as a coach and athletes would (maxima, a group, three workouts on a Monday-Wednesday-Friday
//! plan over six months, a log for every past session), then copied into the other clubs'
//! schemas in SQL with every person's id replaced by that club's own people.

use std::{
    collections::{BTreeMap, HashMap},
    sync::Arc,
    time::Duration,
};

use chrono::{Datelike, Days, NaiveDate};
use dropit_club_migration::Migrator as ClubMigrator;
use dropit_identity::{
    application::{AccessClaims, AccessTokens, PasswordHasher},
    domain::{Email, Password, SessionId, UserId},
    infrastructure::{jwt::JwtTokens, password::Argon2Hasher},
};
use dropit_server::{Settings, migrate};
use dropit_tenancy::{
    Club, ClubSlug, ClubTier,
    domain::{ClubId, ClubName},
    infrastructure::{
        PgClubRegistry,
        provision::{NewClub, provision_club, standard_seeders},
    },
};
use dropit_testing::stack_vars;
use dropit_training::{
    application::search::Search,
    infrastructure::{PgCatalogueText, TypesenseIndex},
};
use futures::{StreamExt, stream};
use reqwest::Method;
use sea_orm::{ConnectOptions, ConnectionTrait, Database, DatabaseConnection, DbBackend, Statement, TransactionTrait};
use serde_json::{Value, json};
use uuid::Uuid;

pub const FULL_CLUBS: usize = 200;
pub const FLEET_CLUBS: usize = 5_000;
pub const ATHLETES: usize = 30;
const DATABASE: &str = "dropit_bench";
const WEEKS_PAST: i64 = 20;
const WEEKS_AHEAD: i64 = 6;
/// Days of sessions an athlete's app asks for at once (the mobile app's own window).
pub const DAYS_AHEAD: u64 = 14;
/// What the clubs beyond the first 200 hold: everything but the history, and only the planned
/// sessions around today. Their upcoming sessions answer with as much as a full club's.
const HISTORY_TABLES: [&str; 3] = ["session_logs", "personal_records", "activity"];

/// Which clubs a load spreads over.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Spread {
    /// The 200 clubs holding six months of data.
    Full,
    /// Every club of the fleet.
    Fleet,
}

impl Spread {
    pub fn describe(self) -> &'static str {
        match self {
            Spread::Full => "over the 200 full clubs",
            Spread::Fleet => "over all 5,000 clubs",
        }
    }
}

pub struct BenchClub {
    pub club: Club,
    pub coach: Person,
    pub athletes: Vec<Person>,
}

pub struct Person {
    pub id: Uuid,
    pub token: String,
}

pub struct Fixture {
    pub url: String,
    db: DatabaseConnection,
    settings: Settings,
    vars: Vec<(String, String)>,
    tokens: JwtTokens,
    password_hash: String,
    /// The club tables and their insertable columns, read once.
    tables: BTreeMap<String, Vec<Column>>,
    pub clubs: Vec<BenchClub>,
    /// Ids that are the same in every club, copied from the first.
    pub group: Uuid,
    pub snatch: Uuid,
    pub today: NaiveDate,
}

fn stmt(sql: &str, values: Vec<sea_orm::Value>) -> Statement {
    Statement::from_sql_and_values(DbBackend::Postgres, sql, values)
}

fn id_list(ids: impl Iterator<Item = Uuid>) -> String {
    ids.map(|id| id.to_string()).collect::<Vec<_>>().join(",")
}

/// The same club ids on every run, so the search index's collections are reused. The
/// schema's and role's names come from the first 12 hex digits, hence the number there.
fn club_id(n: usize) -> Uuid {
    Uuid::from_u128(((0xbe00_0000_0000 + n as u128) << 80) | 0x4000_8000_0000_0000_0000)
}

/// Drops the last run's database and its clubs' roles, which belong to the whole cluster.
async fn drop_previous(admin: &DatabaseConnection, url: &str) {
    let exists = admin
        .query_one_raw(stmt("SELECT 1 AS one FROM pg_database WHERE datname = $1", vec![DATABASE.into()]))
        .await
        .expect("pg_database")
        .is_some();
    if !exists {
        return;
    }
    let previous = Database::connect(url).await.expect("connecting to the last bench database");
    let clubs = PgClubRegistry::new(previous.clone()).list().await.unwrap_or_default();
    previous.close().await.expect("closing");
    admin.execute_unprepared(&format!("DROP DATABASE {DATABASE} WITH (FORCE)")).await.expect("drop");
    for club in clubs {
        admin
            .execute_unprepared(&format!("DROP ROLE IF EXISTS \"{}\"", club.context().role.as_str()))
            .await
            .expect("dropping a club role");
    }
    // The roles' rows are shared by the whole cluster: clean them before this run's.
    admin
        .execute_unprepared("VACUUM pg_catalog.pg_authid, pg_catalog.pg_auth_members, pg_catalog.pg_shdepend")
        .await
        .expect("vacuuming the shared catalogs");
}

impl Fixture {
    /// A new database with `clubs` provisioned clubs, a coach and 30 athletes in each.
    pub async fn create(clubs: usize) -> Fixture {
        let mut vars = stack_vars();
        let admin_url = vars.iter().find(|(k, _)| k == "DROPIT_DATABASE__URL").expect("database url").1.clone();
        let admin = Database::connect(&admin_url).await.expect("connecting to the stack's postgres");
        let mut url = url::Url::parse(&admin_url).expect("database url");
        url.set_path(DATABASE);
        let url = url.to_string();
        drop_previous(&admin, &url).await;
        admin.execute_unprepared(&format!("CREATE DATABASE {DATABASE}")).await.expect("create");
        admin.close().await.expect("closing");
        vars.retain(|(k, _)| {
            !matches!(
                k.as_str(),
                "DROPIT_DATABASE__URL" | "DROPIT_SERVER__PORT" | "DROPIT_LOG__FORMAT" | "DROPIT_LOG__FILTER"
            )
        });
        vars.push(("DROPIT_DATABASE__URL".to_owned(), url.clone()));
        let borrowed: Vec<(&str, &str)> = vars.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        let settings = Settings::load_with(None, &borrowed).expect("the stack's settings");
        migrate::migrate_platform(&settings.database).await.expect("migrating the platform");
        let mut options = ConnectOptions::new(url.clone());
        options.max_connections(8).sqlx_logging(false).acquire_timeout(Duration::from_secs(60));
        let db = Database::connect(options).await.expect("connecting to the bench database");
        let email = Email::parse("bench@example.org").expect("email");
        let password = Password::new(&Uuid::new_v4().simple().to_string(), &email).expect("password");
        let password_hash = Argon2Hasher::new().hash(&password).expect("hashing");
        let tokens = JwtTokens::new(&settings.auth.jwt_secrets(), Duration::from_secs(6 * 3600)).expect("token keys");
        let mut fixture = Fixture {
            url,
            db,
            settings,
            vars,
            tokens,
            password_hash,
            clubs: Vec::new(),
            tables: BTreeMap::new(),
            group: Uuid::nil(),
            snatch: Uuid::nil(),
            today: chrono::Local::now().date_naive(),
        };
        fixture.provision(clubs).await;
        fixture
    }

    /// The settings `dropit serve` runs with: the stack's, on the bench database.
    pub fn settings_vars(&self) -> Vec<(String, String)> {
        self.vars.clone()
    }

    /// Provisions clubs until there are `total`, each with its people.
    async fn provision(&mut self, total: usize) {
        let seeders = standard_seeders();
        let start = self.clubs.len();
        let db = &self.db;
        let seeders = &seeders;
        let made: Vec<Club> = stream::iter(start..total)
            .map(|n| async move {
                let new = NewClub {
                    id: ClubId::from_uuid(club_id(n)),
                    slug: ClubSlug::parse(&format!("bench-{n:04}")).expect("slug"),
                    name: ClubName::parse(&format!("Club d'haltérophilie {n}")).expect("name"),
                    tier: ClubTier::Standard,
                };
                provision_club::<ClubMigrator>(db, new, seeders).await.expect("provisioning a club")
            })
            .buffered(4)
            .collect()
            .await;
        for club in made {
            let coach = self.person();
            let athletes: Vec<Person> = (0..ATHLETES).map(|_| self.person()).collect();
            let ids = id_list(std::iter::once(coach.id).chain(athletes.iter().map(|a| a.id)));
            self.db
                .execute_raw(stmt(
                    "INSERT INTO platform.users (id, email, password_hash, display_name, locale)
                     SELECT u.id, 'bench-' || u.id || '@example.org', $2,
                            CASE WHEN u.n = 1 THEN 'Coach ' ELSE 'Athlète ' END || u.n, 'fr'
                     FROM unnest(string_to_array($1, ',')::uuid[]) WITH ORDINALITY AS u(id, n)",
                    vec![ids.clone().into(), self.password_hash.clone().into()],
                ))
                .await
                .expect("people");
            self.db
                .execute_raw(stmt(
                    "INSERT INTO platform.memberships (user_id, club_id, role)
                     SELECT u.id, $2, CASE WHEN u.n = 1 THEN 'coach' ELSE 'athlete' END
                     FROM unnest(string_to_array($1, ',')::uuid[]) WITH ORDINALITY AS u(id, n)",
                    vec![ids.into(), club.id.as_uuid().into()],
                ))
                .await
                .expect("memberships");
            self.clubs.push(BenchClub { club, coach, athletes });
        }
    }

    /// A new person with an access token signed by the server's own token code and key, as
    /// `/auth/login` would give (logging thousands in would only measure Argon2).
    fn person(&self) -> Person {
        let id = Uuid::new_v4();
        let claims = AccessClaims { user: UserId::from_uuid(id), session: SessionId::generate(), operator: false };
        let (token, _) = self.tokens.issue(&claims).expect("a token");
        Person { id, token }
    }

    /// Fills the first club through the API, then copies it into the other full clubs.
    pub async fn fill(&mut self, base: &str) {
        let api = Api { client: reqwest::Client::new(), base: base.to_owned() };
        let (group, snatch) = self.fill_template(&api).await;
        self.tables = self.columns(self.clubs[0].club.context().schema.as_str()).await;
        self.group = group;
        self.snatch = snatch;
        let this = &*self;
        stream::iter(1..self.clubs.len().min(FULL_CLUBS)).for_each_concurrent(2, |n| this.copy(n, false)).await;
        let search = Search::new(
            Arc::new(TypesenseIndex::new(
                dropit_infra::search::Search::new(&self.settings.search).expect("typesense").configuration(),
            )),
            Arc::new(PgCatalogueText::new(self.db.clone(), Duration::from_secs(30))),
        );
        for club in self.clubs.iter().take(FULL_CLUBS) {
            search.reindex(&club.club.context()).await.expect("indexing a club's catalogue");
        }
        self.db.execute_unprepared("VACUUM ANALYZE").await.expect("analyze");
        self.settle().await;
    }

    /// Provisions the fleet up to `total` clubs, each holding the first club's people, settings,
    /// catalogue and the planned sessions around today.
    pub async fn grow(&mut self, total: usize) {
        let start = self.clubs.len();
        self.provision(total).await;
        let this = &*self;
        stream::iter(start..total).for_each_concurrent(2, |n| this.copy(n, true)).await;
        self.db.execute_unprepared("ANALYZE").await.expect("analyze");
        self.settle().await;
    }

    /// Waits until PostgreSQL has nothing left to do of its own after the loading (a
    /// checkpoint, autovacuum), so that no measurement pays for it.
    async fn settle(&self) {
        self.db.execute_unprepared("CHECKPOINT").await.expect("checkpoint");
        for _ in 0..300 {
            let busy = self
                .db
                .query_one_raw(stmt(
                    "SELECT count(*) AS n FROM pg_stat_activity WHERE backend_type = 'autovacuum worker'",
                    vec![],
                ))
                .await
                .expect("pg_stat_activity")
                .map_or(0, |row| row.try_get::<i64>("", "n").unwrap_or(0));
            if busy == 0 {
                break;
            }
            tokio::time::sleep(Duration::from_secs(1)).await;
        }
        tokio::time::sleep(Duration::from_secs(3)).await;
    }

    async fn fill_template(&self, api: &Api) -> (Uuid, Uuid) {
        let club = &self.clubs[0];
        let slug = club.club.slug.as_str();
        let coach = &club.coach.token;
        let mut exercises = HashMap::new();
        for page in 1..=3 {
            let found =
                api.call(Method::GET, &format!("/clubs/{slug}/exercises?per_page=100&page={page}"), coach, None).await;
            for item in found["items"].as_array().expect("items") {
                exercises.insert(
                    item["name_en"].as_str().expect("name").to_owned(),
                    item["id"].as_str().expect("id").to_owned(),
                );
            }
        }
        let exercise = |name: &str| exercises.get(name).unwrap_or_else(|| panic!("no starter exercise {name}")).clone();

        // Maxima: snatches from 60 to 119 kg, the other lifts in the usual proportions.
        let mut maxima: Vec<HashMap<&str, f64>> = Vec::new();
        for (i, athlete) in club.athletes.iter().enumerate() {
            let snatch = 60.0 + (i * 37 % 60) as f64;
            let cj = (snatch * 1.22).round();
            let lifts = HashMap::from([
                ("snatch", snatch),
                ("clean_and_jerk", cj),
                ("clean", (cj * 1.04).round()),
                ("jerk", (cj * 1.03).round()),
                ("back_squat", (cj * 1.4).round()),
                ("front_squat", (cj * 1.18).round()),
            ]);
            for (lift, kg) in &lifts {
                let path = format!("/clubs/{slug}/athletes/{}/maxima/{lift}", athlete.id);
                api.call(Method::PUT, &path, coach, Some(json!({ "kg": kg }))).await;
            }
            maxima.push(lifts);
        }
        let athlete_ids: Vec<String> = club.athletes.iter().map(|a| a.id.to_string()).collect();
        let group =
            api.call(Method::POST, &format!("/clubs/{slug}/groups"), coach, Some(json!({"name": "Seniors"}))).await;
        let group_id = group["id"].as_str().expect("group id").to_owned();
        api.call(
            Method::PUT,
            &format!("/clubs/{slug}/groups/{group_id}"),
            coach,
            Some(json!({"name": "Seniors", "athlete_ids": athlete_ids})),
        )
        .await;

        let monday = self.today - Days::new(u64::from(self.today.weekday().num_days_from_monday()));
        let mut logs = Vec::new();
        for (day, (name, lines)) in WORKOUTS.iter().enumerate() {
            let body_lines: Vec<Value> = lines
                .iter()
                .map(|line| {
                    let parts: Vec<Value> = line
                        .parts
                        .iter()
                        .map(|(name, reps)| match reps {
                            0 => json!({"exercise_id": exercise(name)}),
                            reps => json!({"exercise_id": exercise(name), "reps": reps}),
                        })
                        .collect();
                    let sets: Vec<Value> = line
                        .sets
                        .iter()
                        .map(|(reps, pct)| json!({"reps": reps, "intensity": {"kind": "percent", "min": pct, "of": line.of}}))
                        .collect();
                    json!({"parts": parts, "sets": sets})
                })
                .collect();
            let workout = api
                .call(
                    Method::POST,
                    &format!("/clubs/{slug}/workouts"),
                    coach,
                    Some(json!({"name": name, "lines": body_lines})),
                )
                .await;
            let dates: Vec<String> = (-WEEKS_PAST..WEEKS_AHEAD)
                .map(|week| (monday + chrono::Duration::days(week * 7 + 2 * day as i64)).to_string())
                .collect();
            let plan = json!({"workout_id": workout["id"], "group_id": group_id, "dates": dates});
            let scheduled = api.call(Method::POST, &format!("/clubs/{slug}/planned-sessions"), coach, Some(plan)).await;
            for session in scheduled["sessions"].as_array().expect("sessions") {
                let date: NaiveDate = session["date"].as_str().expect("date").parse().expect("a date");
                if date >= self.today {
                    continue;
                }
                let athlete = session["athlete_id"].as_str().expect("athlete");
                let index = athlete_ids.iter().position(|a| a == athlete).expect("one of the group");
                let mut sets = Vec::new();
                for line in *lines {
                    let max = maxima[index][line.of];
                    let parts: Vec<Value> = line
                        .parts
                        .iter()
                        .filter(|(_, reps)| *reps > 0)
                        .map(|(name, reps)| json!({"exercise_id": exercise(name), "reps": reps}))
                        .collect();
                    for (k, (reps, pct)) in line.sets.iter().enumerate() {
                        let made = (index + k + logs.len()) % 11 != 0;
                        sets.push(json!({
                            "exercise_id": exercise(line.parts[0].0),
                            "reps": reps,
                            "load_kg": (max * pct / 100.0).round(),
                            "made": made,
                            "parts": parts,
                        }));
                    }
                }
                let log = json!({
                    "id": Uuid::new_v4(),
                    "planned_session_id": session["id"],
                    "performed_on": date.to_string(),
                    "session_rpe": 7.5,
                    "duration_minutes": 90,
                    "sets": sets,
                });
                logs.push((index, log));
            }
        }
        let slug = slug.to_owned();
        stream::iter(logs)
            .for_each_concurrent(8, |(index, log)| {
                let path = format!("/clubs/{slug}/me/logs");
                let token = club.athletes[index].token.clone();
                async move {
                    api.call(Method::POST, &path, &token, Some(log)).await;
                }
            })
            .await;
        (group_id.parse().expect("group id"), exercise("Snatch").parse().expect("exercise id"))
    }

    /// Copies the first club's tables into club `n`, each person's id replaced by the one in the
    /// same place in club `n`. `partial` leaves the history out.
    async fn copy(&self, n: usize, partial: bool) {
        let (template, target) = (&self.clubs[0], &self.clubs[n]);
        let people = |c: &BenchClub| id_list(std::iter::once(c.coach.id).chain(c.athletes.iter().map(|a| a.id)));
        let from = template.club.context().schema.quoted();
        let to = target.club.context().schema.quoted();
        let columns = &self.tables;
        let txn = self.db.begin().await.expect("begin");
        txn.execute_unprepared(
            "SET LOCAL session_replication_role = replica;
             CREATE TEMP TABLE bench_people (old uuid PRIMARY KEY, new uuid NOT NULL) ON COMMIT DROP",
        )
        .await
        .expect("copy setup");
        txn.execute_raw(stmt(
            "INSERT INTO bench_people SELECT * FROM unnest(string_to_array($1, ',')::uuid[], string_to_array($2, ',')::uuid[])",
            vec![people(template).into(), people(target).into()],
        ))
        .await
        .expect("people map");
        // What provisioning seeded (catalogue, settings) makes way for the copy. DELETE, not
        // TRUNCATE: the tables are all but empty, and TRUNCATE makes new files for each.
        let emptying: String = columns.keys().map(|t| format!("DELETE FROM {to}.\"{t}\";")).collect();
        txn.execute_unprepared(&emptying).await.expect("emptying the new club");
        let window = (self.today - Days::new(7), self.today + Days::new(21));
        for (table, cols) in columns {
            if partial && HISTORY_TABLES.contains(&table.as_str()) {
                continue;
            }
            let names = cols.iter().map(|c| format!("\"{}\"", c.name)).collect::<Vec<_>>().join(", ");
            let values = cols
                .iter()
                .map(|c| match c.uuid {
                    true => format!(
                        "coalesce((SELECT p.new FROM bench_people p WHERE p.old = s.\"{0}\"), s.\"{0}\")",
                        c.name
                    ),
                    false => format!("s.\"{}\"", c.name),
                })
                .collect::<Vec<_>>()
                .join(", ");
            let overriding = if cols.iter().any(|c| c.identity) { "OVERRIDING SYSTEM VALUE" } else { "" };
            let only = match (partial, table.as_str()) {
                (true, "planned_sessions") => format!(" WHERE s.on_date BETWEEN '{}' AND '{}'", window.0, window.1),
                _ => String::new(),
            };
            txn.execute_unprepared(&format!(
                "INSERT INTO {to}.\"{table}\" ({names}) {overriding} SELECT {values} FROM {from}.\"{table}\" s{only}"
            ))
            .await
            .unwrap_or_else(|e| panic!("copying {table}: {e}"));
            for c in cols.iter().filter(|c| c.sequenced) {
                txn.execute_unprepared(&format!(
                    "SELECT setval(pg_get_serial_sequence('{to}.\"{table}\"', '{0}'), coalesce(max(\"{0}\"), 0) + 1, false) FROM {to}.\"{table}\"",
                    c.name
                ))
                .await
                .expect("sequence");
            }
        }
        txn.commit().await.expect("commit");
    }

    /// The club tables of `schema` and their insertable columns.
    async fn columns(&self, schema: &str) -> BTreeMap<String, Vec<Column>> {
        let rows = self
            .db
            .query_all_raw(stmt(
                "SELECT c.table_name::text AS t, c.column_name::text AS c, c.data_type = 'uuid' AS is_uuid,
                        c.is_identity = 'YES' AS identity,
                        c.is_identity = 'YES' OR coalesce(c.column_default, '') LIKE 'nextval(%' AS sequenced
                 FROM information_schema.columns c
                 JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                 WHERE c.table_schema = $1 AND t.table_type = 'BASE TABLE' AND c.is_generated = 'NEVER'
                   AND t.table_name NOT LIKE 'seaql%'
                 ORDER BY c.table_name, c.ordinal_position",
                vec![schema.into()],
            ))
            .await
            .expect("columns");
        let mut tables: BTreeMap<String, Vec<Column>> = BTreeMap::new();
        for row in rows {
            let get_bool = |name: &str| row.try_get::<bool>("", name).expect("flag");
            tables.entry(row.try_get("", "t").expect("table")).or_default().push(Column {
                name: row.try_get("", "c").expect("column"),
                uuid: get_bool("is_uuid"),
                identity: get_bool("identity"),
                sequenced: get_bool("sequenced"),
            });
        }
        tables
    }

    /// Which club a request goes to.
    pub fn pick(&self, spread: Spread, rng: &mut fastrand::Rng) -> &BenchClub {
        let n = match spread {
            Spread::Full => FULL_CLUBS.min(self.clubs.len()),
            Spread::Fleet => self.clubs.len(),
        };
        &self.clubs[rng.usize(..n)]
    }

    /// What the database holds, in words.
    pub async fn summary(&self) -> String {
        let row = self
            .db
            .query_one_raw(stmt(
                "SELECT current_setting('server_version') AS version,
                        (SELECT count(*) FROM platform.clubs) AS clubs,
                        (SELECT count(*) FROM platform.users) AS people,
                        pg_database_size(current_database()) AS bytes,
                        (SELECT coalesce(sum(n_live_tup), 0)::bigint FROM pg_stat_user_tables WHERE relname = 'planned_sessions') AS planned,
                        (SELECT coalesce(sum(n_live_tup), 0)::bigint FROM pg_stat_user_tables WHERE relname = 'session_logs') AS logs,
                        (SELECT count(*) FROM pg_class) AS relations",
                vec![],
            ))
            .await
            .expect("summary")
            .expect("a row");
        let int = |name: &str| row.try_get::<i64>("", name).expect("count");
        format!(
            "PostgreSQL {}, {} clubs, {} people, {} planned sessions, {} session logs, {} relations, {:.1} GiB",
            row.try_get::<String>("", "version").expect("version"),
            int("clubs"),
            int("people"),
            int("planned"),
            int("logs"),
            int("relations"),
            int("bytes") as f64 / (1u64 << 30) as f64
        )
    }
}

struct Column {
    name: String,
    uuid: bool,
    identity: bool,
    sequenced: bool,
}

/// One line of a workout: its exercises with their repetitions in a complex (0 for a plain
/// exercise), the reference lift of its percentages, and its sets as (reps, % of the maximum).
struct Line {
    parts: &'static [(&'static str, u32)],
    of: &'static str,
    sets: &'static [(u32, f64)],
}

const WORKOUTS: [(&str, &[Line]); 3] = [
    (
        "Lundi : arraché",
        &[
            Line {
                parts: &[("Snatch", 0)],
                of: "snatch",
                sets: &[(2, 70.0), (2, 75.0), (2, 80.0), (1, 85.0), (1, 85.0)],
            },
            Line {
                parts: &[("Clean", 1), ("Front squat", 1), ("Jerk", 1)],
                of: "clean_and_jerk",
                sets: &[(1, 75.0), (1, 80.0), (1, 80.0)],
            },
            Line { parts: &[("Back squat", 0)], of: "back_squat", sets: &[(5, 70.0), (3, 80.0), (3, 80.0), (3, 80.0)] },
        ],
    ),
    (
        "Mercredi : épaulé-jeté",
        &[
            Line {
                parts: &[("Clean & jerk", 0)],
                of: "clean_and_jerk",
                sets: &[(1, 75.0), (1, 80.0), (1, 85.0), (1, 85.0), (1, 90.0)],
            },
            Line { parts: &[("Front squat", 0)], of: "front_squat", sets: &[(3, 75.0), (3, 80.0), (3, 80.0)] },
            Line { parts: &[("Snatch", 0)], of: "snatch", sets: &[(3, 65.0), (3, 65.0)] },
        ],
    ),
    (
        "Vendredi : force",
        &[
            Line { parts: &[("Snatch", 0)], of: "snatch", sets: &[(1, 80.0), (1, 85.0), (1, 90.0)] },
            Line { parts: &[("Clean & jerk", 0)], of: "clean_and_jerk", sets: &[(1, 80.0), (1, 85.0), (1, 90.0)] },
            Line { parts: &[("Back squat", 0)], of: "back_squat", sets: &[(2, 85.0), (2, 90.0), (2, 90.0)] },
        ],
    ),
];

struct Api {
    client: reqwest::Client,
    base: String,
}

impl Api {
    async fn call(&self, method: Method, path: &str, token: &str, body: Option<Value>) -> Value {
        let mut request = self.client.request(method.clone(), format!("{}/api/v1{path}", self.base)).bearer_auth(token);
        if let Some(body) = body {
            request = request.json(&body);
        }
        let response = request.send().await.unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        let status = response.status();
        let text = response.text().await.unwrap_or_default();
        assert!(status.is_success(), "{method} {path}: {status} {text}");
        serde_json::from_str(&text).unwrap_or(Value::Null)
    }
}
