//! The planning calendar: a week or a month of planned sessions, for everyone, one athlete
//! or one group. Coaches drag a workout from the palette onto a day to schedule it and drag a
//! session to another day to move it; every drag has a button-and-date-field alternative.

pub mod calendar;
pub mod chip;
pub mod coach_loads;
pub mod dashboard_athlete;
pub mod dashboard_coach;
pub mod data;
pub mod dates;
pub mod day;
pub mod detail;
pub mod drag;
pub mod inputs;
pub mod log_entry;
pub mod palette;
pub mod prescription;
pub mod schedule;
pub mod session_lines;

use chrono::NaiveDate;
use dropit_permissions::Permission;
use dropit_sdk::types;
use sycamore::prelude::*;

use self::{
    calendar::Calendar,
    data::{Names, following},
    dates::Span,
    detail::SessionDetail,
    palette::Palette,
    schedule::{Pending, ScheduleForm},
};
use crate::{
    components::{club_page::ClubPage, dialog::Dialog, loaded::loaded},
    format,
    resource::Resource,
    state::{t, use_app},
};

/// Who the calendar reads about and what it can offer, loaded once.
#[derive(Clone)]
pub struct Directory {
    pub athletes: Vec<types::AthleteBody>,
    pub groups: Vec<types::GroupBody>,
    pub exercises: Vec<types::ExerciseBody>,
}

/// The sessions of the days on screen.
#[derive(Clone)]
pub struct Window {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub sessions: Vec<types::PlannedSessionBody>,
}

/// What the calendar's parts share: the sessions and workouts on screen, and the signals through
/// which a chip opens its detail and a drop or a button opens the schedule dialog.
#[derive(Clone)]
pub struct Board {
    pub club: String,
    pub can_write: bool,
    pub sessions: Resource<Window>,
    pub workouts: Resource<Vec<types::WorkoutSummaryBody>>,
    /// The session whose detail is open.
    pub selected: Signal<Option<types::PlannedSessionBody>>,
    pub detail_open: Signal<bool>,
    /// The workout and day being scheduled.
    pub pending: Signal<Option<Pending>>,
    pub schedule_open: Signal<bool>,
    /// The filter: empty for everyone, `a:<athlete id>` or `g:<group id>`.
    pub filter: Signal<String>,
}

impl Board {
    /// Puts the API's answer for a changed session in place of the one on screen.
    pub fn replace(&self, changed: types::PlannedSessionBody) {
        self.sessions.update(|window| {
            if let Some(session) = window.sessions.iter_mut().find(|s| s.id == changed.id) {
                *session = changed;
            }
        });
    }
}

#[component(inline_props)]
pub fn Planning(club: String) -> View {
    let inner = club.clone();
    // The guard builds its content only for those it lets in, so nothing is fetched for others.
    view! {
        ClubPage(club=club, permission=Permission::PlanningRead, title="nav.planning") { PlanningPage(club=inner) }
    }
}

#[component(inline_props)]
fn PlanningPage(club: String) -> View {
    let app = use_app();
    let reads_members = app.can(&club, Permission::MembersRead);
    let directory = {
        let (api, club) = (app.api.clone(), club.clone());
        Resource::new(move || {
            let (api, club) = (api.clone(), club.clone());
            async move {
                let athletes = data::athletes_and_members(&api, &club, reads_members).await?;
                let groups = api.call(|a| a.group_list().club(&club).send()).await?;
                let exercises = data::exercises(&api, &club).await?;
                Ok(Directory { athletes, groups, exercises })
            }
        })
    };
    loaded(&directory, move |directory| {
        let club = club.clone();
        view! { PlanningBoard(club=club, directory=directory) }
    })
}

