//! Charts drawn in SVG: a line chart of dated values and a bar chart of labelled values. Each
//! is an image with a name for screen readers and a hidden table holding every value, so the
//! numbers are there without the picture.

use chrono::NaiveDate;
use sycamore::prelude::*;

use crate::{
    format,
    state::{t, use_app},
};

/// The drawing's own coordinates; the SVG scales to its box and keeps this ratio.
const WIDTH: f64 = 480.0;
const HEIGHT: f64 = 220.0;
const LEFT: f64 = 46.0;
const RIGHT: f64 = 12.0;
const TOP: f64 = 12.0;
const BOTTOM: f64 = 28.0;

/// One line: a name for the legend and the table, and its `(YYYY-MM-DD, value)` points.
#[derive(Clone, Debug, PartialEq)]
pub struct LineSeries {
    pub name: String,
    pub points: Vec<(String, f64)>,
}

/// One set of bars, a value per category.
#[derive(Clone, Debug, PartialEq)]
pub struct BarSeries {
    pub name: String,
    pub values: Vec<f64>,
}

/// A linear map from values to drawing coordinates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Scale {
    from: (f64, f64),
    to: (f64, f64),
}

impl Scale {
    pub fn new(from: (f64, f64), to: (f64, f64)) -> Self {
        Self { from, to }
    }

    /// Where `value` lands; the middle of the range when the domain is a single value.
    pub fn at(&self, value: f64) -> f64 {
        let span = self.from.1 - self.from.0;
        if span.abs() < f64::EPSILON {
            return (self.to.0 + self.to.1) / 2.0;
        }
        self.to.0 + (value - self.from.0) / span * (self.to.1 - self.to.0)
    }
}

/// A round step (1, 2, 2.5 or 5 times a power of ten) cutting `span` into about `count` parts.
pub fn nice_step(span: f64, count: usize) -> f64 {
    let raw = span.abs() / count.max(1) as f64;
    if !raw.is_finite() || raw <= 0.0 {
        return 1.0;
    }
    let power = 10f64.powf(raw.log10().floor());
    let fraction = raw / power;
    // The smallest round step at least as long, so there are never many more ticks than asked.
    let nice = if fraction <= 1.0 {
        1.0
    } else if fraction <= 2.0 {
        2.0
    } else if fraction <= 2.5 {
        2.5
    } else if fraction <= 5.0 {
        5.0
    } else {
        10.0
    };
    nice * power
}

/// Round values from at or below `min` to at or above `max`, about `count` steps apart. A flat
/// range is widened so the line sits between two ticks.
pub fn nice_ticks(min: f64, max: f64, count: usize) -> Vec<f64> {
    let (mut low, mut high) = if min <= max { (min, max) } else { (max, min) };
    if (high - low).abs() < f64::EPSILON {
        let pad = if low == 0.0 { 1.0 } else { (low.abs() * 0.05).max(0.5) };
        low -= pad;
        high += pad;
    }
    let step = nice_step(high - low, count);
    let first = (low / step).floor();
    let last = (high / step).ceil();
    // Whole multiples of the step, so 0.1 + 0.2 never prints as 0.30000000000000004.
    (first as i64..=last as i64).map(|i| (i as f64 * step * 1e6).round() / 1e6).collect()
}

/// The values a line chart's axis spans: at least 2 % of their size (and 1), centred on them,
/// so a flat series is not drawn as a jagged one over hundredths.
pub fn value_span(low: f64, high: f64) -> (f64, f64) {
    let least = (high.abs().max(low.abs()) * 0.02).max(1.0);
    let span = high - low;
    if span >= least {
        return (low, high);
    }
    let pad = (least - span) / 2.0;
    (low - pad, high + pad)
}

/// Show every `n`th of `count` labels so no more than `room` are drawn.
pub fn label_stride(count: usize, room: usize) -> usize {
    count.div_ceil(room.max(1)).max(1)
}

/// The day number of an API date, for spacing points by time.
pub fn day_of(iso: &str) -> Option<i32> {
    use chrono::Datelike;
    iso.get(..10)?.parse::<NaiveDate>().ok().map(|d| d.num_days_from_ce())
}

/// Days to mark on a time axis from `first` to `last`: both ends and evenly spaced days between.
pub fn day_ticks(first: i32, last: i32, count: usize) -> Vec<i32> {
    if last <= first {
        return vec![first];
    }
    let parts = (count.max(2) - 1) as i32;
    let parts = parts.min(last - first);
    (0..=parts).map(|i| first + ((last - first) as i64 * i64::from(i) / i64::from(parts)) as i32).collect()
}

