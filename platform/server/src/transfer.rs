//! `dropit transfer …`: the club's data in and out from the command line, with the same rules
//! as the API — a program from a spreadsheet, logs as CSV, the printable sheet, the archive.

use std::{io::Write, path::PathBuf, sync::Arc, time::Duration};

use anyhow::{Context, bail};
use clap::Subcommand;
use dropit_athletes::{
    application::ClubRoster,
    infrastructure::{PgAthletes, PlatformMembers},
};
use dropit_identity::infrastructure::{
    authorization::Authorizer, invitations::PgInvitations, memberships::PgMemberships, users::PgUserStore,
};
use dropit_infra::cache::{TieredCache, namespace_of};
use dropit_kernel::Locale;
use dropit_tenancy::{Club, ClubStatus, infrastructure::PgClubRegistry};
use dropit_training::{
    application::search::Search,
    infrastructure::{
        CachedCatalogue, MediaStore, PgCatalogueText, PgExerciseCatalogue, PgLoadSettings, PgLogStore, PgPlanning,
        PgWorkoutStore, TypesenseIndex,
    },
};
use dropit_transfer::{
    application::{ImportRequest, Transfer, TransferError, parse_choices},
    archive::{ClubArchive, Manifest},
};
use secrecy::ExposeSecret;

use crate::config::Settings;

