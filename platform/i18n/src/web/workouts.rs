//! Texts of the web app: workouts.

pub(crate) const ENTRIES: &[crate::Entry] = &[];
