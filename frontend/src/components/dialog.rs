//! PAGE-PENDING: a modal dialog, owned by the planning area.
