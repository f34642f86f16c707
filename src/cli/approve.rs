//! `proc approve`.

use super::args::{Today, parse_date};
use super::{Context, Error, ExitStatus};
use crate::record::{ApprovalRequest, Bump, NewApproval};

/// Record the approval of a draft: adds `approved` with the date and the approver.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "A process without `approved` is a draft (lint rule `draft`): not to be used yet. `proc approve` \
    adds `approved` with the date and the approver, above `updated`, `reviews` or `version`, and counts the version \
    up if asked. A process approved already is refused (its reviews are recorded with `proc review`). The file is \
    edited in place, only those lines change, and it must lint clean first. Written atomically.

Examples:
  proc approve utokade-hembesok-i-grastorp --by \"Socialdirektör Anna Berg\"
  proc approve hembesok --by \"Socialdirektör Anna Berg\" --date 2026-11-20 --bump major"
)]
pub struct ApproveArgs {
    /// The process: its id (the file name without .yaml), or the path of its file.
    #[arg(value_name = "ID|FILE", value_hint = clap::ValueHint::FilePath)]
    process: String,

    /// Who approved it, with their title.
    #[arg(long, value_name = "NAME")]
    by: String,

    /// The day of the approval, YYYY-MM-DD (default: today).
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    date: Option<jiff::civil::Date>,

    /// How the version changes: major (1.2 → 2.0), minor (1.2 → 1.3) or none.
    #[arg(long, value_enum, default_value_t = Bump::None)]
    bump: Bump,

    #[command(flatten)]
    today: Today,
}

pub fn run(args: ApproveArgs, context: &Context) -> Result<ExitStatus, Error> {
    let today = args.today.date();
    let request = ApprovalRequest {
        process: args.process,
        approval: NewApproval {
            date: args.date.unwrap_or(today),
            by: args.by.trim().to_owned(),
            bump: args.bump,
        },
    };
    let recorded = crate::record::record_approval(&request, &context.config, today)?;
    super::print(&super::review::recorded_line(
        "approval",
        &recorded,
        today,
        " It has no review cycle, so no review will fall due.",
    ))?;
    Ok(ExitStatus::Success)
}
