//! What leaves the club as files: session logs as CSV (one row per set) and the printable
//! workout sheet (one page per athlete, every load computed, with the plates per side).

use std::collections::HashMap;

use chrono::NaiveDate;
use dropit_kernel::Locale;
use dropit_loads::{Load, SetLoad};
use dropit_training::{
    application::{LoadSetup, PlannedSession, line_loads},
    domain::{
        exercise::ReferenceLift,
        log::SessionLog,
        workout::{Intensity, Part, WorkoutLine},
    },
};
use html_escape::encode_text as esc;
use uuid::Uuid;

/// Names of exercises and athletes as the person reading the file knows them.
#[derive(Clone, Debug, Default)]
pub struct Names {
    pub exercises: HashMap<Uuid, (String, String)>,
    pub athletes: HashMap<Uuid, String>,
}

impl Names {
    pub fn exercise(&self, id: Uuid, locale: Locale) -> String {
        match (self.exercises.get(&id), locale) {
            (Some((fr, _)), Locale::Fr) => fr.clone(),
            (Some((_, en)), Locale::En) => en.clone(),
            (None, _) => id.to_string(),
        }
    }

    pub fn athlete(&self, id: Uuid) -> String {
        self.athletes.get(&id).cloned().unwrap_or_else(|| id.to_string())
    }
}

/// The columns of the logs CSV; stable, so spreadsheets and scripts can rely on them.
pub const LOG_COLUMNS: [&str; 10] =
    ["date", "athlete", "exercise", "set", "reps", "load_kg", "rpe", "made", "note", "log_id"];

/// Session logs as CSV: one row per set, in date order. A complex is named by its exercises
/// with their repetitions (`Clean + Front squat + Jerk (1+2+1)`) and `reps` counts its rounds.
/// Starts with a byte order mark so spreadsheet programs read the accents right.
pub fn logs_csv(logs: &[SessionLog], names: &Names, locale: Locale) -> Result<Vec<u8>, csv::Error> {
    let mut out = csv::Writer::from_writer(Vec::from("\u{feff}".as_bytes()));
    out.write_record(LOG_COLUMNS)?;
    for log in logs {
        let athlete = names.athlete(log.athlete_id);
        for (n, set) in log.sets.iter().enumerate() {
            let exercise = if set.parts.len() > 1 {
                complex_name(&set.parts, names, locale)
            } else {
                names.exercise(set.exercise_id, locale)
            };
            out.write_record([
                log.performed_on.to_string(),
                athlete.clone(),
                exercise,
                (n + 1).to_string(),
                set.reps.to_string(),
                number(set.load.kg()),
                set.rpe.map(number).unwrap_or_default(),
                set.made.to_string(),
                set.note.clone(),
                log.id.to_string(),
            ])?;
        }
    }
    out.into_inner().map_err(|e| csv::Error::from(e.into_error()))
}

/// `80`, or `75–80` for a range.
fn range(min: f64, max: f64) -> String {
    if (max - min).abs() < f64::EPSILON { number(min) } else { format!("{}–{}", number(min), number(max)) }
}

/// `72.5`, `80` (no trailing `.0`).
fn number(value: f64) -> String {
    let rounded = (value * 1000.0).round() / 1000.0;
    if rounded.fract() == 0.0 { format!("{rounded:.0}") } else { rounded.to_string() }
}

/// One athlete's part of a sheet: their sessions and what their loads are computed from.
pub struct SheetAthlete<'a> {
    pub id: Uuid,
    pub sessions: Vec<&'a PlannedSession>,
    pub setup: &'a LoadSetup,
}

