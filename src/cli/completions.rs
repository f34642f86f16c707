//! `proc completions`.

use clap::CommandFactory;

use super::{Cli, Error, ExitStatus};

/// Print a shell completion script for bash, zsh, fish or PowerShell.
#[derive(Debug, clap::Args)]
#[command(after_help = "Examples:
  proc completions bash > ~/.local/share/bash-completion/completions/proc
  proc completions zsh > ~/.zfunc/_proc
  proc completions fish > ~/.config/fish/completions/proc.fish
  proc completions powershell >> $PROFILE")]
pub struct CompletionsArgs {
    /// The shell.
    #[arg(value_enum)]
    shell: clap_complete::Shell,
}

pub fn run(args: CompletionsArgs) -> Result<ExitStatus, Error> {
    let mut text = Vec::new();
    clap_complete::generate(args.shell, &mut Cli::command(), "proc", &mut text);
    super::print(&String::from_utf8_lossy(&text))?;
    Ok(ExitStatus::Success)
}
