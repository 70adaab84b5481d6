//! The exercise catalogue, with the starter catalogue every club begins with.
//!
//! The starter entries are written here as they were at this version, so every club gets the
//! same ones whenever it runs this migration; later additions come in later migrations.

use sea_orm_migration::{
    prelude::*,
    sea_orm::{DbBackend, Statement, Value},
};

#[derive(DeriveMigrationName)]
pub struct Migration;

/// (key, French name, English name, category, reference lift, tags)
type Starter = (&'static str, &'static str, &'static str, &'static str, Option<&'static str>, &'static [&'static str]);

const STARTERS: &[Starter] = &[
    ("snatch", "Arraché", "Snatch", "snatch", Some("snatch"), &["competition"]),
    ("power_snatch", "Arraché en puissance", "Power snatch", "snatch", Some("snatch"), &["power"]),
    ("hang_snatch", "Arraché suspendu", "Hang snatch", "snatch", Some("snatch"), &["hang"]),
    (
        "hang_snatch_below_knee",
        "Arraché suspendu sous les genoux",
        "Hang snatch below the knee",
        "snatch",
        Some("snatch"),
        &["hang"],
    ),
    (
        "hang_power_snatch",
        "Arraché en puissance suspendu",
        "Hang power snatch",
        "snatch",
        Some("snatch"),
        &["hang", "power"],
    ),
    ("block_snatch", "Arraché des blocs", "Block snatch", "snatch", Some("snatch"), &["blocks"]),
    (
        "block_power_snatch",
        "Arraché en puissance des blocs",
        "Block power snatch",
        "snatch",
        Some("snatch"),
        &["blocks", "power"],
    ),
    ("muscle_snatch", "Arraché musculaire", "Muscle snatch", "snatch", Some("snatch"), &["technique"]),
    ("snatch_balance", "Équilibre d'arraché", "Snatch balance", "snatch", Some("snatch"), &["technique", "overhead"]),
    ("drop_snatch", "Arraché tombé", "Drop snatch", "snatch", Some("snatch"), &["technique", "overhead"]),
    ("pause_snatch", "Arraché avec pause", "Pause snatch", "snatch", Some("snatch"), &["pause", "positional"]),
    (
        "no_feet_snatch",
        "Arraché sans déplacement des pieds",
        "No-feet snatch",
        "snatch",
        Some("snatch"),
        &["technique"],
    ),
    ("tall_snatch", "Arraché haut", "Tall snatch", "snatch", Some("snatch"), &["technique"]),
    ("segment_snatch", "Arraché segmenté", "Segment snatch", "snatch", Some("snatch"), &["pause", "positional"]),
    ("snatch_pull", "Tirage d'arraché", "Snatch pull", "pull", Some("snatch"), &["strength"]),
    ("snatch_high_pull", "Tirage haut d'arraché", "Snatch high pull", "pull", Some("snatch"), &["strength"]),
    ("snatch_deadlift", "Soulevé de terre prise d'arraché", "Snatch deadlift", "pull", Some("snatch"), &["strength"]),
    (
        "snatch_segment_deadlift",
        "Soulevé de terre segmenté prise d'arraché",
        "Snatch segment deadlift",
        "pull",
        Some("snatch"),
        &["pause", "positional"],
    ),
    ("overhead_squat", "Squat bras tendus", "Overhead squat", "squat", Some("snatch"), &["overhead", "strength"]),
    ("sots_press", "Développé Sots", "Sots press", "press", None, &["overhead", "mobility"]),
    ("snatch_push_press", "Développé poussé prise d'arraché", "Snatch-grip push press", "press", None, &["overhead"]),
    ("clean", "Épaulé", "Clean", "clean", Some("clean"), &["competition"]),
    ("power_clean", "Épaulé en puissance", "Power clean", "clean", Some("clean"), &["power"]),
    ("hang_clean", "Épaulé suspendu", "Hang clean", "clean", Some("clean"), &["hang"]),
    (
        "hang_clean_below_knee",
        "Épaulé suspendu sous les genoux",
        "Hang clean below the knee",
        "clean",
        Some("clean"),
        &["hang"],
    ),
    (
        "hang_power_clean",
        "Épaulé en puissance suspendu",
        "Hang power clean",
        "clean",
        Some("clean"),
        &["hang", "power"],
    ),
    ("block_clean", "Épaulé des blocs", "Block clean", "clean", Some("clean"), &["blocks"]),
    (
        "block_power_clean",
        "Épaulé en puissance des blocs",
        "Block power clean",
        "clean",
        Some("clean"),
        &["blocks", "power"],
    ),
    ("muscle_clean", "Épaulé musculaire", "Muscle clean", "clean", Some("clean"), &["technique"]),
    ("pause_clean", "Épaulé avec pause", "Pause clean", "clean", Some("clean"), &["pause", "positional"]),
    ("tall_clean", "Épaulé haut", "Tall clean", "clean", Some("clean"), &["technique"]),
    ("segment_clean", "Épaulé segmenté", "Segment clean", "clean", Some("clean"), &["pause", "positional"]),
    ("clean_pull", "Tirage d'épaulé", "Clean pull", "pull", Some("clean"), &["strength"]),
    ("clean_high_pull", "Tirage haut d'épaulé", "Clean high pull", "pull", Some("clean"), &["strength"]),
    ("clean_deadlift", "Soulevé de terre prise d'épaulé", "Clean deadlift", "pull", Some("clean"), &["strength"]),
    (
        "clean_segment_deadlift",
        "Soulevé de terre segmenté prise d'épaulé",
        "Clean segment deadlift",
        "pull",
        Some("clean"),
        &["pause", "positional"],
    ),
    ("jerk", "Jeté", "Jerk", "jerk", Some("jerk"), &["competition"]),
    ("split_jerk", "Jeté fente", "Split jerk", "jerk", Some("jerk"), &["competition"]),
    ("power_jerk", "Jeté en puissance", "Power jerk", "jerk", Some("jerk"), &["power"]),
    ("push_jerk", "Jeté poussé", "Push jerk", "jerk", Some("jerk"), &["power"]),
    ("squat_jerk", "Jeté en squat", "Squat jerk", "jerk", Some("jerk"), &["overhead"]),
    (
        "behind_the_neck_jerk",
        "Jeté derrière la nuque",
        "Behind-the-neck jerk",
        "jerk",
        Some("jerk"),
        &["overhead", "technique"],
    ),
    ("jerk_from_blocks", "Jeté des supports", "Jerk from blocks", "jerk", Some("jerk"), &["blocks"]),
    ("jerk_dip", "Flexion de jeté", "Jerk dip", "jerk", Some("jerk"), &["positional", "strength"]),
    ("jerk_recovery", "Réception de jeté", "Jerk recovery", "jerk", Some("jerk"), &["overhead", "strength"]),
    ("push_press", "Développé poussé", "Push press", "press", Some("jerk"), &["overhead", "strength"]),
    (
        "behind_the_neck_push_press",
        "Développé poussé derrière la nuque",
        "Behind-the-neck push press",
        "press",
        Some("jerk"),
        &["overhead"],
    ),
    ("clean_and_jerk", "Épaulé-jeté", "Clean & jerk", "clean_and_jerk", Some("clean_and_jerk"), &["competition"]),
    (
        "power_clean_and_jerk",
        "Épaulé-jeté en puissance",
        "Power clean & jerk",
        "clean_and_jerk",
        Some("clean_and_jerk"),
        &["power"],
    ),
    (
        "hang_clean_and_jerk",
        "Épaulé-jeté suspendu",
        "Hang clean & jerk",
        "clean_and_jerk",
        Some("clean_and_jerk"),
        &["hang"],
    ),
    ("back_squat", "Squat arrière", "Back squat", "squat", Some("back_squat"), &["strength"]),
    ("front_squat", "Squat avant", "Front squat", "squat", Some("front_squat"), &["strength", "front_rack"]),
    (
        "pause_back_squat",
        "Squat arrière avec pause",
        "Pause back squat",
        "squat",
        Some("back_squat"),
        &["pause", "strength"],
    ),
    (
        "pause_front_squat",
        "Squat avant avec pause",
        "Pause front squat",
        "squat",
        Some("front_squat"),
        &["pause", "front_rack"],
    ),
    ("bulgarian_split_squat", "Squat bulgare", "Bulgarian split squat", "squat", None, &["unilateral"]),
    ("deadlift", "Soulevé de terre", "Deadlift", "pull", None, &["strength"]),
    ("romanian_deadlift", "Soulevé de terre roumain", "Romanian deadlift", "pull", None, &["posterior_chain"]),
    ("strict_press", "Développé militaire", "Strict press", "press", None, &["overhead", "strength"]),
    ("behind_the_neck_press", "Développé nuque", "Behind-the-neck press", "press", None, &["overhead"]),
    ("bench_press", "Développé couché", "Bench press", "press", None, &["strength"]),
    ("good_morning", "Good morning", "Good morning", "accessory", None, &["posterior_chain"]),
    ("back_extension", "Extension lombaire", "Back extension", "accessory", None, &["posterior_chain"]),
    ("glute_ham_raise", "Glute-ham raise", "Glute-ham raise", "accessory", None, &["posterior_chain"]),
    ("bent_over_row", "Rowing barre", "Bent-over row", "accessory", None, &["upper_back"]),
    ("pull_up", "Traction", "Pull-up", "accessory", None, &["upper_back"]),
    ("weighted_dip", "Dips lestés", "Weighted dip", "accessory", None, &["upper_body"]),
    ("walking_lunge", "Fentes marchées", "Walking lunge", "accessory", None, &["unilateral"]),
    ("box_jump", "Saut sur caisse", "Box jump", "accessory", None, &["plyometrics"]),
    ("hanging_leg_raise", "Relevé de jambes suspendu", "Hanging leg raise", "accessory", None, &["core"]),
];

#[sea_orm_migration::async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        let db = manager.get_connection();
        db.execute_unprepared(
            "CREATE TABLE exercises (
                id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
                name_fr text NOT NULL CHECK (length(name_fr) BETWEEN 1 AND 120),
                name_en text NOT NULL CHECK (length(name_en) BETWEEN 1 AND 120),
                category text NOT NULL CHECK (category IN
                    ('snatch', 'clean', 'jerk', 'clean_and_jerk', 'pull', 'squat', 'press', 'accessory')),
                tags text[] NOT NULL DEFAULT '{}',
                description text NOT NULL DEFAULT '' CHECK (length(description) <= 4000),
                reference_lift text CHECK (reference_lift IN
                    ('snatch', 'clean', 'jerk', 'clean_and_jerk', 'back_squat', 'front_squat')),
                starter_key text UNIQUE,
                archived_at timestamptz,
                created_at timestamptz NOT NULL DEFAULT now(),
                updated_at timestamptz NOT NULL DEFAULT now()
            );
            CREATE INDEX exercises_category ON exercises (category, name_en) WHERE archived_at IS NULL;",
        )
        .await?;
        let mut sql = String::from(
            "INSERT INTO exercises (starter_key, name_fr, name_en, category, reference_lift, tags) VALUES ",
        );
        let mut values: Vec<Value> = Vec::with_capacity(STARTERS.len() * 6);
        for (i, (key, fr, en, category, reference, tags)) in STARTERS.iter().enumerate() {
            let n = i * 6;
            if i > 0 {
                sql.push_str(", ");
            }
            sql.push_str(&format!("(${}, ${}, ${}, ${}, ${}, ${}::text[])", n + 1, n + 2, n + 3, n + 4, n + 5, n + 6));
            values.extend([
                (*key).into(),
                (*fr).into(),
                (*en).into(),
                (*category).into(),
                reference.map(str::to_owned).into(),
                tags.iter().map(|t| (*t).to_owned()).collect::<Vec<String>>().into(),
            ]);
        }
        sql.push_str(" ON CONFLICT (starter_key) DO NOTHING");
        db.execute_raw(Statement::from_sql_and_values(DbBackend::Postgres, sql, values)).await?;
        Ok(())
    }

    async fn down(&self, manager: &SchemaManager) -> Result<(), DbErr> {
        manager.get_connection().execute_unprepared("DROP TABLE exercises").await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::STARTERS;

    #[test]
    fn the_starter_catalogue_is_large_unique_and_bilingual() {
        assert!(STARTERS.len() >= 60, "{} starters", STARTERS.len());
        let keys: HashSet<_> = STARTERS.iter().map(|s| s.0).collect();
        assert_eq!(keys.len(), STARTERS.len(), "duplicate keys");
        let english: HashSet<_> = STARTERS.iter().map(|s| s.2).collect();
        assert_eq!(english.len(), STARTERS.len(), "duplicate English names");
        for family in ["snatch", "clean", "jerk", "clean_and_jerk", "pull", "squat", "press", "accessory"] {
            assert!(STARTERS.iter().filter(|s| s.3 == family).count() >= 3, "{family} has fewer than 3 exercises");
        }
    }
}