/// `3 Nov` / `3 nov.` under a time axis.
fn short_date(day: i32, locale: dropit_kernel::Locale) -> String {
    use chrono::Datelike;
    NaiveDate::from_num_days_from_ce_opt(day)
        .map(|d| format!("{} {}", d.day(), format::month_short(d.month() as usize, locale)))
        .unwrap_or_default()
}

/// `3 Nov` / `3 nov.` for an API date, to label weeks.
pub fn day_month(iso: &str, locale: dropit_kernel::Locale) -> String {
    day_of(iso).map_or_else(|| iso.to_owned(), |day| short_date(day, locale))
}

fn fmt(value: f64) -> String {
    format!("{value:.1}")
}

/// A line chart of dated values with a value axis, a time axis and a dot per point.
#[component(inline_props)]
pub fn LineChart(label: String, series: Vec<LineSeries>, #[prop(default = "")] unit: &'static str) -> View {
    let locale = use_app().locale.get_untracked();
    let all: Vec<(i32, f64)> =
        series.iter().flat_map(|s| s.points.iter().filter_map(|(d, v)| Some((day_of(d)?, *v)))).collect();
    if all.is_empty() {
        return view! { p(class="empty") { (t("chart.no_data")) } };
    }
    let (low, high) = all.iter().fold((f64::MAX, f64::MIN), |(lo, hi), (_, v)| (lo.min(*v), hi.max(*v)));
    let (low, high) = value_span(low, high);
    let ticks = nice_ticks(low, high, 4);
    let (first_tick, last_tick) = (ticks[0], ticks[ticks.len() - 1]);
    let first_day = all.iter().map(|(d, _)| *d).min().unwrap_or_default();
    let last_day = all.iter().map(|(d, _)| *d).max().unwrap_or_default();
    let y = Scale::new((first_tick, last_tick), (HEIGHT - BOTTOM, TOP));
    let x = Scale::new((f64::from(first_day), f64::from(last_day)), (LEFT, WIDTH - RIGHT));
    let with_unit = move |v: f64| {
        let n = format::number(v, locale);
        if unit.is_empty() { n } else { format!("{n} {unit}") }
    };

    let grid = value_axis(&ticks, y, locale);
    let marks = day_ticks(first_day, last_day, 5);
    let count = marks.len();
    let days: Vec<View> = marks
        .into_iter()
        .enumerate()
        .map(|(i, day)| {
            let at = fmt(x.at(f64::from(day)));
            let text = short_date(day, locale);
            // The ends hang inwards so their labels stay inside the picture.
            let anchor = match i {
                _ if count == 1 => "middle",
                0 => "start",
                i if i + 1 == count => "end",
                _ => "middle",
            };
            view! { text(x=at, y=fmt(HEIGHT - 8.0), textAnchor=anchor) { (text) } }
        })
        .collect();
    let lines: Vec<View> = series
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let class = if i == 0 { "series" } else { "series-2" };
            let dot_class = if i == 0 { "dot" } else { "dot-2" };
            let mut points: Vec<(i32, f64, String)> =
                s.points.iter().filter_map(|(d, v)| Some((day_of(d)?, *v, d.clone()))).collect();
            points.sort_by_key(|p| p.0);
            let path = points
                .iter()
                .map(|(d, v, _)| format!("{},{}", fmt(x.at(f64::from(*d))), fmt(y.at(*v))))
                .collect::<Vec<_>>();
            let dots: Vec<View> = points
                .iter()
                .map(|(d, v, iso)| {
                    let tip = format!("{} : {}", format::date(iso, locale), with_unit(*v));
                    let (cx, cy) = (fmt(x.at(f64::from(*d))), fmt(y.at(*v)));
                    view! { circle(class=dot_class, cx=cx, cy=cy, r="3") { svg_title { (tip) } } }
                })
                .collect();
            let path = path.join(" ");
            view! { g { polyline(class=class, points=path) (dots) } }
        })
        .collect();

    // The hidden table: one row per date, one column per series.
    let mut dates: Vec<String> = series.iter().flat_map(|s| s.points.iter().map(|(d, _)| d.clone())).collect();
    dates.sort();
    dates.dedup();
    let rows: Vec<Vec<String>> = dates
        .iter()
        .map(|date| {
            let mut row = vec![format::date(date, locale)];
            row.extend(series.iter().map(|s| {
                s.points.iter().find(|(d, _)| d == date).map_or_else(|| "–".to_owned(), |(_, v)| with_unit(*v))
            }));
            row
        })
        .collect();
    let heads: Vec<String> =
        std::iter::once(t("common.date").to_owned()).chain(series.iter().map(|s| s.name.clone())).collect();
    let names: Vec<String> = series.iter().map(|s| s.name.clone()).collect();
    frame(label, grid, view! { g { (days) } (lines) }, Legend { names, swatch: "swatch-line" }, heads, rows)
}

