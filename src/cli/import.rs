//! `proc import`.

use std::path::PathBuf;

use super::args::{Today, parse_id};
use super::{Context, Error, ExitStatus};
use crate::import::files::{ImportFailure, ImportRequest};
use crate::lint::LintOptions;

/// Convert exported process charts (tab-separated text) into process files.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Each file is converted on its own; what fits no field is kept under `unmapped` and named \
    with its line. Existing files are not replaced without --force.

Exit status: 0 when every file was converted, 1 when a file is not such an export or its target exists, 2 when a \
file cannot be read.

Examples:
  proc import export/*.txt
  proc import oro.txt --dry-run
  proc import oro.txt --out drafts"
)]
pub struct ImportArgs {
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

    #[command(flatten)]
    today: Today,

    /// The id (and file name) of the process, instead of one made from its name; only with one FILE.
    #[arg(long, value_name = "ID", value_parser = parse_id)]
    id: Option<crate::model::ProcessId>,
}

pub fn run(args: ImportArgs, context: &Context) -> Result<ExitStatus, Error> {
    if args.id.is_some() && args.files.len() > 1 {
        return Err(Error::Message(
            "--id names one process: give it with one FILE at a time".into(),
        ));
    }
    let request = ImportRequest {
        folder: context.output_folder(args.out),
        dry_run: args.dry_run,
        force: args.force,
        id: args.id,
    };
    let options = LintOptions {
        config: context.config.clone(),
        today: args.today.date(),
    };
    let mut status = ExitStatus::Success;
    let mut printed = 0;
    for file in &args.files {
        match crate::import::files::import_file(file, &request, &options) {
            Ok(imported) => {
                if request.dry_run {
                    let separator = if printed > 0 { "---\n" } else { "" };
                    super::print(&format!("{separator}{}", imported.imported.yaml))?;
                    printed += 1;
                }
                eprint!("{}", imported.report(file, request.dry_run));
            }
            Err(ImportFailure::Refused(message)) => {
                eprintln!("error: {message}");
                status = status.max(ExitStatus::Findings);
            }
            Err(ImportFailure::Io(message)) => {
                eprintln!("error: {message}");
                status = ExitStatus::Error;
            }
        }
    }
    Ok(status)
}
