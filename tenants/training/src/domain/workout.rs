//! Workout templates: ordered lines, each an exercise or a complex (several exercises done
//! in a row as one set, "1 clean + 2 front squats + 1 jerk"), with a prescription per set.

use super::exercise::ReferenceLift;

/// How heavy a set is.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Intensity {
    /// A percentage (or range) of a reference lift's maximum: 75–80 % of the clean & jerk.
    Percent { min: f64, max: f64, of: ReferenceLift },
    /// A fixed load.
    Kilograms(f64),
    /// A rate of perceived exertion (or range), 1 to 10 by halves.
    Rpe { min: f64, max: f64 },
    /// Left to the athlete (warm-ups, technique).
    Free,
}

#[derive(Clone, Debug, PartialEq)]
pub struct SetPrescription {
    /// Repetitions of the exercise, or of the whole complex.
    pub reps: u32,
    pub intensity: Intensity,
}

/// One exercise of a line, with its repetitions inside a complex (1 for a plain exercise).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Part {
    pub exercise_id: uuid::Uuid,
    pub reps: u32,
}

#[derive(Clone, Debug, PartialEq)]
pub struct WorkoutLine {
    pub parts: Vec<Part>,
    pub sets: Vec<SetPrescription>,
    pub rest_seconds: Option<u32>,
    pub notes: String,
}

impl WorkoutLine {
    pub fn is_complex(&self) -> bool {
        self.parts.len() > 1
    }
}

/// Which maximum a workout's percentages are of.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Basis {
    /// The heaviest single the athlete has lifted (1RM).
    #[default]
    OneRepMax,
    /// A working maximum the coach sets, usually below the 1RM.
    TrainingMax,
}

