//! The command line: parses arguments and calls into the library. No logic of its own beyond choosing what to
//! print and which exit code to return.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand, ValueEnum};

use crate::config::Config;
use crate::finding::Severity;
use crate::lint::LintOptions;
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
        proc rules placeholder-link    what a rule checks and why\n  \
        proc due --within 6w           reviews due in the next six weeks, by owner\n  \
        proc review oro-for-anknytning --by \"Elina Sandkulla\"   record a review\n  \
        proc render --site --pdf --out site   HTML pages, PDFs and an index\n  \
        proc import export/*.txt       convert exported charts\n  \
        proc new hembesok              start a new process from the template\n  \
        proc fmt --check               is every file in the canonical layout?\n  \
        proc list                      every process with its review status"
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
    /// List the processes that are due or overdue for review, grouped by owner.
    #[command(
        after_help = "Prints nothing at all when nothing is due, so a cron job mails only when there is \
        something to do.\n\nExit status: 0, or 1 when --fail-on matches; 2 when a path or a process file cannot be \
        used (files with lint errors are skipped and named on stderr).\n\nExamples:\n  proc due\n  \
        proc due --within 6w --owner Sandkulla\n  proc due --format ics > reviews.ics\n  \
        proc due --format markdown --fail-on overdue"
    )]
    Due(DueArgs),
    /// Record a review in a process file: adds it to `reviews` and bumps the version if asked.
    #[command(
        after_help = "The process is named by its id, looked up in the processes folder of proc.toml, or by \
        the path of its file (any .yaml or .yml file, also outside the processes folder). The file is edited in \
        place: only the new review lines (and the version line) change; comments, blank lines and quoting stay as \
        they are. The file must lint clean first. Written atomically: an interrupted run leaves the old file or the \
        new one, never a broken one.\n\nExamples:\n  \
        proc review oro-for-anknytning --by \"Elina Sandkulla\"\n  \
        proc review processes/oro-for-anknytning.yaml --by \"Elina Sandkulla\"\n  \
        proc review oro-for-anknytning --by \"Elina Sandkulla\" --date 2026-04-20 --note \"Nya kontaktuppgifter\" --bump minor"
    )]
    Review(ReviewArgs),
    /// Render processes as self-contained HTML pages and print-ready PDFs, and a site index.
    #[command(
        after_help = "A file with lint errors is not rendered: it is named on stderr, the rest are \
        rendered, and the exit status is 1.\n\nExamples:\n  proc render --out site\n  proc render processes/oro-for-anknytning.yaml --out site --lang fi"
    )]
    Render(RenderArgs),
    /// Convert exported process charts (tab-separated text) into process files.
    #[command(
        after_help = "Each file is converted on its own; what fits no field is kept under `unmapped` and named \
        with its line. Existing files are not replaced without --force.\n\nExit status: 0 when every file was \
        converted, 1 when a file is not such an export or its target exists, 2 when a file cannot be read.\n\n\
        Examples:\n  proc import export/*.txt\n  proc import oro.txt --dry-run\n  proc import oro.txt --out drafts"
    )]
    Import(ImportArgs),
    /// Start a new process file from a template with every field explained.
    #[command(
        after_help = "Writes processes/ID.yaml (the processes folder of proc.toml; the folder is made if it does not \
        exist yet), never over an existing file. The placeholders in <angle brackets> are what `proc lint` asks you \
        to fill in. The placeholders, comments and review month are in the language of --language.\n\nExamples:\n  \
        proc new hembesok --name \"Hembesök för familjer\" --owner \"Familjecentralens chef\" --review-month april\n  \
        proc new kotikaynnit --language fi --review-month huhtikuu\n  \
        proc new home-visits --language en --out drafts"
    )]
    New(NewArgs),
    /// Rewrite process files in the canonical layout, keeping their comments.
    ///
    /// Keys in the model's order, two-space indentation, lists in block style, texts plain or double-quoted, long
    /// texts folded at 120 columns. Comments and blank lines between entries are kept.
    #[command(
        after_help = "Exit status: 0 when every file is (now) formatted; with --check, 1 when a file would change (it is named, nothing is written); 2 when a file cannot be read or is not valid YAML.\n\nExamples:\n  proc fmt\n  proc fmt processes/oro-for-anknytning.yaml\n  proc fmt --check    # in CI"
    )]
    Fmt(FmtArgs),
    /// One line per process: id, name, owner, version, last review and review status.
    #[command(
        after_help = "Files with lint errors are named on stderr and left out (exit 2).\n\nExamples:\n  proc list\n  proc list --format csv > processes.csv\n  proc list --today 2027-01-31"
    )]
    List(ListArgs),
    /// Print a shell completion script for bash, zsh, fish or PowerShell.
    #[command(
        after_help = "Examples:\n  proc completions bash > ~/.local/share/bash-completion/completions/proc\n  proc completions zsh > ~/.zfunc/_proc\n  proc completions fish > ~/.config/fish/completions/proc.fish\n  proc completions powershell >> $PROFILE"
    )]
    Completions {
        /// The shell.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff), e.g. `proc man > proc.1`.
    Man,
    /// Print the JSON Schema of a process file (the one in schemas/process.schema.json).
    Schema,
    /// List the rules, or explain one: `proc rules unknown-key`.
    Rules {
        /// A rule name or code.
        rule: Option<String>,
    },
}

#[derive(Debug, clap::Args)]
#[command(group(clap::ArgGroup::new("fix_or_diff").args(["fix", "diff"])))]
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

    /// Also check changes against this git revision (e.g. the merge base of a pull request): a process whose
    /// content changed must have a new version. Needs git.
    #[arg(long, value_name = "REV")]
    base: Option<String>,

    /// Fix what can be fixed without changing what the file means (legacy dates, a ` #` that YAML would drop,
    /// curly quotes, tabs…), then report what is left. Only the fixed places change; every fix is read back
    /// before the file is replaced.
    #[arg(long)]
    fix: bool,

    /// With --fix or --diff: also make the fixes that guess (a misspelt key or month renamed to the nearest
    /// one, lines joined by YAML kept apart). Check the result.
    #[arg(long, requires = "fix_or_diff")]
    unsafe_fixes: bool,

    /// Show what --fix would change as a diff, and change nothing (exit 1 when there is something to fix).
    #[arg(long, conflicts_with = "fix")]
    diff: bool,
}

