//! How the apps' files are served: client routes answer the app, compressed copies go to the
//! browsers that take them, and nothing outside the folder is reachable.

use crate::support::spawn_app_with;

#[tokio::test]
async fn the_app_is_served_compressed_with_its_routes_and_nothing_else() {
    let dir = tempfile::tempdir().expect("a web folder");
    let write = |name: &str, bytes: &[u8]| std::fs::write(dir.path().join(name), bytes).expect("a file");
    write("index.html", b"<!doctype html><title>app</title>");
    write("app.js", b"plain");
    write("app.js.gz", b"gzip bytes");
    write("app.js.br", b"brotli bytes");
    let app = spawn_app_with(&[("DROPIT_SERVER__WEB_DIR", dir.path().to_str().expect("utf-8"))]).await;
    let get = |path: &str, encodings: &str| {
        let request = app.client.get(app.url(path));
        let request = if encodings.is_empty() { request } else { request.header("accept-encoding", encodings) };
        async move { request.send().await.expect("an answer") }
    };

    // A client route, reloaded, is the app.
    let page = get("/c/some-club/planning", "").await;
    assert_eq!(page.status(), 200);
    assert!(page.text().await.expect("text").contains("<title>app</title>"));

    let brotli = get("/app.js", "gzip, deflate, br").await;
    assert_eq!(brotli.headers()["content-encoding"], "br");
    assert_eq!(brotli.headers()["content-type"], "text/javascript; charset=utf-8");
    let etag = brotli.headers()["etag"].to_str().expect("etag").to_owned();
    assert_eq!(brotli.bytes().await.expect("body").as_ref(), b"brotli bytes");
    let gzip = get("/app.js", "gzip").await;
    assert_eq!(gzip.headers()["content-encoding"], "gzip");
    assert_eq!(gzip.bytes().await.expect("body").as_ref(), b"gzip bytes");
    let refused = get("/app.js", "br;q=0, gzip").await;
    assert_eq!(refused.headers()["content-encoding"], "gzip");
    let plain = get("/app.js", "").await;
    assert!(plain.headers().get("content-encoding").is_none());
    assert_eq!(plain.bytes().await.expect("body").as_ref(), b"plain");

    let again = app
        .client
        .get(app.url("/app.js"))
        .header("accept-encoding", "br")
        .header("if-none-match", &etag)
        .send()
        .await
        .expect("an answer");
    assert_eq!(again.status(), 304);

    // No way out of the folder, whatever the encoding.
    let outside = app
        .client
        .get(format!("{}/%2e%2e/Cargo.toml", app.address))
        .header("accept-encoding", "gzip, br")
        .send()
        .await
        .expect("an answer");
    assert!(!outside.text().await.expect("text").contains("[package]"));
}
