//! The builder's live state: one signal per thing a person edits, so typing in a set does not
//! redraw the workout, and lines keep their inputs when they move. `snapshot` reads it back
//! as a plain `Draft` for the rules, the preview and the request.

use std::rc::Rc;

use dropit_kernel::Locale;
use dropit_sdk::types;
use sycamore::prelude::*;

use super::draft::{self, Draft, Kind, LineDraft, PartDraft, SetDraft};
use crate::loads::LoadSetup;

#[derive(Clone, Copy)]
pub struct SetState {
    pub key: u32,
    pub reps: Signal<String>,
    pub kind: Signal<Kind>,
    pub min: Signal<String>,
    pub max: Signal<String>,
    pub of: Signal<String>,
    pub kg: Signal<String>,
}

// Lists compare items by key: comparing signals would read (and track) their values.
impl PartialEq for SetState {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

impl SetState {
    pub fn snapshot(&self) -> SetDraft {
        SetDraft {
            reps: self.reps.get_clone(),
            kind: self.kind.get(),
            min: self.min.get_clone(),
            max: self.max.get_clone(),
            of: self.of.get_clone(),
            kg: self.kg.get_clone(),
        }
    }
}

#[derive(Clone, Copy)]
pub struct PartState {
    pub key: u32,
    pub exercise_id: Signal<String>,
    pub reps: Signal<String>,
}

impl PartialEq for PartState {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

#[derive(Clone, Copy)]
pub struct LineState {
    pub key: u32,
    pub parts: Signal<Vec<PartState>>,
    pub sets: Signal<Vec<SetState>>,
    pub rest: Signal<String>,
    pub notes: Signal<String>,
}

impl PartialEq for LineState {
    fn eq(&self, other: &Self) -> bool {
        self.key == other.key
    }
}

impl LineState {
    pub fn snapshot(&self) -> LineDraft {
        LineDraft {
            parts: self.parts.with(|parts| {
                parts
                    .iter()
                    .map(|p| PartDraft { exercise_id: p.exercise_id.get_clone(), reps: p.reps.get_clone() })
                    .collect()
            }),
            sets: self.sets.with(|sets| sets.iter().map(SetState::snapshot).collect()),
            rest: self.rest.get_clone(),
            notes: self.notes.get_clone(),
        }
    }
}

/// Everything the builder's components share, through context.
#[derive(Clone, Copy)]
pub struct Builder {
    pub name: Signal<String>,
    pub notes: Signal<String>,
    pub basis: Signal<types::BasisName>,
    pub archived: Signal<bool>,
    pub lines: Signal<Vec<LineState>>,
    /// The whole catalogue, archived exercises included so old workouts still name theirs.
    pub exercises: Signal<Rc<Vec<types::ExerciseBody>>>,
    pub editable: bool,
    /// The chosen athlete's loads setup, for the preview.
    pub setup: Signal<Option<Rc<LoadSetup>>>,
    /// Problems shown under fields: `(API field name, text)`.
    pub problems: Signal<Vec<(String, String)>>,
    /// The workout as last saved (or loaded), to tell unsaved changes.
    pub saved: Signal<Draft>,
    /// The line a drag hovers, to highlight where it lands.
    pub over: Signal<Option<u32>>,
    next_key: Signal<u32>,
    /// The editor's scope: the signals of lines, parts and sets are made in it, not in the
    /// scope of whatever button made them (a palette item filtered away would take them along).
    scope: NodeHandle,
}

impl Builder {
    pub fn new(draft: &Draft, exercises: Vec<types::ExerciseBody>, editable: bool) -> Self {
        let builder = Self {
            name: create_signal(String::new()),
            notes: create_signal(String::new()),
            basis: create_signal(types::BasisName::OneRepMax),
            archived: create_signal(false),
            lines: create_signal(Vec::new()),
            exercises: create_signal(Rc::new(exercises)),
            editable,
            setup: create_signal(None),
            problems: create_signal(Vec::new()),
            saved: create_signal(draft.clone()),
            over: create_signal(None),
            next_key: create_signal(0),
            scope: use_current_scope(),
        };
        builder.reset(draft);
        builder
    }

    /// Shows `draft` as the saved workout (after loading or saving it).
    pub fn reset(&self, draft: &Draft) {
        self.name.set(draft.name.clone());
        self.notes.set(draft.notes.clone());
        self.basis.set(draft.basis);
        self.archived.set(draft.archived);
        let lines = draft.lines.iter().map(|line| self.line(line)).collect();
        self.lines.set(lines);
        self.saved.set(draft.clone());
    }

