//! `dropit search …`: the search index of the clubs' catalogues.

use std::{io::Write, sync::Arc, time::Duration};

use anyhow::Context;
use clap::Subcommand;
use dropit_tenancy::{ClubStatus, infrastructure::PgClubRegistry};
use dropit_training::{
    application::search::Search,
    infrastructure::{PgCatalogueText, TypesenseIndex},
};

use crate::config::Settings;

#[derive(Debug, Subcommand)]
pub enum SearchCommand {
    /// Rebuilds the search index of every active club, or of one.
    Reindex {
        /// Only this club.
        #[arg(long)]
        club: Option<String>,
    },
}

pub async fn run(command: SearchCommand, settings: &Settings) -> anyhow::Result<()> {
    let db = dropit_infra::database::connect(&settings.database, false).await.context("connecting to postgres")?;
    let typesense = dropit_infra::search::Search::new(&settings.search).context("configuring typesense")?;
    let search = Search::new(
        Arc::new(TypesenseIndex::new(typesense.configuration())),
        Arc::new(PgCatalogueText::new(db.clone(), Duration::from_millis(settings.tenancy.statement_timeout_ms))),
    );
    let registry = PgClubRegistry::new(db);
    let mut out = std::io::stdout().lock();
    match command {
        SearchCommand::Reindex { club } => {
            let clubs = match club {
                Some(slug) => vec![crate::clubs::find(&registry, &slug).await?],
                None => registry.list().await?.into_iter().filter(|c| c.status == ClubStatus::Active).collect(),
            };
            for club in clubs {
                let count = search
                    .reindex(&club.context())
                    .await
                    .with_context(|| format!("reindexing {} (is typesense up? search.url)", club.slug))?;
                writeln!(out, "{}: {count} documents indexed", club.slug)?;
            }
        }
    }
    Ok(())
}
