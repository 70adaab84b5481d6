//! Training: what coaches prescribe and athletes lift.
//!
//! So far the `domain` layer holds the load engine: from a percentage of a reference maximum
//! to a load the club's plates can build, with its per-side breakdown.

pub mod domain;