#[derive(Debug, clap::Args)]
struct DueArgs {
    /// Files or directories with processes. Default: the processes directory of proc.toml.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// How far ahead a review counts as upcoming: days (30d) or weeks (6w).
    #[arg(long, value_name = "TIME", default_value = "30d", value_parser = crate::due::parse_within)]
    within: i32,

    /// The date that counts as today, YYYY-MM-DD (default: the system date).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    today: Option<jiff::civil::Date>,

    /// Only processes whose owner contains this text (any case).
    #[arg(long, value_name = "NAME")]
    owner: Option<String>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = crate::due::Format::Text)]
    format: crate::due::Format,

    /// Exit with 1 when something is overdue (`overdue`), or overdue or upcoming (`upcoming`).
    #[arg(long, value_enum, value_name = "WHAT")]
    fail_on: Option<FailOn>,

    /// List every process, not only those due (text, json, markdown and csv).
    #[arg(long)]
    all: bool,

    /// The field separator of --format csv: ';' (what Finnish and Swedish Excel expects), ',' or tab. Default:
    /// ';' when the language of proc.toml is sv or fi, ',' for en.
    #[arg(long, value_name = "SEP", value_parser = crate::csv::parse_separator)]
    separator: Option<crate::csv::Separator>,
}

#[derive(Debug, clap::Args)]
struct ReviewArgs {
    /// The process: its id (the file name without .yaml), or the path of its file.
    // Shells complete it as a file path: a static completion script cannot know a repository's ids, and
    // clap_complete's dynamic completion (`CompleteEnv`) is still behind its `unstable-dynamic` feature.
    #[arg(value_name = "ID|FILE", value_hint = clap::ValueHint::FilePath)]
    process: String,

    /// Who made the review.
    #[arg(long, value_name = "NAME")]
    by: String,

    /// The day of the review, YYYY-MM-DD (default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    date: Option<jiff::civil::Date>,

    /// What the review found or changed.
    #[arg(long, value_name = "TEXT")]
    note: Option<String>,

    /// How the version changes: major (1.2 → 2.0), minor (1.2 → 1.3) or none.
    #[arg(long, value_enum, default_value_t = crate::record::Bump::None)]
    bump: crate::record::Bump,

    /// The date that counts as today, YYYY-MM-DD (default: the system date).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    today: Option<jiff::civil::Date>,
}

#[derive(Debug, clap::Args)]
struct RenderArgs {
    /// Files or directories with processes. Default: the processes directory of proc.toml.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// The folder to write the pages to (made if missing).
    #[arg(long, value_name = "DIR")]
    out: PathBuf,

    /// The language of the page's fixed labels (default: each process's own language).
    #[arg(long, value_enum, value_name = "LANG")]
    lang: Option<LanguageArg>,

    /// The date that counts as today for the review status, YYYY-MM-DD (default: the system date).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    today: Option<jiff::civil::Date>,

    /// Also write index.html: every process by owner with its review status, and the process map.
    #[arg(long)]
    site: bool,

    /// What to write for each process: ID.html, ID.pdf (A4, for print) or both.
    #[arg(long, value_enum, default_value_t = RenderFormat::Html)]
    format: RenderFormat,

    /// Write ID.pdf too (the same as `--format both`).
    #[arg(long, conflicts_with = "format")]
    pdf: bool,

    /// No progress bar, and no summary line.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum RenderFormat {
    Html,
    Pdf,
    Both,
}

#[derive(Debug, clap::Args)]
struct ListArgs {
    /// Files or directories with processes. Default: the processes directory of proc.toml.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// Output format.
    #[arg(long, value_enum, default_value_t = crate::list::Format::Text)]
    format: crate::list::Format,

    /// The date that counts as today for the review status, YYYY-MM-DD (default: the system date).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    today: Option<jiff::civil::Date>,

    /// How far ahead a review counts as upcoming: days (30d) or weeks (6w).
    #[arg(long, value_name = "TIME", default_value = "30d", value_parser = crate::due::parse_within)]
    within: i32,

    /// The field separator of --format csv: ';' (what Finnish and Swedish Excel expects), ',' or tab. Default:
    /// ';' when the language of proc.toml is sv or fi, ',' for en.
    #[arg(long, value_name = "SEP", value_parser = crate::csv::parse_separator)]
    separator: Option<crate::csv::Separator>,
}

#[derive(Debug, clap::Args)]
struct ImportArgs {
    /// Exported charts: tab-separated text in UTF-8 or Latin-1.
    #[arg(value_name = "FILE", required = true)]
    files: Vec<PathBuf>,

    /// The folder to write ID.yaml to (default: the processes folder of proc.toml).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,

    /// Print the process files instead of writing them.
    #[arg(long)]
    dry_run: bool,

    /// Replace a process file that exists already.
    #[arg(long)]
    force: bool,

    /// The date that counts as today for checking the result, YYYY-MM-DD (default: the system date).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    today: Option<jiff::civil::Date>,

    /// The id (and file name) of the process, instead of one made from its name; only with one FILE.
    #[arg(long, value_name = "ID", value_parser = parse_id)]
    id: Option<crate::model::ProcessId>,
}

#[derive(Debug, clap::Args)]
struct NewArgs {
    /// The id of the process: lowercase letters, digits and hyphens (it becomes the file name).
    id: String,

    /// The name of the process.
    #[arg(long)]
    name: Option<String>,

    /// Who owns the process.
    #[arg(long)]
    owner: Option<String>,

    /// The month of the annual review: a number or a Swedish, Finnish or English name. It is written in the
    /// language of the file (huhtikuu in a Finnish file, april in a Swedish or English one).
    #[arg(long, value_name = "MONTH")]
    review_month: Option<String>,