/// The printable sheet: a self-contained HTML page (its style inline, no script), one page per
/// athlete when printed, every set's load in kg with the plates for each side.
pub fn sheet_html(
    title: &str,
    from: NaiveDate,
    to: NaiveDate,
    athletes: &[SheetAthlete<'_>],
    names: &Names,
    locale: Locale,
) -> String {
    let t = |key| label(locale, key);
    let mut html = String::with_capacity(8 * 1024);
    html.push_str(&format!(
        "<!doctype html>\n<html lang=\"{lang}\"><head><meta charset=\"utf-8\"><title>{title}</title><style>{STYLE}</style></head><body>\n",
        lang = locale.tag(),
        title = esc(title),
    ));
    if athletes.is_empty() {
        html.push_str(&format!("<p>{}</p>", t("nothing")));
    }
    for athlete in athletes {
        html.push_str(&format!(
            "<section class=\"athlete\"><header><h1>{}</h1><p>{} · {}</p></header>\n",
            esc(&names.athlete(athlete.id)),
            esc(title),
            period(from, to),
        ));
        if athlete.sessions.is_empty() {
            html.push_str(&format!("<p>{}</p>", t("nothing")));
        }
        for session in &athlete.sessions {
            html.push_str(&format!("<article><h2>{} — {}</h2>", session.date.format("%d/%m/%Y"), esc(&session.name)));
            if !session.notes.is_empty() {
                html.push_str(&format!("<p class=\"notes\">{}</p>", esc(&session.notes)));
            }
            let loads = line_loads(&session.lines, session.basis, athlete.setup);
            html.push_str(&format!(
                "<table><thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>{}</th><th>✓</th></tr></thead><tbody>",
                t("exercise"),
                t("set"),
                t("reps"),
                t("intensity"),
                t("load"),
                t("plates"),
            ));
            for (line, line_loads) in session.lines.iter().zip(&loads) {
                for (n, (set, load)) in line.sets.iter().zip(line_loads).enumerate() {
                    let exercise = if n == 0 { line_name(line, names, locale) } else { String::new() };
                    let (kg, plates) = load_cells(load, locale);
                    html.push_str(&format!(
                        "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td class=\"kg\">{}</td><td>{}</td><td class=\"box\"></td></tr>",
                        esc(&exercise),
                        n + 1,
                        set.reps,
                        intensity(&set.intensity, locale),
                        kg,
                        plates,
                    ));
                }
                if !line.notes.is_empty() {
                    html.push_str(&format!("<tr class=\"notes\"><td colspan=\"7\">{}</td></tr>", esc(&line.notes)));
                }
            }
            html.push_str("</tbody></table></article>\n");
        }
        html.push_str("</section>\n");
    }
    html.push_str("</body></html>\n");
    html
}

/// A prescribed set as plain text in the reader's language: `2 @ 75–80% snatch`,
/// `2 @ 80% arraché`, `3 @ 100 kg`, `5 @ RPE 8`, `5`.
pub fn set_text(set: &dropit_training::domain::workout::SetPrescription, locale: Locale) -> String {
    match set.intensity {
        Intensity::Percent { min, max, of } => format!("{} @ {}% {}", set.reps, range(min, max), lift_name(of, locale)),
        Intensity::Kilograms(kg) => format!("{} @ {} kg", set.reps, number(kg)),
        Intensity::Rpe { min, max } => format!("{} @ RPE {}", set.reps, range(min, max)),
        Intensity::Free => set.reps.to_string(),
    }
}

/// A reference lift's whole name.
fn lift_name(of: ReferenceLift, locale: Locale) -> &'static str {
    match (of, locale) {
        (ReferenceLift::Snatch, Locale::Fr) => "arraché",
        (ReferenceLift::Snatch, Locale::En) => "snatch",
        (ReferenceLift::Clean, Locale::Fr) => "épaulé",
        (ReferenceLift::Clean, Locale::En) => "clean",
        (ReferenceLift::Jerk, Locale::Fr) => "jeté",
        (ReferenceLift::Jerk, Locale::En) => "jerk",
        (ReferenceLift::CleanAndJerk, Locale::Fr) => "épaulé-jeté",
        (ReferenceLift::CleanAndJerk, Locale::En) => "clean & jerk",
        (ReferenceLift::BackSquat, Locale::Fr) => "squat arrière",
        (ReferenceLift::BackSquat, Locale::En) => "back squat",
        (ReferenceLift::FrontSquat, Locale::Fr) => "squat avant",
        (ReferenceLift::FrontSquat, Locale::En) => "front squat",
    }
}

fn period(from: NaiveDate, to: NaiveDate) -> String {
    if from == to {
        from.format("%d/%m/%Y").to_string()
    } else {
        format!("{} – {}", from.format("%d/%m/%Y"), to.format("%d/%m/%Y"))
    }
}

