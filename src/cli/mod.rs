//! The command line: one file per command, each defining its arguments and handing them to the library (clap
//! parses; the library works and returns values; the command prints them).
//!
//! Every command returns `Result<ExitStatus, Error>`, and [`main`] is the one place that turns that into an exit
//! code: 0 success, 1 findings (lint errors, something due with `--fail-on`, a file skipped because it has lint
//! errors), 2 a usage or I/O error. A closed pipe (`proc lint | head`) is not an error: the command ends with the
//! status it would have had.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::config::Config;

mod approve;
mod args;
mod completions;
mod diff;
mod due;
mod fix;
mod fmt;
mod import;
mod lint;
mod list;
mod lsp;
mod man;
mod new;
mod progress;
mod render;
mod review;
mod rules;
mod schema;
mod serve;

pub use args::{FailOn, LanguageArg, ProcessPaths, Today, Within};

#[derive(Debug, Parser)]
#[command(
    name = "proc",
    version,
    about = "Write, check and publish process descriptions kept as YAML files.",
    long_about = "Write, check and publish process descriptions (processbeskrivningar) kept as YAML files.\n\n\
        Each process is one YAML file in the processes directory. `proc lint` checks them and says what is \
        wrong, where, and how to fix it.",
    after_help = "Examples:
  proc lint                         check the processes folder (from proc.toml)
  proc lint processes/oro-for-anknytning.yaml
  proc lint --format github         annotations in GitHub Actions
  proc rules placeholder-link       what a rule checks and why
  proc due --within 6w              reviews due in the next six weeks, by owner
  proc review oro-for-anknytning --by \"Elina Sandkulla\"
                                    record a review
  proc approve hembesok --by \"Anna Berg\"
                                    approve a draft
  proc diff main                    what changed since main, as a reader says it
  proc render --site --pdf --out site
                                    HTML pages, PDFs and an index
  proc import export/*.txt          convert exported charts
  proc new hembesok                 start a new process from the template
  proc fmt --check                  is every file in the canonical layout?
  proc list                         every process with its review status
  proc serve                        the pages in a browser while you edit
  proc lsp                          the language server your editor starts"
)]
pub struct Cli {
    /// Use this configuration file instead of looking for proc.toml in the current folder and above.
    #[arg(long, global = true, value_name = "FILE")]
    config: Option<PathBuf>,

    /// When to color output: auto (on a terminal, unless NO_COLOR is set), always or never.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    color: ColorChoice,

    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Subcommand)]
enum Command {
    Lint(lint::LintArgs),
    Due(due::DueArgs),
    Review(review::ReviewArgs),
    Approve(approve::ApproveArgs),
    Diff(diff::DiffArgs),
    Render(render::RenderArgs),
    Import(import::ImportArgs),
    New(new::NewArgs),
    Fmt(fmt::FmtArgs),
    List(list::ListArgs),
    Completions(completions::CompletionsArgs),
    Man(man::ManArgs),
    Schema(schema::SchemaArgs),
    Rules(rules::RulesArgs),
    Serve(serve::ServeArgs),
    Lsp(lsp::LspArgs),
}

/// How a command ended, when it ran to the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum ExitStatus {
    Success,
    /// Findings that fail the run: lint errors (or warnings with `--deny warnings`), reviews due with
    /// `--fail-on`, files left out because they have lint errors, files `--check` would change.
    Findings,
    /// Some files could not be read or written; the others were done.
    Error,
}

impl From<ExitStatus> for ExitCode {
    fn from(status: ExitStatus) -> ExitCode {
        ExitCode::from(match status {
            ExitStatus::Success => 0,
            ExitStatus::Findings => 1,
            ExitStatus::Error => 2,
        })
    }
}

/// Why a command stopped: printed after `error: ` (with `help:` lines when the message has them), exit code 2.
#[derive(Debug)]
pub enum Error {
    Message(String),
    /// Writing to stdout failed (other than a closed pipe, see [`written`]).
    Output(std::io::Error),
}

impl From<std::io::Error> for Error {
    fn from(error: std::io::Error) -> Error {
        Error::Output(error)
    }
}

/// The library's typed errors are told as they are.
macro_rules! told_as_they_are {
    ($($error:ty),*) => {
        $(impl From<$error> for Error {
            fn from(error: $error) -> Error {
                Error::Message(error.to_string())
            }
        })*
    };
}

told_as_they_are!(
    crate::record::RecordError,
    crate::render::output::RenderError,
    crate::template::CreateError
);

impl From<String> for Error {
    fn from(message: String) -> Error {
        Error::Message(message)
    }
}

/// What every command that reads process files shares.
pub struct Context {
    pub config: Config,
    /// Whether stdout gets colours.
    pub color: bool,
}

impl Context {
    /// The paths given, or the processes folder of proc.toml; an error saying how to begin when that folder does
    /// not exist. `usage` is the command's way round it (`or pass the folder …`).
    pub fn paths(&self, given: &ProcessPaths, usage: &str) -> Result<Vec<PathBuf>, Error> {
        if !given.paths.is_empty() {
            return Ok(given.paths.clone());
        }
        match self.config.missing_processes_folder(usage) {
            Some(message) => Err(Error::Message(message)),
            None => Ok(self.config.default_paths()),
        }
    }

    /// The folder `proc new` and `proc import` write to: `--out`, or the processes folder.
    pub fn output_folder(&self, out: Option<PathBuf>) -> PathBuf {
        out.unwrap_or_else(|| {
            self.config
                .default_paths()
                .into_iter()
                .next()
                .unwrap_or_else(|| PathBuf::from("processes"))
        })
    }
}

/// Runs `proc` with the process's arguments.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() { 2 } else { 0 });
        }
    };
    match run(cli) {
        Ok(status) => status.into(),
        Err(Error::Output(error)) if error.kind() == std::io::ErrorKind::BrokenPipe => {
            ExitStatus::Success.into()
        }
        Err(error) => {
            let message = match error {
                Error::Message(message) => message,
                Error::Output(error) => format!("cannot write the output: {error}"),
            };
            eprintln!("error: {message}");
            ExitStatus::Error.into()
        }
    }
}

fn run(cli: Cli) -> Result<ExitStatus, Error> {
    // Commands that print something fixed need no proc.toml.
    match cli.command {
        Command::Completions(args) => return completions::run(args),
        Command::Man(args) => return man::run(args),
        Command::Schema(args) => return schema::run(args),
        Command::Rules(args) => return rules::run(args),
        // The language server finds each open file's proc.toml itself, and must start even when one is broken.
        Command::Lsp(args) => return lsp::run(args, cli.config.as_deref()),
        _ => {}
    }
    let color = match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
        }
    };
    let config = match &cli.config {
        Some(path) => Config::read(path),
        None => {
            let here = std::env::current_dir()
                .map_err(|error| format!("cannot read the current directory: {error}"))?;
            Config::discover(&here)
        }
    }
    .map_err(|error| error.to_string())?;
    let context = Context { config, color };
    match cli.command {
        Command::Lint(args) => lint::run(args, &context),
        Command::Due(args) => due::run(args, &context),
        Command::Review(args) => review::run(args, &context),
        Command::Approve(args) => approve::run(args, &context),
        Command::Diff(args) => diff::run(args, &context),
        Command::Render(args) => render::run(args, &context),
        Command::Import(args) => import::run(args, &context),
        Command::New(args) => new::run(args, &context),
        Command::Fmt(args) => fmt::run(args, &context),
        Command::List(args) => list::run(args, &context),
        Command::Serve(args) => serve::run(args, &context),
        Command::Completions(_)
        | Command::Man(_)
        | Command::Schema(_)
        | Command::Rules(_)
        | Command::Lsp(_) => Ok(ExitStatus::Success),
    }
}

/// Stdout for a report, buffered: stdout alone flushes at every newline, and the JSON of 10,000 findings has
/// 200,000 of them. Whoever writes to it flushes it at the end, so that a failed write is seen.
fn stdout() -> std::io::BufWriter<std::io::StdoutLock<'static>> {
    std::io::BufWriter::with_capacity(64 * 1024, std::io::stdout().lock())
}

/// Writes `text` to stdout.
fn print(text: &str) -> Result<(), Error> {
    let mut out = std::io::stdout().lock();
    written(out.write_all(text.as_bytes()).and_then(|()| out.flush()))
}

/// The result of writing to stdout, where a reader that stopped early (`proc lint | head`) is not an error: the
/// command goes on, names on stderr what it has to, and ends with the status it would have had.
fn written(result: std::io::Result<()>) -> Result<(), Error> {
    match result {
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        other => Ok(other?),
    }
}

use crate::report::plural;

/// Names the files left out of `due`, `list` and `render` because they have lint errors (`because` says what that
/// cost), and gives the status that costs: the same in every command.
fn report_skipped(skipped: &[crate::processes::Skipped], because: &str) -> ExitStatus {
    for file in skipped {
        let problems = plural(file.errors(), "lint error", "lint errors");
        eprintln!(
            "error: {} has {problems}, so {because}; `proc lint {}` shows what to fix",
            file.path.display(),
            file.path.display()
        );
    }
    if skipped.is_empty() {
        ExitStatus::Success
    } else {
        ExitStatus::Findings
    }
}

/// Names the paths that could not be read; the status is an I/O error when there are any.
fn report_unreadable(errors: &[crate::walk::WalkError]) -> ExitStatus {
    for error in errors {
        eprintln!("error: {error}");
    }
    if errors.is_empty() {
        ExitStatus::Success
    } else {
        ExitStatus::Error
    }
}