    /// The workout as it stands (tracked).
    pub fn snapshot(&self) -> Draft {
        Draft {
            name: self.name.get_clone(),
            notes: self.notes.get_clone(),
            basis: self.basis.get(),
            archived: self.archived.get(),
            lines: self.lines.with(|lines| lines.iter().map(LineState::snapshot).collect()),
        }
    }

    fn key(&self) -> u32 {
        let key = self.next_key.get_untracked();
        self.next_key.set(key + 1);
        key
    }

    fn line(&self, line: &LineDraft) -> LineState {
        let parts = line.parts.iter().map(|p| self.part(&p.exercise_id, &p.reps)).collect();
        let sets = line.sets.iter().map(|s| self.set(s)).collect();
        let key = self.key();
        self.scope.run_in(|| LineState {
            key,
            parts: create_signal(parts),
            sets: create_signal(sets),
            rest: create_signal(line.rest.clone()),
            notes: create_signal(line.notes.clone()),
        })
    }

    fn part(&self, exercise_id: &str, reps: &str) -> PartState {
        let key = self.key();
        self.scope.run_in(|| PartState {
            key,
            exercise_id: create_signal(exercise_id.to_owned()),
            reps: create_signal(reps.to_owned()),
        })
    }

    pub fn set(&self, set: &SetDraft) -> SetState {
        let key = self.key();
        self.scope.run_in(|| SetState {
            key,
            reps: create_signal(set.reps.clone()),
            kind: create_signal(set.kind),
            min: create_signal(set.min.clone()),
            max: create_signal(set.max.clone()),
            of: create_signal(set.of.clone()),
            kg: create_signal(set.kg.clone()),
        })
    }

    /// A new line of one exercise, at the end; false when the workout is full.
    pub fn add_line(&self, exercise_id: &str) -> bool {
        if !self.editable || self.lines.with_untracked(Vec::len) >= draft::MAX_LINES {
            return false;
        }
        let line = LineDraft {
            parts: vec![PartDraft { exercise_id: exercise_id.to_owned(), reps: "1".to_owned() }],
            sets: Vec::new(),
            rest: String::new(),
            notes: String::new(),
        };
        let line = self.line(&line);
        self.lines.update(|lines| lines.push(line));
        true
    }

    /// Adds an exercise to a line, which makes it a complex; false when the line is full.
    pub fn add_part(&self, line: LineState, exercise_id: &str) -> bool {
        if !self.editable || line.parts.with_untracked(Vec::len) >= draft::MAX_PARTS {
            return false;
        }
        let part = self.part(exercise_id, "1");
        line.parts.update(|parts| parts.push(part));
        true
    }

    pub fn move_line(&self, from: usize, to: usize) {
        if self.editable {
            self.lines.update(|lines| draft::move_item(lines, from, to));
        }
    }

    pub fn remove_line(&self, key: u32) {
        self.lines.update(|lines| lines.retain(|l| l.key != key));
    }

    /// Where the line is now (tracked), as the API numbers lines.
    pub fn index_of(&self, key: u32) -> usize {
        self.lines.with(|lines| lines.iter().position(|l| l.key == key).unwrap_or(0))
    }

    pub fn exercise(&self, id: &str) -> Option<types::ExerciseBody> {
        self.exercises.with_untracked(|all| all.iter().find(|e| e.id == id).cloned())
    }

    /// The exercise's name in `locale`; an exercise the catalogue lost shows as unknown.
    pub fn exercise_name(&self, id: &str, locale: Locale) -> Option<String> {
        self.exercise(id).map(|e| name_in(&e, locale))
    }

    /// The lift a new set of `line` is a percentage of: the previous set's, else the one the
    /// line's first exercise refers to.
    pub fn default_lift(&self, line: LineState) -> String {
        let last = line.sets.with_untracked(|sets| sets.last().map(|s| s.of.get_clone_untracked()));
        last.filter(|of| !of.is_empty())
            .or_else(|| {
                let first = line.parts.with_untracked(|p| p.first().map(|p| p.exercise_id.get_clone_untracked()))?;
                self.exercise(&first)?.reference_lift
            })
            .unwrap_or_default()
    }

    /// The problem shown under `field`, if any (tracked).
    pub fn problem(&self, field: &str) -> Option<String> {
        self.problems.with(|all| all.iter().find(|(f, _)| f == field).map(|(_, text)| text.clone()))
    }
}

pub fn name_in(exercise: &types::ExerciseBody, locale: Locale) -> String {
    match locale {
        Locale::Fr => exercise.name_fr.clone(),
        Locale::En => exercise.name_en.clone(),
    }
}

pub fn use_builder() -> Builder {
    use_context::<Builder>()
}
