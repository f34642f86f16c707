//! The `proc` binary: everything happens in the library, see `proc::cli`.

/// Linting thousands of files allocates millions of small strings and lists; mimalloc does that markedly faster
/// than the system allocator (see bench/lint.sh).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    proc::cli::main()
}
