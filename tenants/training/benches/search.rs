//! Search and catalogue reads on a club of 10,000 exercises (`scripts/bench search`), against
//! the local stack: Typesense against the PostgreSQL fallback, and the exercise list through
//! the shared cache against straight from PostgreSQL, all measured in the same run.

// A report: printing the figures is its purpose.
#![allow(clippy::print_stdout)]

use std::{
    sync::Arc,
    time::{Duration, Instant},
};

use dropit_club_migration::Migrator;
use dropit_infra::{
    cache::{Redis, TieredCache},
    search::Search as Typesense,
    settings::{RedisSettings, SearchSettings},
};
use dropit_tenancy::{
    ClubSlug, ClubTier,
    domain::ClubName,
    infrastructure::{
        begin_club_txn,
        provision::{NewClub, provision_club, standard_seeders},
    },
};
use dropit_testing::stack_var;
use dropit_training::{
    application::{
        ExerciseCatalogue, ExerciseFilter,
        search::{CatalogueText, Kind, SearchIndex, SearchQuery},
    },
    infrastructure::{CachedCatalogue, PgCatalogueText, PgExerciseCatalogue, TypesenseIndex},
};
use sea_orm::ConnectionTrait;

const EXERCISES: usize = 10_000;
const RUNS: usize = 200;
const QUERIES: [&str; 8] =
    ["snatc", "arrache", "epaule jete", "front squat", "snacth", "tirage", "pause", "block pull"];

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn report(name: &str, mut times: Vec<Duration>) -> Duration {
    times.sort();
    let (p50, p95) = (percentile(&times, 0.5), percentile(&times, 0.95));
    println!("  {name:<34} p50 {:7.3} ms   p95 {:7.3} ms", ms(p50), ms(p95));
    p50
}

#[tokio::main]
async fn main() {
    let (db, _) = dropit_testing::fresh_database(8).await;
    let timeout = Duration::from_secs(30);
    let club = provision_club::<Migrator>(
        &db,
        NewClub::new(
            ClubSlug::parse("bench-search").expect("slug"),
            ClubName::parse("Bench").expect("name"),
            ClubTier::Standard,
        ),
        &standard_seeders(),
    )
    .await
    .expect("a club");
    let ctx = club.context();
    // 10,000 exercises: the starter names with variants, as a big club's catalogue would read.
    let txn = begin_club_txn(&db, &ctx, timeout).await.expect("txn");
    txn.execute_unprepared(&format!(
        "INSERT INTO exercises (name_fr, name_en, category, tags, reference_lift)
         SELECT e.name_fr || ' variante ' || n, e.name_en || ' variant ' || n, e.category, e.tags, e.reference_lift
         FROM exercises e, generate_series(1, {}) n",
        EXERCISES / 69
    ))
    .await
    .expect("exercises");
    txn.commit().await.expect("commit");

    let typesense = Typesense::new(&SearchSettings {
        url: stack_var("DROPIT_SEARCH__URL"),
        api_key: stack_var("DROPIT_SEARCH__API_KEY").into(),
        timeout_ms: 5_000,
    })
    .expect("typesense");
    let index = TypesenseIndex::new(typesense.configuration());
    let text = PgCatalogueText::new(db.clone(), timeout);
    let docs = text.documents(&ctx).await.expect("documents");
    let started = Instant::now();
    index.rebuild(&ctx, &docs).await.expect("indexing");
    println!("indexed {} exercises in {:.2} s; {RUNS} searches each:", docs.len(), started.elapsed().as_secs_f64());

    let query = |i: usize| SearchQuery {
        text: QUERIES[i % QUERIES.len()].to_owned(),
        kinds: vec![Kind::Exercise],
        category: None,
        tag: None,
        limit: 20,
    };
    let (mut indexed, mut fallback) = (Vec::new(), Vec::new());
    for i in 0..RUNS {
        let q = query(i);
        let started = Instant::now();
        std::hint::black_box(index.search(&ctx, &q).await.expect("search"));
        indexed.push(started.elapsed());
        let started = Instant::now();
        std::hint::black_box(text.search(&ctx, &q).await.expect("fallback"));
        fallback.push(started.elapsed());
    }
    let typesense_p50 = report("typesense", indexed);
    let fallback_p50 = report("postgresql fallback", fallback);
    println!(
        "  ratio                              {:.1}× (fallback ÷ typesense)",
        fallback_p50.as_secs_f64() / typesense_p50.as_secs_f64()
    );

    let redis = Redis::new(&RedisSettings {
        url: stack_var("DROPIT_REDIS__URL").into(),
        timeout_ms: 500,
        cache_ttl_secs: 300,
        local_cache_secs: 30,
    })
    .expect("redis");
    let plain = Arc::new(PgExerciseCatalogue::new(db.clone(), timeout));
    let cached = CachedCatalogue::new(
        plain.clone(),
        TieredCache::new(redis, "bench-search", Duration::from_secs(300), Duration::from_secs(30), 1_000),
    );
    let filter = ExerciseFilter::default();
    cached.list(&ctx, &filter, 0, 25).await.expect("warm");
    let (mut straight, mut through) = (Vec::new(), Vec::new());
    for _ in 0..RUNS {
        let started = Instant::now();
        std::hint::black_box(plain.list(&ctx, &filter, 0, 25).await.expect("list"));
        straight.push(started.elapsed());
        let started = Instant::now();
        std::hint::black_box(cached.list(&ctx, &filter, 0, 25).await.expect("cached list"));
        through.push(started.elapsed());
    }
    println!("the first page of the catalogue (25 of {} exercises), {RUNS} reads each:", docs.len());
    let straight_p50 = report("postgresql", straight);
    let cached_p50 = report("redis cache", through);
    println!(
        "  ratio                              {:.1}× (postgresql ÷ cache)",
        straight_p50.as_secs_f64() / cached_p50.as_secs_f64()
    );
}
