//! `proc list`.

use std::io::Write;

use super::args::{CsvSeparator, ProcessPaths, Today, Within};
use super::{Context, Error, ExitStatus};
use crate::lint::LintOptions;

/// One line per process: id, name, owner, version, last review and review status.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Files with lint errors are named on stderr and left out (exit 1).

Examples:
  proc list
  proc list --format csv > processes.csv
  proc list --today 2027-01-31"
)]
pub struct ListArgs {
    #[command(flatten)]
    paths: ProcessPaths,

    /// Output format.
    #[arg(long, value_enum, default_value_t = crate::list::Format::Text)]
    format: crate::list::Format,

    #[command(flatten)]
    today: Today,

    #[command(flatten)]
    within: Within,

    #[command(flatten)]
    separator: CsvSeparator,
}

pub fn run(args: ListArgs, context: &Context) -> Result<ExitStatus, Error> {
    let usage = "or pass the folder or files to list: `proc list path/to/processes`";
    let paths = context.paths(&args.paths, usage)?;
    let config = &context.config;
    let separator = args.separator.or_for(config.language);
    let today = args.today.date();
    let loaded = crate::processes::load(
        &paths,
        &LintOptions {
            config: config.clone(),
            today,
        },
    );
    let items = crate::list::items(&loaded.processes, today, args.within.within);
    let mut out = super::stdout();
    super::written(
        crate::list::write(&items, args.format, separator, &mut out).and_then(|()| out.flush()),
    )?;
    let unreadable = super::report_unreadable(&loaded.errors);
    let skipped = super::report_skipped(&loaded.skipped, "it is left out");
    Ok(unreadable.max(skipped))
}