/// `Clean + Front squat + Jerk (1+2+1)`, or the exercise alone.
fn line_name(line: &WorkoutLine, names: &Names, locale: Locale) -> String {
    match line.parts.as_slice() {
        [] => String::new(),
        [one] => names.exercise(one.exercise_id, locale),
        parts => complex_name(parts, names, locale),
    }
}

/// A complex named by its exercises and their repetitions: `Clean + Front squat + Jerk (1+2+1)`.
fn complex_name(parts: &[Part], names: &Names, locale: Locale) -> String {
    let exercises: Vec<String> = parts.iter().map(|p| names.exercise(p.exercise_id, locale)).collect();
    let reps: Vec<String> = parts.iter().map(|p| p.reps.to_string()).collect();
    format!("{} ({})", exercises.join(" + "), reps.join("+"))
}

fn intensity(intensity: &Intensity, locale: Locale) -> String {
    match *intensity {
        Intensity::Percent { min, max, of } => format!("{} % {}", range(min, max), lift(of, locale)),
        Intensity::Kilograms(kg) => format!("{} kg", number(kg)),
        Intensity::Rpe { min, max } => format!("RPE {}", range(min, max)),
        Intensity::Free => label(locale, "free").to_owned(),
    }
}

fn lift(of: ReferenceLift, locale: Locale) -> &'static str {
    match (of, locale) {
        (ReferenceLift::Snatch, Locale::Fr) => "arr.",
        (ReferenceLift::Snatch, Locale::En) => "sn.",
        (ReferenceLift::Clean, Locale::Fr) => "ép.",
        (ReferenceLift::Clean, Locale::En) => "cl.",
        (ReferenceLift::Jerk, Locale::Fr) => "jeté",
        (ReferenceLift::Jerk, Locale::En) => "jerk",
        (ReferenceLift::CleanAndJerk, Locale::Fr) => "é-j",
        (ReferenceLift::CleanAndJerk, Locale::En) => "C&J",
        (ReferenceLift::BackSquat, Locale::Fr) => "sq. arr.",
        (ReferenceLift::BackSquat, Locale::En) => "b. squat",
        (ReferenceLift::FrontSquat, Locale::Fr) => "sq. av.",
        (ReferenceLift::FrontSquat, Locale::En) => "f. squat",
    }
}

/// The load and the plates per side, or why there is none.
fn load_cells(load: &SetLoad<ReferenceLift>, locale: Locale) -> (String, String) {
    let one = |load: &Load| match load {
        Load::Loaded { load, per_side, .. } => {
            let plates: Vec<String> = per_side.iter().map(|p| number(p.kg())).collect();
            (format!("{} kg", number(load.kg())), plates.join(" · "))
        }
        Load::CannotBeLoaded { rounded, .. } => {
            (format!("{} kg", number(rounded.kg())), label(locale, "cannot_load").to_owned())
        }
    };
    match load {
        SetLoad::FromPercent { low, high: None } | SetLoad::Fixed(low) => one(low),
        SetLoad::FromPercent { low, high: Some(high) } => {
            let (low_kg, low_plates) = one(low);
            let (high_kg, high_plates) = one(high);
            (format!("{low_kg} – {high_kg}"), format!("{low_plates} / {high_plates}"))
        }
        SetLoad::NoMaximum(of) => ("—".to_owned(), format!("{} ({})", label(locale, "no_max"), lift(*of, locale))),
        SetLoad::AthleteChooses => ("____".to_owned(), String::new()),
    }
}

fn label(locale: Locale, key: &str) -> &'static str {
    match (key, locale) {
        ("exercise", Locale::Fr) => "Exercice",
        ("exercise", Locale::En) => "Exercise",
        ("set", Locale::Fr) => "Série",
        ("set", Locale::En) => "Set",
        ("reps", Locale::Fr) => "Rép.",
        ("reps", Locale::En) => "Reps",
        ("intensity", Locale::Fr) => "Intensité",
        ("intensity", Locale::En) => "Intensity",
        ("load", Locale::Fr) => "Charge",
        ("load", Locale::En) => "Load",
        ("plates", Locale::Fr) => "Disques par côté",
        ("plates", Locale::En) => "Plates per side",
        ("free", Locale::Fr) => "libre",
        ("free", Locale::En) => "free",
        ("cannot_load", Locale::Fr) => "impossible à charger",
        ("cannot_load", Locale::En) => "cannot be loaded",
        ("no_max", Locale::Fr) => "pas de maximum",
        ("no_max", Locale::En) => "no maximum",
        (_, Locale::Fr) => "Aucune séance sur cette période.",
        (_, Locale::En) => "No session in this period.",
    }
}

