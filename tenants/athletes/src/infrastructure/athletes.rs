//! Profiles and groups: `athletes`, `athlete_groups`, `athlete_group_members`.

use async_trait::async_trait;
use dropit_infra::database::contains_pattern;
use dropit_tenancy::{ClubCtx, infrastructure::begin_club_txn};
use dropit_training::domain::load::Grams;
use sea_orm::{ConnectionTrait, DbErr, QueryResult};
use uuid::Uuid;

use super::{PgAthletes, failed, id_list, is_unique_violation, stmt};
use crate::{
    application::{AthleteFilter, AthleteStore, Group, GroupKind, Page, StoreError, WriteError},
    domain::athlete::{Athlete, Profile, Sex},
};

const COLUMNS: &str = "a.id, a.user_id, a.name, a.sex, a.birth_date, a.bar_grams, a.level, a.notes, \
    a.invitation_id IS NOT NULL AS invited, a.archived_at IS NOT NULL AS archived, \
    coalesce((SELECT string_agg(m.group_id::text, ',' ORDER BY m.group_id) FROM athlete_group_members m \
        WHERE m.athlete_id = a.id), '') AS groups";

/// Ids from `string_agg(id::text, ',')`.
fn ids(joined: &str) -> Vec<Uuid> {
    joined.split(',').filter_map(|id| Uuid::parse_str(id).ok()).collect()
}

fn athlete(row: &QueryResult) -> Result<Athlete, DbErr> {
    Ok(Athlete {
        id: row.try_get("", "id")?,
        user_id: row.try_get("", "user_id")?,
        profile: Profile {
            name: row.try_get("", "name")?,
            sex: row.try_get::<Option<String>>("", "sex")?.as_deref().and_then(Sex::parse),
            birth_date: row.try_get("", "birth_date")?,
            bar: row.try_get::<Option<i32>>("", "bar_grams")?.map(|g| Grams(g.max(0) as u32)),
            level: row.try_get("", "level")?,
            notes: row.try_get("", "notes")?,
        },
        invited: row.try_get("", "invited")?,
        archived: row.try_get("", "archived")?,
        groups: ids(&row.try_get::<String>("", "groups")?),
    })
}

fn group(row: &QueryResult) -> Result<Group, DbErr> {
    Ok(Group {
        id: row.try_get("", "id")?,
        name: row.try_get("", "name")?,
        kind: if row.try_get::<String>("", "kind")? == "squad" { GroupKind::Squad } else { GroupKind::Training },
        archived: row.try_get("", "archived")?,
        athletes: ids(&row.try_get::<String>("", "athletes")?),
    })
}

const GROUP_COLUMNS: &str = "g.id, g.name, g.kind, g.archived_at IS NOT NULL AS archived, \
    coalesce((SELECT string_agg(m.athlete_id::text, ',' ORDER BY a.name, a.id) FROM athlete_group_members m \
        JOIN athletes a ON a.id = m.athlete_id WHERE m.group_id = g.id), '') AS athletes";

/// The athlete with this id, read in the transaction.
async fn read_athlete(txn: &impl ConnectionTrait, id: Uuid) -> Result<Option<Athlete>, StoreError> {
    let row = txn
        .query_one_raw(stmt(format!("SELECT {COLUMNS} FROM athletes a WHERE a.id = $1"), [id.into()]))
        .await
        .map_err(failed)?;
    row.as_ref().map(athlete).transpose().map_err(failed)
}

/// The group with this id, read in the transaction.
async fn read_group(txn: &impl ConnectionTrait, id: Uuid) -> Result<Option<Group>, StoreError> {
    let row = txn
        .query_one_raw(stmt(format!("SELECT {GROUP_COLUMNS} FROM athlete_groups g WHERE g.id = $1"), [id.into()]))
        .await
        .map_err(failed)?;
    row.as_ref().map(group).transpose().map_err(failed)
}

