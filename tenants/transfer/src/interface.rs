//! `/api/v1/clubs/{club}/…`: a program imported from a spreadsheet, logs as CSV, the printable
//! sheet, and the club's archive out and in.

use std::io::Write;

use dropit_http::{ApiError, FieldError, request_locale};
use dropit_identity::interface::{BearerAuth, Guard};
use dropit_kernel::{ErrorCode, FieldErrorCode};
use dropit_permissions::{Access, Permission};
use dropit_sheets::FileError;
use dropit_training::interface::{athlete_filter, range};
use futures::StreamExt;
use poem::{Body, Request};
use poem_openapi::{ApiResponse, Object, OpenApi, param::Path, param::Query, payload::Binary, payload::Json};

use crate::{
    application::{ImportReport, ImportRequest, Problem, Transfer, TransferError, parse_choices},
    archive::ArchiveError,
    exports::SHEET_CSP,
};

/// What each operation of this API requires.
pub const ACCESS: &[(&str, Access)] = &[
    ("program_import", Access::Club(Permission::WorkoutsWrite)),
    ("log_export", Access::Club(Permission::LogsRead)),
    ("sheet_print", Access::Club(Permission::PlanningRead)),
    ("club_archive_export", Access::Club(Permission::ClubUpdate)),
    ("club_archive_import", Access::Club(Permission::ClubUpdate)),
];

pub struct TransferApi {
    transfer: Transfer,
    guard: Guard,
    max_program_bytes: u64,
    max_archive_bytes: u64,
}

impl TransferApi {
    pub fn new(transfer: Transfer, guard: Guard, max_program_bytes: u64, max_archive_bytes: u64) -> Self {
        Self { transfer, guard, max_program_bytes, max_archive_bytes }
    }
}

/// A name the coach may choose for an ambiguous cell.
#[derive(Debug, Object)]
pub struct CandidateBody {
    pub id: String,
    pub name: String,
}

/// Why a place of the file cannot be imported.
#[derive(Debug, Object)]
pub struct ProblemBody {
    /// The row as the spreadsheet numbers it (from 1); 0 for the file as a whole.
    pub row: u32,
    /// The column's letter (`C`); empty for a whole row or the whole file.
    pub column: String,
    /// A stable code: `unknown_exercise`, `ambiguous_exercise`, `bad_prescription`, …
    pub code: String,
    /// What is wrong and how to fix it, in the caller's language.
    pub message: String,
    /// The cell's text.
    pub text: String,
    /// For an ambiguous or unknown exercise: the closest ones. Send the choice back in
    /// `choices` (`{"<text>": "<id>"}`).
    pub candidates: Vec<CandidateBody>,
}

#[derive(Debug, Object)]
pub struct ImportedLineBody {
    /// Each exercise of the line, in order, with its repetitions in a complex.
    pub parts: Vec<ImportedPartBody>,
    /// Sets as text in the caller's language: `reps @ intensity` (`2 @ 80% snatch`,
    /// `2 @ 80% arraché`).
    pub sets: Vec<String>,
    pub rest_seconds: Option<u32>,
    pub notes: String,
}

#[derive(Debug, Object)]
pub struct ImportedPartBody {
    pub exercise_id: String,
    pub reps: u32,
}

#[derive(Debug, Object)]
pub struct ImportedWorkoutBody {
    /// The row the workout starts on.
    pub row: u32,
    pub name: String,
    /// `YYYY-MM-DD` when the file dates it: it is then scheduled.
    pub date: Option<String>,
    /// Who it is scheduled for (athlete ids).
    pub athlete_ids: Vec<String>,
    pub lines: Vec<ImportedLineBody>,
}

#[derive(Debug, Object)]
pub struct ImportReportBody {
    /// The sheet read.
    pub sheet: String,
    pub workouts: Vec<ImportedWorkoutBody>,
    /// Every problem; while there is one, nothing is imported.
    pub problems: Vec<ProblemBody>,
    /// Whether the workouts and sessions were created (false on a dry run).
    pub imported: bool,
    /// The ids of the workouts created.
    pub created_workout_ids: Vec<String>,
    /// Sessions scheduled.
    pub planned_sessions: u32,
}

#[derive(Debug, Object)]
pub struct RestoredBody {
    /// Rows restored per table.
    pub tables: std::collections::BTreeMap<String, u64>,
    pub media: u64,
    /// Athletes whose account stayed with the old club: they are now managed by the coach, to
    /// be invited again.
    pub unlinked_athletes: u64,
}

