//! The club's bar and plates (`club_settings`) and the athletes' maxima (`reference_maxima`).

use std::{collections::HashMap, time::Duration};

use async_trait::async_trait;
use dropit_tenancy::{
    ClubCtx,
    infrastructure::{ClubPools, begin_club_txn},
};
use sea_orm::{ConnectionTrait, DbBackend, QueryResult, Statement};
use serde::Deserialize;
use uuid::Uuid;

use super::{failed, workouts::basis};
use crate::{
    application::{CatalogueError, LoadSettings, LoadSetup, Loading},
    domain::{
        exercise::ReferenceLift,
        load::{Grams, PlateInventory, PlateStock, Rounding},
        workout::Basis,
    },
};

#[derive(Clone)]
pub struct PgLoadSettings {
    db: ClubPools,
    statement_timeout: Duration,
}

impl PgLoadSettings {
    pub fn new(db: impl Into<ClubPools>, statement_timeout: Duration) -> Self {
        Self { db: db.into(), statement_timeout }
    }
}

#[derive(Deserialize)]
struct StoredPlate {
    grams: u32,
    count: u32,
}

async fn read_loading(txn: &dropit_tenancy::infrastructure::ClubTxn) -> Result<Loading, CatalogueError> {
    let settings = txn
        .query_one_raw(Statement::from_string(
            DbBackend::Postgres,
            "SELECT weight_rounding, bar_grams, collar_grams, plates FROM club_settings WHERE id = 1".to_owned(),
        ))
        .await
        .map_err(failed)?
        .ok_or_else(|| CatalogueError("the club has no settings".to_owned()))?;
    loading_from(&settings)
}

/// The club's loading from a row with `club_settings`' `weight_rounding`, `bar_grams`,
/// `collar_grams` and `plates`.
pub(super) fn loading_from(settings: &QueryResult) -> Result<Loading, CatalogueError> {
    let plates: Vec<StoredPlate> = serde_json::from_value(settings.try_get("", "plates").map_err(failed)?)
        .map_err(|e| CatalogueError(e.to_string()))?;
    let grams = |column: &str| settings.try_get::<i32>("", column).map(|g| Grams(g.max(0) as u32)).map_err(failed);
    let rounding = match settings.try_get::<String>("", "weight_rounding").map_err(failed)?.as_str() {
        "floor" => Rounding::Floor,
        "ceil" => Rounding::Ceil,
        _ => Rounding::Nearest,
    };
    Ok(Loading {
        bar: grams("bar_grams")?,
        collar: grams("collar_grams")?,
        plates: plates.into_iter().map(|p| PlateStock { weight: Grams(p.grams), count: p.count }).collect(),
        rounding,
    })
}

/// One athlete's maxima, as `reference_maxima` rows (lift, kind, grams) say them: 1RMs and
/// training maxima.
pub(super) type Maxima = (HashMap<ReferenceLift, Grams>, HashMap<ReferenceLift, Grams>);

pub(super) fn add_maximum(maxima: &mut Maxima, lift: &str, kind: &str, grams: i32) {
    if let Some(lift) = ReferenceLift::parse(lift) {
        let grams = Grams(grams.max(0) as u32);
        match basis(kind) {
            Basis::OneRepMax => maxima.0.insert(lift, grams),
            Basis::TrainingMax => maxima.1.insert(lift, grams),
        };
    }
}

/// What an athlete's loads are computed from: the club's plates on their own bar if they
/// have one, else on the club's.
pub(super) fn setup_for(
    loading: &Loading,
    own_bar: Option<Grams>,
    maxima: Maxima,
) -> Result<LoadSetup, CatalogueError> {
    let inventory = PlateInventory::new(own_bar.unwrap_or(loading.bar), loading.collar, loading.plates.clone())
        .map_err(|e| CatalogueError(e.to_string()))?;
    let (maxima, training_maxima) = maxima;
    Ok(LoadSetup { inventory, rounding: loading.rounding, maxima, training_maxima })
}

