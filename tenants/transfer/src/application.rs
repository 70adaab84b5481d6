//! The use cases of import and export, shared by the API and the command line.

use std::{collections::HashMap, sync::Arc};

use chrono::NaiveDate;
use dropit_athletes::application::{AthleteFilter, AthleteStore};
use dropit_kernel::Locale;
use dropit_sheets::{FileError, Known, KnownExercise, KnownName, LineProblem, Options, Program, ProgramIntensity};
use dropit_tenancy::{Club, ClubCtx};
use dropit_training::{
    application::{
        CatalogueError, ExerciseCatalogue, ExerciseFilter, ImportedWorkout, LoadSettings, LogStore, Planning, Roster,
        WorkoutError, WorkoutStore,
        search::{Search, SearchDoc},
    },
    domain::{
        exercise::ReferenceLift,
        workout::{Basis, Intensity, Part, SetPrescription, WorkoutContent, WorkoutLine},
    },
};
use uuid::Uuid;

use crate::{
    archive::{ArchiveError, ClubArchive, Manifest, Restored},
    exports::{Names, SheetAthlete, logs_csv, sheet_html},
};

/// Most workouts one file may create.
pub const MAX_WORKOUTS: usize = 200;
/// Most sessions one file may schedule.
pub const MAX_SESSIONS: usize = 5_000;
/// The longest period one sheet or one CSV covers.
pub const MAX_DAYS: i64 = 366;

#[derive(Clone)]
pub struct Transfer {
    pub catalogue: Arc<dyn ExerciseCatalogue>,
    pub workouts: Arc<dyn WorkoutStore>,
    pub planning: Arc<dyn Planning>,
    pub loads: Arc<dyn LoadSettings>,
    pub logs: Arc<dyn LogStore>,
    pub athletes: Arc<dyn AthleteStore>,
    pub roster: Arc<dyn Roster>,
    pub search: Search,
    pub archive: ClubArchive,
}

