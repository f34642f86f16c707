//! `proc lint --fix` and `proc lint --diff`.

use std::io::Write;
use std::path::PathBuf;

use super::{Error, ExitStatus, plural};
use crate::fix::FixOptions;
use crate::lint::LintOptions;

/// `--diff`: the fixes as a diff on stdout, nothing written.
pub fn show(
    paths: &[PathBuf],
    options: &LintOptions,
    fix: FixOptions,
) -> Result<ExitStatus, Error> {
    let (files, errors) = crate::fix::fix_paths(paths, options, fix);
    let changed: Vec<_> = files.iter().filter(|file| file.changed()).collect();
    let mut out = super::stdout();
    let diffs = changed
        .iter()
        .try_for_each(|file| out.write_all(file.diff().as_bytes()));
    super::written(diffs.and_then(|()| out.flush()))?;
    let unreadable = super::report_unreadable(&errors);
    if unreadable != ExitStatus::Success {
        return Ok(unreadable);
    }
    if changed.is_empty() {
        eprintln!("Nothing to fix.");
        return Ok(ExitStatus::Success);
    }
    let problems = changed.iter().map(|file| file.applied.len()).sum();
    let again = if fix.unsafe_fixes {
        " --unsafe-fixes"
    } else {
        ""
    };
    eprintln!(
        "Would fix {} in {}: run `proc lint --fix{again}` to make the change.",
        plural(problems, "problem", "problems"),
        plural(changed.len(), "file", "files"),
    );
    Ok(ExitStatus::Findings)
}

/// `--fix`: fixes and writes the files, and says what was fixed (on stdout before the findings that are left, or
/// on stderr when stdout is a machine format).
pub fn apply(
    paths: &[PathBuf],
    options: &LintOptions,
    fix: FixOptions,
    human: bool,
) -> Result<ExitStatus, Error> {
    let (files, errors) = crate::fix::fix_paths(paths, options, fix);
    let mut report = String::new();
    let (mut problems, mut written) = (0, 0);
    for file in &files {
        let path = file.path.display();
        for refused in &file.refused {
            let (line, rule, reason) = (refused.line, refused.rule.name, &refused.reason);
            eprintln!("warning: {path}:{line}: the fix for {rule} was not made: {reason}");
        }
        if !file.changed() {
            continue;
        }
        file.write().map_err(|error| {
            format!("cannot write {path}: {error}; the file was left as it was")
        })?;
        written += 1;
        for applied in &file.applied {
            problems += 1;
            let (line, column) = (applied.line, applied.column);
            let (rule, title) = (applied.rule.name, &applied.title);
            report.push_str(&format!(
                "  fixed {path}:{line}:{column} [{rule}] {title}\n"
            ));
        }
    }
    let unreadable = super::report_unreadable(&errors);
    if unreadable != ExitStatus::Success {
        return Ok(unreadable);
    }
    let summary = if written == 0 {
        "Nothing to fix.\n".to_owned()
    } else {
        let (problems, files) = (
            plural(problems, "problem", "problems"),
            plural(written, "file", "files"),
        );
        format!("Fixed {problems} in {files}:\n{report}")
    };
    if human {
        super::print(&format!("{summary}\n"))?;
    } else {
        eprint!("{summary}");
    }
    Ok(ExitStatus::Success)
}
