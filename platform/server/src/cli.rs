//! The `dropit` command line: the server and the operator commands.

use std::{path::PathBuf, process::ExitCode};

use anyhow::Context;
use clap::{Parser, Subcommand};

use crate::{app, clubs, config::Settings, http, media, migrate, operators, search, transfer};

#[derive(Debug, Parser)]
#[command(name = "dropit", version, about = "DropIt: the training platform for Olympic weightlifting clubs")]
pub struct Cli {
    /// A TOML file with settings, between the built-in defaults and DROPIT_* variables.
    #[arg(long, global = true, env = "DROPIT_CONFIG")]
    config: Option<PathBuf>,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Runs the HTTP server (API, web back office, mobile app) until SIGINT or SIGTERM.
    Serve,
    /// Applies the pending migrations of the platform schema (club schemas: `clubs migrate`).
    Migrate,
    /// Prints the OpenAPI document (or writes it to a file).
    Openapi {
        #[arg(long)]
        output: Option<PathBuf>,
    },
    /// Checks the configuration and exits.
    CheckConfig,
    /// Operates on clubs: list, create, suspend, resume, archive, restore, drop, migrate.
    #[command(subcommand)]
    Clubs(clubs::ClubsCommand),
    /// Manages platform operators.
    #[command(subcommand)]
    Operators(operators::OperatorsCommand),
    /// Maintains the search index.
    #[command(subcommand)]
    Search(search::SearchCommand),
    /// Maintains exercise media in object storage.
    #[command(subcommand)]
    Media(media::MediaCommand),
    /// Imports and exports a club's data: programs, logs, sheets, the whole club.
    Transfer(transfer::TransferArgs),
    /// Creates the demo club and its demo accounts, and prints their (new) passwords.
    Demo,
}

/// Parses the command line, runs the command, and maps the outcome to an exit code: 2 for a
/// configuration error (one line naming the key), 1 for any other failure.
pub fn run() -> ExitCode {
    // A `.env` file, when there is one, fills in variables the environment does not set.
    let _ = dotenvy::dotenv();
    let cli = Cli::parse();
    if let Command::Openapi { output } = &cli.command {
        return report(write_openapi(output.as_deref()));
    }
    let settings = match Settings::load(cli.config.as_deref()) {
        Ok(settings) => settings,
        Err(error) => {
            eprintln!("{error}");
            return ExitCode::from(2);
        }
    };
    let telemetry = match dropit_infra::telemetry::init(&settings.log) {
        Ok(telemetry) => telemetry,
        Err(error) => {
            eprintln!("configuration error: {error}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(error) => return report(Err(error).context("starting the async runtime")),
    };
    let outcome = report(runtime.block_on(execute(cli.command, settings)));
    // The spans of the last requests go out before the process ends.
    telemetry.shutdown();
    outcome
}

async fn execute(command: Command, settings: Settings) -> anyhow::Result<()> {
    match command {
        Command::Serve => {
            let application = app::Application::build(&settings).await?;
            application.run_until(app::shutdown_signal()).await.context("serving HTTP")
        }
        Command::Migrate => {
            let applied = migrate::migrate_platform(&settings.database).await?;
            tracing::info!(applied, "platform schema is up to date");
            Ok(())
        }
        Command::Clubs(command) => clubs::run(command, &settings).await,
        Command::Operators(command) => operators::run(command, &settings).await,
        Command::Search(command) => search::run(command, &settings).await,
        Command::Media(command) => media::run(command, &settings).await,
        Command::Transfer(args) => transfer::run(args, &settings).await,
        Command::Demo => operators::demo(&settings).await,
        Command::CheckConfig => {
            tracing::info!("configuration is valid");
            Ok(())
        }
        Command::Openapi { .. } => unreachable!("handled before loading the configuration"),
    }
}

fn write_openapi(output: Option<&std::path::Path>) -> anyhow::Result<()> {
    let spec = http::openapi_spec();
    match output {
        Some(path) => std::fs::write(path, spec).with_context(|| format!("writing {}", path.display())),
        None => {
            use std::io::Write;
            std::io::stdout().write_all(spec.as_bytes()).context("writing to stdout")
        }
    }
}

fn report(result: anyhow::Result<()>) -> ExitCode {
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            tracing::error!(error = format!("{error:#}"), "dropit failed");
            eprintln!("error: {error:#}");
            ExitCode::FAILURE
        }
    }
}