    /// The language of the file: sv (Swedish), fi (Finnish) or en (English). The placeholders, the comments and the
    /// review month are written in it, and `proc render` uses it for the page's headings. Default: `language` in
    /// proc.toml, else sv.
    #[arg(long, alias = "lang", value_enum, value_name = "LANG")]
    language: Option<LanguageArg>,

    /// The folder to write ID.yaml to (default: the processes folder of proc.toml, made if missing).
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
}

#[derive(Debug, clap::Args)]
struct FmtArgs {
    /// Files or directories to format. Default: the processes directory of proc.toml.
    #[arg(value_name = "PATH")]
    paths: Vec<PathBuf>,

    /// Change nothing; name the files that are not formatted and exit with 1 if there are any.
    #[arg(long)]
    check: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum LanguageArg {
    Sv,
    Fi,
    En,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOn {
    Overdue,
    Upcoming,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Deny {
    /// Warnings fail the run.
    Warnings,
}

fn parse_id(text: &str) -> Result<crate::model::ProcessId, String> {
    crate::model::ProcessId::new(text).ok_or_else(|| {
        let suggestion = crate::model::slug(text);
        let example = if suggestion.is_empty() {
            "hembesok".to_owned()
        } else {
            suggestion
        };
        format!("an id is written with lowercase letters a–z, digits and hyphens, like `{example}`")
    })
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
    // Commands that print something fixed need no proc.toml; every other one reads it once, here.
    let command = match cli.command {
        Command::Completions { shell } => {
            let mut text = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "proc", &mut text);
            return print(&String::from_utf8_lossy(&text));
        }
        Command::Man => {
            let mut text = Vec::new();
            return match clap_mangen::Man::new(Cli::command()).render(&mut text) {
                Ok(()) => print(&String::from_utf8_lossy(&text)),
                Err(error) => fail(&format!("cannot write the manual page: {error}")),
            };
        }
        Command::Schema => return print(&crate::schema::schema_text()),
        Command::Rules { rule } => return run_rules(rule.as_deref()),
        command => command,
    };
    let config = match load_config(cli.config.as_ref()) {
        Ok(config) => config,
        Err(message) => return fail(&message),
    };
    if let Some(message) =
        folder_usage(&command).and_then(|usage| missing_processes_folder(&config, usage))
    {
        return fail(&message);
    }
    match command {
        Command::Lint(args) => run_lint(args, config, color),
        Command::Due(args) => run_due(args, config),
        Command::Review(args) => run_review(args, config),
        Command::Render(args) => run_render(args, config),
        Command::Import(args) => run_import(args, config),
        Command::New(args) => run_new(args, &config),
        Command::Fmt(args) => run_fmt(args, &config),
        Command::List(args) => run_list(args, config),
        Command::Completions { .. } | Command::Man | Command::Schema | Command::Rules { .. } => {
            exit::SUCCESS
        }
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

/// For a command given no paths, so that it works on the processes folder: how to give it paths instead.
fn folder_usage(command: &Command) -> Option<&'static str> {
    match command {
        Command::Lint(args) if args.paths.is_empty() => {
            Some("or pass the folder or files to check: `proc lint path/to/processes`")
        }
        Command::Due(args) if args.paths.is_empty() => {
            Some("or pass the folder or files to look in: `proc due path/to/processes`")
        }
        Command::List(args) if args.paths.is_empty() => {
            Some("or pass the folder or files to list: `proc list path/to/processes`")
        }
        Command::Render(args) if args.paths.is_empty() => Some(
            "or pass the folder or files to render: `proc render path/to/processes --out site`",
        ),
        Command::Fmt(args) if args.paths.is_empty() => {
            Some("or pass the folder or files to format: `proc fmt path/to/processes`")
        }
        _ => None,
    }
}

/// The error for a processes folder that does not exist, with `usage` (the command's way round it) as help. On its
/// own, "processes: no such file or directory" tells someone in a new folder, or the wrong one, neither what is
/// missing nor how to begin.
fn missing_processes_folder(config: &Config, usage: &str) -> Option<String> {
    if config.processes.exists() {
        return None;
    }
    let here = std::env::current_dir().ok();
    let shown = |path: &std::path::Path| {
        here.as_deref()
            .and_then(|here| pathdiff(path, here))
            .unwrap_or_else(|| path.to_path_buf())
            .display()
            .to_string()
    };
    let folder = shown(&config.processes);
    let yaml_here = here
        .as_deref()
        .and_then(|here| std::fs::read_dir(here).ok())
        .is_some_and(|entries| {
            entries
                .filter_map(Result::ok)
                .any(|entry| crate::walk::is_process_file(&entry.path()))
        });
    let also = if yaml_here {
        "\nhelp: this folder has .yaml files: if they are process files, pass `.` (this folder) as the path"
    } else {
        ""
    };
    Some(match &config.file {
        None => format!(
            "there is no processes folder here (no proc.toml in this folder or above, and no ./{folder})\n\
             help: start one with `proc new ID`, {usage}{also}"
        ),
        Some(file) => format!(
            "the processes folder of {file}, {folder}, does not exist\n\
             help: start it with `proc new ID`, correct `processes` in {file}, {usage}{also}",
            file = shown(file),
        ),
    })
}

/// The paths to work on: those given, or the processes directory of the configuration.
fn paths_or_default(paths: Vec<PathBuf>, config: &Config) -> Vec<PathBuf> {
    if !paths.is_empty() {
        return paths;
    }
    let processes = config.processes.clone();
    let processes = std::env::current_dir()
        .ok()
        .and_then(|here| pathdiff(&processes, &here))
        .unwrap_or(processes);
    vec![processes]
}

/// `--today`, or the system's date: the one place `proc` reads the clock.
fn today_or_now(today: Option<jiff::civil::Date>) -> jiff::civil::Date {
    today.unwrap_or_else(|| jiff::ZonedDateTime::now().date())
}

fn run_lint(args: LintArgs, config: Config, color: bool) -> u8 {
    let paths = paths_or_default(args.paths, &config);
    let today = today_or_now(args.today);
    let deny_warnings = args.deny.contains(&Deny::Warnings);
    let base = match args.base.as_deref().map(|revision| {
        let here = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
        crate::rules::changes::Base::new(revision, &here)
    }) {
        Some(Ok(base)) => Some(base),
        Some(Err(message)) => return fail(&message),
        None => None,
    };
    let options = LintOptions { config, today };
    let fix_options = crate::fix::FixOptions {
        unsafe_fixes: args.unsafe_fixes,
    };
    if args.diff {
        return show_fixes(&paths, &options, fix_options);
    }
    if args.fix {
        let human = args.format == Format::Human;
        if let Err(code) = apply_fixes(&paths, &options, fix_options, human) {
            return code;
        }
    }
    let result = crate::lint::lint_against(&paths, &options, base.as_ref());

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

/// `proc lint --diff`: the fixes as a diff on stdout, nothing written.
fn show_fixes(paths: &[PathBuf], options: &LintOptions, fix: crate::fix::FixOptions) -> u8 {
    let (files, errors) = crate::fix::fix_paths(paths, options, fix);
    let mut out = std::io::stdout().lock();
    let mut problems = 0;
    let mut changed = 0;
    for file in files.iter().filter(|file| file.changed()) {
        problems += file.applied.len();
        changed += 1;
        if let Err(error) = out.write_all(file.diff().as_bytes())
            && error.kind() != std::io::ErrorKind::BrokenPipe
        {
            return fail(&format!("cannot write the output: {error}"));
        }
    }
    for error in &errors {
        eprintln!("error: {error}");
    }
    if !errors.is_empty() {
        return exit::ERROR;
    }
    if changed == 0 {
        eprintln!("Nothing to fix.");
        return exit::SUCCESS;
    }
    eprintln!(
        "Would fix {} in {}: run `proc lint --fix{}` to make the change.",
        plural(problems, "problem", "problems"),
        plural(changed, "file", "files"),
        if fix.unsafe_fixes {
            " --unsafe-fixes"
        } else {
            ""
        }
    );
    exit::FINDINGS
}

/// `proc lint --fix`: fixes and writes the files, and says what was fixed (on stdout before the findings that
/// are left, or on stderr when stdout is a machine format).
fn apply_fixes(
    paths: &[PathBuf],
    options: &LintOptions,
    fix: crate::fix::FixOptions,
    human: bool,
) -> Result<(), u8> {
    let (files, errors) = crate::fix::fix_paths(paths, options, fix);
    let mut report = String::new();
    let mut problems = 0;
    let mut written = 0;
    for file in &files {
        for refused in &file.refused {
            eprintln!(
                "warning: {}:{}: the fix for {} was not made: {}",
                file.path.display(),
                refused.line,
                refused.rule.name,
                refused.reason
            );
        }
        if !file.changed() {
            continue;
        }
        if let Err(error) = file.write() {
            return Err(fail(&format!(
                "cannot write {}: {error}; the file was left as it was",
                file.path.display()
            )));
        }
        written += 1;
        for applied in &file.applied {
            problems += 1;
            report.push_str(&format!(
                "  fixed {}:{}:{} [{}] {}\n",
                file.path.display(),
                applied.line,
                applied.column,
                applied.rule.name,
                applied.title
            ));
        }
    }
    for error in &errors {
        eprintln!("error: {error}");
    }
    if !errors.is_empty() {
        return Err(exit::ERROR);
    }
    let summary = if written == 0 {
        "Nothing to fix.\n".to_owned()
    } else {
        format!(
            "Fixed {} in {}:\n{report}",
            plural(problems, "problem", "problems"),
            plural(written, "file", "files")
        )
    };
    if human {
        println!("{summary}");
    } else {
        eprint!("{summary}");
    }
    Ok(())
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

fn run_due(args: DueArgs, config: Config) -> u8 {
    let paths = paths_or_default(args.paths, &config);
    let today = today_or_now(args.today);
    let options = crate::due::DueOptions {
        today,
        within_days: args.within,
        owner: args.owner,
        all: args.all,
        default_language: config.language,
        csv_separator: args
            .separator
            .unwrap_or_else(|| crate::csv::Separator::for_language(config.language)),
    };
    let loaded = crate::processes::load(&paths, &LintOptions { config, today });
    let items = crate::due::items(&loaded.processes, &options);
    let mut out = std::io::stdout().lock();
    if let Err(error) =
        crate::due::write(&items, args.format, &options, &mut out).and_then(|()| out.flush())
        && error.kind() != std::io::ErrorKind::BrokenPipe
    {
        return fail(&format!("cannot write the output: {error}"));
    }
    for error in &loaded.errors {
        eprintln!("error: {error}");
    }
    for skipped in &loaded.skipped {
        let problems = if skipped.errors == 1 {
            "an error".to_owned()
        } else {
            format!("{} errors", skipped.errors)
        };
        eprintln!(
            "error: {} has {problems}, so its review date is unknown; `proc lint {}` shows what to fix",
            skipped.path.display(),
            skipped.path.display()
        );
    }
    if !loaded.errors.is_empty() || !loaded.skipped.is_empty() {
        return exit::ERROR;
    }
    let failing = items.iter().any(|item| {
        matches!(
            (args.fail_on, item.status),
            (Some(_), crate::review_status::ReviewStatus::Overdue { .. })
                | (
                    Some(FailOn::Upcoming),
                    crate::review_status::ReviewStatus::Upcoming { .. }
                )
        )
    });
    if failing {
        exit::FINDINGS
    } else {
        exit::SUCCESS
    }
}

fn run_review(args: ReviewArgs, config: Config) -> u8 {
    let today = today_or_now(args.today);
    let (path, checked) = match review_target(&args.process, &config) {
        Ok(found) => found,
        Err(message) => return fail(&message),
    };
    let path = &path;
    let options = LintOptions {
        config: config.clone(),
        today,
    };
    let loaded = crate::processes::load(&checked, &options);
    let Some(target) = loaded
        .processes
        .into_iter()
        .find(|loaded| loaded.source.path() == path.as_path())
    else {
        return fail(&format!(
            "{} does not lint clean, so no review was recorded; fix what `proc lint {}` shows first",
            path.display(),
            path.display()
        ));
    };
    let review = crate::record::NewReview {
        date: args.date.unwrap_or(today),
        by: args.by.trim().to_owned(),
        note: args.note,
        bump: args.bump,
    };
    if let Err(crate::record::Refusal(reason)) =
        crate::record::admissible(&target.process, &review, today)
    {
        return fail(&format!("{}: {reason}", path.display()));
    }
    let date = review.date;
    let text = match crate::record::record(&target.source, &target.root, &target.process, &review) {
        Ok(text) => text,
        Err(crate::record::Refusal(reason)) => {
            return fail(&format!("{}: {reason}", path.display()));
        }
    };
    // The edited text must be as sound as the original. What can break it is what the user gave (a note with an
    // unsafe link, say): those findings are the reason, in the rules' own words.
    let updated = match crate::processes::check_text(path, text.clone(), &options) {
        Ok(updated) => updated,
        Err(errors) if !errors.is_empty() => {
            let reasons: Vec<String> = errors
                .iter()
                .map(|finding| {
                    let line = finding.line_column().line;
                    format!("line {line}: {} [{}]", finding.message, finding.rule.name)
                })
                .collect();
            return fail(&format!(
                "{}: the review was not recorded, because with it the file would not lint clean:\n  {}\n\
                 Change what --by or --note says; the file is unchanged.",
                path.display(),
                reasons.join("\n  ")
            ));
        }
        Err(_) => {
            return fail(&format!(
                "{}: the edited file could not be read back, so it was left unchanged (this is a bug in proc: \
                 please report it)",
                path.display()
            ));
        }
    };
    if let Err(error) = crate::write::write_atomically(path, &text, || Ok(())) {
        return fail(&format!(
            "cannot write {}: {error}; the file is unchanged",
            path.display()
        ));
    }
    let version = if updated.version != target.process.version {
        format!(", version {} → {}", target.process.version, updated.version)
    } else {
        String::new()
    };
    let next = match crate::review_status::status(&updated, today, 0).due() {
        Some(due) if due < today => {
            format!(" Next review was due {due}: that day has passed already.")
        }
        Some(due) => format!(" Next review due {due}."),
        None => String::new(),
    };

    print(&format!(
        "Recorded the review of {date} in {}{version}.{next}\n",
        path.display()
    ))
}

/// The file `proc review` edits, and the paths checked with it. A .yaml or .yml file that exists is used as given,
/// so that a coordinator can name the file they have open, or let the shell complete its path; anything else is an
/// id, looked up in the processes folder as before. A file in the processes folder is checked with the whole folder,
/// as when it is named by id, so that problems across files (a duplicate id) count too; a file elsewhere is checked
/// as `proc lint FILE` checks it.
fn review_target(argument: &str, config: &Config) -> Result<(PathBuf, Vec<PathBuf>), String> {
    let folder = paths_or_default(Vec::new(), config);
    let folder_files = || {
        if config.processes.is_dir() {
            crate::walk::discover(&folder).0
        } else {
            Vec::new()
        }
    };
    let given = std::path::Path::new(argument);
    let looks_like_a_path = argument.contains(['/', std::path::MAIN_SEPARATOR])
        || given.is_absolute()
        || crate::walk::is_process_file(given);
    if given.is_file() && looks_like_a_path {
        if !crate::walk::is_process_file(given) {
            return Err(format!(
                "{argument} is not a process file: process files are YAML files ending in .yaml or .yml"
            ));
        }
        let canonical = given.canonicalize().ok();
        let in_folder = folder_files()
            .into_iter()
            .find(|file| canonical.is_some() && file.canonicalize().ok() == canonical);
        return Ok(match in_folder {
            Some(file) => (file, folder),
            None => (given.to_path_buf(), vec![given.to_path_buf()]),
        });
    }
    if given.is_dir() {
        return Err(format!(
            "{argument} is a folder: name one process file in it (`proc review {}/ID.yaml --by NAME`), or the \
             process's id",
            argument.trim_end_matches(['/', std::path::MAIN_SEPARATOR])
        ));
    }
    if looks_like_a_path {
        let stem = given
            .file_stem()
            .map(|stem| stem.to_string_lossy().into_owned())
            .unwrap_or_default();
        let hint = folder_files()
            .into_iter()
            .find(|file| file.file_stem().is_some_and(|name| name.to_string_lossy() == stem))
            .map(|file| {
                format!(
                    "\nhelp: the process `{stem}` is {}: write `proc review {stem} --by NAME`, or its path",
                    file.display()
                )
            })
            .unwrap_or_else(|| {
                "\nhelp: check the path, or name the process by its id (`proc list` shows the ids)".to_owned()
            });
        return Err(format!("there is no file {argument}{hint}"));
    }
    if let Some(message) = missing_processes_folder(
        config,
        "or name the process's file: `proc review path/to/process.yaml --by NAME`",
    ) {
        return Err(message);
    }
    if crate::model::ProcessId::new(argument).is_none() {
        return Err(format!(
            "`{argument}` is not a process id: ids are written with lowercase letters a–z, digits and hyphens, like \
             `{}` (the file name without .yaml); to name a file, give its path",
            crate::model::slug(argument)
        ));
    }
    let files = folder_files();
    if let Some(file) = files.iter().find(|path| {
        path.file_stem()
            .is_some_and(|stem| stem.to_string_lossy() == argument)
    }) {
        return Ok((file.clone(), folder));
    }
    let ids: Vec<String> = files
        .iter()
        .filter_map(|path| Some(path.file_stem()?.to_string_lossy().into_owned()))
        .collect();
    let hint = crate::rules::did_you_mean(argument, ids.iter().map(String::as_str))
        .map(|close| format!(" (did you mean `{close}`?)"))
        .unwrap_or_default();
    Err(format!(
        "there is no process with the id `{argument}` in {}{hint}",
        display_paths(&folder)
    ))
}

/// The stack of each render thread.
const RENDER_STACK_SIZE: usize = 64 * 1024 * 1024;

fn run_render(args: RenderArgs, config: Config) -> u8 {
    let paths = paths_or_default(args.paths, &config);
    let today = today_or_now(args.today);
    let language = args.lang.map(|lang| match lang {
        LanguageArg::Sv => crate::model::Language::Sv,
        LanguageArg::Fi => crate::model::Language::Fi,
        LanguageArg::En => crate::model::Language::En,
    });
    let default_language = config.language;
    let loaded = crate::processes::load(&paths, &LintOptions { config, today });
    if let Err(error) = std::fs::create_dir_all(&args.out) {
        return fail(&format!(
            "cannot make the folder {}: {error}",
            args.out.display()
        ));
    }
    let format = if args.pdf {
        RenderFormat::Both
    } else {
        args.format
    };
    let html = matches!(format, RenderFormat::Html | RenderFormat::Both);
    let pdf = matches!(format, RenderFormat::Pdf | RenderFormat::Both);
    let options = crate::render::PageOptions {
        today,
        within_days: 30,
        language,
        default_language,
        known: loaded
            .processes
            .iter()
            .map(|loaded| (loaded.process.id.clone(), loaded.process.name.clone()))
            .collect(),
        site: args.site,
        pdf,
    };
    let pdf_date = crate::render::pdf::PdfDate::from_env();
    let progress = progress_bar(loaded.processes.len(), args.quiet);
    // Typst lays out documents by deep recursion; rayon's default 2 MiB stacks are too small for it.
    let pool = match rayon::ThreadPoolBuilder::new()
        .stack_size(RENDER_STACK_SIZE)
        .build()
    {
        Ok(pool) => pool,
        Err(error) => return fail(&format!("cannot start the render threads: {error}")),
    };
    let formats = crate::render::output::Formats { html, pdf };
    let written: Vec<Result<RenderFormat, String>> = pool.install(|| {
        use rayon::prelude::*;
        loaded
            .processes
            .par_iter()
            .flat_map_iter(|loaded| {
                let process = &loaded.process;
                let results = crate::internal::contain(|| {
                    crate::render::output::write_process(
                        process, &args.out, &options, formats, pdf_date,
                    )
                })
                .map(|written| {
                    written
                        .into_iter()
                        .map(|written| {
                            let kind = if written.kind == "pdf" {
                                RenderFormat::Pdf
                            } else {
                                RenderFormat::Html
                            };
                            written.result.map(|()| kind).map_err(|message| {
                                format!("{}: {message}", loaded.source.path.display())
                            })
                        })
                        .collect::<Vec<_>>()
                })
                .unwrap_or_else(|message| {
                    vec![Err(format!(
                        "{}: {}",
                        loaded.source.path.display(),
                        crate::internal::bug_report(&message)
                    ))]
                });
                progress.inc(1);
                results
            })
            .collect()
    });
    progress.finish_and_clear();
    let mut status = exit::SUCCESS;
    if args.site {
        let processes: Vec<&crate::model::Process> = loaded
            .processes
            .iter()
            .map(|loaded| &loaded.process)
            .collect();
        let index = crate::render::site::index(&processes, &options);
        if let Err(error) =
            crate::write::write_output(&args.out.join("index.html"), index.as_bytes())
        {
            eprintln!("error: cannot write index.html: {error}");
            status = exit::ERROR;
        }
    }
    for error in written.iter().filter_map(|result| result.as_ref().err()) {
        eprintln!("error: {error}");
        status = exit::ERROR;
    }
    for error in &loaded.errors {
        eprintln!("error: {error}");
        status = exit::ERROR;
    }
    for skipped in &loaded.skipped {
        eprintln!(
            "error: {} was not rendered: it has lint errors; `proc lint {}` shows them",
            skipped.path.display(),
            skipped.path.display()
        );
        status = status.max(exit::FINDINGS);
    }
    if !args.quiet {
        let count = |kind: RenderFormat| {
            written
                .iter()
                .filter(|result| result.as_ref().is_ok_and(|made| *made == kind))
                .count()
        };
        let mut files = Vec::new();
        if html {
            files.push(plural(count(RenderFormat::Html), "HTML page", "HTML pages"));
        }
        if pdf {
            files.push(plural(count(RenderFormat::Pdf), "PDF", "PDFs"));
        }
        if args.site && status != exit::ERROR {
            files.push("index.html".to_owned());
        }
        eprintln!(
            "Rendered {} of {} processes to {}: {}.",
            loaded.processes.len(),
            loaded.processes.len() + loaded.skipped.len(),
            args.out.display(),
            files.join(", ")
        );
    }
    status
}

fn run_list(args: ListArgs, config: Config) -> u8 {
    let paths = paths_or_default(args.paths, &config);
    let separator = args
        .separator
        .unwrap_or_else(|| crate::csv::Separator::for_language(config.language));
    let today = today_or_now(args.today);
    let loaded = crate::processes::load(&paths, &LintOptions { config, today });
    let items = crate::list::items(&loaded.processes, today, args.within);
    let mut out = std::io::stdout().lock();
    if let Err(error) =
        crate::list::write(&items, args.format, separator, &mut out).and_then(|()| out.flush())
        && error.kind() != std::io::ErrorKind::BrokenPipe
    {
        return fail(&format!("cannot write the output: {error}"));
    }
    for error in &loaded.errors {
        eprintln!("error: {error}");
    }
    for skipped in &loaded.skipped {
        eprintln!(
            "error: {} is left out: it has lint errors; `proc lint {}` shows them",
            skipped.path.display(),
            skipped.path.display()
        );
    }
    if loaded.errors.is_empty() && loaded.skipped.is_empty() {
        exit::SUCCESS
    } else {
        exit::ERROR
    }
}

fn output_folder(out: Option<PathBuf>, config: &Config) -> PathBuf {
    out.unwrap_or_else(|| {
        paths_or_default(Vec::new(), config)
            .into_iter()
            .next()
            .unwrap_or_else(|| PathBuf::from("processes"))
    })
}

fn run_import(args: ImportArgs, config: Config) -> u8 {
    if args.id.is_some() && args.files.len() > 1 {
        return fail("--id names one process: give it with one FILE at a time");
    }
    let today = today_or_now(args.today);
    let folder = output_folder(args.out, &config);
    let max_file_size = config.max_file_size;
    let options = LintOptions { config, today };
    let mut status = exit::SUCCESS;
    let mut printed = 0;
    for file in &args.files {
        // An export is a few kilobytes; the same limit as for process files keeps a wrong file from taking minutes.
        let too_large = std::fs::metadata(file)
            .ok()
            .filter(|metadata| metadata.len() > max_file_size);
        if let Some(metadata) = too_large {
            eprintln!(
                "error: {}: the file is {} bytes, more than the limit of {max_file_size} bytes, so it was not read \
                 (an exported chart is a few kilobytes: check that this is the right file, or raise \
                 `max-file-size` in proc.toml)",
                file.display(),
                metadata.len()
            );
            status = status.max(exit::FINDINGS);
            continue;
        }
        let bytes = match std::fs::read(file) {
            Ok(bytes) => bytes,
            Err(error) => {
                eprintln!("error: cannot read {}: {error}", file.display());
                status = exit::ERROR;
                continue;
            }
        };
        let imported =
            match crate::internal::contain(|| crate::import::import(&bytes, args.id.as_ref())) {
                Ok(Ok(imported)) => imported,
                Ok(Err(error)) => {
                    eprintln!("error: {}: {error}", file.display());
                    status = status.max(exit::FINDINGS);
                    continue;
                }
                Err(message) => {
                    eprintln!(
                        "error: {}: {}",
                        file.display(),
                        crate::internal::bug_report(&message)
                    );
                    status = exit::ERROR;
                    continue;
                }
            };
        let target = match crate::write::file_inside(&folder, &imported.id.file_name("yaml")) {
            Ok(target) => target,
            Err(_) if !folder.exists() => folder.join(imported.id.file_name("yaml")),
            Err(message) => {
                eprintln!("error: {}: {message}", file.display());
                status = exit::ERROR;
                continue;
            }
        };
        // What is written must be a file `proc lint` can read: never one it would refuse outright.
        let (_, findings) = crate::processes::lint_text(&target, imported.yaml.clone(), &options);
        let unreadable = findings
            .iter()
            .find(|finding| crate::load::RULES.contains(&finding.rule));
        let oversized = imported.yaml.len() as u64 > max_file_size;
        if unreadable.is_some() || oversized {
            let reason = match unreadable {
                Some(finding) => format!("{} [{}]", finding.message, finding.rule.name),
                None => format!(
                    "it would be {} bytes, more than the limit of {max_file_size} bytes",
                    imported.yaml.len()
                ),
            };
            eprintln!(
                "error: {}: the converted process was not written, because `proc lint` could not read it: {reason}",
                file.display()
            );
            status = status.max(exit::FINDINGS);
            continue;
        }
        if !args.dry_run && !args.force && target.exists() {
            eprintln!(
                "error: {}: {} exists already; nothing was written (use --force to replace it, or --out to write \
                 elsewhere)",
                file.display(),
                target.display()
            );
            status = status.max(exit::FINDINGS);
            continue;
        }
        if args.dry_run {
            if printed > 0 {
                println!("---");
            }
            print!("{}", imported.yaml);
            printed += 1;
        } else if let Err(error) = std::fs::create_dir_all(&folder).and_then(|()| {
            if args.force {
                crate::write::write_atomically(&target, &imported.yaml, || Ok(()))
            } else {
                // A file that appeared since the check above is not replaced either.
                crate::write::write_new(&target, &imported.yaml)
            }
        }) {
            eprintln!("error: cannot write {}: {error}", target.display());
            status = exit::ERROR;
            continue;
        }
        let errors = findings
            .iter()
            .filter(|finding| finding.severity == Severity::Error)
            .count();
        let warnings = findings.len() - errors;
        let mut rules: Vec<&str> = findings.iter().map(|finding| finding.rule.name).collect();
        rules.sort_unstable();
        rules.dedup();
        eprintln!(
            "{} {} → {}: \"{}\", {} steps",
            if args.dry_run {
                "would import"
            } else {
                "imported"
            },
            file.display(),
            target.display(),
            imported.name,
            imported.steps
        );
        for note in &imported.notes {
            eprintln!("  note: {note}");
        }
        for warning in &imported.warnings {
            eprintln!(
                "  {}:{}: warning: {}",
                file.display(),
                warning.line,
                warning.message
            );
        }
        let lint = if findings.is_empty() {
            "lints clean".to_owned()
        } else {
            format!(
                "`proc lint` finds {} and {} ({}): run it on the file to see them",
                plural(errors, "error", "errors"),
                plural(warnings, "warning", "warnings"),
                rules.join(", ")
            )
        };
        eprintln!("  {lint}");
    }
    status
}

fn run_new(args: NewArgs, config: &Config) -> u8 {
    if !crate::model::is_slug(&args.id) {
        return fail(&format!(
            "`{}` cannot be an id: use lowercase letters a–z, digits and hyphens, like `{}`",
            args.id,
            crate::model::slug(&args.id)
        ));
    }
    let month = match args
        .review_month
        .as_deref()
        .map(|text| (text, crate::model::Month::parse(text)))
    {
        Some((text, None)) => {
            return fail(&format!(
                "`{text}` is not a month: write a number 1–12 or a name such as april or huhtikuu"
            ));
        }
        Some((_, Some(month))) => Some(month),
        None => None,
    };
    let language = match args.language {
        Some(LanguageArg::Sv) => crate::model::Language::Sv,
        Some(LanguageArg::Fi) => crate::model::Language::Fi,
        Some(LanguageArg::En) => crate::model::Language::En,
        None => config.language,
    };
    let folder = output_folder(args.out, config);
    let Some(id) = crate::model::ProcessId::new(&args.id) else {
        return fail(&format!("`{}` cannot be an id", args.id));
    };
    let target = match crate::write::file_inside(&folder, &id.file_name("yaml")) {
        Ok(target) => target,
        Err(_) if !folder.exists() => folder.join(id.file_name("yaml")),
        Err(message) => return fail(&message),
    };
    if target.exists() {
        return fail(&format!(
            "{} exists already; nothing was written (`proc new` never replaces a file)",
            target.display()
        ));
    }
    let text = crate::template::new_process(&crate::template::NewProcess {
        id: &args.id,
        name: args.name.as_deref(),
        owner: args.owner.as_deref(),
        review_month: month,
        language,
    });
    let new_folder = !folder.exists();
    if let Err(error) =
        std::fs::create_dir_all(&folder).and_then(|()| crate::write::write_new(&target, &text))
    {
        return fail(&format!("cannot write {}: {error}", target.display()));
    }
    if new_folder {
        eprintln!("made the folder {}", folder.display());
    }
    eprintln!(
        "wrote {}: fill in the <placeholders>, then run `proc lint {}`",
        target.display(),
        target.display()
    );
    // A month named in another language than the file's is most likely a file meant to be in that language.
    if args.language.is_none()
        && let (Some(text), Some(month)) = (args.review_month.as_deref(), month)
        && let Some(meant) = month_language(text, month)
        && meant != language
    {
        eprintln!(
            "note: the file is in {} (the default language; --language chooses another), so the review month is \
             written `{}`; for a file in {}, delete it and run `proc new {} --language {}`",
            language_name(language),
            month.name(language).to_lowercase(),
            language_name(meant),
            args.id,
            meant.code()
        );
    }
    exit::SUCCESS
}

/// The one language whose name of `month` is `text`, if only one language writes it so (`huhtikuu`: Finnish;
/// `april`: Swedish and English, so none).
fn month_language(text: &str, month: crate::model::Month) -> Option<crate::model::Language> {
    use crate::model::Language;
    let text = text.trim().to_lowercase();
    let mut languages = [Language::Sv, Language::Fi, Language::En]
        .into_iter()
        .filter(|language| month.name(*language).to_lowercase() == text);
    let first = languages.next()?;
    languages.next().is_none().then_some(first)
}

fn language_name(language: crate::model::Language) -> &'static str {
    match language {
        crate::model::Language::Sv => "Swedish",
        crate::model::Language::Fi => "Finnish",
        crate::model::Language::En => "English",
    }
}

fn run_fmt(args: FmtArgs, config: &Config) -> u8 {
    use rayon::prelude::*;
    let paths = paths_or_default(args.paths, config);
    let (files, walk_errors) = crate::walk::discover(&paths);
    let mut status = exit::SUCCESS;
    for error in &walk_errors {
        eprintln!("error: {}: {}", error.path.display(), error.message);
        status = exit::ERROR;
    }
    if files.is_empty() && walk_errors.is_empty() {
        eprintln!(
            "error: no process files (*.yaml, *.yml) found in {}",
            display_paths(&paths)
        );
        return exit::ERROR;
    }
    let results: Vec<(PathBuf, crate::format::Formatted)> = files
        .par_iter()
        .map(|path| {
            let formatted =
                crate::internal::contain(|| crate::format::format_file(path, args.check))
                    .unwrap_or_else(|message| {
                        crate::format::Formatted::Failed(format!(
                            "not formatted: {}",
                            crate::internal::bug_report(&message)
                        ))
                    });
            (path.clone(), formatted)
        })
        .collect();
    let (mut changed, mut unchanged) = (0, 0);
    for (path, result) in &results {
        match result {
            crate::format::Formatted::Unchanged => unchanged += 1,
            crate::format::Formatted::Changed => {
                changed += 1;
                if args.check {
                    println!("would reformat {}", path.display());
                    status = status.max(exit::FINDINGS);
                }
            }
            crate::format::Formatted::Failed(message) => {
                eprintln!("error: {}: {message}", path.display());
                status = exit::ERROR;
            }
        }
    }
    let failed = results.len() - changed - unchanged;
    let mut summary = if args.check {
        format!("{changed} would be reformatted, {unchanged} already formatted")
    } else {
        format!("{changed} reformatted, {unchanged} unchanged")
    };
    if failed > 0 {
        summary.push_str(&format!(", {failed} could not be formatted"));
    }
    eprintln!("{summary}.");
    status
}

/// "1 PDF", "2 PDFs".
fn plural(count: usize, one: &str, many: &str) -> String {
    format!("{count} {}", if count == 1 { one } else { many })
}

fn display_paths(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|path| path.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

/// A progress bar on stderr for long runs on a terminal; hidden when stderr is not a terminal, for few files, or
/// with `--quiet`.
fn progress_bar(total: usize, quiet: bool) -> indicatif::ProgressBar {
    const WORTH_A_BAR: usize = 50;
    if quiet || total < WORTH_A_BAR {
        return indicatif::ProgressBar::hidden();
    }
    let bar = indicatif::ProgressBar::with_draw_target(
        Some(total as u64),
        indicatif::ProgressDrawTarget::stderr(),
    );
    if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} {msg}") {
        bar.set_style(style);
    }
    bar
}

fn run_rules(name: Option<&str>) -> u8 {
    let Some(name) = name else {
        let mut text = String::new();
        for rule in all_rules() {
            text.push_str(&format!(
                "{}  {:<22} {:<8} {:<7} {}\n",
                rule.code,
                rule.name,
                rule.default_severity.as_str(),
                if rule.suppressible { "" } else { "always" },
                rule.summary()
            ));
        }
        text.push_str(
            "\nRules marked `always` are checked in every file: no suppression comment or proc.toml setting turns \
             them off,\nbecause no command can use a file that breaks them.\n",
        );
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
    let level = if rule.suppressible {
        format!("{} by default", rule.default_severity)
    } else {
        format!(
            "always an {}: it cannot be suppressed or turned off",
            rule.default_severity
        )
    };
    print(&format!(
        "{} {} ({level})\n\n{}\n",
        rule.code,
        rule.name,
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
