//! Texts of the web app: operator.

pub(crate) const ENTRIES: &[crate::Entry] = &[];
