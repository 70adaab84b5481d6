//! Graceful shutdown: a request in flight when the signal comes still gets its answer.

use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::support::spawn_app;

#[tokio::test]
async fn an_in_flight_request_finishes_after_the_signal() {
    let mut app = spawn_app().await;
    let host = app.address.trim_start_matches("http://").to_owned();
    let mut stream = tokio::net::TcpStream::connect(&host).await.expect("connect");
    // Half a request: the server has started reading it when the signal arrives.
    stream.write_all(b"GET /api/health/ready HTTP/1.1\r\nHost: test\r\n").await.expect("write");
    tokio::time::sleep(Duration::from_millis(200)).await;

    app.begin_shutdown();
    tokio::time::sleep(Duration::from_millis(200)).await;
    stream.write_all(b"Connection: close\r\n\r\n").await.expect("finish the request");
    let mut response = String::new();
    stream.read_to_string(&mut response).await.expect("read");
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");

    tokio::time::timeout(Duration::from_secs(10), app.wait_stopped()).await.expect("stops").expect("cleanly");
    assert!(tokio::net::TcpStream::connect(&host).await.is_err(), "still accepting after shutdown");
}
