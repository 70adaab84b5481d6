//! The web and mobile apps' files. A single-page app answers `index.html` for any path that
//! is not a file, so client routes survive a reload; a file built with compressed copies beside
//! it (`app.wasm.br`, `app.wasm.gz`) is sent compressed to browsers that accept it — brotli
//! first, then gzip — which is most of what the apps weigh.

use std::path::{Component, Path, PathBuf};

use poem::{
    Body, Endpoint, IntoResponse, Request, Response, Result,
    endpoint::StaticFilesEndpoint,
    http::{Method, StatusCode, header},
};

pub struct SinglePageApp {
    dir: PathBuf,
    files: StaticFilesEndpoint,
}

impl SinglePageApp {
    pub fn new(dir: &Path) -> Self {
        Self { dir: dir.to_owned(), files: StaticFilesEndpoint::new(dir).index_file("index.html").fallback_to_index() }
    }

    /// The compressed copy of the requested file the browser takes: its path, content type and
    /// encoding.
    fn compressed(&self, req: &Request) -> Option<(PathBuf, &'static str, &'static str)> {
        if req.method() != Method::GET && req.method() != Method::HEAD {
            return None;
        }
        let accepted = req.headers().get(header::ACCEPT_ENCODING).and_then(|v| v.to_str().ok()).unwrap_or_default();
        let accepts = |encoding: &str| {
            accepted.split(',').any(|e| {
                let mut parts = e.trim().split(';');
                parts.next() == Some(encoding) && !parts.any(|p| p.trim().replace(' ', "") == "q=0")
            })
        };
        let relative = Path::new(req.uri().path().trim_start_matches('/'));
        // Only plain names below the directory: no `..`, no absolute paths.
        if !relative.components().all(|c| matches!(c, Component::Normal(_))) {
            return None;
        }
        let file = if relative.as_os_str().is_empty() { PathBuf::from("index.html") } else { relative.to_owned() };
        let content_type = content_type(&file)?;
        [("br", ".br"), ("gzip", ".gz")].into_iter().filter(|(encoding, _)| accepts(encoding)).find_map(
            |(encoding, suffix)| {
                let mut copy = self.dir.join(&file).into_os_string();
                copy.push(suffix);
                let copy = PathBuf::from(copy);
                copy.is_file().then_some((copy, content_type, encoding))
            },
        )
    }
}

fn content_type(file: &Path) -> Option<&'static str> {
    Some(match file.extension()?.to_str()? {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "svg" => "image/svg+xml",
        "json" => "application/json",
        "webmanifest" => "application/manifest+json",
        _ => return None,
    })
}

impl Endpoint for SinglePageApp {
    type Output = Response;

    async fn call(&self, req: Request) -> Result<Self::Output> {
        let Some((copy, content_type, encoding)) = self.compressed(&req) else {
            return self.files.call(req).await.map(IntoResponse::into_response);
        };
        let Ok(metadata) = tokio::fs::metadata(&copy).await else {
            return self.files.call(req).await.map(IntoResponse::into_response);
        };
        let modified = metadata
            .modified()
            .ok()
            .and_then(|m| m.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_secs());
        let etag = format!("\"{encoding}-{modified:x}-{:x}\"", metadata.len());
        let unchanged = req.headers().get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()) == Some(etag.as_str());
        let builder = Response::builder()
            .header(header::CONTENT_TYPE, content_type)
            .header(header::CONTENT_ENCODING, encoding)
            .header(header::VARY, "accept-encoding")
            .header(header::ETAG, etag)
            // The files keep their names from one build to the next: check before reusing.
            .header(header::CACHE_CONTROL, "no-cache");
        if unchanged {
            return Ok(builder.status(StatusCode::NOT_MODIFIED).finish());
        }
        let body = tokio::fs::read(&copy).await.map_err(|e| poem::Error::new(e, StatusCode::INTERNAL_SERVER_ERROR))?;
        if req.method() == Method::HEAD {
            return Ok(builder.header(header::CONTENT_LENGTH, body.len()).finish());
        }
        Ok(builder.body(Body::from(body)))
    }
}
