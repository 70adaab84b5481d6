//! Exercise media: `PUT /api/v1/clubs/{club}/exercises/{id}/media` streams a video or an
//! image (`application/octet-stream`) to storage, checked by its content; `GET …/media/{id}`
//! reads it back, whole or by byte range (video seeking); `DELETE` forgets it.

use std::sync::Arc;

use dropit_http::{ApiError, FieldError, path_id};
use dropit_identity::interface::{BearerAuth, Guard};
use dropit_kernel::{ErrorCode, FieldErrorCode};
use dropit_permissions::{Access, Permission};
use poem::Body;
use poem_openapi::{
    ApiResponse, Object, OpenApi,
    param::{Header, Path},
    payload::{Binary, Json},
};

use crate::{
    application::ExerciseCatalogue,
    infrastructure::{Media, MediaError, MediaStore},
};

pub const ACCESS: &[(&str, Access)] = &[
    ("exercise_media_upload", Access::Club(Permission::ExercisesWrite)),
    ("exercise_media_list", Access::Club(Permission::ExercisesRead)),
    ("media_read", Access::Club(Permission::ExercisesRead)),
    ("media_delete", Access::Club(Permission::ExercisesWrite)),
    ("exercise_media_upload_link", Access::Club(Permission::ExercisesWrite)),
    ("exercise_media_complete", Access::Club(Permission::ExercisesWrite)),
    ("media_link", Access::Club(Permission::ExercisesRead)),
];

/// How long an upload or download link works.
const LINK_LIFETIME: std::time::Duration = std::time::Duration::from_secs(300);

pub struct MediaApi {
    store: MediaStore,
    catalogue: Arc<dyn ExerciseCatalogue>,
    guard: Guard,
}

impl MediaApi {
    pub fn new(store: MediaStore, catalogue: Arc<dyn ExerciseCatalogue>, guard: Guard) -> Self {
        Self { store, catalogue, guard }
    }
}

#[derive(Debug, Object)]
pub struct MediaBody {
    pub id: String,
    pub exercise_id: String,
    /// As detected from the content: `video/mp4`, `image/png`, …
    pub content_type: String,
    pub size_bytes: u64,
}

fn body(media: Media) -> MediaBody {
    MediaBody {
        id: media.id.to_string(),
        exercise_id: media.exercise_id.to_string(),
        content_type: media.content_type,
        size_bytes: media.size_bytes,
    }
}

#[derive(ApiResponse)]
pub enum Uploaded {
    #[oai(status = 201)]
    Created(Json<MediaBody>),
}

