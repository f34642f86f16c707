fn main() -> std::process::ExitCode {
    proc::cli::main()
}