#[derive(ApiResponse)]
pub enum CsvFile {
    /// The CSV file (UTF-8 with a byte order mark).
    #[oai(status = 200, content_type = "text/csv")]
    Ok(Binary<Vec<u8>>, #[oai(header = "Content-Disposition")] String),
}

#[derive(ApiResponse)]
pub enum HtmlPage {
    /// A self-contained page, ready to print.
    #[oai(status = 200, content_type = "text/html")]
    Ok(Binary<Vec<u8>>, #[oai(header = "Content-Security-Policy")] String),
}

#[derive(ApiResponse)]
pub enum ZipFile {
    /// The archive (`application/zip`).
    #[oai(status = 200, content_type = "application/zip")]
    Ok(Binary<Body>, #[oai(header = "Content-Disposition")] String),
}

fn transfer_error(error: TransferError) -> ApiError {
    match error {
        TransferError::File(FileError::NotASpreadsheet) => ErrorCode::NotASpreadsheet.into(),
        TransferError::File(FileError::UnknownSheet { .. }) => {
            ApiError::new(ErrorCode::UnknownSheet).with_fields(vec![FieldError::new("sheet", FieldErrorCode::Invalid)])
        }
        TransferError::File(FileError::NoProgram { .. }) => ErrorCode::NoProgram.into(),
        TransferError::File(FileError::TooManyRows { .. }) => ErrorCode::TooManyRows.into(),
        TransferError::NotFound => ErrorCode::NotFound.into(),
        TransferError::Problems => ErrorCode::ImportHasProblems.into(),
        TransferError::Archive(ArchiveError::NotAnArchive | ArchiveError::UnsupportedFormat(_)) => {
            ErrorCode::NotAnArchive.into()
        }
        TransferError::Archive(ArchiveError::NewerSchema(_)) => ErrorCode::ArchiveTooNew.into(),
        TransferError::Archive(ArchiveError::Damaged(reason)) => {
            tracing::info!(%reason, "a damaged archive was refused");
            ErrorCode::ArchiveDamaged.into()
        }
        TransferError::Archive(ArchiveError::ClubNotEmpty) => ErrorCode::ClubNotEmpty.into(),
        TransferError::Archive(error @ ArchiveError::Unavailable(_)) => ApiError::internal(&error),
        TransferError::Unavailable(error) => ApiError::internal(&error),
    }
}

fn invalid(field: &str) -> ApiError {
    ApiError::new(ErrorCode::InvalidParameter).with_fields(vec![FieldError::new(field, FieldErrorCode::Invalid)])
}

fn optional_id(raw: Option<String>, field: &str) -> Result<Option<uuid::Uuid>, ApiError> {
    raw.filter(|r| !r.trim().is_empty())
        .map(|r| uuid::Uuid::parse_str(r.trim()).map_err(|_| invalid(field)))
        .transpose()
}

/// The chunks of a body, refused once they pass `limit` bytes.
fn limited(body: Body, limit: u64) -> impl futures::Stream<Item = Result<impl AsRef<[u8]> + Send + 'static, ApiError>> {
    let mut seen = 0u64;
    body.into_bytes_stream().map(move |chunk| {
        let chunk = chunk.map_err(|_| ApiError::new(ErrorCode::BadRequest))?;
        seen += chunk.len() as u64;
        if seen > limit {
            return Err(ErrorCode::PayloadTooLarge.into());
        }
        Ok(chunk)
    })
}

/// Reads a streamed body whole, up to `limit` bytes.
async fn read_limited(body: Body, limit: u64) -> Result<Vec<u8>, ApiError> {
    let mut chunks = std::pin::pin!(limited(body, limit));
    let mut bytes = Vec::new();
    while let Some(chunk) = chunks.next().await {
        bytes.extend_from_slice(chunk?.as_ref());
    }
    Ok(bytes)
}

/// Streams a body into an unnamed temporary file, up to `limit` bytes.
async fn spool(body: Body, limit: u64) -> Result<std::fs::File, ApiError> {
    let mut file = tempfile::tempfile().map_err(|e| ApiError::internal(&e))?;
    let mut chunks = std::pin::pin!(limited(body, limit));
    while let Some(chunk) = chunks.next().await {
        let chunk = chunk?;
        file = tokio::task::spawn_blocking(move || file.write_all(chunk.as_ref()).map(|()| file))
            .await
            .map_err(|e| ApiError::internal(&e))?
            .map_err(|e| ApiError::internal(&e))?;
    }
    Ok(file)
}

fn report_body(report: ImportReport, locale: dropit_kernel::Locale) -> ImportReportBody {
    let imported = !report.created.is_empty();
    ImportReportBody {
        sheet: report.sheet,
        workouts: report
            .workouts
            .into_iter()
            .map(|w| ImportedWorkoutBody {
                row: w.row,
                name: w.content.name,
                date: w.date.map(|d| d.to_string()),
                athlete_ids: w.athletes.iter().map(|(a, _)| a.to_string()).collect(),
                lines: w
                    .content
                    .lines
                    .into_iter()
                    .map(|line| ImportedLineBody {
                        parts: line
                            .parts
                            .iter()
                            .map(|p| ImportedPartBody { exercise_id: p.exercise_id.to_string(), reps: p.reps })
                            .collect(),
                        sets: line.sets.iter().map(|set| crate::exports::set_text(set, locale)).collect(),
                        rest_seconds: line.rest_seconds,
                        notes: line.notes,
                    })
                    .collect(),
            })
            .collect(),
        problems: report.problems.into_iter().map(problem_body).collect(),
        imported,
        created_workout_ids: report.created.iter().map(ToString::to_string).collect(),
        planned_sessions: report.sessions as u32,
    }
}

fn problem_body(problem: Problem) -> ProblemBody {
    ProblemBody {
        row: problem.row,
        column: problem.column,
        code: problem.code.to_owned(),
        message: problem.message,
        text: problem.text,
        candidates: problem
            .candidates
            .into_iter()
            .map(|c| CandidateBody { id: c.id.to_string(), name: c.name })
            .collect(),
    }
}

#[OpenApi(prefix_path = "/v1/clubs", tag = "TransferTag::Transfer")]
impl TransferApi {
    /// Imports a program from a spreadsheet (`.xlsx`, `.ods` or `.csv`), sent as the raw bytes
    /// of the file (`application/octet-stream`). With `dry_run` (the default) nothing is
    /// written: the answer is the preview, with a problem for every line that cannot be read.
    /// Without, the workouts are created and the dated ones scheduled — all, or nothing while
    /// a line has a problem (`import_has_problems`).
    #[oai(path = "/:club/imports/program", method = "post", operation_id = "program_import")]
    #[allow(clippy::too_many_arguments)]
    async fn import_program(
        &self,
        req: &Request,
        auth: BearerAuth,
        club: Path<String>,
        /// The file's name, whose extension helps tell the format.
        file_name: Query<Option<String>>,
        /// The sheet to read; the first one holding a program by default.
        sheet: Query<Option<String>>,
        /// `false` to create the workouts and sessions.
        dry_run: Query<Option<bool>>,
        /// The coach's choices for ambiguous exercise names, a JSON object
        /// `{"<cell text>": "<exercise id>"}`.
        choices: Query<Option<String>>,
        /// Who dated workouts are for when the file does not say: one athlete…
        athlete_id: Query<Option<String>>,
        /// …and/or a group.
        group_id: Query<Option<String>>,
        file: Binary<Body>,
    ) -> Result<Json<ImportReportBody>, ApiError> {
        let (club, _) = self.guard.club(&auth.0, &club, Permission::WorkoutsWrite).await?;
        let dry_run = dry_run.0.unwrap_or(true);
        if !dry_run {
            self.guard.club(&auth.0, club.slug.as_str(), Permission::PlanningWrite).await?;
        }
        let choices = match choices.0.filter(|c| !c.trim().is_empty()) {
            Some(raw) => parse_choices(&raw).ok_or_else(|| invalid("choices"))?,
            None => Default::default(),
        };
        let request = ImportRequest {
            file_name: file_name.0.unwrap_or_default(),
            sheet: sheet.0.filter(|s| !s.trim().is_empty()),
            choices,
            athletes: optional_id(athlete_id.0, "athlete_id")?.into_iter().collect(),
            group: optional_id(group_id.0, "group_id")?,
            dry_run,
            today: chrono::Utc::now().date_naive(),
            locale: request_locale(req),
        };
        let bytes = read_limited(file.0, self.max_program_bytes).await?;
        let report = self.transfer.import_program(&club.context(), &bytes, &request).await.map_err(transfer_error)?;
        Ok(Json(report_body(report, request.locale)))
    }