#[derive(ApiResponse)]
pub enum Content {
    /// The whole file.
    #[oai(status = 200)]
    Whole(Binary<Vec<u8>>, #[oai(header = "Accept-Ranges")] String),
    /// The range asked for.
    #[oai(status = 206)]
    Part(Binary<Vec<u8>>, #[oai(header = "Accept-Ranges")] String, #[oai(header = "Content-Range")] String),
}

/// Where to PUT a file straight to storage.
#[derive(Debug, Object)]
pub struct UploadLink {
    /// The medium's id once completed; none when the storage has no upload links (then PUT
    /// the file to `/exercises/{id}/media` instead).
    pub media_id: Option<String>,
    /// PUT the file's bytes here, then complete the upload.
    pub url: Option<String>,
    pub expires_in_secs: u64,
}

#[derive(Debug, Object)]
pub struct CompleteRequest {
    /// The `media_id` of the upload link.
    pub media_id: String,
}

/// Where to read a medium straight from storage.
#[derive(Debug, Object)]
pub struct ReadLink {
    /// None when the storage has no such links: read `/media/{id}` through the API.
    pub url: Option<String>,
    pub expires_in_secs: u64,
}

#[derive(ApiResponse)]
pub enum Deleted {
    #[oai(status = 204)]
    Gone,
}

fn media_error(error: MediaError) -> ApiError {
    match error {
        MediaError::TooLarge(_) => ErrorCode::PayloadTooLarge.into(),
        MediaError::Empty => ApiError::validation(vec![FieldError::new("file", FieldErrorCode::Required)]),
        MediaError::Refused => ErrorCode::UnsupportedMediaType.into(),
        MediaError::Unavailable(cause) => {
            tracing::warn!(cause, "media storage unavailable");
            ErrorCode::StorageUnavailable.into()
        }
        MediaError::Database(error) => ApiError::internal(&error),
    }
}

/// `bytes=a-b`, `bytes=a-` or `bytes=-n` within a file of `size` bytes, as `start..end`; a
/// range that cannot be served is ignored and the whole file sent (as HTTP allows).
fn range(header: Option<&str>, size: u64) -> Option<(u64, u64)> {
    let spec = header?.trim().strip_prefix("bytes=")?;
    let (start, end) = spec.split_once('-')?;
    let (start, end) = match (start.trim(), end.trim()) {
        ("", suffix) => {
            let n: u64 = suffix.parse().ok()?;
            (size.checked_sub(n.min(size))?, size)
        }
        (start, "") => (start.parse().ok()?, size),
        (start, end) => (start.parse().ok()?, end.parse::<u64>().ok()?.saturating_add(1).min(size)),
    };
    (start < end && end <= size).then_some((start, end))
}

#[OpenApi(prefix_path = "/v1/clubs", tag = "MediaTag::Media")]
impl MediaApi {
    /// Uploads a video or an image of an exercise, as the raw bytes of the file
    /// (`application/octet-stream`). Its type is read from its content; the accepted types
    /// and the largest size are the server's settings.
    #[oai(path = "/:club/exercises/:id/media", method = "put", operation_id = "exercise_media_upload")]
    async fn upload(
        &self,
        auth: BearerAuth,
        club: Path<String>,
        id: Path<String>,
        file: Binary<Body>,
    ) -> Result<Uploaded, ApiError> {
        let (club, _) = self.guard.club(&auth.0, &club, Permission::ExercisesWrite).await?;
        let exercise = path_id(&id)?;
        let ctx = club.context();
        self.catalogue.get(&ctx, exercise).await.map_err(|e| ApiError::internal(&e))?.ok_or(ErrorCode::NotFound)?;
        let stored = self.store.upload(&ctx, exercise, file.0.into_bytes_stream()).await.map_err(media_error)?;
        Ok(Uploaded::Created(Json(body(stored))))
    }

    /// The media of an exercise.
    #[oai(path = "/:club/exercises/:id/media", method = "get", operation_id = "exercise_media_list")]
    async fn list(
        &self,
        auth: BearerAuth,
        club: Path<String>,
        id: Path<String>,
    ) -> Result<Json<Vec<MediaBody>>, ApiError> {
        let (club, _) = self.guard.club(&auth.0, &club, Permission::ExercisesRead).await?;
        let exercise = path_id(&id)?;
        let media = self.store.of_exercise(&club.context(), exercise).await.map_err(|e| ApiError::internal(&e))?;
        Ok(Json(media.into_iter().map(body).collect()))
    }

    /// A medium's bytes, whole or the byte range asked for (`Range: bytes=…`).
    #[oai(path = "/:club/media/:id", method = "get", operation_id = "media_read")]
    async fn read(
        &self,
        auth: BearerAuth,
        club: Path<String>,
        id: Path<String>,
        #[oai(name = "Range")] range_header: Header<Option<String>>,
    ) -> Result<Content, ApiError> {
        let (club, _) = self.guard.club(&auth.0, &club, Permission::ExercisesRead).await?;
        let id = path_id(&id)?;
        let ctx = club.context();
        let media = self.store.get(&ctx, id).await.map_err(|e| ApiError::internal(&e))?.ok_or(ErrorCode::NotFound)?;
        match range(range_header.0.as_deref(), media.size_bytes) {
            Some((start, end)) => {
                let bytes = self.store.read(&ctx, &media, Some((start, end))).await.map_err(media_error)?;
                let content_range = format!("bytes {start}-{}/{}", end - 1, media.size_bytes);
                Ok(Content::Part(Binary(bytes), "bytes".to_owned(), content_range))
            }
            None => {
                let bytes = self.store.read(&ctx, &media, None).await.map_err(media_error)?;
                Ok(Content::Whole(Binary(bytes), "bytes".to_owned()))
            }
        }
    }

    #[oai(path = "/:club/media/:id", method = "delete", operation_id = "media_delete")]
    async fn delete(&self, auth: BearerAuth, club: Path<String>, id: Path<String>) -> Result<Deleted, ApiError> {
        let (club, _) = self.guard.club(&auth.0, &club, Permission::ExercisesWrite).await?;
        let id = path_id(&id)?;
        if self.store.delete(&club.context(), id).await.map_err(media_error)? {
            Ok(Deleted::Gone)
        } else {
            Err(ErrorCode::NotFound.into())
        }
    }

    /// A short-lived link to upload a file straight to storage (S3), for large videos; the
    /// upload is then completed, which checks it.
    #[oai(path = "/:club/exercises/:id/media/uploads", method = "post", operation_id = "exercise_media_upload_link")]
    async fn upload_link(
        &self,
        auth: BearerAuth,
        club: Path<String>,
        id: Path<String>,
    ) -> Result<Json<UploadLink>, ApiError> {
        let (club, _) = self.guard.club(&auth.0, &club, Permission::ExercisesWrite).await?;
        let exercise = path_id(&id)?;
        let ctx = club.context();
        self.catalogue.get(&ctx, exercise).await.map_err(|e| ApiError::internal(&e))?.ok_or(ErrorCode::NotFound)?;
        let link = self.store.upload_link(&ctx, LINK_LIFETIME).await.map_err(media_error)?;
        Ok(Json(UploadLink {
            media_id: link.as_ref().map(|(id, _)| id.to_string()),
            url: link.map(|(_, url)| url),
            expires_in_secs: LINK_LIFETIME.as_secs(),
        }))
    }

    /// Checks a file uploaded through a link (its size, and its type from its content) and
    /// attaches it to the exercise; a refused file is deleted.
    #[oai(path = "/:club/exercises/:id/media/complete", method = "post", operation_id = "exercise_media_complete")]
    async fn complete(
        &self,
        auth: BearerAuth,
        club: Path<String>,
        id: Path<String>,
        request: Json<CompleteRequest>,
    ) -> Result<Uploaded, ApiError> {
        let (club, _) = self.guard.club(&auth.0, &club, Permission::ExercisesWrite).await?;
        let exercise = path_id(&id)?;
        let ctx = club.context();
        self.catalogue.get(&ctx, exercise).await.map_err(|e| ApiError::internal(&e))?.ok_or(ErrorCode::NotFound)?;
        let not_uploaded = || ApiError::validation(vec![FieldError::new("media_id", FieldErrorCode::Invalid)]);
        let media = uuid::Uuid::parse_str(&request.media_id).map_err(|_| not_uploaded())?;
        let stored = self.store.complete(&ctx, exercise, media).await.map_err(media_error)?.ok_or_else(not_uploaded)?;
        Ok(Uploaded::Created(Json(body(stored))))
    }

    /// A short-lived link to read a medium straight from storage (S3), for a video player.
    #[oai(path = "/:club/media/:id/link", method = "get", operation_id = "media_link")]
    async fn read_link(
        &self,
        auth: BearerAuth,
        club: Path<String>,
        id: Path<String>,
    ) -> Result<Json<ReadLink>, ApiError> {
        let (club, _) = self.guard.club(&auth.0, &club, Permission::ExercisesRead).await?;
        let id = path_id(&id)?;
        let ctx = club.context();
        let media = self.store.get(&ctx, id).await.map_err(|e| ApiError::internal(&e))?.ok_or(ErrorCode::NotFound)?;
        let url = self.store.read_link(&ctx, &media, LINK_LIFETIME).await.map_err(media_error)?;
        Ok(Json(ReadLink { url, expires_in_secs: LINK_LIFETIME.as_secs() }))
    }
}

#[derive(poem_openapi::Tags)]
enum MediaTag {
    /// Exercise videos and images.
    Media,
}

#[cfg(test)]
mod tests {
    use super::range;

    #[test]
    fn byte_ranges() {
        assert_eq!(range(Some("bytes=0-99"), 1000), Some((0, 100)));
        assert_eq!(range(Some("bytes=900-"), 1000), Some((900, 1000)));
        assert_eq!(range(Some("bytes=-100"), 1000), Some((900, 1000)));
        assert_eq!(range(Some("bytes=990-2000"), 1000), Some((990, 1000)));
        assert_eq!(range(Some("bytes=1000-"), 1000), None);
        assert_eq!(range(Some("items=0-1"), 1000), None);
        assert_eq!(range(None, 1000), None);
    }
}