#[async_trait]
impl LoadSettings for PgLoadSettings {
    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgLoadSettings.loading"))]
    async fn loading(&self, ctx: &ClubCtx) -> Result<Loading, CatalogueError> {
        let txn = begin_club_txn(&self.db, ctx, self.statement_timeout).await.map_err(failed)?;
        let loading = read_loading(&txn).await?;
        txn.commit().await.map_err(failed)?;
        Ok(loading)
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgLoadSettings.set_loading"))]
    async fn set_loading(&self, ctx: &ClubCtx, loading: &Loading) -> Result<(), CatalogueError> {
        let plates: Vec<serde_json::Value> =
            loading.plates.iter().map(|p| serde_json::json!({"grams": p.weight.0, "count": p.count})).collect();
        let rounding = match loading.rounding {
            Rounding::Nearest => "nearest",
            Rounding::Floor => "floor",
            Rounding::Ceil => "ceil",
        };
        let txn = begin_club_txn(&self.db, ctx, self.statement_timeout).await.map_err(failed)?;
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "UPDATE club_settings SET bar_grams = $1, collar_grams = $2, plates = $3, weight_rounding = $4, updated_at = now()
             WHERE id = 1",
            [
                (loading.bar.0 as i32).into(),
                (loading.collar.0 as i32).into(),
                sea_orm::Value::Json(Some(Box::new(serde_json::Value::Array(plates)))),
                rounding.into(),
            ],
        ))
        .await
        .map_err(failed)?;
        txn.commit().await.map_err(failed)
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgLoadSettings.setup"))]
    async fn setup(&self, ctx: &ClubCtx, athlete: Uuid) -> Result<LoadSetup, CatalogueError> {
        let mut setups = self.setups(ctx, &[athlete]).await?;
        setups.remove(&athlete).ok_or_else(|| CatalogueError("no setup".to_owned()))
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgLoadSettings.setups"))]
    async fn setups(&self, ctx: &ClubCtx, athletes: &[Uuid]) -> Result<HashMap<Uuid, LoadSetup>, CatalogueError> {
        let txn = begin_club_txn(&self.db, ctx, self.statement_timeout).await.map_err(failed)?;
        let loading = read_loading(&txn).await?;
        let ids = super::athlete_list(Some(athletes));
        // The athlete's own bar (a 15 kg bar, a technique bar) replaces the club's.
        let bars = txn
            .query_all_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT id, bar_grams FROM athletes
                 WHERE id = ANY(string_to_array($1, ',')::uuid[]) AND bar_grams IS NOT NULL",
                [ids.clone()],
            ))
            .await
            .map_err(failed)?;
        let mut own_bars = HashMap::new();
        for row in &bars {
            let id: Uuid = row.try_get("", "id").map_err(failed)?;
            own_bars.insert(id, Grams(row.try_get::<i32>("", "bar_grams").map_err(failed)?.max(0) as u32));
        }
        let rows = txn
            .query_all_raw(Statement::from_sql_and_values(
                DbBackend::Postgres,
                "SELECT athlete_id, lift, kind, grams FROM reference_maxima
                 WHERE athlete_id = ANY(string_to_array($1, ',')::uuid[])",
                [ids],
            ))
            .await
            .map_err(failed)?;
        txn.commit().await.map_err(failed)?;
        let mut maxima: HashMap<Uuid, Maxima> = HashMap::new();
        for row in &rows {
            let athlete: Uuid = row.try_get("", "athlete_id").map_err(failed)?;
            let lift: String = row.try_get("", "lift").map_err(failed)?;
            let kind: String = row.try_get("", "kind").map_err(failed)?;
            add_maximum(maxima.entry(athlete).or_default(), &lift, &kind, row.try_get("", "grams").map_err(failed)?);
        }
        let mut setups = HashMap::with_capacity(athletes.len());
        for athlete in athletes {
            let setup =
                setup_for(&loading, own_bars.get(athlete).copied(), maxima.remove(athlete).unwrap_or_default())?;
            setups.insert(*athlete, setup);
        }
        Ok(setups)
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgLoadSettings.set_maximum"))]
    async fn set_maximum(
        &self,
        ctx: &ClubCtx,
        athlete: Uuid,
        lift: ReferenceLift,
        kind: Basis,
        max: Grams,
    ) -> Result<(), CatalogueError> {
        let txn = begin_club_txn(&self.db, ctx, self.statement_timeout).await.map_err(failed)?;
        txn.execute_raw(Statement::from_sql_and_values(
            DbBackend::Postgres,
            "INSERT INTO reference_maxima (athlete_id, lift, grams, kind) VALUES ($1, $2, $3, $4)
             ON CONFLICT (athlete_id, lift, kind) DO UPDATE SET grams = $3, updated_at = now()",
            [athlete.into(), lift.as_str().into(), (max.0 as i32).into(), kind.as_str().into()],
        ))
        .await
        .map_err(failed)?;
        txn.commit().await.map_err(failed)
    }
}