/// A bar chart: a group of bars per category, one bar per series, from zero up.
#[component(inline_props)]
pub fn BarChart(
    label: String,
    categories: Vec<String>,
    series: Vec<BarSeries>,
    #[prop(default = "")] unit: &'static str,
) -> View {
    let locale = use_app().locale.get_untracked();
    let nothing = series.iter().all(|s| s.values.iter().all(|v| *v == 0.0));
    if categories.is_empty() || nothing {
        return view! { p(class="empty") { (t("chart.no_data")) } };
    }
    let high = series.iter().flat_map(|s| s.values.iter().copied()).fold(0.0, f64::max);
    let ticks = nice_ticks(0.0, if high > 0.0 { high } else { 1.0 }, 4);
    let top = ticks[ticks.len() - 1];
    let y = Scale::new((0.0, top), (HEIGHT - BOTTOM, TOP));
    let slot = (WIDTH - LEFT - RIGHT) / categories.len() as f64;
    let bar = slot * 0.8 / series.len() as f64;
    let stride = label_stride(categories.len(), 8);
    let with_unit = move |v: f64| {
        let n = format::number(v, locale);
        if unit.is_empty() { n } else { format!("{n} {unit}") }
    };

    let grid = value_axis(&ticks, y, locale);
    let mut shapes: Vec<View> = Vec::new();
    for (c, category) in categories.iter().enumerate() {
        let start = LEFT + slot * c as f64 + slot * 0.1;
        for (s, values) in series.iter().enumerate() {
            let value = values.values.get(c).copied().unwrap_or(0.0);
            let class = if s == 0 { "bar" } else { "bar bar-2" };
            let top_y = y.at(value);
            let tip = format!("{category} · {} : {}", values.name, with_unit(value));
            shapes.push(view! {
                rect(class=class, x=fmt(start + bar * s as f64), y=fmt(top_y), width=fmt(bar.max(1.0) - 1.0),
                    height=fmt((HEIGHT - BOTTOM - top_y).max(0.0))) { svg_title { (tip) } }
            });
        }
        if c % stride == 0 {
            let text = category.clone();
            shapes.push(view! { text(x=fmt(start + slot * 0.4), y=fmt(HEIGHT - 8.0), textAnchor="middle") { (text) } });
        }
    }
    let rows: Vec<Vec<String>> = categories
        .iter()
        .enumerate()
        .map(|(c, category)| {
            let mut row = vec![category.clone()];
            row.extend(series.iter().map(|s| with_unit(s.values.get(c).copied().unwrap_or(0.0))));
            row
        })
        .collect();
    let heads: Vec<String> = std::iter::once(String::new()).chain(series.iter().map(|s| s.name.clone())).collect();
    let names: Vec<String> = series.iter().map(|s| s.name.clone()).collect();
    frame(label, grid, view! { g { (shapes) } }, Legend { names, swatch: "swatch-bar" }, heads, rows)
}

/// The value axis: a light line and a label at each tick.
fn value_axis(ticks: &[f64], y: Scale, locale: dropit_kernel::Locale) -> View {
    let marks: Vec<View> = ticks
        .iter()
        .map(|tick| {
            let at = fmt(y.at(*tick));
            let (y1, y2) = (at.clone(), at.clone());
            let text = format::number(*tick, locale);
            view! {
                line(class="axis", x1=fmt(LEFT), x2=fmt(WIDTH - RIGHT), y1=y1, y2=y2)
                text(x=fmt(LEFT - 6.0), y=at, textAnchor="end", dominantBaseline="middle") { (text) }
            }
        })
        .collect();
    view! { g { (marks) } }
}

/// The series' names and the class of their colours (`swatch-line` or `swatch-bar`, then `-2`).
struct Legend {
    names: Vec<String>,
    swatch: &'static str,
}

