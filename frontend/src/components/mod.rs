//! Pieces every page uses: the frame with its navigation, the page guard, loading and failure
//! states, form fields, toasts and the crash screen.

pub mod chart;
pub mod club_page;
pub mod crash;
pub mod dialog;
pub mod field;
pub mod layout;
pub mod loaded;
pub mod toasts;
