//! Texts of the web app: planning.

pub(crate) const ENTRIES: &[crate::Entry] = &[];
