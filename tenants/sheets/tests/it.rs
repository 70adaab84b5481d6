//! Real spreadsheet files, built in the tests, read through the public API.

#[path = "it/csv_files.rs"]
mod csv_files;
#[path = "it/files.rs"]
mod files;
#[path = "it/ods.rs"]
mod ods;
#[path = "it/problems.rs"]
mod problems;
#[path = "it/support.rs"]
mod support;
#[path = "it/xlsx.rs"]
mod xlsx;
