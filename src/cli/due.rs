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
  proc due --format markdown --fail-on overdue
  proc due --format email --out reminders
  proc due --format email --send --within 6w"
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

    /// With `--format email`: write one message per owner into this folder (OWNER.eml; made if missing).
    #[arg(long, value_name = "DIR")]
    out: Option<std::path::PathBuf>,

    /// With `--format email`: send each message with `sendmail -t`.
    #[arg(long)]
    send: bool,

    /// With `--format email`: the sender, instead of `from` under [mail] in proc.toml.
    #[arg(long, value_name = "ADDRESS", value_parser = crate::config::parse_sender)]
    from: Option<String>,
}

pub fn run(args: DueArgs, context: &Context) -> Result<ExitStatus, Error> {
    if args.format != crate::due::Format::Email
        && (args.out.is_some() || args.send || args.from.is_some())
    {
        return Err(Error::Message(
            "--out, --send and --from are for `--format email`; the other formats write to the standard output"
                .to_owned(),
        ));
    }
    if args.format == crate::due::Format::Email && args.out.is_none() && !args.send {
        return Err(Error::Message(
            "`--format email` writes one message per owner: give the folder with `--out DIR`, or `--send` to send \
             them with sendmail (or both)"
                .to_owned(),
        ));
    }
    let usage = "or pass the folder or files to look in: `proc due path/to/processes`";
    let paths = context.paths(&args.paths, usage)?;
    let config = &context.config;
    let today = args.today.date();
    let options = crate::due::DueOptions {
        today,
        within_days: args.within.within,
        owner: args.owner.clone(),
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
    let written = if args.format == crate::due::Format::Email {
        email(&args, context, &items, &options)?
    } else {
        let mut out = super::stdout();
        super::written(
            crate::due::write(&items, args.format, &options, &mut out).and_then(|()| out.flush()),
        )?;
        ExitStatus::Success
    };
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
    Ok(unreadable.max(skipped).max(due).max(written))
}

/// `--format email`: the messages written and/or sent. Owners with something due and no address are named on
/// stderr, with how to add one, and make the exit status 1.
fn email(
    args: &DueArgs,
    context: &Context,
    items: &[crate::due::DueItem],
    options: &crate::due::DueOptions,
) -> Result<ExitStatus, Error> {
    use std::io::IsTerminal;
    let config = &context.config;
    let Some(owners) = &config.owners else {
        return Err(Error::Message(
            "`--format email` sends each owner the reminders of their own processes, but proc.toml has no [owners] \
             with their addresses\nhelp: add them to proc.toml, written as the processes write the owner:\n\n    \
             [owners]\n    \"Elina Sandkulla\" = \"elina.sandkulla@example.fi\""
                .to_owned(),
        ));
    };
    // Both were checked as they were read: `--from` by its parser, `[mail] from` with proc.toml.
    let from = match args.from.as_deref().or(config.mail_from.as_deref()) {
        Some(from) => from,
        None => {
            return Err(Error::Message(
                "`--format email` needs a sender for the messages\nhelp: add `from = \"kvalitet@example.fi\"` under \
                 [mail] in proc.toml, or pass `--from kvalitet@example.fi`"
                    .to_owned(),
            ));
        }
    };
    // The Date: of the messages is now, or the start of the day --today names (so tests get the same bytes).
    let date = match args.today.today {
        Some(day) => day
            .to_zoned_datetime(jiff::tz::TimeZone::UTC)
            .map_err(|error| Error::Message(error.to_string()))?,
        None => jiff::ZonedDateTime::now(),
    };
    let mail = crate::due::email::MailOptions { from, owners, date };
    let messages = crate::due::email::messages(items, options, &mail);
    let (mails, unreachable) = (&messages.mails, &messages.unreachable);
    let removed = match &args.out {
        Some(folder) => crate::due::email::write_all(&messages, folder).map_err(Error::Message)?,
        None => 0,
    };
    if args.send && !mails.is_empty() {
        let sendmail = crate::due::email::find_sendmail().ok_or_else(|| {
            Error::Message(
                "`--send` needs the sendmail program, which is not on this machine (looked on the PATH, in \
                 /usr/sbin and /usr/lib)\nhelp: write the messages with `--out DIR` and send them with your mailer"
                    .to_owned(),
            )
        })?;
        crate::due::email::send(mails, &sendmail).map_err(Error::Message)?;
    }
    for owner in unreachable {
        let processes = if owner.processes == 1 {
            "process"
        } else {
            "processes"
        };
        eprintln!(
            "warning: {} has {} {processes} due but no address under [owners] in proc.toml, so no reminder was made\n\
             help: add `\"{}\" = \"name@example.org\"` under [owners] in proc.toml",
            owner.owner, owner.processes, owner.owner
        );
    }
    // Quiet under cron, which mails any output; a summary for a person at a terminal.
    if std::io::stderr().is_terminal() {
        let what = if args.send { "Sent" } else { "Wrote" };
        let count = mails.len();
        let plural = if count == 1 { "message" } else { "messages" };
        match &args.out {
            Some(folder) => eprintln!("{what} {count} {plural} ({}).", folder.display()),
            None => eprintln!("{what} {count} {plural}."),
        }
        if removed > 0 {
            eprintln!("Removed {removed} earlier message(s) for owners with nothing due now.");
        }
    }
    Ok(if unreachable.is_empty() {
        ExitStatus::Success
    } else {
        ExitStatus::Findings
    })
}
