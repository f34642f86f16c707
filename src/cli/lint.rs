//! `proc lint`.

use std::path::PathBuf;

use super::args::{ProcessPaths, Today};
use super::{Context, Error, ExitStatus};
use crate::lint::LintOptions;
use crate::report::{self, Format, Style};

/// Check process files and report every problem with its file, line and column.
#[derive(Debug, clap::Args)]
#[command(
    group(clap::ArgGroup::new("fix_or_diff").args(["fix", "diff"])),
    after_help = "Exit status: 0 when nothing fails, 1 when there are errors (or warnings with --deny warnings), \
        2 on a usage or I/O error.

Examples:
  proc lint
  proc lint processes/a.yaml processes/b.yaml
  proc lint --format sarif > proc.sarif
  proc lint --deny warnings --today 2026-01-31
  proc lint --fix"
)]
pub struct LintArgs {
    #[command(flatten)]
    paths: ProcessPaths,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,

    /// Make warnings fail the run too (exit 1).
    #[arg(long, value_enum, value_name = "WHAT")]
    deny: Vec<Deny>,

    #[command(flatten)]
    today: Today,

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

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Deny {
    /// Warnings fail the run.
    Warnings,
}

pub fn run(args: LintArgs, context: &Context) -> Result<ExitStatus, Error> {
    let usage = "or pass the folder or files to check: `proc lint path/to/processes`";
    let paths = context.paths(&args.paths, usage)?;
    let options = LintOptions {
        config: context.config.clone(),
        today: args.today.date(),
    };
    let base = match &args.base {
        Some(revision) => {
            let here = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
            Some(crate::rules::changes::Base::new(revision, &here)?)
        }
        None => None,
    };
    let fix = crate::fix::FixOptions {
        unsafe_fixes: args.unsafe_fixes,
    };
    if args.diff {
        return super::fix::show(&paths, &options, fix);
    }
    if args.fix {
        let status = super::fix::apply(&paths, &options, fix, args.format == Format::Human)?;
        if status != ExitStatus::Success {
            return Ok(status);
        }
    }
    let result = crate::lint::lint_against(&paths, &options, base.as_ref());
    let deny_warnings = args.deny.contains(&Deny::Warnings);
    let style = Style {
        color: context.color,
        width: None,
        deny_warnings,
    };
    let mut out = super::stdout();
    super::written(
        report::write(&result, args.format, style, &mut out)
            .and_then(|()| std::io::Write::flush(&mut out)),
    )?;
    let unreadable = super::report_unreadable(&result.errors);
    Ok(if unreadable != ExitStatus::Success {
        unreadable
    } else if result.fails(deny_warnings) {
        ExitStatus::Findings
    } else {
        ExitStatus::Success
    })
}
