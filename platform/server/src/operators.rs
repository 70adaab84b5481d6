//! `dropit operators …` and `dropit demo`: people managed from the command line.

use std::{io::Write, sync::Arc};

use anyhow::{Context, bail};
use clap::Subcommand;
use dropit_club_migration::Migrator as ClubMigrator;
use dropit_identity::{
    application::{PasswordHasher, UserStore},
    domain::{DisplayName, Email, Password, User, UserId},
    infrastructure::{
        authorization::Authorizer, memberships::PgMemberships, password::Argon2Hasher, users::PgUserStore,
    },
};
use dropit_kernel::Locale;
use dropit_permissions::Role;
use dropit_tenancy::{
    ClubSlug, ClubTier,
    domain::ClubName,
    infrastructure::{
        PgClubRegistry,
        provision::{NewClub, provision_club, standard_seeders},
    },
};
use sea_orm::DatabaseConnection;

use crate::config::Settings;

#[derive(Debug, Subcommand)]
pub enum OperatorsCommand {
    /// Makes an existing account a platform operator.
    Add { email: String },
    /// Lists the platform operators.
    List,
}

struct Tools {
    db: DatabaseConnection,
    users: PgUserStore,
    authorizer: Authorizer,
}

async fn tools(settings: &Settings) -> anyhow::Result<Tools> {
    let db = dropit_infra::database::connect(&settings.database, false).await.context("connecting to postgres")?;
    let redis = dropit_infra::cache::Redis::new(&settings.redis).context("configuring redis")?;
    // Changes made here are announced to running servers; the authorizer itself stays empty.
    let authorizer = Authorizer::default().publishing_to(redis.connection());
    Ok(Tools { users: PgUserStore::new(db.clone()), db, authorizer })
}

pub async fn run(command: OperatorsCommand, settings: &Settings) -> anyhow::Result<()> {
    let tools = tools(settings).await?;
    let mut out = std::io::stdout().lock();
    match command {
        OperatorsCommand::Add { email } => {
            let email = Email::parse(&email).map_err(|e| anyhow::anyhow!("{email}: {e}"))?;
            let Some(user) = tools.users.set_operator(&email, true).await? else {
                bail!("no account uses {email}: the person signs up first");
            };
            tools.authorizer.make_operator(user.id).await?;
            writeln!(out, "{email} is a platform operator")?;
        }
        OperatorsCommand::List => {
            for email in tools.users.operators().await? {
                writeln!(out, "{email}")?;
            }
        }
    }
    Ok(())
}

/// The demo club and one account per club role, with fresh passwords printed each time.
pub async fn demo(settings: &Settings) -> anyhow::Result<()> {
    const PEOPLE: [(Role, &str, &str); 3] = [
        (Role::ClubAdmin, "Camille Martin", "admin@demo.dropit.test"),
        (Role::Coach, "Karim Benali", "coach@demo.dropit.test"),
        (Role::Athlete, "Léa Dubois", "athlete@demo.dropit.test"),
    ];
    let tools = tools(settings).await?;
    let slug = ClubSlug::parse("demo").map_err(|e| anyhow::anyhow!("{e}"))?;
    let registry = PgClubRegistry::new(tools.db.clone());
    let club = match registry.find_by_slug(&slug).await? {
        Some(club) => club,
        None => {
            let name = ClubName::parse("Haltérophilie Démo").map_err(|e| anyhow::anyhow!("{e}"))?;
            provision_club::<ClubMigrator>(&tools.db, NewClub::new(slug, name, ClubTier::Standard), &standard_seeders())
                .await?
        }
    };
    let hasher = Arc::new(Argon2Hasher::new());
    let mut out = std::io::stdout().lock();
    writeln!(out, "Demo club: {} ({}) — accounts, with passwords new on every run:", club.name.as_str(), club.slug)?;
    for (role, name, email) in PEOPLE {
        let email = Email::parse(email).map_err(|e| anyhow::anyhow!("{e}"))?;
        let secret = demo_password();
        let password = Password::new(&secret, &email).map_err(|e| anyhow::anyhow!("{e}"))?;
        let hash = hasher.hash(&password)?;
        let id = match tools.users.find_by_email(&email).await? {
            Some((user, _)) => {
                tools.users.set_password_hash(user.id, &hash).await?;
                user.id
            }
            None => {
                let display_name = DisplayName::parse(name).map_err(|e| anyhow::anyhow!("{e}"))?;
                let user = User {
                    id: UserId::generate(),
                    email: email.clone(),
                    display_name,
                    locale: Locale::Fr,
                    is_operator: false,
                };
                tools.users.insert(&user, &hash).await?;
                user.id
            }
        };
        PgMemberships::put(&tools.db, id, club.id.as_uuid(), role).await?;
        tools.authorizer.grant(id, club.id.as_uuid(), role).await?;
        writeln!(out, "  {:<11} {:<26} {secret}", role.as_str(), email.as_str())?;
    }
    Ok(())
}

/// Four groups of five lowercase letters and digits: easy to type, 100 bits of entropy.
fn demo_password() -> String {
    use argon2::password_hash::rand_core::{OsRng, RngCore};
    const ALPHABET: &[u8] = b"abcdefghijkmnpqrstuvwxyz23456789";
    let mut bytes = [0u8; 20];
    OsRng.fill_bytes(&mut bytes);
    let chars: Vec<char> = bytes.iter().map(|b| char::from(ALPHABET[usize::from(*b) % ALPHABET.len()])).collect();
    chars.chunks(5).map(|c| c.iter().collect::<String>()).collect::<Vec<_>>().join("-")
}
