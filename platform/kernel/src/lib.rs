//! Framework-free vocabulary shared by the server, the domain crates and the wasm UIs.
//!
//! Nothing here depends on a web framework, a database driver or serde, so the same
//! error codes and messages compile for the server and for `wasm32-unknown-unknown`.

pub mod error_code;
pub mod locale;

pub use error_code::{ErrorCode, FieldErrorCode};
pub use locale::Locale;