/// The sheet's only style: readable on paper, one athlete per page.
const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:1.5rem;color:#111}\
h1{font-size:1.4rem;margin:0}header p{margin:.2rem 0 1rem;color:#444}h2{font-size:1.05rem;margin:1.2rem 0 .4rem}\
table{border-collapse:collapse;width:100%;font-size:.95rem}th,td{border:1px solid #999;padding:.3rem .45rem;text-align:left}\
th{background:#eee}td.kg{font-weight:700;white-space:nowrap}td.box{width:1.6rem}tr.notes td{font-style:italic;color:#333}\
p.notes{font-style:italic}section.athlete{break-after:page}section.athlete:last-child{break-after:auto}\
@page{size:A4;margin:12mm}@media print{body{margin:0}}";

/// The sheet's content security policy: its inline style and nothing else.
pub const SHEET_CSP: &str =
    "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

#[cfg(test)]
mod tests {
    use super::*;
    use dropit_training::domain::{
        load::Grams,
        log::{LoggedSet, SessionLog},
        workout::Part,
    };

    #[test]
    fn a_log_becomes_one_row_per_set_with_complexes_named_by_their_parts() {
        let (clean, squat, jerk) = (Uuid::new_v4(), Uuid::new_v4(), Uuid::new_v4());
        let athlete = Uuid::new_v4();
        let mut names = Names::default();
        names.exercises.insert(clean, ("Épaulé".into(), "Clean".into()));
        names.exercises.insert(squat, ("Squat avant".into(), "Front squat".into()));
        names.exercises.insert(jerk, ("Jeté".into(), "Jerk".into()));
        names.athletes.insert(athlete, "Léa, \"la fusée\"".into());
        let set = |reps, kg, made, parts: Vec<Part>| LoggedSet {
            exercise_id: clean,
            reps,
            load: Grams::from_kg(kg).expect("kg"),
            rpe: Some(8.5),
            made,
            note: String::new(),
            parts,
        };
        let log = SessionLog {
            id: Uuid::new_v4(),
            athlete_id: athlete,
            planned_session_id: None,
            performed_on: NaiveDate::from_ymd_opt(2026, 12, 7).expect("date"),
            session_rpe: None,
            duration_minutes: None,
            notes: String::new(),
            sets: vec![
                set(2, 72.5, true, vec![]),
                set(
                    3,
                    80.0,
                    false,
                    vec![
                        Part { exercise_id: clean, reps: 1 },
                        Part { exercise_id: squat, reps: 2 },
                        Part { exercise_id: jerk, reps: 1 },
                    ],
                ),
            ],
            coach_comment: String::new(),
        };
        let bytes = logs_csv(std::slice::from_ref(&log), &names, Locale::Fr).expect("csv");
        let text = String::from_utf8(bytes).expect("utf-8");
        let text = text.strip_prefix('\u{feff}').expect("a byte order mark");
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        assert_eq!(reader.headers().expect("headers").iter().collect::<Vec<_>>(), LOG_COLUMNS);
        let rows: Vec<Vec<String>> =
            reader.records().map(|r| r.expect("row").iter().map(str::to_owned).collect()).collect();
        let id = log.id.to_string();
        assert_eq!(
            rows,
            [
                ["2026-12-07", "Léa, \"la fusée\"", "Épaulé", "1", "2", "72.5", "8.5", "true", "", id.as_str()],
                [
                    "2026-12-07",
                    "Léa, \"la fusée\"",
                    "Épaulé + Squat avant + Jeté (1+2+1)",
                    "2",
                    "3",
                    "80",
                    "8.5",
                    "false",
                    "",
                    id.as_str()
                ],
            ]
        );
    }
}
