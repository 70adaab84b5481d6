//! What the web back office and the mobile app share beyond the SDK and the permission
//! matrix: the loads of a prescription computed in the browser with the server's own engine,
//! and numbers and dates written the way people read them.

pub mod format;
pub mod loads;
pub mod pages;
