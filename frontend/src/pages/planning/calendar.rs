//! The calendar grid: seven columns from Monday to Sunday, one week or the whole weeks of a
//! month, each day holding its sessions.

use chrono::{Datelike, Days, NaiveDate};
use sycamore::prelude::*;

use super::{Board, Window, data::Names, dates, day::Day};
use crate::{components::loaded::empty, format, state::t};

const WEEKDAYS: [&str; 7] =
    ["planning.mon", "planning.tue", "planning.wed", "planning.thu", "planning.fri", "planning.sat", "planning.sun"];

const MONTHS: [&str; 12] = [
    "planning.january",
    "planning.february",
    "planning.march",
    "planning.april",
    "planning.may",
    "planning.june",
    "planning.july",
    "planning.august",
    "planning.september",
    "planning.october",
    "planning.november",
    "planning.december",
];

pub fn month_name(day: NaiveDate) -> &'static str {
    t(MONTHS[day.month0() as usize])
}

pub fn weekday_name(day: NaiveDate) -> &'static str {
    t(WEEKDAYS[day.weekday().num_days_from_monday() as usize])
}

/// The grid is drawn from the window itself (not from what the person has just chosen), so
/// the days and their sessions always belong together while the next window loads.
#[component(inline_props)]
pub fn Calendar(window: Window, board: Board, athletes: Names, groups: Names) -> View {
    let month_view = (window.to - window.from).num_days() > 6;
    let month = dates::first_of_month(window.from + Days::new(14)).month();
    let today = format::today();
    let headers: Vec<View> =
        WEEKDAYS.iter().map(|key| view! { div(class="weekday", aria-hidden="true") { (t(key)) } }).collect();
    let cells: Vec<View> = dates::days(window.from, window.to)
        .into_iter()
        .map(|day| {
            let iso = dates::iso(day);
            let mut here: Vec<_> = window.sessions.iter().filter(|s| s.date == iso).cloned().collect();
            here.sort_by_cached_key(|s| (athletes.get(&s.athlete_id), s.name.clone()));
            let (board, athletes, groups) = (board.clone(), athletes.clone(), groups.clone());
            let (outside, is_today) = (month_view && day.month() != month, day == today);
            view! {
                Day(day=day, outside=outside, today=is_today, compact=month_view, sessions=here, board=board,
                    athletes=athletes, groups=groups)
            }
        })
        .collect();
    let nothing = window.sessions.is_empty().then(|| empty("planning.nothing_planned"));
    let class = if month_view { "calendar calendar-month" } else { "calendar calendar-week" };
    view! {
        div(class=class, data-testid="calendar", data-view=if month_view { "month" } else { "week" },
            data-from=dates::iso(window.from), data-to=dates::iso(window.to)) {
            div(class="weekdays") { (headers) }
            div(class="days") { (cells) }
        }
        (nothing)
    }
}