    /// Session logs between two dates (at most a year), one CSV row per set: `date, athlete,
    /// exercise, set, reps, load_kg, rpe, made, note, log_id`.
    #[oai(path = "/:club/exports/logs", method = "get", operation_id = "log_export")]
    async fn export_logs(
        &self,
        req: &Request,
        auth: BearerAuth,
        club: Path<String>,
        from: Query<Option<String>>,
        to: Query<Option<String>>,
        athlete_id: Query<Option<String>>,
    ) -> Result<CsvFile, ApiError> {
        let (club, _) = self.guard.club(&auth.0, &club, Permission::LogsRead).await?;
        let (from, to) = range(from.0, to.0)?;
        let athlete = athlete_filter(athlete_id.0)?;
        let csv = self
            .transfer
            .logs_csv(&club.context(), from, to, athlete, request_locale(req))
            .await
            .map_err(transfer_error)?;
        let name = format!("attachment; filename=\"{}-logs-{from}-{to}.csv\"", club.slug.as_str());
        Ok(CsvFile::Ok(Binary(csv), name))
    }

    /// The printable workout sheet between two dates: one page per athlete (one athlete, a
    /// group's, or everyone's with sessions), each set's load in kg with the plates per side.
    #[oai(path = "/:club/exports/sheet", method = "get", operation_id = "sheet_print")]
    #[allow(clippy::too_many_arguments)]
    async fn sheet(
        &self,
        req: &Request,
        auth: BearerAuth,
        club: Path<String>,
        from: Query<Option<String>>,
        to: Query<Option<String>>,
        athlete_id: Query<Option<String>>,
        group_id: Query<Option<String>>,
    ) -> Result<HtmlPage, ApiError> {
        let (club, _) = self.guard.club(&auth.0, &club, Permission::PlanningRead).await?;
        let (from, to) = range(from.0, to.0)?;
        if (to - from).num_days() > 31 {
            return Err(ApiError::new(ErrorCode::InvalidParameter)
                .with_fields(vec![FieldError::new("to", FieldErrorCode::OutOfRange)]));
        }
        let athlete = optional_id(athlete_id.0, "athlete_id")?;
        let group = optional_id(group_id.0, "group_id")?;
        let html = self
            .transfer
            .sheet(&club.context(), club.name.as_str(), (from, to), athlete, group, request_locale(req))
            .await
            .map_err(transfer_error)?;
        Ok(HtmlPage::Ok(Binary(html.into_bytes()), SHEET_CSP.to_owned()))
    }

