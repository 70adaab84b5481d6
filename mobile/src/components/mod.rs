//! Pieces every screen uses.

pub mod crash;
pub mod frame;
pub mod notice;
pub mod plates;
pub mod sync_badge;