#[component(inline_props)]
fn PlanningBoard(club: String, directory: Directory) -> View {
    let app = use_app();
    let locale = app.locale.get_untracked();
    let can_write = app.can(&club, Permission::PlanningWrite);
    let span = create_signal(Span::Week);
    let anchor = create_signal(format::today());
    let filter = create_signal(String::new());
    let range = create_memo(move || dates::shown(span.get(), anchor.get()));
    let athlete = create_memo(move || filter.with(|f| f.strip_prefix("a:").map(str::to_owned)));
    let asked = create_memo(move || (range.get(), athlete.get_clone()));
    let sessions = {
        let (api, club) = (app.api.clone(), club.clone());
        following(asked, move |((from, to), athlete)| {
            let (api, club) = (api.clone(), club.clone());
            async move {
                let (first, last) = (dates::iso(from), dates::iso(to));
                let sessions = api
                    .call(|a| {
                        let list = a.planned_session_list().club(&club).from(first.clone()).to(last.clone());
                        match &athlete {
                            Some(id) => list.athlete_id(id.clone()).send(),
                            None => list.send(),
                        }
                    })
                    .await?;
                Ok(Window { from, to, sessions })
            }
        })
    };
    let workouts = {
        let (api, club) = (app.api.clone(), club.clone());
        Resource::new(move || {
            let (api, club) = (api.clone(), club.clone());
            async move { if can_write { data::workouts(&api, &club).await } else { Ok(Vec::new()) } }
        })
    };
    let board = Board {
        club: club.clone(),
        can_write,
        sessions: sessions.clone(),
        workouts: workouts.clone(),
        selected: create_signal(None),
        detail_open: create_signal(false),
        pending: create_signal(None),
        schedule_open: create_signal(false),
        filter,
    };

    let athletes = Names::of_athletes(&directory.athletes);
    let groups = Names::of_groups(&directory.groups);
    let exercises = Names::of_exercises(&directory.exercises, locale);
    let active: Vec<types::AthleteBody> = directory.athletes.iter().filter(|a| !a.archived).cloned().collect();
    let active_groups: Vec<types::GroupBody> = directory.groups.iter().filter(|g| !g.archived).cloned().collect();

    let athlete_options: Vec<View> = active
        .iter()
        .map(|a| {
            let (value, name) = (format!("a:{}", a.id), a.name.clone());
            view! { option(value=value) { (name) } }
        })
        .collect();
    let group_options: Vec<View> = active_groups
        .iter()
        .map(|g| {
            let (value, name) = (format!("g:{}", g.id), g.name.clone());
            view! { option(value=value) { (name) } }
        })
        .collect();
    let label = move || {
        let (from, to) = range.get();
        match span.get() {
            Span::Week => {
                format!("{} – {}", format::date(&dates::iso(from), locale), format::date(&dates::iso(to), locale))
            }
            Span::Month => {
                let first = dates::first_of_month(anchor.get());
                format!("{} {}", calendar::month_name(first), chrono::Datelike::year(&first))
            }
        }
    };
    let view_button = move |which: Span, key: &'static str, testid: &'static str| {
        view! {
            button(r#type="button", class="button", data-testid=testid,
                aria-pressed=move || if span.get() == which { "true" } else { "false" },
                on:click=move |_| span.set(which)) { (t(key)) }
        }
    };
    let week_button = view_button(Span::Week, "planning.week", "view-week");
    let month_button = view_button(Span::Month, "planning.month", "view-month");

    let group_members = directory.groups.clone();
    let calendar_board = board.clone();
    let calendar_names = (athletes.clone(), groups.clone());
    let calendar = loaded(&sessions, move |window| {
        // A group's calendar: its athletes' sessions, and the sessions scheduled for it.
        let shown = filter.with(|f| match f.strip_prefix("g:") {
            Some(group) => {
                let members = group_members.iter().find(|g| g.id == group).map(|g| g.athlete_ids.clone());
                let members = members.unwrap_or_default();
                Window {
                    sessions: window
                        .sessions
                        .iter()
                        .filter(|s| s.group_id.as_deref() == Some(group) || members.contains(&s.athlete_id))
                        .cloned()
                        .collect(),
                    ..window.clone()
                }
            }
            None => window.clone(),
        });
        let (board, (athletes, groups)) = (calendar_board.clone(), calendar_names.clone());
        view! { Calendar(window=shown, board=board, athletes=athletes, groups=groups) }
    });

    let palette_board = board.clone();
    let palette = can_write.then(|| view! { Palette(board=palette_board) });
    let detail_board = board.clone();
    let detail_names = (athletes.clone(), groups.clone(), exercises.clone());
    let selected = board.selected;
    let pending = board.pending;
    let schedule_board = board.clone();
    let schedule_athletes = active.clone();
    let schedule_groups = active_groups.clone();

    view! {
        div(class="planning") {
            div(class="planning-toolbar") {
                div(class="segmented", role="group", aria-label=t("planning.view")) { (week_button) (month_button) }
                div(class="segmented", role="group", aria-label=t("planning.navigate")) {
                    button(r#type="button", class="button", data-testid="cal-prev", aria-label=t("planning.previous"),
                        on:click=move |_| anchor.set(dates::step(span.get(), anchor.get(), -1))) { "‹" }
                    button(r#type="button", class="button", data-testid="cal-today",
                        on:click=move |_| anchor.set(format::today())) { (t("planning.today")) }
                    button(r#type="button", class="button", data-testid="cal-next", aria-label=t("planning.next"),
                        on:click=move |_| anchor.set(dates::step(span.get(), anchor.get(), 1))) { "›" }
                }
                h2(class="planning-range", aria-live="polite", data-testid="cal-range") { (label) }
                div(class="planning-filter") {
                    label(r#for="planning-filter") { (t("planning.show")) }
                    select(id="planning-filter", data-testid="cal-filter", bind:value=filter,
                        on:change=inputs::follow_select(filter)) {
                        option(value="") { (t("planning.everyone")) }
                        optgroup(label=t("planning.athletes")) { (athlete_options) }
                        optgroup(label=t("planning.groups")) { (group_options) }
                    }
                }
            }
            div(class=if can_write { "planning-body with-palette" } else { "planning-body" }) {
                (palette)
                section(class="calendar-wrap", aria-label=t("planning.calendar")) { (calendar) }
            }
        }
        Dialog(open=board.detail_open, title="planning.session", testid="session-dialog") {
            (move || selected.get_clone().map(|session| {
                let (board, (athletes, groups, exercises)) = (detail_board.clone(), detail_names.clone());
                view! { SessionDetail(session=session, board=board, athletes=athletes, groups=groups, exercises=exercises) }
            }))
        }
        Dialog(open=board.schedule_open, title="planning.schedule_title", testid="schedule-dialog") {
            (move || pending.get_clone().map(|pending| {
                let (board, athletes, groups) = (schedule_board.clone(), schedule_athletes.clone(), schedule_groups.clone());
                view! { ScheduleForm(pending=pending, board=board, athletes=athletes, groups=groups) }
            }))
        }
    }
}
