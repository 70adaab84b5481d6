//! Texts of the web app: athletes.

pub(crate) const ENTRIES: &[crate::Entry] = &[];
