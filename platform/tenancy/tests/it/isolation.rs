//! Isolation: a club's work sees its own schema and nothing else, under concurrency and when
//! the context is missing or wrong.

use std::{sync::Arc, time::Duration};

use dropit_tenancy::{
    ClubCtx,
    application::ClubResolver,
    infrastructure::{PgClubRegistry, begin_club_txn},
};
use futures::StreamExt;
use sea_orm::{ConnectionTrait, DatabaseConnection, DbBackend, Statement, TransactionTrait};

use crate::support::{WithCanary, fresh_database, provision, scalar};

const TIMEOUT: Duration = Duration::from_secs(5);

async fn canaries(db: &DatabaseConnection, ctx: &ClubCtx) -> Vec<String> {
    let txn = begin_club_txn(db, ctx, TIMEOUT).await.expect("club transaction");
    let rows = txn
        .query_all_raw(Statement::from_string(DbBackend::Postgres, "SELECT club FROM canary".to_owned()))
        .await
        .expect("reading the canary");
    txn.commit().await.expect("commit");
    rows.iter().map(|r| r.try_get::<String>("", "club").expect("text")).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn fifty_clubs_under_concurrent_requests_never_see_each_other() {
    // Fewer connections than concurrent requests: every connection serves many clubs in turn.
    let db = fresh_database(8).await;
    let mut slugs = Vec::new();
    for i in 0..50 {
        let club = provision::<WithCanary>(&db, &format!("club-{i:02}")).await;
        let txn = begin_club_txn(&db, &club.context(), TIMEOUT).await.expect("club transaction");
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "INSERT INTO canary (club) VALUES ($1)",
            [club.slug.as_str().into()],
        ))
        .await
        .expect("writing the canary as the club's role");
        txn.commit().await.expect("commit");
        slugs.push(club.slug.to_string());
    }

    let resolver = ClubResolver::new(Arc::new(PgClubRegistry::new(db.clone())), Duration::from_secs(60), 1000);
    let requests = (0..2000).map(|i| {
        let (db, resolver, slug) = (db.clone(), resolver.clone(), slugs[(i * 7) % slugs.len()].clone());
        async move {
            let ctx = resolver.resolve(&slug).await.expect("resolving");
            (slug, canaries(&db, &ctx).await)
        }
    });
    let mut answers = futures::stream::iter(requests).buffer_unordered(64);
    let mut served = 0;
    while let Some((slug, seen)) = answers.next().await {
        assert_eq!(seen, vec![slug.clone()], "{slug} saw another club's data");
        served += 1;
    }
    assert_eq!(served, 2000);
}

#[tokio::test]
async fn without_a_club_context_club_tables_cannot_be_read() {
    let db = fresh_database(1).await;
    let club = provision::<WithCanary>(&db, "haltero-lyon").await;
    let txn = db.begin().await.expect("begin");
    let error = txn
        .query_all_raw(Statement::from_string(DbBackend::Postgres, "SELECT * FROM canary".to_owned()))
        .await
        .expect_err("a club table outside a club transaction");
    assert!(error.to_string().contains("does not exist"), "{error}");
    txn.rollback().await.expect("rollback");

    // After a club transaction, the pooled connection is back to the login role and path.
    canaries(&db, &club.context()).await;
    assert_eq!(scalar::<String>(&db, "current_user").await, "dropit");
    assert!(!scalar::<String>(&db, "current_setting('search_path')").await.contains("club_"));
}

#[tokio::test]
async fn a_wrong_search_path_is_permission_denied() {
    let db = fresh_database(2).await;
    let lyon = provision::<WithCanary>(&db, "haltero-lyon").await;
    let paris = provision::<WithCanary>(&db, "haltero-paris").await;
    // Lyon's role with Paris's schema on the path. PostgreSQL skips a schema the role may not
    // use when it resolves a name, so an unqualified name is not found; qualified, it is refused.
    let confused = ClubCtx { id: lyon.id, schema: paris.schema.clone(), role: lyon.role.clone() };
    let txn = begin_club_txn(&db, &confused, TIMEOUT).await.expect("begin");
    let error = txn
        .query_all_raw(Statement::from_string(DbBackend::Postgres, "SELECT * FROM canary".to_owned()))
        .await
        .expect_err("another club's table");
    assert!(error.to_string().contains("relation \"canary\" does not exist"), "{error}");
    txn.rollback().await.expect("rollback");

    let txn = begin_club_txn(&db, &lyon.context(), TIMEOUT).await.expect("begin");
    let qualified = format!("SELECT * FROM {}.canary", paris.schema.quoted());
    let error = txn
        .query_all_raw(Statement::from_string(DbBackend::Postgres, qualified.clone()))
        .await
        .expect_err("another club's table, qualified");
    assert!(error.to_string().contains("permission denied for schema"), "{error}");
    txn.rollback().await.expect("rollback");

    // Even with the other club's schema on the path, the other club's table is refused.
    let txn = begin_club_txn(&db, &confused, TIMEOUT).await.expect("begin");
    let error = txn
        .query_all_raw(Statement::from_string(DbBackend::Postgres, qualified))
        .await
        .expect_err("another club's table, qualified");
    assert!(error.to_string().contains("permission denied"), "{error}");
}

#[tokio::test]
async fn a_club_statement_runs_under_the_statement_timeout() {
    let db = fresh_database(1).await;
    let club = provision::<WithCanary>(&db, "haltero-lyon").await;
    let txn = begin_club_txn(&db, &club.context(), Duration::from_millis(100)).await.expect("begin");
    let error = txn.execute_unprepared("SELECT pg_sleep(2)").await.expect_err("a statement over the club's timeout");
    assert!(error.to_string().contains("statement timeout"), "{error}");
}

/// With the connections split into club pools, a club's transactions always run on its own
/// pool's connections (a pool of one connection answers from the same backend every time), the
/// clubs share out over the pools, and each transaction still sees only its club.
#[tokio::test]
async fn club_pools_keep_each_club_on_the_connections_of_its_pool() {
    use std::collections::{HashMap, HashSet};

    use dropit_tenancy::infrastructure::ClubPools;

    let db = fresh_database(2).await;
    let url = crate::support::database_url(&crate::support::database_name(&db).await);
    let mut pools = Vec::new();
    for _ in 0..3 {
        let mut options = sea_orm::ConnectOptions::new(url.clone());
        options.max_connections(1).sqlx_logging(false);
        pools.push(sea_orm::Database::connect(options).await.expect("a club pool"));
    }
    let pools = ClubPools::new(pools);
    let mut clubs = Vec::new();
    for i in 0..12 {
        clubs.push(provision::<WithCanary>(&db, &format!("pooled-{i:02}")).await.context());
    }
    let mut backend_of = HashMap::new();
    for _ in 0..3 {
        for ctx in &clubs {
            let txn = begin_club_txn(&pools, ctx, TIMEOUT).await.expect("club transaction");
            let backend: i32 = scalar(&txn, "pg_backend_pid()").await;
            let schema: String = scalar(&txn, "current_schema()").await;
            txn.commit().await.expect("commit");
            assert_eq!(schema, ctx.schema.as_str());
            assert_eq!(*backend_of.entry(ctx.id).or_insert(backend), backend, "a club moved to another connection");
        }
    }
    assert!(backend_of.values().collect::<HashSet<_>>().len() > 1, "every club landed on one pool");
}
