//! Every club of the platform with its state, and the actions that state allows: an active
//! club can be suspended; a suspended one resumed or archived; an archived one restored.
//! Each asks first.

use std::rc::Rc;

use dropit_sdk::types::ClubSummary;
use sycamore::{futures::spawn_local_scoped, prelude::*};

use crate::{
    components::loaded::{empty, loaded},
    pages::members::confirm::Confirm,
    resource::Resource,
    state::{failure_text, t, use_app},
};

/// A change of a club's state the operator can ask for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Change {
    Suspend,
    Resume,
    Archive,
    Restore,
}

/// The changes a club in `status` allows, as the platform's lifecycle does.
pub fn changes(status: &str) -> &'static [Change] {
    match status {
        "active" => &[Change::Suspend],
        "suspended" => &[Change::Resume, Change::Archive],
        "archived" => &[Change::Restore],
        _ => &[],
    }
}

impl Change {
    fn testid(self) -> &'static str {
        match self {
            Change::Suspend => "club-suspend",
            Change::Resume => "club-resume",
            Change::Archive => "club-archive",
            Change::Restore => "club-restore",
        }
    }

    fn label(self) -> &'static str {
        match self {
            Change::Suspend => "operator.suspend",
            Change::Resume => "operator.resume",
            Change::Archive => "operator.archive",
            Change::Restore => "operator.restore",
        }
    }

    fn question(self) -> &'static str {
        match self {
            Change::Suspend => t("operator.suspend_question"),
            Change::Resume => t("operator.resume_question"),
            Change::Archive => t("operator.archive_question"),
            Change::Restore => t("operator.restore_question"),
        }
    }

    fn done(self) -> &'static str {
        match self {
            Change::Suspend => "operator.suspended",
            Change::Resume => "operator.resumed",
            Change::Archive => "operator.archived",
            Change::Restore => "operator.restored",
        }
    }
}

fn status_text(status: &str) -> String {
    match status {
        "active" => t("operator.status_active").to_owned(),
        "suspended" => t("operator.status_suspended").to_owned(),
        "archived" => t("operator.status_archived").to_owned(),
        "provisioning" => t("operator.status_provisioning").to_owned(),
        other => other.to_owned(),
    }
}

fn status_class(status: &str) -> &'static str {
    match status {
        "active" => "badge badge-ok",
        "suspended" => "badge badge-warn",
        "archived" => "badge badge-bad",
        _ => "badge",
    }
}

#[component(inline_props)]
pub fn ClubTable(clubs: Resource<Vec<ClubSummary>>, audited: Signal<u32>) -> View {
    loaded(&clubs, move |list| {
        if list.is_empty() {
            return empty("operator.no_clubs");
        }
        let rows: Vec<View> = list.into_iter().map(|club| view! { ClubRow(club=club, audited=audited) }).collect();
        view! {
            div(class="table-wrap") {
                table(class="operator-clubs") {
                    thead { tr {
                        th(scope="col") { (t("operator.club")) }
                        th(scope="col") { (t("operator.status")) }
                        th(scope="col") { (t("operator.tier")) }
                        th(scope="col") { (t("operator.schema_version")) }
                        th(scope="col") { (t("operator.archive_key")) }
                        th(scope="col") { span(class="visually-hidden") { (t("members.actions")) } }
                    } }
                    tbody { (rows) }
                }
            }
        }
    })
}

/// One club; it keeps the summary the API last returned for it. `audited` counts the changes
/// made here, so the platform's audit log reads them.
#[component(inline_props)]
fn ClubRow(club: ClubSummary, audited: Signal<u32>) -> View {
    let slug = club.slug.clone();
    let current = create_signal(club);
    let busy = create_signal(false);
    let problem = create_signal(None::<String>);
    let field =
        move |read: fn(&ClubSummary) -> Option<String>| move || current.with(read).unwrap_or_else(|| "—".to_owned());
    let row_slug = slug.clone();
    view! {
        tr(data-testid="operator-club", data-slug=row_slug, data-status=move || current.with(|c| c.status.clone())) {
            td {
                div(class="operator-club-name") {
                    span { (move || current.with(|c| c.name.clone())) }
                    code { (slug) }
                }
            }
            td {
                (move || current.with(|c| {
                    let (class, text) = (status_class(&c.status), status_text(&c.status));
                    view! { span(class=class, data-testid="club-status") { (text) } }
                }))
            }
            td { (move || current.with(|c| c.tier.clone())) }
            td(class="operator-version") { (field(|c| c.schema_version.clone())) }
            td(class="operator-archive") { (field(|c| c.archive_key.clone())) }
            td(class="row-actions") {
                // Drawn again when the state changes; a request it starts finishes with that change.
                (move || {
                    let status = current.with(|c| c.status.clone());
                    changes(&status)
                        .iter()
                        .map(|change| view! { Action(change=*change, current=current, busy=busy, problem=problem, audited=audited) })
                        .collect::<Vec<View>>()
                })
                (move || problem.get_clone().map(|text| view! { p(class="field-error", role="alert", data-testid="club-error") { (text) } }))
            }
        }
    }
}

#[component(inline_props)]
fn Action(
    change: Change,
    current: Signal<ClubSummary>,
    busy: Signal<bool>,
    problem: Signal<Option<String>>,
    audited: Signal<u32>,
) -> View {
    let app = use_app();
    let name = current.with_untracked(|c| c.name.clone());
    let question = change.question().replace("{club}", &name);
    let action: Rc<dyn Fn()> = Rc::new(move || {
        let app = app.clone();
        let slug = current.with_untracked(|c| c.slug.clone());
        busy.set(true);
        problem.set(None);
        spawn_local_scoped(async move {
            let answer = match change {
                Change::Suspend => app.api.call(|a| a.platform_club_suspend().club(&slug).send()).await,
                Change::Resume => app.api.call(|a| a.platform_club_resume().club(&slug).send()).await,
                Change::Archive => app.api.call(|a| a.platform_club_archive().club(&slug).send()).await,
                Change::Restore => app.api.call(|a| a.platform_club_restore().club(&slug).send()).await,
            };
            busy.set(false);
            match answer {
                Ok(now) => {
                    app.success(change.done());
                    audited.update(|n| *n += 1);
                    // The actions are drawn again for the new state, which ends this task: last.
                    current.set(now);
                }
                Err(failure) => {
                    problem.set(Some(failure_text(&failure)));
                    app.failure(&failure);
                }
            }
        });
    });
    let danger = change != Change::Resume && change != Change::Restore;
    view! { Confirm(label=change.label(), question=question, testid=change.testid(), danger=danger, busy=*busy, action=action) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_state_offers_what_the_lifecycle_allows() {
        assert_eq!(changes("active"), [Change::Suspend]);
        assert_eq!(changes("suspended"), [Change::Resume, Change::Archive]);
        assert_eq!(changes("archived"), [Change::Restore]);
        assert!(changes("provisioning").is_empty());
    }
}
