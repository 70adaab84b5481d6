//! `/api/v1/clubs/{club}` over HTTP: resolution, status, hostile values, isolation.

use dropit_club_migration::Migrator;
use dropit_tenancy::{
    Club, ClubSlug, ClubTier,
    domain::ClubName,
    infrastructure::{
        PgClubRegistry,
        archive::{ClubLifecycle, PgTools},
        begin_club_txn,
        changes::RedisClubChanges,
        provision::{NewClub, provision_club, standard_seeders},
    },
};
use futures::StreamExt;
use sea_orm::{ConnectionTrait, Database, DatabaseConnection, DbBackend, Statement};

use std::sync::Arc;

use crate::support::{TestApp, spawn_app, spawn_app_with, stack_var};

async fn connect(app: &TestApp) -> DatabaseConnection {
    Database::connect(&app.database_url).await.expect("connecting to the test database")
}

async fn create(db: &DatabaseConnection, slug: &str) -> Club {
    let new = NewClub::new(
        ClubSlug::parse(slug).expect("slug"),
        ClubName::parse(&format!("Club {slug}")).expect("name"),
        ClubTier::Standard,
    );
    provision_club::<Migrator>(db, new, &standard_seeders()).await.expect("provisioning")
}

async fn error_code(app: &TestApp, path: &str) -> (u16, String) {
    let resp = app.client.get(app.url(path)).send().await.expect("get");
    let status = resp.status().as_u16();
    let body: serde_json::Value = resp.json().await.expect("json");
    assert!(body["message"].is_string() && body["request_id"].is_string(), "{body}");
    (status, body["code"].as_str().unwrap_or_default().to_owned())
}

#[tokio::test]
async fn a_club_profile_by_slug_or_id() {
    let app = spawn_app().await;
    let db = connect(&app).await;
    let club = create(&db, "haltero-lyon").await;
    let (status, body) = app.get_json("/api/v1/clubs/haltero-lyon").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(body["slug"], "haltero-lyon");
    assert_eq!(body["name"], "Club haltero-lyon");
    assert_eq!(body["locale"], "fr");
    assert_eq!(body["timezone"], "Europe/Paris");
    let (status, by_id) = app.get_json(&format!("/api/v1/clubs/{}", club.id)).await;
    assert_eq!((status, by_id), (200, body));
}

#[tokio::test]
async fn unknown_and_hostile_clubs_are_404() {
    let app = spawn_app().await;
    let db = connect(&app).await;
    create(&db, "haltero-lyon").await;
    let long = "a".repeat(5000);
    let hostile = [
        "nobody",
        "haltero-lyon%27%3B%20DROP%20SCHEMA%20platform%3B--",
        "%22haltero-lyon%22",
        "..",
        "%2E%2E%2Fplatform",
        long.as_str(),
        "hаltero-lyon",
        "HALTERO-LYON",
        "00000000-0000-0000-0000-000000000000",
        "club_0123456789ab",
    ];
    for value in hostile {
        let (status, code) = error_code(&app, &format!("/api/v1/clubs/{value}")).await;
        assert_eq!((status, code.as_str()), (404, "not_found"), "{}", &value[..value.len().min(60)]);
    }
    let (status, _) = app.get_json("/api/v1/clubs/haltero-lyon").await;
    assert_eq!(status, 200, "the registry is intact");
}

#[tokio::test]
async fn suspended_and_archived_clubs_are_403_with_their_codes() {
    let app = spawn_app().await;
    let db = connect(&app).await;
    let closed = create(&db, "closed-club").await;
    let gone = create(&db, "gone-club").await;
    let tools = PgTools::new(std::path::Path::new(""), &app.database_url).expect("tools");
    let storage =
        opendal::Operator::new(opendal::services::Fs::default().root(&std::env::temp_dir().to_string_lossy()))
            .expect("storage");
    let lifecycle = ClubLifecycle::new(db.clone(), storage, tools, redis_changes());
    lifecycle.suspend(&closed).await.expect("suspend");
    lifecycle.suspend(&gone).await.expect("suspend");
    let registry = PgClubRegistry::new(db.clone());
    let gone = registry.find_by_id(gone.id).await.expect("query").expect("row");
    lifecycle.archive(&gone).await.expect("archive");

    assert_eq!(error_code(&app, "/api/v1/clubs/closed-club").await, (403, "club_suspended".to_owned()));
    assert_eq!(error_code(&app, "/api/v1/clubs/gone-club").await, (403, "club_archived".to_owned()));
}

fn redis_changes() -> Arc<RedisClubChanges> {
    let client = redis::Client::open(stack_var("DROPIT_REDIS__URL")).expect("redis url");
    let manager = redis::aio::ConnectionManager::new_lazy_with_config(client, Default::default()).expect("redis");
    Arc::new(RedisClubChanges::new(manager))
}

/// A suspension made by another process reaches a server that cached the club for an hour.
#[tokio::test]
async fn a_suspension_elsewhere_is_seen_at_once() {
    let app = spawn_app_with(&[("DROPIT_TENANCY__CACHE_TTL_SECS", "3600")]).await;
    let db = connect(&app).await;
    let club = create(&db, "haltero-lyon").await;
    let (status, _) = app.get_json("/api/v1/clubs/haltero-lyon").await;
    assert_eq!(status, 200);
    // The server's subscription may still be starting: suspend once it answers.
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;

    let tools = PgTools::new(std::path::Path::new(""), &app.database_url).expect("tools");
    let storage = opendal::Operator::new(opendal::services::Memory::default()).expect("storage");
    ClubLifecycle::new(db.clone(), storage, tools, redis_changes()).suspend(&club).await.expect("suspend");
    for _ in 0..50 {
        if error_code_or_ok(&app, "/api/v1/clubs/haltero-lyon").await == 403 {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the server still serves a suspended club from its cache");
}

async fn error_code_or_ok(app: &TestApp, path: &str) -> u16 {
    app.client.get(app.url(path)).send().await.expect("get").status().as_u16()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_clubs_over_http_never_answer_with_another_clubs_data() {
    let app = spawn_app().await;
    let db = connect(&app).await;
    let mut slugs = Vec::new();
    for i in 0..50 {
        let club = create(&db, &format!("club-{i:02}")).await;
        let txn = begin_club_txn(&db, &club.context(), std::time::Duration::from_secs(5)).await.expect("txn");
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "UPDATE club_settings SET timezone = $1",
            [format!("Canary/{}", club.slug).into()],
        ))
        .await
        .expect("canary");
        txn.commit().await.expect("commit");
        slugs.push(club.slug.to_string());
    }
    let requests = (0..1000).map(|i| {
        let slug = slugs[(i * 13) % slugs.len()].clone();
        let (client, url) = (app.client.clone(), app.url(&format!("/api/v1/clubs/{slug}")));
        async move {
            let body: serde_json::Value = client.get(url).send().await.expect("get").json().await.expect("json");
            (slug, body)
        }
    });
    let mut answers = futures::stream::iter(requests).buffer_unordered(32);
    let mut served = 0;
    while let Some((slug, body)) = answers.next().await {
        assert_eq!(body["timezone"], format!("Canary/{slug}"), "{slug} got {body}");
        served += 1;
    }
    assert_eq!(served, 1000);
}
