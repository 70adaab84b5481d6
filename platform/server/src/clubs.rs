//! `dropit clubs …`: the operator's commands on clubs.

use std::{
    io::{BufRead, IsTerminal, Write},
    sync::Arc,
};

use anyhow::{Context, bail};
use clap::Subcommand;
use dropit_club_migration::Migrator as ClubMigrator;
use dropit_tenancy::{
    Club, ClubSlug, ClubTier,
    domain::ClubName,
    infrastructure::{
        PgClubRegistry,
        archive::{ClubLifecycle, PgTools},
        changes::RedisClubChanges,
        fleet::{FleetEvent, FleetOptions, migrate_fleet},
        provision::{NewClub, provision_club, standard_seeders},
    },
};
use indicatif::{ProgressBar, ProgressStyle};
use sea_orm::DatabaseConnection;
use secrecy::ExposeSecret;

use crate::config::Settings;

#[derive(Debug, Subcommand)]
pub enum ClubsCommand {
    /// Lists every club.
    List,
    /// Creates a club: its schema, role and seed data.
    Create {
        /// The club's name in URLs: 3 to 40 lowercase letters, digits and inner hyphens.
        #[arg(long)]
        slug: String,
        #[arg(long)]
        name: String,
        #[arg(long, default_value = "standard", value_parser = ["free", "standard", "premium"])]
        tier: String,
    },
    /// Closes an active club to its members, keeping everything.
    Suspend { slug: String },
    /// Opens a suspended club again.
    Resume { slug: String },
    /// Dumps a suspended club's schema to object storage and marks it archived.
    Archive { slug: String },
    /// Brings an archived club back from its archive (dropped first), or into a new club.
    Restore {
        slug: String,
        /// Restore into a new club with this slug instead, leaving the archived one as it is.
        #[arg(long = "as", value_name = "NEW_SLUG", requires = "name")]
        new_slug: Option<String>,
        /// The new club's name, with --as.
        #[arg(long)]
        name: Option<String>,
    },
    /// Drops an archived club's schema and role (`--force`: any club, with its registry row).
    Drop {
        slug: String,
        #[arg(long)]
        force: bool,
        /// Do not ask for confirmation.
        #[arg(long)]
        yes: bool,
    },
    /// Brings every club schema to the newest club migration.
    Migrate {
        /// How many clubs migrate at once.
        #[arg(long, default_value_t = 4, value_parser = clap::value_parser!(u16).range(1..=64))]
        parallel: u16,
        /// Only this club.
        #[arg(long)]
        club: Option<String>,
        /// Show what would migrate without changing anything.
        #[arg(long)]
        dry_run: bool,
    },
}

pub async fn run(command: ClubsCommand, settings: &Settings) -> anyhow::Result<()> {
    let db = dropit_infra::database::connect(&settings.database, false).await.context("connecting to postgres")?;
    let registry = PgClubRegistry::new(db.clone());
    let mut out = std::io::stdout().lock();
    match command {
        ClubsCommand::List => {
            writeln!(out, "{:<24} {:<32} {:<12} {:<9} {:<18} VERSION", "SLUG", "NAME", "STATUS", "TIER", "SCHEMA")?;
            for club in registry.list().await? {
                writeln!(
                    out,
                    "{:<24} {:<32} {:<12} {:<9} {:<18} {}",
                    club.slug.as_str(),
                    club.name.as_str(),
                    club.status.as_str(),
                    club.tier.as_str(),
                    club.schema.as_str(),
                    club.schema_version.as_deref().unwrap_or("-")
                )?;
            }
        }
        ClubsCommand::Create { slug, name, tier } => {
            let new = NewClub::new(
                ClubSlug::parse(&slug).map_err(|e| anyhow::anyhow!("--slug: {e}"))?,
                ClubName::parse(&name).map_err(|e| anyhow::anyhow!("--name: {e}"))?,
                ClubTier::parse(&tier).context("--tier")?,
            );
            let club = provision_club::<ClubMigrator>(&db, new, &standard_seeders()).await?;
            writeln!(out, "created club {} ({}) in schema {}", club.slug, club.id, club.schema)?;
        }
        ClubsCommand::Suspend { slug } => {
            let club = find(&registry, &slug).await?;
            lifecycle(&db, settings)?.suspend(&club).await?;
            writeln!(out, "suspended {slug}")?;
        }
        ClubsCommand::Resume { slug } => {
            let club = find(&registry, &slug).await?;
            lifecycle(&db, settings)?.resume(&club).await?;
            writeln!(out, "resumed {slug}")?;
        }
        ClubsCommand::Archive { slug } => {
            let club = find(&registry, &slug).await?;
            let key = lifecycle(&db, settings)?.archive(&club).await?;
            writeln!(out, "archived {slug} to {key}")?;
        }
        ClubsCommand::Restore { slug, new_slug: None, .. } => {
            let club = find(&registry, &slug).await?;
            lifecycle(&db, settings)?.restore(&club).await?;
            writeln!(out, "restored {slug}")?;
        }
        ClubsCommand::Restore { slug, new_slug: Some(new_slug), name } => {
            let club = find(&registry, &slug).await?;
            let new = NewClub::new(
                ClubSlug::parse(&new_slug).map_err(|e| anyhow::anyhow!("--as: {e}"))?,
                ClubName::parse(name.as_deref().unwrap_or_default()).map_err(|e| anyhow::anyhow!("--name: {e}"))?,
                club.tier,
            );
            let copy = lifecycle(&db, settings)?.restore_as(&club, new).await?;
            writeln!(out, "restored {slug} as {} ({}) in schema {}", copy.slug, copy.id, copy.schema)?;
        }
        ClubsCommand::Drop { slug, force, yes } => {
            let club = find(&registry, &slug).await?;
            if !yes {
                confirm(&club)?;
            }
            lifecycle(&db, settings)?.drop_club(&club, force).await?;
            writeln!(out, "dropped {slug}")?;
        }
        ClubsCommand::Migrate { parallel, club, dry_run } => {
            let club = club.map(|s| ClubSlug::parse(&s)).transpose().map_err(|e| anyhow::anyhow!("--club: {e}"))?;
            let options = FleetOptions { parallel: usize::from(parallel), club, dry_run };
            migrate(&db, &options, &mut out).await?;
        }
    }
    Ok(())
}

