//! The web and mobile apps' files. A single-page app answers `index.html` for any path that
//! is not a file, so client routes survive a reload; a file built with a gzipped copy beside
//! it (`app.wasm.gz`) is sent compressed to browsers that accept it, which is most of what
//! the apps weigh.

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

    /// The gzipped copy of the requested file, when there is one and the browser takes gzip.
    fn compressed(&self, req: &Request) -> Option<(PathBuf, &'static str)> {
        if req.method() != Method::GET && req.method() != Method::HEAD {
            return None;
        }
        let accepts_gzip = req
            .headers()
            .get(header::ACCEPT_ENCODING)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.split(',').any(|e| e.trim().split(';').next() == Some("gzip")));
        if !accepts_gzip {
            return None;
        }
        let relative = Path::new(req.uri().path().trim_start_matches('/'));
        // Only plain names below the directory: no `..`, no absolute paths.
        if !relative.components().all(|c| matches!(c, Component::Normal(_))) {
            return None;
        }
        let file = if relative.as_os_str().is_empty() { PathBuf::from("index.html") } else { relative.to_owned() };
        let content_type = content_type(&file)?;
        let mut gz = self.dir.join(&file).into_os_string();
        gz.push(".gz");
        let gz = PathBuf::from(gz);
        gz.is_file().then_some((gz, content_type))
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
        let Some((gz, content_type)) = self.compressed(&req) else {
            return self.files.call(req).await.map(IntoResponse::into_response);
        };
        let Ok(metadata) = tokio::fs::metadata(&gz).await else {
            return self.files.call(req).await.map(IntoResponse::into_response);
        };
        let modified = metadata
            .modified()
            .ok()
            .and_then(|m| m.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| d.as_secs());
        let etag = format!("\"gz-{modified:x}-{:x}\"", metadata.len());
        let unchanged = req.headers().get(header::IF_NONE_MATCH).and_then(|v| v.to_str().ok()) == Some(etag.as_str());
        let builder = Response::builder()
            .header(header::CONTENT_TYPE, content_type)
            .header(header::CONTENT_ENCODING, "gzip")
            .header(header::VARY, "accept-encoding")
            .header(header::ETAG, etag)
            // The files keep their names from one build to the next: check before reusing.
            .header(header::CACHE_CONTROL, "no-cache");
        if unchanged {
            return Ok(builder.status(StatusCode::NOT_MODIFIED).finish());
        }
        let body = tokio::fs::read(&gz).await.map_err(|e| poem::Error::new(e, StatusCode::INTERNAL_SERVER_ERROR))?;
        if req.method() == Method::HEAD {
            return Ok(builder.header(header::CONTENT_LENGTH, body.len()).finish());
        }
        Ok(builder.body(Body::from(body)))
    }
}
