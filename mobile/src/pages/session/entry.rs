//! One set's fields as signals, and the session's draft saved on the phone at every change, so
//! a phone that kills the page between two sets loses nothing typed.

use sycamore::prelude::*;

use crate::logbook::{Finished, Outcome, SetEntry};

/// A set being filled in.
#[derive(Clone, Copy)]
pub struct SetFields {
    pub reps: Signal<String>,
    pub load: Signal<String>,
    pub rpe: Signal<String>,
    pub note: Signal<String>,
    pub outcome: Signal<Outcome>,
}

impl SetFields {
    pub fn new(entry: SetEntry) -> Self {
        Self {
            reps: create_signal(entry.reps),
            load: create_signal(entry.load),
            rpe: create_signal(entry.rpe),
            note: create_signal(entry.note),
            outcome: create_signal(entry.outcome),
        }
    }

    /// The set as it stands (tracked, so an effect sees every change).
    pub fn entry(&self) -> SetEntry {
        SetEntry {
            reps: self.reps.get_clone(),
            load: self.load.get_clone(),
            rpe: self.rpe.get_clone(),
            note: self.note.get_clone(),
            outcome: self.outcome.get(),
        }
    }

    pub fn restore(&self, entry: SetEntry) {
        self.reps.set(entry.reps);
        self.load.set(entry.load);
        self.rpe.set(entry.rpe);
        self.note.set(entry.note);
        self.outcome.set(entry.outcome);
    }
}

/// The whole session being logged.
#[derive(Clone)]
pub struct Draft {
    pub lines: Vec<Vec<SetFields>>,
    pub session_rpe: Signal<String>,
    pub notes: Signal<String>,
}

impl Draft {
    pub fn new(prefilled: Vec<Vec<SetEntry>>) -> Self {
        Self {
            lines: prefilled.into_iter().map(|sets| sets.into_iter().map(SetFields::new).collect()).collect(),
            session_rpe: create_signal(String::new()),
            notes: create_signal(String::new()),
        }
    }

    /// Everything typed so far (tracked).
    pub fn finished(&self) -> Finished {
        Finished {
            sets: self.lines.iter().map(|sets| sets.iter().map(SetFields::entry).collect()).collect(),
            session_rpe: self.session_rpe.get_clone(),
            notes: self.notes.get_clone(),
        }
    }

    /// Puts back a draft saved earlier, when it still fits the session's shape.
    pub fn restore(&self, saved: Finished) {
        let fits = saved.sets.len() == self.lines.len()
            && saved.sets.iter().zip(&self.lines).all(|(saved, fields)| saved.len() == fields.len());
        if !fits {
            return;
        }
        for (saved, fields) in saved.sets.into_iter().zip(&self.lines) {
            for (entry, set) in saved.into_iter().zip(fields) {
                set.restore(entry);
            }
        }
        self.session_rpe.set(saved.session_rpe);
        self.notes.set(saved.notes);
    }

    pub fn key(user: &str, session_id: &str) -> String {
        format!("draft:{user}:{session_id}")
    }
}
