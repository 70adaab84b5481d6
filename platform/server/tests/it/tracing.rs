//! OpenTelemetry: `dropit serve` with an OTLP endpoint sends its request and database spans
//! there, in the trace the caller's `traceparent` names, whose id becomes the request id.

use std::{
    process::{Command, Stdio},
    sync::{Arc, Mutex},
    time::Duration,
};

use poem::{EndpointExt, Route, Server, handler, listener::TcpListener, post, web::Data};

use crate::support::{create_club, free_port, spawn_app, stack_vars};

type Received = Arc<Mutex<Vec<Vec<u8>>>>;

#[handler]
fn collect(body: Vec<u8>, received: Data<&Received>) -> &'static str {
    received.lock().expect("lock").push(body);
    ""
}

fn hex(text: &str) -> Vec<u8> {
    (0..text.len()).step_by(2).map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex")).collect()
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[tokio::test]
async fn spans_go_to_the_collector_in_the_callers_trace() {
    // A collector that keeps what it is sent.
    let received: Received = Arc::default();
    let collector_port = free_port();
    let route = Route::new().at("/v1/traces", post(collect)).data(received.clone());
    tokio::spawn(Server::new(TcpListener::bind(format!("127.0.0.1:{collector_port}"))).run(route));

    let app = spawn_app().await;
    let coach = app.person("Coach").await;
    create_club(&app, &coach, "traced-club").await;

    let port = free_port();
    let mut server = Command::new(env!("CARGO_BIN_EXE_dropit"))
        .arg("serve")
        .env_clear()
        .env("PATH", std::env::var("PATH").unwrap_or_default())
        .envs(stack_vars())
        .env("DROPIT_DATABASE__URL", &app.database_url)
        .env("DROPIT_SERVER__PORT", port.to_string())
        .env("DROPIT_LOG__FILTER", "info,sqlx=warn")
        .env("DROPIT_LOG__OTLP_ENDPOINT", format!("http://127.0.0.1:{collector_port}/v1/traces"))
        .env("DROPIT_LOG__SERVICE_NAME", "dropit-traced")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("dropit serve");
    let client = reqwest::Client::new();
    let base = format!("http://127.0.0.1:{port}");
    let mut up = false;
    for _ in 0..100 {
        if client.get(format!("{base}/api/health/live")).send().await.is_ok_and(|r| r.status() == 200) {
            up = true;
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert!(up, "dropit serve did not start");

    let trace_id = "4bf92f3577b34da6a3ce929d0e0e4736";
    let response = client
        .get(format!("{base}/api/v1/clubs/traced-club/exercises"))
        .bearer_auth(&coach.token)
        .header("traceparent", format!("00-{trace_id}-00f067aa0ba902b7-01"))
        .send()
        .await
        .expect("request");
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["x-request-id"], trace_id, "the trace id is the request id");

    // A graceful stop sends the spans still buffered.
    let stopped = Command::new("kill").args(["-TERM", &server.id().to_string()]).status().expect("kill");
    assert!(stopped.success());
    let status = tokio::task::spawn_blocking(move || server.wait()).await.expect("join").expect("wait");
    assert!(status.success(), "{status}");

    let sent = received.lock().expect("lock").concat();
    assert!(!sent.is_empty(), "nothing reached the collector");
    assert!(contains(&sent, &hex(trace_id)), "no span in the caller's trace");
    assert!(contains(&sent, b"dropit-traced"), "the service name is missing");
    assert!(contains(&sent, b"request"), "the request span is missing");
    assert!(contains(&sent, b"PgExerciseCatalogue.list"), "the database span is missing");
}
