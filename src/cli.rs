//! The command line: parses arguments and calls into the library. No logic of its own beyond choosing what to
//! print and which exit code to return.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand, ValueEnum};

use crate::config::Config;
use crate::finding::Severity;
use crate::lint::{LintOptions, lint};
use crate::report::{self, Format, Style};
use crate::rules::all_rules;

/// Exit codes: the same for every command.
pub mod exit {
    pub const SUCCESS: u8 = 0;
    /// Findings that fail the run (lint errors, or warnings with `--deny warnings`).
    pub const FINDINGS: u8 = 1;
    /// Usage or I/O error: bad arguments, a path that does not exist, an unreadable file or config.
    pub const ERROR: u8 = 2;
}

#[derive(Debug, Parser)]
#[command(
    name = "proc",
    version,
    about = "Write, check and publish process descriptions kept as YAML files.",
    long_about = "Write, check and publish process descriptions (processbeskrivningar) kept as YAML files.\n\n\
        Each process is one YAML file in the processes directory. `proc lint` checks them and says what is \
        wrong, where, and how to fix it.",
    after_help = "Examples:\n  proc lint                      check the processes directory (from proc.toml)\n  \
        proc lint processes/oro-for-anknytning.yaml\n  proc lint --format github      annotations in GitHub Actions\n  \
        proc rules placeholder-link    what a rule checks and why"
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
    /// Check process files and report every problem with its file, line and column.
    #[command(
        after_help = "Exit status: 0 when nothing fails, 1 when there are errors (or warnings with \
        --deny warnings), 2 on a usage or I/O error.\n\nExamples:\n  proc lint\n  proc lint processes/a.yaml processes/b.yaml\n  \
        proc lint --format sarif > proc.sarif\n  proc lint --deny warnings --today 2026-01-31"
    )]
    Lint(LintArgs),
    /// Print the JSON Schema of a process file (the one in schemas/process.schema.json).
    Schema,
    /// List the rules, or explain one: `proc rules unknown-key`.
    Rules {
        /// A rule name or code.
        rule: Option<String>,
    },
}

#[derive(Debug, clap::Args)]
struct LintArgs {
    /// Files or directories to check. Directories are searched for *.yaml and *.yml files, skipping what
    /// .gitignore ignores. Default: the processes directory of proc.toml (`processes`).
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,

    /// Make warnings fail the run too (exit 1).
    #[arg(long, value_enum, value_name = "WHAT")]
    deny: Vec<Deny>,

    /// The date that counts as today, YYYY-MM-DD (default: the system date).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    today: Option<jiff::civil::Date>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Deny {
    /// Warnings fail the run.
    Warnings,
}

fn parse_date(text: &str) -> Result<jiff::civil::Date, String> {
    match crate::rules::dates::read_date(text) {
        crate::rules::dates::DateText::Iso(date) => Ok(date),
        crate::rules::dates::DateText::Legacy(date) => {
            Err(format!("write the date as YYYY-MM-DD: {date}"))
        }
        crate::rules::dates::DateText::Invalid(reason) => Err(reason),
    }
}

/// Runs `proc` with the process's arguments.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(error) => {
            let _ = error.print();
            return ExitCode::from(if error.use_stderr() {
                exit::ERROR
            } else {
                exit::SUCCESS
            });
        }
    };
    ExitCode::from(run(cli))
}

fn run(cli: Cli) -> u8 {
    let color = match cli.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::io::stdout().is_terminal()
                && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
        }
    };
    match cli.command {
        Command::Lint(args) => {
            let config = match load_config(cli.config.as_ref()) {
                Ok(config) => config,
                Err(message) => return fail(&message),
            };
            run_lint(args, config, color)
        }
        Command::Schema => print(&crate::schema::schema_text()),
        Command::Rules { rule } => run_rules(rule.as_deref()),
    }
}

fn load_config(path: Option<&PathBuf>) -> Result<Config, String> {
    let result = match path {
        Some(path) => Config::read(path),
        None => {
            let here = std::env::current_dir()
                .map_err(|error| format!("cannot read the current directory: {error}"))?;
            Config::discover(&here)
        }
    };
    result.map_err(|error| error.to_string())
}

fn run_lint(args: LintArgs, config: Config, color: bool) -> u8 {
    let paths = if args.paths.is_empty() {
        let processes = config.processes.clone();
        let processes = std::env::current_dir()
            .ok()
            .and_then(|here| pathdiff(&processes, &here))
            .unwrap_or(processes);
        vec![processes]
    } else {
        args.paths
    };
    let today = args
        .today
        .unwrap_or_else(|| jiff::ZonedDateTime::now().date());
    let deny_warnings = args.deny.contains(&Deny::Warnings);
    let result = lint(&paths, &LintOptions { config, today });

    let style = Style {
        color,
        width: None,
        deny_warnings,
    };
    let mut out = std::io::stdout().lock();
    if let Err(error) =
        report::write(&result, args.format, style, &mut out).and_then(|()| out.flush())
        && error.kind() != std::io::ErrorKind::BrokenPipe
    {
        return fail(&format!("cannot write the output: {error}"));
    }
    for error in &result.errors {
        eprintln!("error: {error}");
    }
    if !result.errors.is_empty() {
        return exit::ERROR;
    }
    let failing = result.count(Severity::Error)
        + if deny_warnings {
            result.count(Severity::Warning)
        } else {
            0
        };
    if failing > 0 {
        exit::FINDINGS
    } else {
        exit::SUCCESS
    }
}

/// `path` relative to `base` when it lies inside it, so messages show `processes/x.yaml`, not an absolute path.
fn pathdiff(path: &std::path::Path, base: &std::path::Path) -> Option<PathBuf> {
    let relative = path.strip_prefix(base).ok()?;
    Some(if relative.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        relative.to_path_buf()
    })
}

fn run_rules(name: Option<&str>) -> u8 {
    let Some(name) = name else {
        let mut text = String::new();
        for rule in all_rules() {
            text.push_str(&format!(
                "{}  {:<22} {:<8} {}\n",
                rule.code,
                rule.name,
                rule.default_severity.as_str(),
                rule.summary()
            ));
        }
        return print(&text);
    };
    let Some(rule) = crate::rules::find_rule(name) else {
        let hint = crate::rules::did_you_mean(name, all_rules().iter().map(|rule| rule.name))
            .map(|close| format!(" (did you mean `{close}`?)"))
            .unwrap_or_default();
        return fail(&format!(
            "there is no rule called `{name}`{hint}; `proc rules` lists them"
        ));
    };
    let body: Vec<&str> = rule
        .explanation
        .lines()
        .map(|line| line.strip_prefix(' ').unwrap_or(line))
        .collect();
    print(&format!(
        "{} {} ({} by default)\n\n{}\n",
        rule.code,
        rule.name,
        rule.default_severity,
        body.join("\n").trim()
    ))
}

fn print(text: &str) -> u8 {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => exit::SUCCESS,
        Err(error) if error.kind() == std::io::ErrorKind::BrokenPipe => exit::SUCCESS,
        Err(error) => fail(&format!("cannot write the output: {error}")),
    }
}

fn fail(message: &str) -> u8 {
    eprintln!("error: {message}");
    exit::ERROR
}
