//! Running the `git` program of a process repository: for `proc lint --base`, `proc diff` and the version history
//! of pages. git is there wherever those make sense (a clone, a CI checkout); a Rust git library would add minutes
//! of build time (gitoxide) or a C library (libgit2) to run a few read-only commands.

use std::path::Path;
use std::process::{Command, Stdio};

/// The output of `git -C directory ARGS…`, or what went wrong: git missing, or git's own message.
pub(crate) fn run(directory: &Path, args: &[&str]) -> Result<String, String> {
    let output = Command::new("git")
        .arg("-C")
        .arg(directory)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|error| format!("cannot run git: {error}"))?;
    if !output.status.success() {
        let message = String::from_utf8_lossy(&output.stderr);
        return Err(format!("git {}: {}", args.join(" "), message.trim()));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}
