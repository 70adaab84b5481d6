//! Texts of the web app: dashboard.

pub(crate) const ENTRIES: &[crate::Entry] = &[];