#[derive(Debug, thiserror::Error)]
pub enum TransferError {
    #[error(transparent)]
    File(#[from] FileError),
    #[error("no such athlete or group")]
    NotFound,
    #[error("the lines of the file have problems")]
    Problems,
    #[error(transparent)]
    Archive(#[from] ArchiveError),
    #[error(transparent)]
    Unavailable(#[from] CatalogueError),
}

impl From<dropit_athletes::application::StoreError> for TransferError {
    fn from(error: dropit_athletes::application::StoreError) -> Self {
        TransferError::Unavailable(error.into())
    }
}

/// A problem with one place of the file, or with the whole import (`row` 0).
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub row: u32,
    pub column: String,
    pub code: &'static str,
    pub message: String,
    pub text: String,
    pub candidates: Vec<KnownName>,
}

impl Problem {
    fn of_line(problem: LineProblem, locale: Locale) -> Problem {
        Problem {
            row: problem.row,
            column: problem.column,
            code: problem.code.code(),
            message: problem.code.message(locale),
            text: problem.text,
            candidates: problem.candidates,
        }
    }
}

/// A workout as the file gives it, ready to create, with where it came from.
#[derive(Clone, Debug)]
pub struct PreviewWorkout {
    pub row: u32,
    pub date: Option<NaiveDate>,
    pub content: WorkoutContent,
    /// `(athlete, group it is scheduled through)`.
    pub athletes: Vec<(Uuid, Option<Uuid>)>,
}

/// What a file gives: the workouts, every problem, and what was created (nothing on a dry run
/// or while there are problems).
#[derive(Clone, Debug)]
pub struct ImportReport {
    pub sheet: String,
    pub workouts: Vec<PreviewWorkout>,
    pub problems: Vec<Problem>,
    pub created: Vec<Uuid>,
    pub sessions: usize,
}

/// What the coach sends with the file.
#[derive(Clone, Debug, Default)]
pub struct ImportRequest {
    pub file_name: String,
    pub sheet: Option<String>,
    pub choices: dropit_sheets::Choices,
    /// Who dated workouts are for when the file does not say.
    pub athletes: Vec<Uuid>,
    pub group: Option<Uuid>,
    pub dry_run: bool,
    pub today: NaiveDate,
    pub locale: Locale,
}

impl Transfer {
    /// Exercise and athlete names, archived ones included (old logs name them).
    pub async fn names(&self, ctx: &ClubCtx) -> Result<Names, TransferError> {
        let mut names = Names::default();
        for exercise in self.every_exercise(ctx).await? {
            names.exercises.insert(exercise.id, (exercise.name_fr, exercise.name_en));
        }
        for athlete in self.every_athlete(ctx, true).await? {
            names.athletes.insert(athlete.id, athlete.profile.name);
        }
        Ok(names)
    }

    /// The club's athletes, every page of them.
    async fn every_athlete(
        &self,
        ctx: &ClubCtx,
        include_archived: bool,
    ) -> Result<Vec<dropit_athletes::domain::athlete::Athlete>, TransferError> {
        let filter = AthleteFilter { include_archived, ..AthleteFilter::default() };
        let mut all = Vec::new();
        loop {
            let page = self.athletes.list(ctx, &filter, all.len() as u64, 500).await?;
            let count = page.items.len();
            all.extend(page.items);
            if count == 0 || all.len() as u64 >= page.total {
                return Ok(all);
            }
        }
    }

    async fn every_exercise(
        &self,
        ctx: &ClubCtx,
    ) -> Result<Vec<dropit_training::domain::exercise::Exercise>, TransferError> {
        let filter = ExerciseFilter { include_archived: true, ..ExerciseFilter::default() };
        let mut all = Vec::new();
        loop {
            let page = self.catalogue.list(ctx, &filter, all.len() as u64, 500).await?;
            let count = page.items.len();
            all.extend(page.items);
            if count == 0 || all.len() as u64 >= page.total {
                return Ok(all);
            }
        }
    }

    /// Session logs between two dates, one CSV row per set.
    pub async fn logs_csv(
        &self,
        ctx: &ClubCtx,
        from: NaiveDate,
        to: NaiveDate,
        athlete: Option<Uuid>,
        locale: Locale,
    ) -> Result<Vec<u8>, TransferError> {
        let logs = self.logs.between(ctx, from, to, athlete.as_ref().map(std::slice::from_ref)).await?;
        let names = self.names(ctx).await?;
        logs_csv(&logs, &names, locale).map_err(|e| TransferError::Unavailable(CatalogueError(e.to_string())))
    }

    /// The printable sheet of an athlete, a group, or everyone with sessions in the period.
    pub async fn sheet(
        &self,
        ctx: &ClubCtx,
        title: &str,
        (from, to): (NaiveDate, NaiveDate),
        athlete: Option<Uuid>,
        group: Option<Uuid>,
        locale: Locale,
    ) -> Result<String, TransferError> {
        let wanted: Option<Vec<Uuid>> = match (athlete, group) {
            (Some(athlete), _) => Some(vec![athlete]),
            (None, Some(group)) => Some(self.roster.group(ctx, group).await?.ok_or(TransferError::NotFound)?),
            (None, None) => None,
        };
        let sessions = self.planning.between(ctx, from, to, wanted.as_deref()).await?;
        let sessions: Vec<_> = sessions.into_iter().filter(|s| !s.cancelled).collect();
        let mut order: Vec<Uuid> = wanted.unwrap_or_default();
        for session in &sessions {
            if !order.contains(&session.athlete_id) {
                order.push(session.athlete_id);
            }
        }
        let names = self.names(ctx).await?;
        if athlete.is_some_and(|a| !names.athletes.contains_key(&a)) {
            return Err(TransferError::NotFound);
        }
        order.sort_by_key(|id| names.athlete(*id).to_lowercase());
        let setups = self.loads.setups(ctx, &order).await?;
        let mut pages = Vec::with_capacity(order.len());
        for id in &order {
            let Some(setup) = setups.get(id) else { continue };
            pages.push(SheetAthlete {
                id: *id,
                sessions: sessions.iter().filter(|s| s.athlete_id == *id).collect(),
                setup,
            });
        }
        Ok(sheet_html(title, from, to, &pages, &names, locale))
    }

    /// Reads a program file; creates its workouts and sessions unless it is a dry run or a
    /// line has a problem (then nothing is created).
    pub async fn import_program(
        &self,
        ctx: &ClubCtx,
        bytes: &[u8],
        request: &ImportRequest,
    ) -> Result<ImportReport, TransferError> {
        let exercises = self.every_exercise(ctx).await?;
        let athletes = self.every_athlete(ctx, false).await?;
        let groups = self.athletes.groups(ctx, false).await?;
        let known = Known {
            exercises: exercises
                .iter()
                .filter(|e| !e.archived)
                .map(|e| KnownExercise {
                    id: e.id,
                    name_fr: e.name_fr.clone(),
                    name_en: e.name_en.clone(),
                    reference_lift: e.reference_lift.map(|l| l.as_str().to_owned()),
                })
                .collect(),
            athletes: athletes.iter().map(|a| KnownName { id: a.id, name: a.profile.name.clone() }).collect(),
            groups: groups.iter().map(|g| KnownName { id: g.id, name: g.name.clone() }).collect(),
        };
        let options = Options { sheet: request.sheet.as_deref(), today: request.today, choices: &request.choices };
        let program = dropit_sheets::read_program(&request.file_name, bytes, &known, &options)?;
        let mut report = self.preview(ctx, program, request).await?;
        if request.dry_run || !report.problems.is_empty() {
            return if request.dry_run { Ok(report) } else { Err(TransferError::Problems) };
        }
        let program: Vec<ImportedWorkout> = report
            .workouts
            .iter()
            .map(|w| ImportedWorkout {
                content: w.content.clone(),
                sessions: match w.date {
                    Some(date) => w.athletes.iter().map(|(a, g)| (*a, date, *g)).collect(),
                    None => Vec::new(),
                },
            })
            .collect();
        let created = match self.workouts.import(ctx, &program).await {
            Ok(created) => created,
            Err(WorkoutError::UnknownExercises(_)) => return Err(TransferError::Problems),
            Err(WorkoutError::Unavailable(error)) => return Err(error.into()),
        };
        self.search.changed(ctx, created.iter().map(SearchDoc::workout).collect());
        report.created = created.iter().map(|w| w.id).collect();
        report.sessions = program.iter().map(|w| w.sessions.len()).sum();
        Ok(report)
    }

    /// The file's workouts as the club would store them, with every problem.
    async fn preview(
        &self,
        ctx: &ClubCtx,
        program: Program,
        request: &ImportRequest,
    ) -> Result<ImportReport, TransferError> {
        let locale = request.locale;
        let mut problems: Vec<Problem> = program.problems.into_iter().map(|p| Problem::of_line(p, locale)).collect();
        let whole = |code: &'static str, en: &str, fr: &str, row: u32, text: String| Problem {
            row,
            column: String::new(),
            code,
            message: match locale {
                Locale::En => en.to_owned(),
                Locale::Fr => fr.to_owned(),
            },
            text,
            candidates: Vec::new(),
        };
        if program.workouts.len() > MAX_WORKOUTS {
            problems.push(whole(
                "too_many_workouts",
                &format!("one file creates at most {MAX_WORKOUTS} workouts; split it"),
                &format!("un fichier crée au plus {MAX_WORKOUTS} séances ; découpez-le"),
                0,
                program.workouts.len().to_string(),
            ));
        }
        // Who the file's dates are for when a workout does not say.
        let mut default_athletes: Vec<(Uuid, Option<Uuid>)> =
            self.roster.known(ctx, &request.athletes).await?.into_iter().map(|a| (a, None)).collect();
        if request.athletes.len() != default_athletes.len() {
            return Err(TransferError::NotFound);
        }
        if let Some(group) = request.group {
            let members = self.roster.group(ctx, group).await?.ok_or(TransferError::NotFound)?;
            default_athletes.extend(members.into_iter().map(|a| (a, Some(group))));
        }
        let mut workouts = Vec::with_capacity(program.workouts.len());
        let mut sessions = 0;
        for workout in program.workouts {
            let mut athletes: Vec<(Uuid, Option<Uuid>)> = workout.athletes.iter().map(|a| (*a, None)).collect();
            for group in &workout.groups {
                let members = self.roster.group(ctx, *group).await?.unwrap_or_default();
                athletes.extend(members.into_iter().map(|a| (a, Some(*group))));
            }
            if athletes.is_empty() {
                athletes = default_athletes.clone();
            }
            let mut seen = Vec::new();
            athletes.retain(|(a, _)| {
                if seen.contains(a) {
                    false
                } else {
                    seen.push(*a);
                    true
                }
            });
            if workout.date.is_some() {
                if athletes.is_empty() {
                    problems.push(whole(
                        "no_athletes",
                        "this dated workout names no athlete or group, and none was chosen for the import",
                        "cette séance datée ne nomme ni athlète ni groupe, et aucun n'a été choisi pour l'import",
                        workout.row,
                        workout.name.clone(),
                    ));
                }
                sessions += athletes.len();
            } else {
                athletes.clear();
            }
            let content = WorkoutContent {
                name: workout.name.clone(),
                notes: workout.notes.clone(),
                basis: Basis::OneRepMax,
                lines: workout
                    .lines
                    .iter()
                    .map(|line| WorkoutLine {
                        parts: line.parts.iter().map(|p| Part { exercise_id: p.exercise_id, reps: p.reps }).collect(),
                        sets: line
                            .sets
                            .iter()
                            .map(|s| SetPrescription { reps: s.reps, intensity: intensity(&s.intensity) })
                            .collect(),
                        rest_seconds: line.rest_seconds,
                        notes: line.notes.clone(),
                    })
                    .collect(),
            };
            let content = match content.clone().validate() {
                Ok(valid) => valid,
                Err(found) => {
                    for (field, _) in found {
                        // Line problems were reported where the file has them; what is left
                        // is the workout as a whole (its name, no lines…).
                        let row = line_row(&field, &workout).unwrap_or(workout.row);
                        problems.push(whole(
                            "invalid_workout",
                            &format!("the workout is not valid here: {field}"),
                            &format!("la séance n'est pas valide ici : {field}"),
                            row,
                            workout.name.clone(),
                        ));
                    }
                    content
                }
            };
            workouts.push(PreviewWorkout { row: workout.row, date: workout.date, content, athletes });
        }
        if sessions > MAX_SESSIONS {
            problems.push(whole(
                "too_many_sessions",
                &format!("one file schedules at most {MAX_SESSIONS} sessions; split it"),
                &format!("un fichier planifie au plus {MAX_SESSIONS} séances ; découpez-le"),
                0,
                sessions.to_string(),
            ));
        }
        problems.sort_by(|a, b| (a.row, &a.column).cmp(&(b.row, &b.column)));
        Ok(ImportReport { sheet: program.sheet, workouts, problems, created: Vec::new(), sessions: 0 })
    }

    pub async fn export_archive(&self, club: &Club) -> Result<(std::fs::File, Manifest), TransferError> {
        let file = tempfile::tempfile().map_err(ArchiveError::from)?;
        Ok(self.archive.export(club, file).await?)
    }

    /// Reads an archive into a new club, then brings its search index and cache along.
    pub async fn restore_archive(&self, club: &Club, file: std::fs::File) -> Result<Restored, TransferError> {
        let restored = self.archive.restore(club, file).await?;
        let ctx = club.context();
        self.catalogue.forget(&ctx).await;
        if let Err(error) = self.search.reindex(&ctx).await {
            // The index catches up by itself once it answers; the data is in.
            tracing::warn!(%error, "the restored club's search index will be rebuilt later");
        }
        Ok(restored)
    }
}

/// `lines[3].sets[0].reps` → the row of the file's fourth line.
fn line_row(field: &str, workout: &dropit_sheets::ProgramWorkout) -> Option<u32> {
    let index: usize = field.strip_prefix("lines[")?.split(']').next()?.parse().ok()?;
    workout.lines.get(index).map(|l| l.row)
}

fn intensity(intensity: &ProgramIntensity) -> Intensity {
    match intensity {
        ProgramIntensity::Percent { min, max, of } => match ReferenceLift::parse(of) {
            Some(of) => Intensity::Percent { min: *min, max: *max, of },
            // The reader only names lifts the catalogue has; an unknown one cannot be a percentage.
            None => Intensity::Free,
        },
        ProgramIntensity::Kg(kg) => Intensity::Kilograms(*kg),
        ProgramIntensity::Rpe { min, max } => Intensity::Rpe { min: *min, max: *max },
        ProgramIntensity::Free => Intensity::Free,
    }
}

/// `Choices` from the request's JSON object `{"cell text": "exercise id"}`.
pub fn parse_choices(raw: &str) -> Option<dropit_sheets::Choices> {
    let map: HashMap<String, String> = serde_json::from_str(raw).ok()?;
    map.into_iter().map(|(text, id)| Some((text, Uuid::parse_str(&id).ok()?))).collect()
}
