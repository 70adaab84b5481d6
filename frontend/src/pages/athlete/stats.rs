//! An athlete's training statistics over a period (the last 12 weeks unless another is
//! chosen): the figures of what was done against what was planned, the weekly tonnage and the
//! lifts per intensity zone.

use dropit_kernel::Locale;
use dropit_sdk::types::{FiguresBody, StatsBody};
use sycamore::prelude::*;

use super::{
    picked,
    rules::{self, PeriodProblem},
    words,
};
use crate::{
    components::{
        chart::{BarChart, BarSeries, day_month},
        loaded::loaded,
    },
    format,
    resource::Resource,
    state::{t, use_app},
};

/// The periods offered, in weeks up to today.
const PRESETS: [u32; 4] = [4, 12, 26, 52];
const DEFAULT_WEEKS: u32 = 12;

#[component(inline_props)]
pub fn StatsCard(club: String, id: String) -> View {
    let app = use_app();
    let locale = app.locale.get_untracked();
    let (start, end) = rules::last_weeks(format::today(), DEFAULT_WEEKS);
    let preset = create_signal(DEFAULT_WEEKS.to_string());
    let from = create_signal(start.to_string());
    let to = create_signal(end.to_string());
    let mut pick = picked(preset);
    let choose = move |ev: web_sys::Event| {
        pick(ev);
        if let Ok(weeks) = preset.get_clone().parse::<u32>() {
            let (start, end) = rules::last_weeks(format::today(), weeks);
            from.set(start.to_string());
            to.set(end.to_string());
        }
    };
    let period = create_memo(move || rules::period(&from.get_clone(), &to.get_clone()));
    let body = {
        let (api, club, id) = (app.api.clone(), club.clone(), id.clone());
        move || match period.get() {
            Err(problem) => {
                let key = match problem {
                    PeriodProblem::Invalid => "athletes.period_invalid",
                    PeriodProblem::Reversed => "athletes.period_reversed",
                    PeriodProblem::TooLong => "athletes.period_too_long",
                };
                view! { p(class="form-error", role="alert") { (t(key)) } }
            }
            Ok((start, end)) => {
                let stats = {
                    let (api, club, id) = (api.clone(), club.clone(), id.clone());
                    Resource::new(move || {
                        let (api, club, id) = (api.clone(), club.clone(), id.clone());
                        async move {
                            api.call(|a| {
                                a.athlete_stats()
                                    .club(&club)
                                    .athlete(&id)
                                    .from(start.to_string())
                                    .to(end.to_string())
                                    .send()
                            })
                            .await
                        }
                    })
                };
                loaded(&stats, move |stats| report(stats, locale))
            }
        }
    };
    let presets: Vec<View> = PRESETS
        .iter()
        .map(|weeks| {
            let text = format!("{weeks} {}", t("athletes.weeks"));
            view! { option(value=weeks.to_string()) { (text) } }
        })
        .collect();
    let custom = move |_| preset.set("custom".to_owned());
    view! {
        section(class="card stats", aria-labelledby="stats-title", data-testid="stats") {
            div(class="stats-head") {
                h2(id="stats-title") { (t("athletes.stats")) }
                div(class="form-row period", role="group", aria-label=t("athletes.period")) {
                    div(class="field") {
                        label(r#for="stats-preset") { (t("athletes.period")) }
                        select(id="stats-preset", data-testid="stats-preset", bind:value=preset, on:change=choose) {
                            (presets)
                            option(value="custom") { (t("athletes.period_custom")) }
                        }
                    }
                    div(class="field") {
                        label(r#for="stats-from") { (t("athletes.from")) }
                        input(id="stats-from", r#type="date", data-testid="stats-from", bind:value=from, on:input=custom)
                    }
                    div(class="field") {
                        label(r#for="stats-to") { (t("athletes.to")) }
                        input(id="stats-to", r#type="date", data-testid="stats-to", bind:value=to, on:input=custom)
                    }
                }
            }
            (body)
        }
    }
}

fn pct(value: Option<f64>, locale: Locale) -> String {
    value.map_or_else(|| "–".to_owned(), |v| format!("{} %", format::number(v, locale)))
}

/// A figure: its name, the value done, and a line under it.
fn figure(label: &'static str, value: String, testid: &'static str, note: String) -> View {
    view! {
        div(class="figure") {
            dt { (label) }
            dd(class="figure-value", data-testid=testid) { (value) }
            dd(class="hint") { (note) }
        }
    }
}

fn report(stats: StatsBody, locale: Locale) -> View {
    let StatsBody { done, planned, compliance, weeks, zones, .. } = stats;
    let planned_note = |value: String| format!("{} {value}", t("athletes.planned_colon"));
    let FiguresBody { lifts, tonnage_kg, average_intensity_kg, relative_intensity_pct, inol, .. } = done;
    let sessions = format!(
        "{} / {} {} · {} {}",
        compliance.done_sessions,
        compliance.planned_sessions,
        t("athletes.sessions"),
        compliance.unplanned_sessions,
        t("athletes.unplanned")
    );
    let figures = vec![
        figure(
            t("athletes.lifts"),
            format::number(f64::from(lifts), locale),
            "stats-lifts",
            planned_note(format::number(f64::from(planned.lifts), locale)),
        ),
        figure(
            t("athletes.tonnage"),
            format::kg(tonnage_kg, locale),
            "stats-tonnage",
            planned_note(format::kg(planned.tonnage_kg, locale)),
        ),
        figure(
            t("athletes.average_intensity"),
            average_intensity_kg.map_or_else(|| "–".to_owned(), |v| format::kg(v, locale)),
            "stats-average",
            planned_note(planned.average_intensity_kg.map_or_else(|| "–".to_owned(), |v| format::kg(v, locale))),
        ),
        figure(
            t("athletes.relative_intensity"),
            pct(relative_intensity_pct, locale),
            "stats-relative",
            planned_note(pct(planned.relative_intensity_pct, locale)),
        ),
        figure(
            t("athletes.inol"),
            format::number(inol, locale),
            "stats-inol",
            planned_note(format::number(planned.inol, locale)),
        ),
        figure(t("athletes.compliance"), pct(compliance.sessions_pct, locale), "stats-compliance", sessions),
        figure(
            t("athletes.compliance_volume"),
            pct(compliance.tonnage_pct, locale),
            "stats-compliance-tonnage",
            format!("{} {}", t("athletes.lifts_colon"), pct(compliance.lifts_pct, locale)),
        ),
        figure(
            t("athletes.snatch_ratio"),
            pct(done.snatch_to_clean_and_jerk_pct, locale),
            "stats-ratio",
            format!(
                "{} / {}",
                done.best_snatch_kg.map_or_else(|| "–".to_owned(), |v| format::kg(v, locale)),
                done.best_clean_and_jerk_kg.map_or_else(|| "–".to_owned(), |v| format::kg(v, locale))
            ),
        ),
    ];
    let unmaxed = (done.lifts_without_maximum > 0).then(|| {
        let text = format!("{} {}", done.lifts_without_maximum, t("athletes.lifts_without_maximum"));
        view! { p(class="hint") { (text) } }
    });

    let week_labels: Vec<String> = weeks.iter().map(|w| day_month(&w.start, locale)).collect();
    let tonnage = vec![
        BarSeries {
            name: t("athletes.planned").to_owned(),
            values: weeks.iter().map(|w| w.planned.tonnage_kg).collect(),
        },
        BarSeries { name: t("athletes.done").to_owned(), values: weeks.iter().map(|w| w.done.tonnage_kg).collect() },
    ];
    let zone_labels: Vec<String> = zones.iter().map(|z| words::zone(z.from_pct, z.to_pct, locale)).collect();
    let per_zone = |figures: &FiguresBody| -> Vec<f64> {
        (0..zones.len()).map(|i| figures.zone_lifts.get(i).copied().map_or(0.0, f64::from)).collect()
    };
    let zone_series = vec![
        BarSeries { name: t("athletes.planned").to_owned(), values: per_zone(&planned) },
        BarSeries { name: t("athletes.done").to_owned(), values: per_zone(&done) },
    ];
    let (tonnage_title, zones_title) = (t("athletes.weekly_tonnage"), t("athletes.zone_lifts"));
    let (tonnage_label, zones_label) = (tonnage_title.to_owned(), zones_title.to_owned());
    view! {
        dl(class="figures stats-figures", data-testid="stats-figures") { (figures) }
        (unmaxed)
        div(class="stats-charts") {
            div(class="athlete-chart", data-testid="stats-chart") {
                h3 { (tonnage_title) }
                BarChart(label=tonnage_label, categories=week_labels, series=tonnage, unit="kg")
            }
            div(class="athlete-chart", data-testid="stats-zones") {
                h3 { (zones_title) }
                BarChart(label=zones_label, categories=zone_labels, series=zone_series)
            }
        }
    }
}