#[derive(Debug, Subcommand)]
pub enum TransferCommand {
    /// Reads a program spreadsheet (.xlsx, .ods, .csv) and prints what it holds and every
    /// problem; with `--commit`, creates the workouts and schedules the dated ones.
    ImportProgram {
        #[arg(long)]
        club: String,
        file: PathBuf,
        /// The sheet to read; the first one holding a program by default.
        #[arg(long)]
        sheet: Option<String>,
        /// Who dated workouts are for when the file does not say: an athlete id…
        #[arg(long)]
        athlete: Option<uuid::Uuid>,
        /// …and/or a group id.
        #[arg(long)]
        group: Option<uuid::Uuid>,
        /// Choices for ambiguous names, as a JSON object `{"cell text": "exercise id"}`.
        #[arg(long)]
        choices: Option<String>,
        /// Creates the workouts and sessions (otherwise nothing is written).
        #[arg(long)]
        commit: bool,
    },
    /// Writes the session logs between two dates as CSV, one row per set.
    ExportLogs {
        #[arg(long)]
        club: String,
        #[arg(long)]
        from: chrono::NaiveDate,
        #[arg(long)]
        to: chrono::NaiveDate,
        #[arg(long)]
        athlete: Option<uuid::Uuid>,
        /// The file to write; standard output by default.
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Writes the printable workout sheet (HTML) between two dates.
    Sheet {
        #[arg(long)]
        club: String,
        #[arg(long)]
        from: chrono::NaiveDate,
        #[arg(long)]
        to: chrono::NaiveDate,
        #[arg(long)]
        athlete: Option<uuid::Uuid>,
        #[arg(long)]
        group: Option<uuid::Uuid>,
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// Writes the whole club as an archive (zip).
    ExportClub {
        #[arg(long)]
        club: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// Writes an archive of every active club into a folder, one `<slug>.zip` each (the
    /// nightly per-club backup).
    ExportClubs {
        #[arg(long)]
        dest: PathBuf,
    },
    /// Reads an archive into a new club that holds nothing yet (`dropit clubs create` first).
    ImportClub {
        #[arg(long)]
        club: String,
        file: PathBuf,
    },
}

#[derive(Debug, clap::Args)]
pub struct TransferArgs {
    /// The language of names, messages and sheets.
    #[arg(long, global = true, value_enum, default_value_t = Language::Fr)]
    lang: Language,
    #[command(subcommand)]
    command: TransferCommand,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum Language {
    Fr,
    En,
}

pub async fn run(args: TransferArgs, settings: &Settings) -> anyhow::Result<()> {
    let locale = match args.lang {
        Language::Fr => Locale::Fr,
        Language::En => Locale::En,
    };
    let (transfer, registry) = connect(settings).await?;
    let mut out = std::io::stdout().lock();
    match args.command {
        TransferCommand::ImportProgram { club, file, sheet, athlete, group, choices, commit } => {
            let club = find(&registry, &club).await?;
            let bytes = std::fs::read(&file).with_context(|| format!("reading {}", file.display()))?;
            if bytes.len() as u64 > settings.transfer.max_program_bytes {
                bail!("{} is larger than transfer.max_program_bytes", file.display());
            }
            let request = ImportRequest {
                file_name: file.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default(),
                sheet,
                choices: match choices {
                    Some(raw) => parse_choices(&raw).context("--choices is a JSON object of exercise ids")?,
                    None => Default::default(),
                },
                athletes: athlete.into_iter().collect(),
                group,
                dry_run: !commit,
                today: chrono::Utc::now().date_naive(),
                locale,
            };
            // A commit with problems is refused as a whole; show them first.
            let preview = transfer
                .import_program(&club.context(), &bytes, &ImportRequest { dry_run: true, ..request.clone() })
                .await
                .map_err(explain)?;
            writeln!(out, "sheet {}: {} workouts", preview.sheet, preview.workouts.len())?;
            for workout in &preview.workouts {
                let date = workout.date.map(|d| d.to_string()).unwrap_or_else(|| "-".into());
                writeln!(
                    out,
                    "  row {:>4}  {date:<10}  {} ({} lines, {} athletes)",
                    workout.row,
                    workout.content.name,
                    workout.content.lines.len(),
                    workout.athletes.len()
                )?;
            }
            for problem in &preview.problems {
                writeln!(
                    out,
                    "  problem {}{}: {} — {} [{}]",
                    problem.column, problem.row, problem.code, problem.message, problem.text
                )?;
                for candidate in &problem.candidates {
                    writeln!(out, "      {} {}", candidate.id, candidate.name)?;
                }
            }
            if !preview.problems.is_empty() {
                bail!("{} problems: nothing imported", preview.problems.len());
            }
            if commit {
                let report = transfer.import_program(&club.context(), &bytes, &request).await.map_err(explain)?;
                writeln!(out, "imported {} workouts, {} sessions scheduled", report.created.len(), report.sessions)?;
            } else {
                writeln!(out, "dry run: nothing written (add --commit)")?;
            }
        }
        TransferCommand::ExportLogs { club, from, to, athlete, out: path } => {
            let club = find(&registry, &club).await?;
            let csv = transfer.logs_csv(&club.context(), from, to, athlete, locale).await.map_err(explain)?;
            write_out(path, &csv, &mut out)?;
        }
        TransferCommand::Sheet { club, from, to, athlete, group, out: path } => {
            let club = find(&registry, &club).await?;
            let html = transfer
                .sheet(&club.context(), club.name.as_str(), (from, to), athlete, group, locale)
                .await
                .map_err(explain)?;
            write_out(path, html.as_bytes(), &mut out)?;
        }
        TransferCommand::ExportClub { club, out: path } => {
            let club = find(&registry, &club).await?;
            let manifest = export_to(&transfer, &club, &path).await?;
            let rows: u64 = manifest.tables.values().sum();
            writeln!(out, "{}: {rows} rows, {} media → {}", club.slug, manifest.media, path.display())?;
        }
        TransferCommand::ExportClubs { dest } => {
            std::fs::create_dir_all(&dest).with_context(|| format!("creating {}", dest.display()))?;
            let clubs = registry.list().await?.into_iter().filter(|c| c.status == ClubStatus::Active);
            for club in clubs {
                let path = dest.join(format!("{}.zip", club.slug));
                let manifest = export_to(&transfer, &club, &path).await?;
                let rows: u64 = manifest.tables.values().sum();
                writeln!(out, "{}: {rows} rows, {} media → {}", club.slug, manifest.media, path.display())?;
            }
        }
        TransferCommand::ImportClub { club, file } => {
            let club = find(&registry, &club).await?;
            let archive = std::fs::File::open(&file).with_context(|| format!("opening {}", file.display()))?;
            let restored = transfer.restore_archive(&club, archive).await.map_err(explain)?;
            let rows: u64 = restored.tables.values().sum();
            writeln!(
                out,
                "{}: {rows} rows, {} media restored; {} athletes to invite again",
                club.slug, restored.media, restored.unlinked_athletes
            )?;
        }
    }
    Ok(())
}

/// The club's archive written to `path`, whole or not at all.
async fn export_to(transfer: &Transfer, club: &Club, path: &std::path::Path) -> anyhow::Result<Manifest> {
    use std::io::Seek;
    let (mut file, manifest) = transfer.export_archive(club).await.map_err(explain)?;
    file.rewind()?;
    let partial = path.with_extension("zip.partial");
    let mut target = std::fs::File::create(&partial).with_context(|| format!("creating {}", partial.display()))?;
    std::io::copy(&mut file, &mut target)?;
    target.sync_all()?;
    std::fs::rename(&partial, path).with_context(|| format!("writing {}", path.display()))?;
    Ok(manifest)
}

fn write_out(path: Option<PathBuf>, bytes: &[u8], out: &mut impl Write) -> anyhow::Result<()> {
    match path {
        Some(path) => std::fs::write(&path, bytes).with_context(|| format!("writing {}", path.display())),
        None => out.write_all(bytes).context("writing to stdout"),
    }
}

fn explain(error: TransferError) -> anyhow::Error {
    match error {
        TransferError::File(file) => anyhow::anyhow!("{} ({})", file.message(Locale::En), file.code()),
        other => anyhow::Error::new(other),
    }
}

async fn find(registry: &PgClubRegistry, slug: &str) -> anyhow::Result<Club> {
    crate::clubs::find(registry, slug).await
}

/// The same services as the server's, connected for one command.
async fn connect(settings: &Settings) -> anyhow::Result<(Transfer, PgClubRegistry)> {
    let db = dropit_infra::database::connect(&settings.database, false).await.context("connecting to postgres")?;
    let timeout = Duration::from_millis(settings.tenancy.statement_timeout_ms);
    let storage = dropit_infra::storage::operator(&settings.storage).context("configuring object storage")?;
    let media = MediaStore::new(
        storage,
        db.clone(),
        timeout,
        settings.storage.max_upload_bytes,
        settings.storage.media_types(),
    );
    let typesense = dropit_infra::search::Search::new(&settings.search).context("configuring typesense")?;
    let search = Search::new(
        Arc::new(TypesenseIndex::new(typesense.configuration())),
        Arc::new(PgCatalogueText::new(db.clone(), timeout)),
    );
    // Who is a member, for scheduling members who have no athlete profile yet.
    let authorizer = Authorizer::default();
    let (memberships, operators) = PgMemberships::new(db.clone()).everything().await.context("reading memberships")?;
    authorizer.load(&memberships, &operators).await.context("building the authorizer")?;
    let members =
        Arc::new(PlatformMembers::new(authorizer, PgUserStore::new(db.clone()), PgInvitations::new(db.clone())));
    let athletes = Arc::new(PgAthletes::new(db.clone(), timeout));
    // Through the server's shared cache, so a restored catalogue is not hidden by a cached one.
    let redis = dropit_infra::cache::Redis::new(&settings.redis).context("configuring redis")?;
    let cache = TieredCache::new(
        redis,
        &namespace_of(settings.database.url.expose_secret()),
        Duration::from_secs(settings.redis.cache_ttl_secs),
        Duration::from_secs(settings.redis.local_cache_secs),
        1_000,
    );
    let transfer = Transfer {
        catalogue: Arc::new(CachedCatalogue::new(Arc::new(PgExerciseCatalogue::new(db.clone(), timeout)), cache)),
        workouts: Arc::new(PgWorkoutStore::new(db.clone(), timeout)),
        planning: Arc::new(PgPlanning::new(db.clone(), timeout)),
        loads: Arc::new(PgLoadSettings::new(db.clone(), timeout)),
        logs: Arc::new(PgLogStore::new(db.clone(), timeout)),
        athletes: athletes.clone(),
        roster: Arc::new(ClubRoster::new(athletes, members)),
        search,
        archive: ClubArchive::new(db.clone(), media, timeout),
    };
    Ok((transfer, PgClubRegistry::new(db)))
}
