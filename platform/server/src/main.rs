//! The `dropit` binary.

/// Many small allocations on many threads (requests, rows, JSON): mimalloc keeps them cheap
/// where glibc's malloc spent a third of the server's CPU under load (`BENCHMARKS.md`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    dropit_server::cli::run()
}