pub(crate) async fn find(registry: &PgClubRegistry, slug: &str) -> anyhow::Result<Club> {
    let slug = ClubSlug::parse(slug).map_err(|e| anyhow::anyhow!("{slug}: {e}"))?;
    registry.find_by_slug(&slug).await?.with_context(|| format!("no club {slug}"))
}

fn lifecycle(db: &DatabaseConnection, settings: &Settings) -> anyhow::Result<ClubLifecycle> {
    let storage = dropit_infra::storage::operator(&settings.storage).context("configuring object storage")?;
    let tools = PgTools::new(&settings.tenancy.pg_bin_dir, settings.database.url.expose_secret())?;
    let redis = dropit_infra::cache::Redis::new(&settings.redis).context("configuring redis")?;
    let changes = Arc::new(RedisClubChanges::new(redis.connection()));
    Ok(ClubLifecycle::new(db.clone(), storage, tools, changes))
}

/// Asks the operator to type the club's slug before dropping it.
fn confirm(club: &Club) -> anyhow::Result<()> {
    if !std::io::stdin().is_terminal() {
        bail!("dropping {} needs confirmation: run it in a terminal or pass --yes", club.slug);
    }
    eprint!("This drops the schema of {} ({}). Type the slug to confirm: ", club.name.as_str(), club.slug);
    let mut answer = String::new();
    std::io::stdin().lock().read_line(&mut answer)?;
    if answer.trim() != club.slug.as_str() {
        bail!("not confirmed; nothing was dropped");
    }
    Ok(())
}

async fn migrate(db: &DatabaseConnection, options: &FleetOptions, out: &mut impl Write) -> anyhow::Result<()> {
    let bar = ProgressBar::hidden();
    if std::io::stderr().is_terminal() {
        bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
    }
    bar.set_style(
        ProgressStyle::with_template("{spinner} [{bar:40}] {pos}/{len} clubs {msg} ({elapsed}, eta {eta})")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    let on_event = |event: FleetEvent| match event {
        FleetEvent::Planned { pending, .. } => bar.set_length(pending as u64),
        FleetEvent::Migrated { .. } => bar.inc(1),
        FleetEvent::Failed { club, error } => {
            bar.inc(1);
            bar.println(format!("failed: {} — {error}", club.slug));
        }
    };
    let report = migrate_fleet::<ClubMigrator>(db, options, &on_event).await?;
    bar.finish_and_clear();
    if options.dry_run {
        writeln!(out, "target {}: {} to migrate, {} up to date", report.target, report.pending.len(), report.skipped)?;
        for club in &report.pending {
            writeln!(out, "  {} ({})", club.slug, club.schema_version.as_deref().unwrap_or("new"))?;
        }
        return Ok(());
    }
    writeln!(
        out,
        "target {}: {} migrated, {} up to date, {} failed",
        report.target,
        report.migrated.len(),
        report.skipped,
        report.failed.len()
    )?;
    for (club, error) in &report.failed {
        writeln!(out, "  failed {}: {error}", club.slug)?;
    }
    if !report.failed.is_empty() {
        bail!("{} club(s) failed to migrate; fix them and run the command again", report.failed.len());
    }
    Ok(())
}