fn profile_values(profile: &Profile) -> [sea_orm::Value; 6] {
    [
        profile.name.clone().into(),
        profile.sex.map(|s| s.as_str().to_owned()).into(),
        profile.birth_date.into(),
        profile.bar.map(|b| b.0 as i32).into(),
        profile.level.clone().into(),
        profile.notes.clone().into(),
    ]
}

#[async_trait]
impl AthleteStore for PgAthletes {
    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgAthletes.list"))]
    async fn list(
        &self,
        ctx: &ClubCtx,
        filter: &AthleteFilter,
        offset: u64,
        limit: u64,
    ) -> Result<Page<Athlete>, StoreError> {
        let txn = begin_club_txn(&self.db, ctx, self.statement_timeout).await.map_err(failed)?;
        let pattern = filter.text.as_ref().map(|t| contains_pattern(&t.trim().to_lowercase()));
        let condition = "($1::text IS NULL OR lower(a.name) LIKE $1)
            AND ($2::uuid IS NULL OR EXISTS (SELECT 1 FROM athlete_group_members m
                WHERE m.athlete_id = a.id AND m.group_id = $2))
            AND ($3 OR a.archived_at IS NULL)";
        let values = || [pattern.clone().into(), filter.group.into(), filter.include_archived.into()];
        let total = txn
            .query_one_raw(stmt(format!("SELECT count(*) AS n FROM athletes a WHERE {condition}"), values()))
            .await
            .map_err(failed)?
            .map(|row| row.try_get::<i64>("", "n"))
            .transpose()
            .map_err(failed)?
            .unwrap_or(0);
        let mut page_values = values().to_vec();
        page_values.extend([(offset as i64).into(), (limit as i64).into()]);
        let rows = txn
            .query_all_raw(stmt(
                format!(
                    "SELECT {COLUMNS} FROM athletes a WHERE {condition} ORDER BY lower(a.name), a.id OFFSET $4 LIMIT $5"
                ),
                page_values,
            ))
            .await
            .map_err(failed)?;
        let items = rows.iter().map(athlete).collect::<Result<Vec<_>, _>>().map_err(failed)?;
        txn.commit().await.map_err(failed)?;
        Ok(Page { items, total: total.max(0) as u64 })
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgAthletes.get"))]
    async fn get(&self, ctx: &ClubCtx, id: Uuid) -> Result<Option<Athlete>, StoreError> {
        let txn = begin_club_txn(&self.db, ctx, self.statement_timeout).await.map_err(failed)?;
        let found = read_athlete(&txn, id).await?;
        txn.commit().await.map_err(failed)?;
        Ok(found)
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgAthletes.by_user"))]
    async fn by_user(&self, ctx: &ClubCtx, user: Uuid) -> Result<Option<Athlete>, StoreError> {
        let txn = begin_club_txn(&self.db, ctx, self.statement_timeout).await.map_err(failed)?;
        let row = txn
            .query_one_raw(stmt(format!("SELECT {COLUMNS} FROM athletes a WHERE a.user_id = $1"), [user.into()]))
            .await
            .map_err(failed)?;
        let found = row.as_ref().map(athlete).transpose().map_err(failed)?;
        txn.commit().await.map_err(failed)?;
        Ok(found)
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgAthletes.active"))]
    async fn active(&self, ctx: &ClubCtx, ids: &[Uuid]) -> Result<Vec<Uuid>, StoreError> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let txn = begin_club_txn(&self.db, ctx, self.statement_timeout).await.map_err(failed)?;
        let rows = txn
            .query_all_raw(stmt(
                "SELECT id FROM athletes WHERE id = ANY(string_to_array($1, ',')::uuid[]) AND archived_at IS NULL",
                [id_list(ids)],
            ))
            .await
            .map_err(failed)?;
        let found = rows.iter().map(|r| r.try_get::<Uuid>("", "id")).collect::<Result<Vec<_>, _>>().map_err(failed)?;
        txn.commit().await.map_err(failed)?;
        Ok(found)
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgAthletes.create"))]
    async fn create(
        &self,
        ctx: &ClubCtx,
        id: Uuid,
        user: Option<Uuid>,
        profile: &Profile,
    ) -> Result<Athlete, WriteError> {
        let txn = begin_club_txn(&self.db, ctx, self.statement_timeout).await.map_err(failed)?;
        let mut values = vec![id.into(), user.into()];
        values.extend(profile_values(profile));
        let row = txn
            .query_one_raw(stmt(
                "INSERT INTO athletes (id, user_id, name, sex, birth_date, bar_grams, level, notes)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING RETURNING id",
                values,
            ))
            .await
            .map_err(failed)?;
        if row.is_none() {
            return Err(WriteError::Taken);
        }
        let created = read_athlete(&txn, id).await?.ok_or_else(|| StoreError("the athlete vanished".to_owned()))?;
        txn.commit().await.map_err(failed)?;
        Ok(created)
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgAthletes.update"))]
    async fn update(
        &self,
        ctx: &ClubCtx,
        id: Uuid,
        profile: &Profile,
        archived: bool,
    ) -> Result<Option<Athlete>, StoreError> {
        let txn = begin_club_txn(&self.db, ctx, self.statement_timeout).await.map_err(failed)?;
        let mut values = vec![id.into()];
        values.extend(profile_values(profile));
        values.push(archived.into());
        let updated = txn
            .execute_raw(stmt(
                "UPDATE athletes SET name = $2, sex = $3, birth_date = $4, bar_grams = $5, level = $6, notes = $7,
                    archived_at = CASE WHEN $8 THEN coalesce(archived_at, now()) END, updated_at = now()
                 WHERE id = $1",
                values,
            ))
            .await
            .map_err(failed)?;
        if updated.rows_affected() == 0 {
            return Ok(None);
        }
        let found = read_athlete(&txn, id).await?;
        txn.commit().await.map_err(failed)?;
        Ok(found)
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgAthletes.link"))]
    async fn link(&self, ctx: &ClubCtx, id: Uuid, user: Uuid) -> Result<bool, StoreError> {
        let txn = begin_club_txn(&self.db, ctx, self.statement_timeout).await.map_err(failed)?;
        let linked = txn
            .execute_raw(stmt(
                "UPDATE athletes SET user_id = $2, invitation_id = NULL, updated_at = now()
                 WHERE id = $1 AND user_id IS NULL",
                [id.into(), user.into()],
            ))
            .await;
        let linked = match linked {
            Ok(done) => done.rows_affected() == 1,
            // The account already has a profile of its own.
            Err(error) if is_unique_violation(&error) => false,
            Err(error) => return Err(failed(error)),
        };
        txn.commit().await.map_err(failed)?;
        Ok(linked)
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgAthletes.groups"))]
    async fn groups(&self, ctx: &ClubCtx, include_archived: bool) -> Result<Vec<Group>, StoreError> {
        let txn = begin_club_txn(&self.db, ctx, self.statement_timeout).await.map_err(failed)?;
        let rows = txn
            .query_all_raw(stmt(
                format!(
                    "SELECT {GROUP_COLUMNS} FROM athlete_groups g WHERE $1 OR g.archived_at IS NULL
                     ORDER BY lower(g.name)"
                ),
                [include_archived.into()],
            ))
            .await
            .map_err(failed)?;
        let groups = rows.iter().map(group).collect::<Result<Vec<_>, _>>().map_err(failed)?;
        txn.commit().await.map_err(failed)?;
        Ok(groups)
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgAthletes.create_group"))]
    async fn create_group(&self, ctx: &ClubCtx, name: &str, kind: GroupKind) -> Result<Group, WriteError> {
        let txn = begin_club_txn(&self.db, ctx, self.statement_timeout).await.map_err(failed)?;
        let row = txn
            .query_one_raw(stmt(
                "INSERT INTO athlete_groups (name, kind) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING id",
                [name.into(), kind.as_str().into()],
            ))
            .await
            .map_err(failed)?
            .ok_or(WriteError::Taken)?;
        let id: Uuid = row.try_get("", "id").map_err(failed)?;
        let created = read_group(&txn, id).await?.ok_or_else(|| StoreError("the group vanished".to_owned()))?;
        txn.commit().await.map_err(failed)?;
        Ok(created)
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgAthletes.update_group"))]
    async fn update_group(
        &self,
        ctx: &ClubCtx,
        id: Uuid,
        name: &str,
        kind: GroupKind,
        archived: bool,
        athletes: &[Uuid],
    ) -> Result<Option<Group>, WriteError> {
        let txn = begin_club_txn(&self.db, ctx, self.statement_timeout).await.map_err(failed)?;
        let updated = txn
            .execute_raw(stmt(
                "UPDATE athlete_groups SET name = $2, kind = $3,
                    archived_at = CASE WHEN $4 THEN coalesce(archived_at, now()) END
                 WHERE id = $1",
                [id.into(), name.into(), kind.as_str().into(), archived.into()],
            ))
            .await;
        match updated {
            Ok(done) if done.rows_affected() == 0 => return Ok(None),
            Ok(_) => {}
            Err(error) if is_unique_violation(&error) => return Err(WriteError::Taken),
            Err(error) => return Err(failed(error).into()),
        }
        let rows = txn
            .query_all_raw(stmt(
                "SELECT id FROM athletes WHERE id = ANY(string_to_array($1, ',')::uuid[])",
                [id_list(athletes)],
            ))
            .await
            .map_err(failed)?;
        let existing: Vec<Uuid> = rows.iter().map(|r| r.try_get("", "id")).collect::<Result<_, _>>().map_err(failed)?;
        let unknown: Vec<Uuid> = athletes.iter().filter(|a| !existing.contains(a)).copied().collect();
        if !unknown.is_empty() {
            return Err(WriteError::UnknownAthletes(unknown));
        }
        txn.execute_raw(stmt("DELETE FROM athlete_group_members WHERE group_id = $1;", [id.into()]))
            .await
            .map_err(failed)?;
        if !athletes.is_empty() {
            txn.execute_raw(stmt(
                "INSERT INTO athlete_group_members (group_id, athlete_id)
                 SELECT $1, unnest(string_to_array($2, ',')::uuid[]) ON CONFLICT DO NOTHING",
                [id.into(), id_list(athletes)],
            ))
            .await
            .map_err(failed)?;
        }
        let found = read_group(&txn, id).await?;
        txn.commit().await.map_err(failed)?;
        Ok(found)
    }

    #[tracing::instrument(name = "db", skip_all, fields(db.system = "postgresql", db.operation = "PgAthletes.group_members"))]
    async fn group_members(&self, ctx: &ClubCtx, id: Uuid) -> Result<Option<Vec<Uuid>>, StoreError> {
        let txn = begin_club_txn(&self.db, ctx, self.statement_timeout).await.map_err(failed)?;
        let exists = txn
            .query_one_raw(stmt(
                "SELECT 1 AS one FROM athlete_groups WHERE id = $1 AND archived_at IS NULL",
                [id.into()],
            ))
            .await
            .map_err(failed)?
            .is_some();
        let members = if exists {
            let rows = txn
                .query_all_raw(stmt(
                    "SELECT a.id FROM athlete_group_members m JOIN athletes a ON a.id = m.athlete_id
                     WHERE m.group_id = $1 AND a.archived_at IS NULL ORDER BY a.name, a.id",
                    [id.into()],
                ))
                .await
                .map_err(failed)?;
            Some(rows.iter().map(|r| r.try_get("", "id")).collect::<Result<Vec<Uuid>, _>>().map_err(failed)?)
        } else {
            None
        };
        txn.commit().await.map_err(failed)?;
        Ok(members)
    }
}
