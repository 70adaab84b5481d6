//! Import and export: programs read from coaches' spreadsheets, session logs as CSV, printable
//! workout sheets, and the whole club as an archive another club can be made from.

pub mod application;
pub mod archive;
pub mod exports;
pub mod interface;
