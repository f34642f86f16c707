//! `proc review`.

use super::args::{Today, parse_date};
use super::{Context, Error, ExitStatus};
use crate::record::{Bump, NewReview, ReviewRequest};

/// Record a review in a process file: adds it to `reviews` and bumps the version if asked.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "The process is named by its id, looked up in the processes folder of proc.toml, or by the \
    path of its file (any .yaml or .yml file, also outside the processes folder). The file is edited in place: only \
    the new review lines (and the version line) change; comments, blank lines and quoting stay as they are. The \
    file must lint clean first. Written atomically: an interrupted run leaves the old file or the new one, never a \
    broken one.

Examples:
  proc review oro-for-anknytning --by \"Elina Sandkulla\"
  proc review processes/oro-for-anknytning.yaml --by \"Elina Sandkulla\"
  proc review oro-for-anknytning --by \"Elina Sandkulla\" --date 2026-04-20 \\
      --note \"Nya kontaktuppgifter\" --bump minor"
)]
pub struct ReviewArgs {
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
    #[arg(long, value_enum, default_value_t = Bump::None)]
    bump: Bump,

    #[command(flatten)]
    today: Today,
}

pub fn run(args: ReviewArgs, context: &Context) -> Result<ExitStatus, Error> {
    let today = args.today.date();
    let request = ReviewRequest {
        process: args.process,
        review: NewReview {
            date: args.date.unwrap_or(today),
            by: args.by.trim().to_owned(),
            note: args.note,
            bump: args.bump,
        },
    };
    let recorded = crate::record::record_review(&request, &context.config, today)?;
    super::print(&recorded_line("review", &recorded, today, ""))?;
    Ok(ExitStatus::Success)
}

/// "Recorded the review of DATE in FILE, version A → B. Next review due DATE." (`no_cycle` when none falls due).
pub(super) fn recorded_line(
    what: &str,
    recorded: &crate::record::Recorded,
    today: jiff::civil::Date,
    no_cycle: &str,
) -> String {
    let version = match &recorded.version {
        Some((before, after)) => format!(", version {before} → {after}"),
        None => String::new(),
    };
    let next = match recorded.next_due {
        Some(due) if due < today => {
            format!(" Next review was due {due}: that day has passed already.")
        }
        Some(due) => format!(" Next review due {due}."),
        None => no_cycle.to_owned(),
    };
    let (date, path) = (recorded.date, recorded.path.display());
    format!("Recorded the {what} of {date} in {path}{version}.{next}\n")
}