impl Basis {
    pub fn as_str(self) -> &'static str {
        match self {
            Basis::OneRepMax => "one_rep_max",
            Basis::TrainingMax => "training_max",
        }
    }

    pub fn parse(raw: &str) -> Option<Basis> {
        [Basis::OneRepMax, Basis::TrainingMax].into_iter().find(|b| b.as_str() == raw)
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct WorkoutContent {
    pub name: String,
    pub notes: String,
    /// What the percentages of every line are of.
    pub basis: Basis,
    pub lines: Vec<WorkoutLine>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Workout {
    pub id: uuid::Uuid,
    pub content: WorkoutContent,
    pub archived: bool,
}

/// Why a field is refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    Required,
    TooLong,
    TooMany,
    OutOfRange,
    Invalid,
}

const MAX_LINES: usize = 40;
const MAX_PARTS: usize = 6;
const MAX_SETS: usize = 30;

impl WorkoutContent {
    /// Checks the whole workout; problems name their field as in the request
    /// (`lines[2].sets[0].intensity.min`).
    pub fn validate(self) -> Result<WorkoutContent, Vec<(String, Problem)>> {
        let mut problems = Vec::new();
        let mut problem = |field: String, p| problems.push((field, p));
        let name = self.name.trim().to_owned();
        if name.is_empty() {
            problem("name".into(), Problem::Required);
        } else if name.chars().count() > 120 || name.chars().any(char::is_control) {
            problem("name".into(), Problem::TooLong);
        }
        if self.notes.chars().count() > 4000 {
            problem("notes".into(), Problem::TooLong);
        }
        if self.lines.is_empty() {
            problem("lines".into(), Problem::Required);
        } else if self.lines.len() > MAX_LINES {
            problem("lines".into(), Problem::TooMany);
        }
        for (l, line) in self.lines.iter().enumerate() {
            let at = |field: &str| format!("lines[{l}].{field}");
            if line.parts.is_empty() {
                problem(at("parts"), Problem::Required);
            } else if line.parts.len() > MAX_PARTS {
                problem(at("parts"), Problem::TooMany);
            }
            for (p, part) in line.parts.iter().enumerate() {
                if !(1..=20).contains(&part.reps) {
                    problem(at(&format!("parts[{p}].reps")), Problem::OutOfRange);
                }
            }
            if line.sets.is_empty() {
                problem(at("sets"), Problem::Required);
            } else if line.sets.len() > MAX_SETS {
                problem(at("sets"), Problem::TooMany);
            }
            for (s, set) in line.sets.iter().enumerate() {
                let field = |name: &str| at(&format!("sets[{s}].{name}"));
                if !(1..=50).contains(&set.reps) {
                    problem(field("reps"), Problem::OutOfRange);
                }
                match set.intensity {
                    Intensity::Percent { min, max, .. } => {
                        if !(min.is_finite() && (1.0..=150.0).contains(&min)) {
                            problem(field("intensity.min"), Problem::OutOfRange);
                        }
                        if !(max.is_finite() && (1.0..=150.0).contains(&max)) || max < min {
                            problem(field("intensity.max"), Problem::OutOfRange);
                        }
                    }
                    Intensity::Kilograms(kg) => {
                        if !(kg.is_finite() && kg > 0.0 && kg <= 500.0) {
                            problem(field("intensity.kg"), Problem::OutOfRange);
                        }
                    }
                    Intensity::Rpe { min, max } => {
                        let valid = |v: f64| v.is_finite() && (1.0..=10.0).contains(&v) && (v * 2.0).fract() == 0.0;
                        if !valid(min) {
                            problem(field("intensity.min"), Problem::OutOfRange);
                        }
                        if !valid(max) || max < min {
                            problem(field("intensity.max"), Problem::OutOfRange);
                        }
                    }
                    Intensity::Free => {}
                }
            }
            if line.rest_seconds.is_some_and(|r| r > 3600) {
                problem(at("rest_seconds"), Problem::OutOfRange);
            }
            if line.notes.chars().count() > 1000 {
                problem(at("notes"), Problem::TooLong);
            }
        }
        if problems.is_empty() { Ok(WorkoutContent { name, ..self }) } else { Err(problems) }
    }

    /// Every exercise the workout uses, once.
    pub fn exercise_ids(&self) -> Vec<uuid::Uuid> {
        let mut ids: Vec<uuid::Uuid> = self.lines.iter().flat_map(|l| l.parts.iter().map(|p| p.exercise_id)).collect();
        ids.sort();
        ids.dedup();
        ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn complex_at_80_percent() -> WorkoutLine {
        WorkoutLine {
            parts: vec![
                Part { exercise_id: uuid::Uuid::new_v4(), reps: 1 },
                Part { exercise_id: uuid::Uuid::new_v4(), reps: 2 },
                Part { exercise_id: uuid::Uuid::new_v4(), reps: 1 },
            ],
            sets: vec![
                SetPrescription {
                    reps: 1,
                    intensity: Intensity::Percent { min: 75.0, max: 80.0, of: ReferenceLift::CleanAndJerk }
                };
                4
            ],
            rest_seconds: Some(120),
            notes: String::new(),
        }
    }

    #[test]
    fn a_workout_with_a_complex_is_valid() {
        let workout = WorkoutContent {
            name: " Lundi ".into(),
            notes: String::new(),
            basis: Basis::OneRepMax,
            lines: vec![complex_at_80_percent()],
        };
        let valid = workout.validate().expect("valid");
        assert_eq!(valid.name, "Lundi");
        assert!(valid.lines[0].is_complex());
        assert_eq!(valid.exercise_ids().len(), 3);
    }

    #[test]
    fn absurd_prescriptions_are_refused_with_their_field() {
        let mut line = complex_at_80_percent();
        line.sets = vec![
            SetPrescription {
                reps: 0,
                intensity: Intensity::Percent { min: 90.0, max: 80.0, of: ReferenceLift::Snatch },
            },
            SetPrescription { reps: 3, intensity: Intensity::Kilograms(-20.0) },
            SetPrescription { reps: 3, intensity: Intensity::Rpe { min: 8.3, max: 11.0 } },
            SetPrescription {
                reps: 3,
                intensity: Intensity::Percent { min: -5.0, max: 400.0, of: ReferenceLift::Snatch },
            },
        ];
        let problems =
            WorkoutContent { name: String::new(), notes: String::new(), basis: Basis::OneRepMax, lines: vec![line] }
                .validate()
                .expect_err("bad");
        let fields: Vec<&str> = problems.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(
            fields,
            [
                "name",
                "lines[0].sets[0].reps",
                "lines[0].sets[0].intensity.max",
                "lines[0].sets[1].intensity.kg",
                "lines[0].sets[2].intensity.min",
                "lines[0].sets[2].intensity.max",
                "lines[0].sets[3].intensity.min",
                "lines[0].sets[3].intensity.max",
            ]
        );
        let empty = WorkoutContent { name: "x".into(), notes: String::new(), basis: Basis::OneRepMax, lines: vec![] }
            .validate()
            .expect_err("no lines");
        assert_eq!(empty, vec![("lines".to_owned(), Problem::Required)]);
    }
}
