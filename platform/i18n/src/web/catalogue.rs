//! Texts of the web app: catalogue.

pub(crate) const ENTRIES: &[crate::Entry] = &[];