    /// The whole club as an archive: a zip of JSON tables and media, described in
    /// `manifest.json`. It can be imported into a new club.
    #[oai(path = "/:club/archive", method = "get", operation_id = "club_archive_export")]
    async fn export_archive(&self, auth: BearerAuth, club: Path<String>) -> Result<ZipFile, ApiError> {
        let (club, _) = self.guard.club(&auth.0, &club, Permission::ClubUpdate).await?;
        let (file, _) = self.transfer.export_archive(&club).await.map_err(transfer_error)?;
        let file = tokio::fs::File::from_std(file);
        let name = format!(
            "attachment; filename=\"{}-{}.zip\"",
            club.slug.as_str(),
            chrono::Utc::now().format("%Y%m%d-%H%M%S")
        );
        Ok(ZipFile::Ok(Binary(Body::from_async_read(rewound(file).await?)), name))
    }

    /// Imports a club archive into this club, which must be new (nothing in it yet): sent as
    /// the raw bytes of the zip (`application/octet-stream`). All or nothing.
    #[oai(path = "/:club/archive", method = "put", operation_id = "club_archive_import")]
    async fn import_archive(
        &self,
        auth: BearerAuth,
        club: Path<String>,
        file: Binary<Body>,
    ) -> Result<Json<RestoredBody>, ApiError> {
        let (club, _) = self.guard.club(&auth.0, &club, Permission::ClubUpdate).await?;
        let file = spool(file.0, self.max_archive_bytes).await?;
        let restored = self.transfer.restore_archive(&club, file).await.map_err(transfer_error)?;
        Ok(Json(RestoredBody {
            tables: restored.tables,
            media: restored.media,
            unlinked_athletes: restored.unlinked_athletes,
        }))
    }
}

/// The archive file back at its start, to be read out.
async fn rewound(mut file: tokio::fs::File) -> Result<tokio::fs::File, ApiError> {
    use tokio::io::AsyncSeekExt;
    file.seek(std::io::SeekFrom::Start(0)).await.map_err(|e| ApiError::internal(&e))?;
    Ok(file)
}

#[derive(poem_openapi::Tags)]
enum TransferTag {
    /// Import and export.
    Transfer,
}
