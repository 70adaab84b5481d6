//! The `dropit` binary.

fn main() -> std::process::ExitCode {
    dropit_server::cli::run()
}
