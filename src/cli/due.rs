//! `proc due`.

use std::io::Write;

use super::args::{CsvSeparator, FailOn, ProcessPaths, Today, Within};
use super::{Context, Error, ExitStatus};
use crate::lint::LintOptions;
use crate::review_status::ReviewStatus;

/// List the processes that are due or overdue for review, grouped by owner.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Prints nothing at all when nothing is due, so a cron job mails only when there is \
    something to do.

Exit status: 0, or 1 when --fail-on matches or a file is left out because it has lint errors (it is named on \
stderr); 2 when a path cannot be read.

Examples:
  proc due
  proc due --within 6w --owner Sandkulla
  proc due --format ics > reviews.ics
  proc due --format markdown --fail-on overdue"
)]
pub struct DueArgs {
    #[command(flatten)]
    paths: ProcessPaths,

    #[command(flatten)]
    within: Within,

    #[command(flatten)]
    today: Today,

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

    #[command(flatten)]
    separator: CsvSeparator,
}

pub fn run(args: DueArgs, context: &Context) -> Result<ExitStatus, Error> {
    let usage = "or pass the folder or files to look in: `proc due path/to/processes`";
    let paths = context.paths(&args.paths, usage)?;
    let config = &context.config;
    let today = args.today.date();
    let options = crate::due::DueOptions {
        today,
        within_days: args.within.within,
        owner: args.owner,
        all: args.all,
        default_language: config.language,
        csv_separator: args.separator.or_for(config.language),
    };
    let loaded = crate::processes::load(
        &paths,
        &LintOptions {
            config: config.clone(),
            today,
        },
    );
    let items = crate::due::items(&loaded.processes, &options);
    let mut out = super::stdout();
    super::written(
        crate::due::write(&items, args.format, &options, &mut out).and_then(|()| out.flush()),
    )?;
    let unreadable = super::report_unreadable(&loaded.errors);
    let skipped = super::report_skipped(&loaded.skipped, "its review date is unknown");
    let due = items.iter().any(|item| {
        matches!(
            (args.fail_on, item.status),
            (Some(_), ReviewStatus::Overdue { .. })
                | (Some(FailOn::Upcoming), ReviewStatus::Upcoming { .. })
        )
    });
    let due = if due {
        ExitStatus::Findings
    } else {
        ExitStatus::Success
    };
    Ok(unreadable.max(skipped).max(due))
}
