//! The club's settings row, read inside the club envelope.

use sea_orm::{ConnectionTrait, DbBackend, DbErr, Statement};

use super::ClubTxn;

/// The settings anyone may see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PublicSettings {
    pub locale: String,
    pub timezone: String,
}

pub async fn public_settings(txn: &ClubTxn) -> Result<PublicSettings, DbErr> {
    let row = txn
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT locale, timezone FROM club_settings WHERE id = 1".to_owned(),
        ))
        .await?
        .ok_or_else(|| DbErr::RecordNotFound("club_settings".to_owned()))?;
    Ok(PublicSettings { locale: row.try_get("", "locale")?, timezone: row.try_get("", "timezone")? })
}
