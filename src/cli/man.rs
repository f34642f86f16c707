//! `proc man`.

use std::path::PathBuf;

use clap::CommandFactory;

use super::{Cli, Error, ExitStatus};

/// Print a manual page (roff), or write one for proc and each command.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  proc man > proc.1
  proc man lint > proc-lint.1
  proc man --out /usr/local/share/man/man1    # proc.1 and proc-lint.1, proc-due.1, …")]
pub struct ManArgs {
    /// The command whose page to print (default: the page of proc itself).
    #[arg(value_name = "COMMAND", conflicts_with = "out")]
    command: Option<String>,

    /// Write proc.1 and a page for each command (proc-lint.1, proc-due.1, …) into this folder instead.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
}

pub fn run(args: ManArgs) -> Result<ExitStatus, Error> {
    // Built, so that each command is named `proc-lint` as the main page's list of commands refers to it.
    let mut proc = Cli::command().disable_help_subcommand(true);
    proc.build();
    let pages: Vec<clap::Command> = std::iter::once(proc.clone())
        .chain(proc.get_subcommands().cloned())
        .collect();
    let render = |command: &clap::Command| -> Result<(String, Vec<u8>), Error> {
        let man = clap_mangen::Man::new(command.clone());
        let mut text = Vec::new();
        man.render(&mut text)
            .map_err(|error| format!("cannot write the manual page: {error}"))?;
        Ok((man.get_filename(), text))
    };
    if let Some(folder) = &args.out {
        std::fs::create_dir_all(folder)
            .map_err(|error| format!("cannot make the folder {}: {error}", folder.display()))?;
        for page in &pages {
            let (name, text) = render(page)?;
            let path = folder.join(&name);
            crate::write::write_output(&path, &text)
                .map_err(|error| format!("cannot write {}: {error}", path.display()))?;
        }
        eprintln!("wrote {} manual pages to {}", pages.len(), folder.display());
        return Ok(ExitStatus::Success);
    }
    let page = match &args.command {
        None => &proc,
        Some(name) => proc.find_subcommand(name).ok_or_else(|| {
            let names = proc.get_subcommands().map(|command| command.get_name());
            let names: Vec<&str> = names.collect();
            format!(
                "there is no command `{name}`: the commands are {}",
                names.join(", ")
            )
        })?,
    };
    let (_, text) = render(page)?;
    super::print(&String::from_utf8_lossy(&text))?;
    Ok(ExitStatus::Success)
}
