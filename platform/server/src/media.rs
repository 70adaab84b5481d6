//! `dropit media …`: exercise media in object storage.

use std::{io::Write, time::Duration};

use anyhow::Context;
use clap::Subcommand;
use dropit_tenancy::{ClubStatus, infrastructure::PgClubRegistry};
use dropit_training::infrastructure::MediaStore;

use crate::config::Settings;

#[derive(Debug, Subcommand)]
pub enum MediaCommand {
    /// Deletes stored files no medium names (uploads cut short or never completed), of every
    /// active club or of one, once they are older than the grace period.
    Cleanup {
        #[arg(long)]
        club: Option<String>,
        /// Hours a file may wait for its upload to complete.
        #[arg(long, default_value_t = 24)]
        grace_hours: u64,
    },
}

pub async fn run(command: MediaCommand, settings: &Settings) -> anyhow::Result<()> {
    let db = dropit_infra::database::connect(&settings.database, false).await.context("connecting to postgres")?;
    let storage = dropit_infra::storage::operator(&settings.storage).context("configuring object storage")?;
    let store = MediaStore::new(
        storage,
        db.clone(),
        Duration::from_millis(settings.tenancy.statement_timeout_ms),
        settings.storage.max_upload_bytes,
        settings.storage.media_types(),
    );
    let registry = PgClubRegistry::new(db);
    let mut out = std::io::stdout().lock();
    match command {
        MediaCommand::Cleanup { club, grace_hours } => {
            let clubs = match club {
                Some(slug) => vec![crate::clubs::find(&registry, &slug).await?],
                None => registry.list().await?.into_iter().filter(|c| c.status == ClubStatus::Active).collect(),
            };
            for club in clubs {
                let removed = store
                    .remove_orphans(&club.context(), Duration::from_secs(grace_hours * 3600))
                    .await
                    .with_context(|| format!("cleaning the media of {}", club.slug))?;
                writeln!(out, "{}: {removed} orphan files removed", club.slug)?;
            }
        }
    }
    Ok(())
}
