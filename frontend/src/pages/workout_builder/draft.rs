//! A workout as the builder holds it, in plain values: what people typed, turned into the
//! API's request with the API's own rules (`WorkoutContent::validate` and the interface's
//! parsing), each problem named by the request field the API would name.

use dropit_kernel::Locale;
use dropit_sdk::types;

use crate::format;

/// The reference lifts a percentage can be of, as the API spells them.
pub const LIFTS: [&str; 6] = ["snatch", "clean", "jerk", "clean_and_jerk", "back_squat", "front_squat"];

pub const MAX_LINES: usize = 40;
pub const MAX_PARTS: usize = 6;
pub const MAX_SETS: usize = 30;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Percent,
    Kg,
    Rpe,
    Free,
}

impl Kind {
    pub const ALL: [Kind; 4] = [Kind::Percent, Kind::Kg, Kind::Rpe, Kind::Free];

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Percent => "percent",
            Kind::Kg => "kg",
            Kind::Rpe => "rpe",
            Kind::Free => "free",
        }
    }

    pub fn parse(raw: &str) -> Kind {
        Kind::ALL.into_iter().find(|k| k.as_str() == raw).unwrap_or(Kind::Percent)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct SetDraft {
    pub reps: String,
    pub kind: Kind,
    /// Percent or RPE, the low end.
    pub min: String,
    /// Percent or RPE, the high end of a range; empty for a single value.
    pub max: String,
    /// The reference lift of a percentage.
    pub of: String,
    pub kg: String,
}

impl SetDraft {
    /// A new percentage set of `of`, to be filled in.
    pub fn blank(of: &str) -> Self {
        Self {
            reps: String::new(),
            kind: Kind::Percent,
            min: String::new(),
            max: String::new(),
            of: of.to_owned(),
            kg: String::new(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct PartDraft {
    pub exercise_id: String,
    pub reps: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct LineDraft {
    pub parts: Vec<PartDraft>,
    pub sets: Vec<SetDraft>,
    /// Seconds; empty for none.
    pub rest: String,
    pub notes: String,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    pub name: String,
    pub notes: String,
    pub basis: types::BasisName,
    pub archived: bool,
    pub lines: Vec<LineDraft>,
}

/// Why a field is refused, for the text under it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    Required,
    TooLong,
    TooManyLines,
    TooManyParts,
    TooManySets,
    NoSets,
    SetReps,
    PartReps,
    Percent,
    PercentMax,
    Lift,
    Kg,
    Rpe,
    RpeMax,
    Rest,
    Number,
}

/// A number as people type it: `102.5` or `102,5`.
pub fn number(raw: &str) -> Option<f64> {
    let value = raw.trim().replace(',', ".");
    if value.is_empty() {
        return None;
    }
    value.parse::<f64>().ok().filter(|v| v.is_finite())
}

fn whole(raw: &str) -> Option<u32> {
    raw.trim().parse().ok()
}

/// A number as an input shows it, in the person's language.
pub fn shown(value: f64, locale: Locale) -> String {
    format::number(value, locale)
}

impl Draft {
    pub fn empty() -> Self {
        Self {
            name: String::new(),
            notes: String::new(),
            basis: types::BasisName::OneRepMax,
            archived: false,
            lines: Vec::new(),
        }
    }

    pub fn from_body(body: &types::WorkoutBody, locale: Locale) -> Self {
        let lines = body
            .lines
            .iter()
            .map(|line| LineDraft {
                parts: line
                    .parts
                    .iter()
                    .map(|p| PartDraft { exercise_id: p.exercise_id.clone(), reps: p.reps.to_string() })
                    .collect(),
                sets: line.sets.iter().map(|s| set_from_body(s, locale)).collect(),
                rest: line.rest_seconds.map(|r| r.to_string()).unwrap_or_default(),
                notes: line.notes.clone(),
            })
            .collect();
        Self { name: body.name.clone(), notes: body.notes.clone(), basis: body.basis, archived: body.archived, lines }
    }

    /// The request to send, or every problem by the API's field name.
    pub fn input(&self) -> Result<types::WorkoutInput, Vec<(String, Rule)>> {
        let mut problems = Vec::new();
        let name = self.name.trim();
        if name.is_empty() {
            problems.push(("name".to_owned(), Rule::Required));
        } else if name.chars().count() > 120 || name.chars().any(char::is_control) {
            problems.push(("name".to_owned(), Rule::TooLong));
        }
        if self.notes.chars().count() > 4000 {
            problems.push(("notes".to_owned(), Rule::TooLong));
        }
        if self.lines.is_empty() {
            problems.push(("lines".to_owned(), Rule::Required));
        } else if self.lines.len() > MAX_LINES {
            problems.push(("lines".to_owned(), Rule::TooManyLines));
        }
        let mut lines = Vec::with_capacity(self.lines.len());
        for (l, line) in self.lines.iter().enumerate() {
            if let Some(line) = line_input(line, &format!("lines[{l}]"), &mut problems) {
                lines.push(line);
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(types::WorkoutInput {
            archived: self.archived,
            basis: Some(self.basis),
            lines,
            name: name.to_owned(),
            notes: self.notes.clone(),
        })
    }
}

fn set_from_body(set: &types::SetBody, locale: Locale) -> SetDraft {
    let i = &set.intensity;
    let kind = match i.kind {
        types::IntensityKind::Percent => Kind::Percent,
        types::IntensityKind::Kg => Kind::Kg,
        types::IntensityKind::Rpe => Kind::Rpe,
        types::IntensityKind::Free => Kind::Free,
    };
    let min = i.min.map(|v| shown(v, locale)).unwrap_or_default();
    // A range shows its top; a single value leaves it empty.
    let max = match (i.min, i.max) {
        (Some(min), Some(max)) if max != min => shown(max, locale),
        _ => String::new(),
    };
    SetDraft {
        reps: set.reps.to_string(),
        kind,
        min,
        max,
        of: i.of.clone().unwrap_or_default(),
        kg: i.kg.map(|v| shown(v, locale)).unwrap_or_default(),
    }
}

fn line_input(line: &LineDraft, at: &str, problems: &mut Vec<(String, Rule)>) -> Option<types::LineBody> {
    let before = problems.len();
    let mut problem = |field: String, rule| problems.push((format!("{at}.{field}"), rule));
    if line.parts.is_empty() {
        problem("parts".into(), Rule::Required);
    } else if line.parts.len() > MAX_PARTS {
        problem("parts".into(), Rule::TooManyParts);
    }
    let mut parts = Vec::with_capacity(line.parts.len());
    for (p, part) in line.parts.iter().enumerate() {
        match whole(&part.reps).filter(|r| (1..=20).contains(r)) {
            Some(reps) => parts.push(types::PartBody { exercise_id: part.exercise_id.clone(), reps }),
            None => problem(format!("parts[{p}].reps"), Rule::PartReps),
        }
    }
    if line.sets.is_empty() {
        problem("sets".into(), Rule::NoSets);
    } else if line.sets.len() > MAX_SETS {
        problem("sets".into(), Rule::TooManySets);
    }
    let mut sets = Vec::with_capacity(line.sets.len());
    for (s, set) in line.sets.iter().enumerate() {
        let reps = whole(&set.reps).filter(|r| (1..=50).contains(r));
        if reps.is_none() {
            problem(format!("sets[{s}].reps"), Rule::SetReps);
        }
        let intensity = match intensity(set) {
            Ok(intensity) => Some(intensity),
            Err(found) => {
                for (field, rule) in found {
                    problem(format!("sets[{s}].intensity.{field}"), rule);
                }
                None
            }
        };
        if let (Some(reps), Some(intensity)) = (reps, intensity) {
            sets.push(types::SetBody { reps, intensity });
        }
    }
    let rest_seconds = match line.rest.trim() {
        "" => None,
        raw => match whole(raw).filter(|r| *r <= 3600) {
            Some(rest) => Some(rest),
            None => {
                problem("rest_seconds".into(), Rule::Rest);
                None
            }
        },
    };
    if line.notes.chars().count() > 1000 {
        problem("notes".into(), Rule::TooLong);
    }
    (problems.len() == before).then(|| types::LineBody { notes: line.notes.clone(), parts, rest_seconds, sets })
}

/// A set's intensity as the API takes it, or its problems by field (`min`, `max`, `of`, `kg`).
pub fn intensity(set: &SetDraft) -> Result<types::IntensityBody, Vec<(&'static str, Rule)>> {
    let mut problems = Vec::new();
    let empty = types::IntensityBody { kg: None, kind: types::IntensityKind::Free, max: None, min: None, of: None };
    // A range's two ends; an empty top is the low end, as the API reads an absent `max`.
    let mut range = |low_ok: &dyn Fn(f64) -> bool, low_rule, high_rule| {
        let min = number(&set.min);
        let max = if set.max.trim().is_empty() { min } else { number(&set.max) };
        match min {
            Some(v) if low_ok(v) => {}
            _ => problems.push(("min", if set.min.trim().is_empty() { Rule::Required } else { low_rule })),
        }
        match (min, max) {
            (Some(min), Some(max)) if !low_ok(max) || max < min => problems.push(("max", high_rule)),
            (_, None) if !set.max.trim().is_empty() => problems.push(("max", Rule::Number)),
            _ => {}
        }
        (min, max)
    };
    let body = match set.kind {
        Kind::Percent => {
            let (min, max) = range(&|v| (1.0..=150.0).contains(&v), Rule::Percent, Rule::PercentMax);
            if !LIFTS.contains(&set.of.as_str()) {
                problems.push(("of", Rule::Lift));
            }
            types::IntensityBody { kind: types::IntensityKind::Percent, min, max, of: Some(set.of.clone()), ..empty }
        }
        Kind::Rpe => {
            let halves = |v: f64| (1.0..=10.0).contains(&v) && (v * 2.0).fract() == 0.0;
            let (min, max) = range(&halves, Rule::Rpe, Rule::RpeMax);
            types::IntensityBody { kind: types::IntensityKind::Rpe, min, max, ..empty }
        }
        Kind::Kg => {
            let kg = number(&set.kg);
            match kg {
                Some(v) if v > 0.0 && v <= 500.0 => {}
                _ => problems.push(("kg", if set.kg.trim().is_empty() { Rule::Required } else { Rule::Kg })),
            }
            types::IntensityBody { kind: types::IntensityKind::Kg, kg, ..empty }
        }
        Kind::Free => empty,
    };
    if problems.is_empty() { Ok(body) } else { Err(problems) }
}

/// A complex in the coaches' notation: `1 + 2 + 1`; a plain exercise has none.
pub fn notation(reps: &[String]) -> String {
    if reps.len() < 2 {
        return String::new();
    }
    reps.iter().map(|r| if r.trim().is_empty() { "?" } else { r.trim() }).collect::<Vec<_>>().join(" + ")
}

/// Several identical sets typed at once: `5x3@75`, `3×2 @ 70-75%`, `4x1@100kg`, `3x5@rpe8`,
/// `2x5` (free). Answers how many sets, and the set. `of` is the lift for percentages.
pub fn quick_sets(raw: &str, of: &str) -> Option<(usize, SetDraft)> {
    let text = raw.trim().to_lowercase().replace(' ', "");
    let (count_reps, load) = match text.split_once('@') {
        Some((head, load)) => (head.to_owned(), Some(load.to_owned())),
        None => (text.clone(), None),
    };
    let (count, reps) = count_reps.split_once(['x', '×', '*'])?;
    let count: usize = count.parse().ok().filter(|c| (1..=MAX_SETS).contains(c))?;
    let reps: u32 = reps.parse().ok().filter(|r| (1..=50).contains(r))?;
    let mut set = SetDraft { reps: reps.to_string(), kind: Kind::Free, ..SetDraft::blank(of) };
    let Some(load) = load else { return Some((count, set)) };
    let range = |raw: &str| -> Option<(String, String)> {
        let (low, high) = raw.split_once(['-', '–']).unwrap_or((raw, ""));
        number(low)?;
        if raw.len() > low.len() {
            number(high)?;
        }
        Some((low.to_owned(), high.to_owned()))
    };
    if let Some(kg) = load.strip_suffix("kg") {
        number(kg)?;
        set.kind = Kind::Kg;
        set.kg = kg.to_owned();
    } else if let Some(rpe) = load.strip_prefix("rpe") {
        (set.min, set.max) = range(rpe)?;
        set.kind = Kind::Rpe;
    } else {
        (set.min, set.max) = range(load.trim_end_matches('%'))?;
        set.kind = Kind::Percent;
    }
    Some((count, set))
}

/// Moves the item at `from` to `to` (both within the list), the others keeping their order.
pub fn move_item<T>(items: &mut Vec<T>, from: usize, to: usize) {
    if from < items.len() && to < items.len() && from != to {
        let item = items.remove(from);
        items.insert(to, item);
    }
}

/// What a drag carries, as the text of its `dataTransfer`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Dragged {
    Exercise(String),
    Line(usize),
}

impl Dragged {
    pub fn text(&self) -> String {
        match self {
            Dragged::Exercise(id) => format!("exercise:{id}"),
            Dragged::Line(index) => format!("line:{index}"),
        }
    }

    pub fn parse(raw: &str) -> Option<Dragged> {
        let (kind, value) = raw.trim().split_once(':')?;
        match kind {
            "exercise" if !value.is_empty() => Some(Dragged::Exercise(value.to_owned())),
            "line" => value.parse().ok().map(Dragged::Line),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(reps: &str, min: &str, max: &str, of: &str) -> SetDraft {
        SetDraft { reps: reps.into(), min: min.into(), max: max.into(), ..SetDraft::blank(of) }
    }

    fn complex() -> LineDraft {
        let part = |id: &str, reps: &str| PartDraft { exercise_id: id.into(), reps: reps.into() };
        LineDraft {
            parts: vec![part("a", "1"), part("b", "2"), part("c", "1")],
            sets: vec![set("1", "75", "80", "clean_and_jerk"); 4],
            rest: "120".into(),
            notes: String::new(),
        }
    }

    #[test]
    fn a_complex_becomes_the_request_the_api_takes() {
        let draft = Draft { name: " Lundi ".into(), lines: vec![complex()], ..Draft::empty() };
        let input = draft.input().expect("valid");
        assert_eq!(input.name, "Lundi");
        let line = &input.lines[0];
        assert_eq!(line.parts.iter().map(|p| p.reps).collect::<Vec<_>>(), [1, 2, 1]);
        assert_eq!(line.rest_seconds, Some(120));
        let i = &line.sets[0].intensity;
        assert_eq!(
            (i.kind, i.min, i.max, i.of.as_deref()),
            (types::IntensityKind::Percent, Some(75.0), Some(80.0), Some("clean_and_jerk"))
        );
        assert_eq!(notation(&["1".into(), "2".into(), "1".into()]), "1 + 2 + 1");
        assert_eq!(notation(&["3".into()]), "");
    }

    #[test]
    fn problems_are_named_like_the_apis_fields() {
        let mut line = complex();
        line.sets = vec![
            set("0", "90", "80", "snatch"),
            SetDraft { kind: Kind::Kg, kg: "-20".into(), ..set("3", "", "", "") },
            SetDraft { kind: Kind::Rpe, ..set("3", "8.3", "11", "") },
            set("3", "-5", "400", "snatch"),
            set("3", "80", "", "deadlift"),
            set("2", "", "", "snatch"),
        ];
        line.parts[1].reps = "21".into();
        line.rest = "4000".into();
        let problems = Draft { lines: vec![line], ..Draft::empty() }.input().expect_err("bad");
        let fields: Vec<(&str, Rule)> = problems.iter().map(|(f, r)| (f.as_str(), *r)).collect();
        assert_eq!(
            fields,
            [
                ("name", Rule::Required),
                ("lines[0].parts[1].reps", Rule::PartReps),
                ("lines[0].sets[0].reps", Rule::SetReps),
                ("lines[0].sets[0].intensity.max", Rule::PercentMax),
                ("lines[0].sets[1].intensity.kg", Rule::Kg),
                ("lines[0].sets[2].intensity.min", Rule::Rpe),
                ("lines[0].sets[2].intensity.max", Rule::RpeMax),
                ("lines[0].sets[3].intensity.min", Rule::Percent),
                ("lines[0].sets[3].intensity.max", Rule::PercentMax),
                ("lines[0].sets[4].intensity.of", Rule::Lift),
                ("lines[0].sets[5].intensity.min", Rule::Required),
                ("lines[0].rest_seconds", Rule::Rest),
            ]
        );
        let empty = Draft { name: "x".into(), ..Draft::empty() }.input().expect_err("no lines");
        assert_eq!(empty, vec![("lines".to_owned(), Rule::Required)]);
        let no_sets = LineDraft { sets: vec![], ..complex() };
        let problems = Draft { name: "x".into(), lines: vec![no_sets], ..Draft::empty() }.input().expect_err("no sets");
        assert_eq!(problems, vec![("lines[0].sets".to_owned(), Rule::NoSets)]);
    }

    #[test]
    fn french_decimals_and_halves_of_rpe_are_taken() {
        let rpe = SetDraft { kind: Kind::Rpe, ..set("2", "7,5", "8", "") };
        assert_eq!(intensity(&rpe).map(|i| (i.min, i.max)), Ok((Some(7.5), Some(8.0))));
        let kg = SetDraft { kind: Kind::Kg, kg: "102,5".into(), ..set("1", "", "", "") };
        assert_eq!(intensity(&kg).map(|i| i.kg), Ok(Some(102.5)));
        // An empty top is the single value, as the API reads it.
        assert_eq!(intensity(&set("1", "80", "", "snatch")).map(|i| i.max), Ok(Some(80.0)));
    }

    #[test]
    fn a_workout_comes_back_from_the_api_as_it_was_typed() {
        let body = types::WorkoutBody {
            archived: false,
            basis: types::BasisName::TrainingMax,
            id: "w".into(),
            name: "Lundi".into(),
            notes: String::new(),
            lines: Draft { name: "Lundi".into(), lines: vec![complex()], ..Draft::empty() }
                .input()
                .expect("valid")
                .lines,
        };
        let draft = Draft::from_body(&body, Locale::Fr);
        assert_eq!(draft.lines, vec![complex()]);
        assert_eq!(draft.basis, types::BasisName::TrainingMax);
    }

    #[test]
    fn quick_entry_reads_what_coaches_write() {
        let (count, set) = quick_sets("5x3@75", "snatch").expect("5x3@75");
        assert_eq!(
            (count, set.reps.as_str(), set.kind, set.min.as_str(), set.of.as_str()),
            (5, "3", Kind::Percent, "75", "snatch")
        );
        let (count, set) = quick_sets("3 × 2 @ 70-75%", "clean").expect("range");
        assert_eq!((count, set.min.as_str(), set.max.as_str()), (3, "70", "75"));
        let (_, set) = quick_sets("4x1@102,5kg", "").expect("kg");
        assert_eq!((set.kind, set.kg.as_str()), (Kind::Kg, "102,5"));
        let (_, set) = quick_sets("3x5@RPE8", "").expect("rpe");
        assert_eq!((set.kind, set.min.as_str()), (Kind::Rpe, "8"));
        assert_eq!(quick_sets("2x5", "").map(|(c, s)| (c, s.kind)), Some((2, Kind::Free)));
        for bad in ["", "x3", "0x3@70", "3x0", "3x2@abc", "40x1", "3x2@70-"] {
            assert!(quick_sets(bad, "snatch").is_none(), "{bad}");
        }
    }

    #[test]
    fn drags_carry_what_they_move() {
        assert_eq!(Dragged::parse("exercise:abc"), Some(Dragged::Exercise("abc".into())));
        assert_eq!(Dragged::parse(&Dragged::Line(3).text()), Some(Dragged::Line(3)));
        assert_eq!(Dragged::parse("line:x"), None);
        assert_eq!(Dragged::parse("hello"), None);
        let mut items = vec![0, 1, 2, 3];
        move_item(&mut items, 0, 2);
        assert_eq!(items, [1, 2, 0, 3]);
        move_item(&mut items, 3, 0);
        assert_eq!(items, [3, 1, 2, 0]);
        move_item(&mut items, 9, 0);
        assert_eq!(items, [3, 1, 2, 0]);
    }
}
