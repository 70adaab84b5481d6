//! The shared cache in Redis: catalogue reads and registry lookups are kept per club and
//! dropped by writes; with Redis gone, every read still answers and writes are still seen.

use serde_json::json;

use crate::support::{
    OwnService, create_club, make_operator, spawn_app, spawn_app_with, stack_var, wait_for_service_status,
};

async fn redis_connection(url: &str) -> redis::aio::MultiplexedConnection {
    redis::Client::open(url).expect("redis").get_multiplexed_async_connection().await.expect("connection")
}

async fn fields(connection: &mut redis::aio::MultiplexedConnection, key: &str) -> Vec<String> {
    redis::cmd("HKEYS").arg(key).query_async(connection).await.expect("hkeys")
}

#[tokio::test]
async fn catalogue_reads_and_registry_lookups_are_cached_per_club_and_dropped_by_writes() {
    // The stack's Redis: operators are announced there.
    let app = spawn_app().await;
    let mut connection = redis_connection(&stack_var("DROPIT_REDIS__URL")).await;
    let coach = app.person("Coach").await;
    let operator = app.person("Operator").await;
    make_operator(&app, &operator).await;
    let club_id = create_club(&app, &coach, "cached-club").await;
    let namespace = dropit_infra::cache::namespace_of(&app.database_url);
    let group = format!("dropit:{namespace}:club:{club_id}:exercises");
    let clubs_key = format!("dropit:{namespace}:clubs");

    let (_, first) = app.get_as("/api/v1/clubs/cached-club/exercises?per_page=100", &coach.token).await;
    assert_eq!(first["total"], 69);
    assert_eq!(fields(&mut connection, &group).await.len(), 1, "the list is cached");
    let ttl: i64 = redis::cmd("TTL").arg(&group).query_async(&mut connection).await.expect("ttl");
    assert!(ttl > 0 && ttl <= 300, "the group expires: {ttl}");
    let (_, again) = app.get_as("/api/v1/clubs/cached-club/exercises?per_page=100", &coach.token).await;
    assert_eq!(again, first, "the cached read answers the same");

    let (status, _) = app
        .post_json(
            "/api/v1/clubs/cached-club/exercises",
            Some(&coach.token),
            json!({"name_fr": "Arraché muscle assis", "name_en": "Seated muscle snatch", "category": "snatch"}),
        )
        .await;
    assert_eq!(status, 201);
    assert!(fields(&mut connection, &group).await.is_empty(), "a write drops the club's group");
    let (_, after) = app.get_as("/api/v1/clubs/cached-club/exercises?per_page=100", &coach.token).await;
    assert_eq!(after["total"], 70);

    // Registry lookups: kept by slug and id, dropped when the club changes.
    let clubs = fields(&mut connection, &clubs_key).await;
    assert!(clubs.contains(&"slug:cached-club".to_owned()), "{clubs:?}");
    let (status, _) =
        app.post_json("/api/v1/platform/clubs/cached-club/suspend", Some(&operator.token), json!({})).await;
    assert_eq!(status, 200);
    let clubs = fields(&mut connection, &clubs_key).await;
    assert!(!clubs.contains(&"slug:cached-club".to_owned()), "{clubs:?}");
}

#[tokio::test]
async fn without_redis_reads_answer_and_writes_are_seen() {
    let mut redis = OwnService::redis();
    let url = format!("redis://127.0.0.1:{}", redis.port);
    let app = spawn_app_with(&[("DROPIT_REDIS__URL", &url)]).await;
    let coach = app.person("Coach").await;
    create_club(&app, &coach, "no-redis-club").await;
    let (_, before) = app.get_as("/api/v1/clubs/no-redis-club/exercises?per_page=5", &coach.token).await;

    redis.stop();
    wait_for_service_status(&app, "redis", "degraded").await;
    let (status, cached) = app.get_as("/api/v1/clubs/no-redis-club/exercises?per_page=5", &coach.token).await;
    assert_eq!((status, &cached), (200, &before), "served from this server's copy");
    let (status, _) = app
        .post_json(
            "/api/v1/clubs/no-redis-club/exercises",
            Some(&coach.token),
            json!({"name_fr": "Aaa premier", "name_en": "Aaa first", "category": "accessory"}),
        )
        .await;
    assert_eq!(status, 201, "writes do not need Redis");
    let (status, after) = app.get_as("/api/v1/clubs/no-redis-club/exercises?per_page=100", &coach.token).await;
    assert_eq!((status, after["total"].as_u64()), (200, Some(70)), "the local copy was dropped with the write");

    redis.restart();
    wait_for_service_status(&app, "redis", "up").await;
    let (status, back) = app.get_as("/api/v1/clubs/no-redis-club/exercises?per_page=100", &coach.token).await;
    assert_eq!((status, back["total"].as_u64()), (200, Some(70)));
}
