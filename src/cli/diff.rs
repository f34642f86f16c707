//! `proc diff`.

use std::io::Write;

use super::args::ProcessPaths;
use super::{Context, Error, ExitStatus};

/// What changed in the processes since a git revision, said as a reader would say it.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "Not a line diff: \"step 2 \\\"Planering\\\" renamed to …\", \"role \\\"Psykolog\\\" added to step 4\", \
    \"owner changed from A to B\", \"review month April → May\". What an approver reads before approving. Files \
    changed, added and removed since REV are listed; an unchanged repository prints nothing. Uses the git program \
    of the repository.

Examples:
  proc diff main
  proc diff HEAD~3 processes/oro-for-anknytning.yaml
  proc diff \"$(git merge-base origin/main HEAD)\" --format markdown   a pull-request comment"
)]
pub struct DiffArgs {
    /// The git revision to compare the working tree with (a branch, a tag, a commit).
    #[arg(value_name = "REV")]
    revision: String,

    #[command(flatten)]
    paths: ProcessPaths,

    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// One block per file, a line per change.
    Text,
    /// A heading per process and a list of changes, for a pull-request comment.
    Markdown,
    /// The same as data.
    Json,
}

pub fn run(args: DiffArgs, context: &Context) -> Result<ExitStatus, Error> {
    let usage = "or pass the folder or files to compare: `proc diff REV path/to/processes`";
    let paths = context.paths(&args.paths, usage)?;
    let files = crate::diff::since(&args.revision, &paths).map_err(Error::Message)?;
    let mut out = Vec::new();
    match args.format {
        Format::Text => {
            for file in &files {
                let _ = writeln!(out, "{} ({})", file.file, file.name);
                for change in &file.changes {
                    let _ = writeln!(out, "  - {}", change.text());
                }
            }
        }
        Format::Markdown => {
            for file in &files {
                let _ = writeln!(out, "### {} (`{}`)\n", file.name, file.file);
                for change in &file.changes {
                    let _ = writeln!(out, "- {}", change.markdown());
                }
                let _ = writeln!(out);
            }
        }
        Format::Json => {
            let document = serde_json::json!({
                "revision": args.revision,
                "files": files.iter().map(|file| serde_json::json!({
                    "file": file.file,
                    "name": file.name,
                    "changes": file.changes.iter().map(crate::diff::Change::text).collect::<Vec<_>>(),
                })).collect::<Vec<_>>(),
            });
            let _ = serde_json::to_writer_pretty(&mut out, &document);
            let _ = writeln!(out);
        }
    }
    super::print(&String::from_utf8_lossy(&out))?;
    Ok(ExitStatus::Success)
}
