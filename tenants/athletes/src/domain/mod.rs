//! Pure rules of the athletes domain: no I/O.

pub mod athlete;
pub mod category;
pub mod competition;
pub mod readiness;
pub mod records;
pub mod sinclair;
pub mod stats;
