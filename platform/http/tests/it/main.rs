//! The HTTP conventions, exercised in-process through a small API wrapped like the server's.

mod conventions;
