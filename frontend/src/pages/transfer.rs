//! Import & export: a program read from a spreadsheet, the logs as CSV, the printable sheet,
//! and the whole club as an archive. Each part shows only to the roles the API lets do it.

mod archive;
mod dates;
mod files;
mod import;
mod logs;
mod preview;
mod sheet;

use std::collections::HashMap;

use dropit_kernel::Locale;
use dropit_permissions::Permission;
use dropit_sdk::types;
use sycamore::prelude::*;

use crate::{
    components::{club_page::ClubPage, loaded::loaded},
    resource::Resource,
    state::use_app,
};

/// Who a file or a sheet can be for, and what the catalogue calls each exercise.
#[derive(Clone, Debug, PartialEq)]
pub struct Directory {
    pub athletes: Vec<types::AthleteBody>,
    pub groups: Vec<types::GroupBody>,
    pub exercises: Vec<types::ExerciseBody>,
}

impl Directory {
    /// Each exercise's name in the person's language, by id.
    pub fn exercise_names(&self, locale: Locale) -> HashMap<String, String> {
        self.exercises
            .iter()
            .map(|e| {
                let name = match locale {
                    Locale::Fr if !e.name_fr.is_empty() => e.name_fr.clone(),
                    Locale::En if e.name_en.is_empty() => e.name_fr.clone(),
                    Locale::Fr => e.name_en.clone(),
                    Locale::En => e.name_en.clone(),
                };
                (e.id.clone(), name)
            })
            .collect()
    }

    /// The options of a "for whom" select: the active groups (`g:<id>`), then the athletes
    /// (`a:<id>`), each under its heading.
    pub fn target_options(&self) -> View {
        let groups: Vec<View> = self
            .groups
            .iter()
            .filter(|g| !g.archived)
            .map(|g| {
                let (value, name) = (format!("g:{}", g.id), g.name.clone());
                view! { option(value=value) { (name) } }
            })
            .collect();
        let athletes: Vec<View> = self
            .athletes
            .iter()
            .map(|a| {
                let (value, name) = (format!("a:{}", a.id), a.name.clone());
                view! { option(value=value) { (name) } }
            })
            .collect();
        view! {
            optgroup(label=crate::state::t("transfer.groups")) { (groups) }
            optgroup(label=crate::state::t("transfer.athletes")) { (athletes) }
        }
    }
}

#[component(inline_props)]
pub fn Transfer(club: String) -> View {
    let inner = club.clone();
    view! {
        ClubPage(club=club, permission=Permission::WorkoutsWrite, title="nav.transfer") { TransferPage(club=inner) }
    }
}

#[component(inline_props)]
fn TransferPage(club: String) -> View {
    let app = use_app();
    let directory = {
        let (api, club) = (app.api.clone(), club.clone());
        Resource::new(move || {
            let (api, club) = (api.clone(), club.clone());
            async move {
                let athletes = dropit_ui::pages::every_athlete(&api, &club, false).await?;
                let groups = api.call(|a| a.group_list().club(&club).send()).await?;
                let exercises = dropit_ui::pages::every_exercise(&api, &club).await?;
                Ok(Directory { athletes, groups, exercises })
            }
        })
    };
    loaded(&directory, move |directory| {
        let app = use_app();
        let logs = app.can(&club, Permission::LogsRead).then(|| {
            let (club, athletes) = (club.clone(), directory.athletes.clone());
            view! { logs::LogExport(club=club, athletes=athletes) }
        });
        let sheet = app.can(&club, Permission::PlanningRead).then(|| {
            let (club, directory) = (club.clone(), directory.clone());
            view! { sheet::PrintSheet(club=club, directory=directory) }
        });
        let archive = app.can(&club, Permission::ClubUpdate).then(|| {
            let club = club.clone();
            view! { archive::ClubArchive(club=club) }
        });
        let (club, directory) = (club.clone(), directory.clone());
        view! {
            div(class="transfer-page") {
                import::ImportProgram(club=club, directory=directory)
                (logs)
                (sheet)
                (archive)
            }
        }
    })
}
