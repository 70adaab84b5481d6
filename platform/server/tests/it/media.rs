//! Exercise media, the same suite on the filesystem backend and on S3: uploads checked by
//! content and size, nothing kept of a refused one, reads whole or by range, deletion; and
//! the circuit breaker when storage goes away.

use std::time::Duration;

use serde_json::Value;

use crate::support::{OwnService, TestApp, create_club, spawn_app_with};

const LIMIT: usize = 300_000;
/// A storage timeout that a busy 2-core machine running every test at once still meets.
const SLOW_MACHINE: &str = "15000";

fn png(size: usize) -> Vec<u8> {
    let mut bytes = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    bytes.resize(size, 7);
    bytes
}

fn mp4(size: usize) -> Vec<u8> {
    let mut bytes = b"\0\0\0\x18ftypmp42\0\0\0\0mp42isom".to_vec();
    bytes.resize(size, 1);
    bytes
}

async fn upload(app: &TestApp, token: &str, club: &str, exercise: &str, bytes: Vec<u8>) -> (u16, Value) {
    let path = format!("/api/v1/clubs/{club}/exercises/{exercise}/media");
    app.send_bytes(reqwest::Method::PUT, &path, Some(token), bytes, "en").await
}

async fn suite(overrides: &[(&str, &str)]) {
    let limit = LIMIT.to_string();
    let mut all = overrides.to_vec();
    all.extend([("DROPIT_STORAGE__MAX_UPLOAD_BYTES", limit.as_str()), ("DROPIT_STORAGE__TIMEOUT_MS", SLOW_MACHINE)]);
    let app = spawn_app_with(&all).await;
    let coach = app.person("Coach").await;
    let stranger = app.person("Stranger").await;
    create_club(&app, &coach, "media-club").await;
    create_club(&app, &stranger, "other-media-club").await;
    let (_, exercises) = app.get_as("/api/v1/clubs/media-club/exercises?per_page=1", &coach.token).await;
    let exercise = exercises["items"][0]["id"].as_str().expect("exercise").to_owned();

    // A video in 64 kB chunks of a streamed body, and an image.
    let (status, video) = upload(&app, &coach.token, "media-club", &exercise, mp4(200_000)).await;
    assert_eq!(
        (status, video["content_type"].as_str(), video["size_bytes"].as_u64()),
        (201, Some("video/mp4"), Some(200_000)),
        "{video}"
    );
    let (status, image) = upload(&app, &coach.token, "media-club", &exercise, png(5_000)).await;
    assert_eq!((status, image["content_type"].as_str()), (201, Some("image/png")), "{image}");

    // Refused: too large, text posing as anything, an executable, empty, another club's.
    let refusals = [
        (png(LIMIT + 1), 413, "payload_too_large"),
        (b"just some text, named clean.mp4".to_vec(), 415, "unsupported_media_type"),
        (b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0".to_vec(), 415, "unsupported_media_type"),
        (Vec::new(), 422, "validation_failed"),
    ];
    for (bytes, want, code) in refusals {
        let (status, body) = upload(&app, &coach.token, "media-club", &exercise, bytes).await;
        assert_eq!((status, body["code"].as_str()), (want, Some(code)), "{body}");
    }
    let (status, _) = upload(&app, &stranger.token, "media-club", &exercise, png(100)).await;
    assert_eq!(status, 404, "not a member");
    let (status, _) = upload(&app, &stranger.token, "other-media-club", &exercise, png(100)).await;
    assert_eq!(status, 404, "another club's exercise");
    let (_, listed) = app.get_as(&format!("/api/v1/clubs/media-club/exercises/{exercise}/media"), &coach.token).await;
    assert_eq!(listed.as_array().map(Vec::len), Some(2), "nothing kept of the refused ones: {listed}");

    // Read whole, and by range for seeking.
    let id = video["id"].as_str().expect("id");
    let whole = app
        .client
        .get(app.url(&format!("/api/v1/clubs/media-club/media/{id}")))
        .bearer_auth(&coach.token)
        .send()
        .await
        .expect("read");
    assert_eq!(whole.status(), 200);
    assert_eq!(whole.bytes().await.expect("bytes").to_vec(), mp4(200_000));
    let part = app
        .client
        .get(app.url(&format!("/api/v1/clubs/media-club/media/{id}")))
        .bearer_auth(&coach.token)
        .header("range", "bytes=4-11")
        .send()
        .await
        .expect("range");
    assert_eq!(part.status(), 206);
    assert_eq!(part.headers()["content-range"], "bytes 4-11/200000");
    assert_eq!(part.bytes().await.expect("bytes").as_ref(), b"ftypmp42");

    let delete = |token: String| {
        let app = &app;
        async move {
            app.client
                .delete(app.url(&format!("/api/v1/clubs/media-club/media/{id}")))
                .bearer_auth(token)
                .send()
                .await
                .expect("delete")
                .status()
                .as_u16()
        }
    };
    assert_eq!(delete(coach.token.clone()).await, 204);
    assert_eq!(delete(coach.token.clone()).await, 404);
    let (status, _) = app.get_as(&format!("/api/v1/clubs/media-club/media/{id}"), &coach.token).await;
    assert_eq!(status, 404);
}

#[tokio::test]
async fn media_on_the_filesystem() {
    let root = tempfile::tempdir().expect("root");
    let root_path = root.path().display().to_string();
    suite(&[("DROPIT_STORAGE__BACKEND", "fs"), ("DROPIT_STORAGE__FS_ROOT", root_path.as_str())]).await;
}

#[tokio::test]
async fn media_on_s3() {
    suite(&[("DROPIT_STORAGE__BACKEND", "s3")]).await;
}

#[tokio::test]
async fn without_storage_media_answer_503_and_the_rest_works_until_it_returns() {
    let mut s3 = OwnService::s3("testaccess", "testsecret0123456789", "media");
    let endpoint = format!("http://127.0.0.1:{}", s3.port);
    let app = spawn_app_with(&[
        ("DROPIT_STORAGE__BACKEND", "s3"),
        ("DROPIT_STORAGE__S3_ENDPOINT", endpoint.as_str()),
        ("DROPIT_STORAGE__S3_BUCKET", "media"),
        ("DROPIT_STORAGE__S3_ACCESS_KEY_ID", "testaccess"),
        ("DROPIT_STORAGE__S3_SECRET_ACCESS_KEY", "testsecret0123456789"),
    ])
    .await;
    let coach = app.person("Coach").await;
    create_club(&app, &coach, "breaker-club").await;
    let (_, exercises) = app.get_as("/api/v1/clubs/breaker-club/exercises?per_page=1", &coach.token).await;
    let exercise = exercises["items"][0]["id"].as_str().expect("exercise").to_owned();
    assert_eq!(upload(&app, &coach.token, "breaker-club", &exercise, png(1_000)).await.0, 201);

    s3.stop();
    for _ in 0..4 {
        let (status, body) = upload(&app, &coach.token, "breaker-club", &exercise, png(1_000)).await;
        assert_eq!((status, body["code"].as_str()), (503, Some("storage_unavailable")), "{body}");
    }
    let (status, _) = app.get_as("/api/v1/clubs/breaker-club/exercises?per_page=1", &coach.token).await;
    assert_eq!(status, 200, "everything else keeps working");
    let (_, listed) = app.get_as(&format!("/api/v1/clubs/breaker-club/exercises/{exercise}/media"), &coach.token).await;
    assert_eq!(listed.as_array().map(Vec::len), Some(1), "no failed upload left a row");

    s3.restart();
    // Storage is back, but the breaker stays open a while: no waiting on a dead backend.
    let (status, body) = upload(&app, &coach.token, "breaker-club", &exercise, png(1_000)).await;
    assert_eq!((status, body["code"].as_str()), (503, Some("storage_unavailable")), "the breaker is open");
    for _ in 0..60 {
        if upload(&app, &coach.token, "breaker-club", &exercise, png(1_000)).await.0 == 201 {
            return;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    panic!("media never recovered");
}

/// Large videos go straight to S3 through a short-lived link, then the upload is completed
/// (and checked); they are read back through a link too. An upload never completed is an
/// orphan, which the cleanup removes.
#[tokio::test]
async fn uploads_and_reads_through_links_on_s3_and_orphans_are_cleaned() {
    use dropit_tenancy::{ClubSlug, infrastructure::PgClubRegistry};

    let app = spawn_app_with(&[("DROPIT_STORAGE__BACKEND", "s3"), ("DROPIT_STORAGE__TIMEOUT_MS", SLOW_MACHINE)]).await;
    let coach = app.person("Coach").await;
    create_club(&app, &coach, "link-club").await;
    let (_, exercises) = app.get_as("/api/v1/clubs/link-club/exercises?per_page=1", &coach.token).await;
    let exercise = exercises["items"][0]["id"].as_str().expect("exercise").to_owned();
    let base = format!("/api/v1/clubs/link-club/exercises/{exercise}/media");
    let link = || {
        let (app, token, path) = (&app, coach.token.clone(), format!("{base}/uploads"));
        async move {
            let (status, link) = app.post_json(&path, Some(&token), serde_json::json!({})).await;
            assert_eq!(status, 200, "{link}");
            link
        }
    };
    let put = |url: &str, bytes: Vec<u8>| {
        let (client, url) = (reqwest::Client::new(), url.to_owned());
        async move { client.put(url).body(bytes).send().await.expect("put").status().as_u16() }
    };

    let good = link().await;
    assert_eq!(put(good["url"].as_str().expect("an upload url"), mp4(50_000)).await, 200);
    let (status, media) = app
        .post_json(&format!("{base}/complete"), Some(&coach.token), serde_json::json!({"media_id": good["media_id"]}))
        .await;
    assert_eq!(
        (status, media["content_type"].as_str(), media["size_bytes"].as_u64()),
        (201, Some("video/mp4"), Some(50_000)),
        "{media}"
    );

    let disguised = link().await;
    assert_eq!(put(disguised["url"].as_str().expect("url"), b"plain text".to_vec()).await, 200);
    let (status, body) = app
        .post_json(
            &format!("{base}/complete"),
            Some(&coach.token),
            serde_json::json!({"media_id": disguised["media_id"]}),
        )
        .await;
    assert_eq!((status, body["code"].as_str()), (415, Some("unsupported_media_type")));
    let (status, body) = app
        .post_json(
            &format!("{base}/complete"),
            Some(&coach.token),
            serde_json::json!({"media_id": disguised["media_id"]}),
        )
        .await;
    assert_eq!((status, body["fields"][0]["field"].as_str()), (422, Some("media_id")), "the refused file is gone");

    let (_, read) = app
        .get_as(&format!("/api/v1/clubs/link-club/media/{}/link", media["id"].as_str().expect("id")), &coach.token)
        .await;
    let bytes =
        reqwest::get(read["url"].as_str().expect("a read url")).await.expect("get").bytes().await.expect("bytes");
    assert_eq!(bytes.to_vec(), mp4(50_000));

    // An upload never completed: the cleanup removes it, and keeps the completed one.
    let abandoned = link().await;
    assert_eq!(put(abandoned["url"].as_str().expect("url"), png(2_000)).await, 200);
    let db = sea_orm::Database::connect(&app.database_url).await.expect("connect");
    let club = PgClubRegistry::new(db.clone())
        .find_by_slug(&ClubSlug::parse("link-club").expect("slug"))
        .await
        .expect("registry")
        .expect("club");
    let storage = dropit_infra::storage::operator(&dropit_infra::settings::StorageSettings {
        backend: dropit_infra::settings::StorageBackend::S3,
        fs_root: std::env::temp_dir(),
        s3_endpoint: crate::support::stack_var("DROPIT_STORAGE__S3_ENDPOINT"),
        s3_bucket: crate::support::stack_var("DROPIT_STORAGE__S3_BUCKET"),
        s3_region: crate::support::stack_var("DROPIT_STORAGE__S3_REGION"),
        s3_access_key_id: crate::support::stack_var("DROPIT_STORAGE__S3_ACCESS_KEY_ID"),
        s3_secret_access_key: crate::support::stack_var("DROPIT_STORAGE__S3_SECRET_ACCESS_KEY").into(),
        timeout_ms: 15_000,
        max_upload_bytes: LIMIT as u64,
        media_types: "video/mp4,image/png".to_owned(),
    })
    .expect("storage");
    let store = dropit_training::infrastructure::MediaStore::new(
        storage,
        db,
        Duration::from_secs(5),
        LIMIT as u64,
        vec!["video/mp4".to_owned(), "image/png".to_owned()],
    );
    let removed = store.remove_orphans(&club.context(), Duration::from_secs(3600)).await.expect("cleanup");
    assert_eq!(removed, 0, "younger than the grace period");
    let removed = store.remove_orphans(&club.context(), Duration::ZERO).await.expect("cleanup");
    assert_eq!(removed, 1);
    let (_, listed) = app.get_as(&base, &coach.token).await;
    assert_eq!(listed.as_array().map(Vec::len), Some(1));
    let (status, _) =
        app.get_as(&format!("/api/v1/clubs/link-club/media/{}", media["id"].as_str().expect("id")), &coach.token).await;
    assert_eq!(status, 200, "the completed one stays");
}

#[tokio::test]
async fn on_the_filesystem_links_say_to_go_through_the_api() {
    let root = tempfile::tempdir().expect("root");
    let root_path = root.path().display().to_string();
    let app =
        spawn_app_with(&[("DROPIT_STORAGE__BACKEND", "fs"), ("DROPIT_STORAGE__FS_ROOT", root_path.as_str())]).await;
    let coach = app.person("Coach").await;
    create_club(&app, &coach, "fs-link-club").await;
    let (_, exercises) = app.get_as("/api/v1/clubs/fs-link-club/exercises?per_page=1", &coach.token).await;
    let exercise = exercises["items"][0]["id"].as_str().expect("exercise").to_owned();
    let (status, link) = app
        .post_json(
            &format!("/api/v1/clubs/fs-link-club/exercises/{exercise}/media/uploads"),
            Some(&coach.token),
            serde_json::json!({}),
        )
        .await;
    assert_eq!((status, &link["url"], &link["media_id"]), (200, &Value::Null, &Value::Null), "{link}");
    let (_, media) = upload(&app, &coach.token, "fs-link-club", &exercise, png(1_000)).await;
    let (status, read) = app
        .get_as(&format!("/api/v1/clubs/fs-link-club/media/{}/link", media["id"].as_str().expect("id")), &coach.token)
        .await;
    assert_eq!((status, &read["url"]), (200, &Value::Null));
}
