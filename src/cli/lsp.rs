//! `proc lsp`.

use super::args::Today;
use super::{Error, ExitStatus};

/// Run the language server: every finding, fix and format of proc in the editor, as you type.
///
/// Speaks the Language Server Protocol on standard input and output; the editor starts it. Diagnostics are
/// exactly `proc lint`'s for the open files (with the other files of the repository as they are on disk), quick
/// fixes are those of `proc lint --fix` plus "accept this finding", and formatting is `proc fmt`.
#[derive(Debug, clap::Args)]
#[command(
    after_help = "The editor starts it; the README shows how for VS Code, Neovim and Helix.

Examples:
  proc lsp"
)]
pub struct LspArgs {
    #[command(flatten)]
    today: Today,
}

pub fn run(args: LspArgs, config: Option<&std::path::Path>) -> Result<ExitStatus, Error> {
    let settings = crate::lsp::Settings {
        config: config.map(std::path::absolute).transpose()?,
        today: args.today.today,
    };
    let (connection, threads) = lsp_server::Connection::stdio();
    crate::lsp::serve(&connection, settings).map_err(|error| Error::Message(error.to_string()))?;
    drop(connection);
    threads
        .join()
        .map_err(|error| Error::Message(format!("the connection to the editor failed: {error}")))?;
    Ok(ExitStatus::Success)
}
