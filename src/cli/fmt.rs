//! `proc fmt`.

use super::args::ProcessPaths;
use super::{Context, Error, ExitStatus};
use crate::format::Formatted;

/// Rewrite process files in the canonical layout, keeping their comments.
///
/// Keys in the model's order, two-space indentation, lists in block style, texts plain or double-quoted, long
/// texts folded at 120 columns. Comments and blank lines between entries are kept.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Exit status: 0 when every file is (now) formatted; with --check, 1 when a file would \
    change (it is named, nothing is written); 2 when a file cannot be read or is not valid YAML.

Examples:
  proc fmt
  proc fmt processes/oro-for-anknytning.yaml
  proc fmt --check    # in CI"
)]
pub struct FmtArgs {
    #[command(flatten)]
    paths: ProcessPaths,

    /// Change nothing; name the files that are not formatted and exit with 1 if there are any.
    #[arg(long)]
    check: bool,
}

pub fn run(args: FmtArgs, context: &Context) -> Result<ExitStatus, Error> {
    let usage = "or pass the folder or files to format: `proc fmt path/to/processes`";
    let paths = context.paths(&args.paths, usage)?;
    let limits = crate::load::LoadLimits {
        max_file_size: context.config.max_file_size,
    };
    let (results, walk_errors) = crate::format::format_paths(&paths, args.check, limits);
    let mut status = super::report_unreadable(&walk_errors);
    if results.is_empty() && walk_errors.is_empty() {
        let paths = crate::walk::display_paths(&paths);
        return Err(Error::Message(format!(
            "no process files (*.yaml, *.yml) found in {paths}"
        )));
    }
    let (mut changed, mut unchanged, mut failed) = (0, 0, 0);
    for (path, result) in &results {
        match result {
            Formatted::Unchanged => unchanged += 1,
            Formatted::Changed => {
                changed += 1;
                if args.check {
                    super::print(&format!("would reformat {}\n", path.display()))?;
                    status = status.max(ExitStatus::Findings);
                }
            }
            Formatted::Failed(message) => {
                failed += 1;
                eprintln!("error: {}: {message}", path.display());
                status = ExitStatus::Error;
            }
        }
    }
    let mut summary = if args.check {
        format!("{changed} would be reformatted, {unchanged} already formatted")
    } else {
        format!("{changed} reformatted, {unchanged} unchanged")
    };
    if failed > 0 {
        summary.push_str(&format!(", {failed} could not be formatted"));
    }
    eprintln!("{summary}.");
    Ok(status)
}