/// The picture with its name, the legend when there are several series, and the table.
fn frame(label: String, grid: View, marks: View, legend: Legend, heads: Vec<String>, rows: Vec<Vec<String>>) -> View {
    let Legend { names, swatch } = legend;
    let legend = (names.len() > 1).then(|| {
        let items: Vec<View> = names
            .into_iter()
            .enumerate()
            .map(|(i, name)| {
                let swatch = if i == 0 { format!("swatch {swatch}") } else { format!("swatch {swatch}-2") };
                view! { li { span(class=swatch, aria-hidden="true") (name) } }
            })
            .collect();
        view! { ul(class="chart-legend", aria-hidden="true") { (items) } }
    });
    let head: Vec<View> = heads.into_iter().map(|h| view! { th(scope="col") { (h) } }).collect();
    let body: Vec<View> = rows
        .into_iter()
        .map(|row| {
            let cells: Vec<View> = row
                .into_iter()
                .enumerate()
                .map(|(i, cell)| {
                    if i == 0 {
                        view! { th(scope="row") { (cell) } }
                    } else {
                        view! { td { (cell) } }
                    }
                })
                .collect();
            view! { tr { (cells) } }
        })
        .collect();
    let (aria, title, caption) = (label.clone(), label.clone(), label);
    view! {
        figure(class="chart-figure") {
            svg(class="chart", viewBox=format!("0 0 {WIDTH} {HEIGHT}"), "role"="img", aria-label=aria,
                preserveAspectRatio="xMidYMid meet") {
                svg_title { (title) }
                (grid)
                line(class="axis axis-base", x1=fmt(LEFT), x2=fmt(LEFT), y1=fmt(TOP), y2=fmt(HEIGHT - BOTTOM))
                (marks)
            }
            (legend)
            table(class="visually-hidden") {
                caption { (caption) }
                thead { tr { (head) } }
                tbody { (body) }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_round() {
        assert_eq!(nice_step(100.0, 4), 25.0);
        assert_eq!(nice_step(7.0, 5), 2.0);
        assert_eq!(nice_step(10.0, 4), 2.5);
        assert_eq!(nice_step(0.3, 3), 0.1);
        assert_eq!(nice_step(0.0, 4), 1.0);
        assert_eq!(nice_step(4200.0, 4), 2000.0);
    }

    #[test]
    fn ticks_cover_the_values() {
        assert_eq!(nice_ticks(0.0, 95.0, 4), vec![0.0, 25.0, 50.0, 75.0, 100.0]);
        assert_eq!(nice_ticks(80.2, 81.6, 4), vec![80.0, 80.5, 81.0, 81.5, 82.0]);
        let flat = nice_ticks(100.0, 100.0, 4);
        assert!(flat[0] < 100.0 && *flat.last().expect("ticks") > 100.0);
        assert_eq!(nice_ticks(0.0, 0.0, 4), vec![-1.0, -0.5, 0.0, 0.5, 1.0]);
        assert_eq!(nice_ticks(0.1, 0.3, 2), vec![0.1, 0.2, 0.3]);
        assert_eq!(nice_ticks(0.05, 0.3, 2), vec![0.0, 0.2, 0.4]);
    }

    #[test]
    fn a_flat_series_gets_room() {
        assert_eq!(value_span(72.5, 74.5), (72.5, 74.5));
        let (low, high) = value_span(66.0, 66.1);
        assert!((high - low - 1.322).abs() < 1e-9 && low < 66.0 && high > 66.1);
        assert_eq!(value_span(0.0, 0.0), (-0.5, 0.5));
    }

    #[test]
    fn a_scale_maps_and_flips() {
        let y = Scale::new((0.0, 100.0), (200.0, 0.0));
        assert_eq!(y.at(0.0), 200.0);
        assert_eq!(y.at(25.0), 150.0);
        assert_eq!(y.at(100.0), 0.0);
        assert_eq!(Scale::new((5.0, 5.0), (10.0, 20.0)).at(5.0), 15.0);
    }

    #[test]
    fn labels_thin_out() {
        assert_eq!(label_stride(12, 8), 2);
        assert_eq!(label_stride(8, 8), 1);
        assert_eq!(label_stride(53, 8), 7);
        assert_eq!(label_stride(0, 8), 1);
    }

    #[test]
    fn days_space_dates_in_time() {
        let a = day_of("2026-11-01").expect("date");
        assert_eq!(day_of("2026-11-11"), Some(a + 10));
        assert_eq!(day_of("2026-13-01"), None);
        assert_eq!(day_ticks(a, a + 10, 3), vec![a, a + 5, a + 10]);
        assert_eq!(day_ticks(a, a + 2, 5), vec![a, a + 1, a + 2]);
        assert_eq!(day_ticks(a, a, 5), vec![a]);
    }
}
