//! The processes of a repository as typed documents, for the commands that act on them (`due`, `review`).
//!
//! A file that does not lint clean at error level is not used: its dates or months may be wrong in ways the typed
//! model cannot express, and acting on it would give wrong answers. Such files are returned as skipped, so the
//! command can say which and why.

use std::path::PathBuf;
use std::sync::Arc;

use crate::finding::Finding;
use crate::finding::Severity;
use crate::lint::{self, Keep, LintOptions};
use crate::load::{self, LoadedFile, Node};
use crate::model::Process;
use crate::source::SourceFile;
use crate::walk::WalkError;

/// A process file that checked clean, with its text and tree (for edits located by span) and its typed model.
#[derive(Debug)]
pub struct LoadedProcess {
    pub source: Arc<SourceFile>,
    pub root: Node,
    pub process: Process,
}

/// A file left out because it has errors.
#[derive(Debug)]
pub struct Skipped {
    pub path: PathBuf,
    /// Its errors, in position order (`proc serve` shows them on the page).
    pub findings: Vec<Finding>,
}

impl Skipped {
    /// How many errors keep the file out: at least one, even when the reason is not a finding of its own.
    pub fn errors(&self) -> usize {
        self.findings.len().max(1)
    }
}

#[derive(Debug, Default)]
pub struct Loaded {
    /// In path order.
    pub processes: Vec<LoadedProcess>,
    pub skipped: Vec<Skipped>,
    pub errors: Vec<WalkError>,
}

/// Loads and checks the process files under `paths`, keeping those without errors. The verdict is exactly
/// `proc lint`'s, checks across files (duplicate ids, interfaces) included; each file is read and parsed once, and
/// the typed process of a file that passes is the one its check built.
pub fn load(paths: &[PathBuf], options: &LintOptions) -> Loaded {
    let (files, errors) = lint::run(paths, options, None, Keep::Processes);
    let mut loaded = Loaded {
        errors,
        ..Loaded::default()
    };
    for file in files {
        match (file.root, file.process) {
            (Some(root), Some(process)) => loaded.processes.push(LoadedProcess {
                source: file.source,
                root,
                process: *process,
            }),
            _ => loaded.skipped.push(Skipped {
                path: file.source.path().to_path_buf(),
                findings: file
                    .findings
                    .into_iter()
                    .filter(|finding| finding.severity == Severity::Error)
                    .collect(),
            }),
        }
    }
    loaded
}

/// Checks a text as if it were the file at `path`, returning its typed process when it lints clean at error level,
/// and otherwise the errors.
pub fn check_text(
    path: &std::path::Path,
    text: String,
    options: &LintOptions,
) -> Result<Process, Vec<Finding>> {
    let linted = lint::lint_alone(load::load_text(path.to_path_buf(), text), options);
    match linted.process {
        Some(process) => Ok(*process),
        None => Err(linted
            .findings
            .into_iter()
            .filter(|finding| finding.severity == Severity::Error)
            .collect()),
    }
}

/// Lints a text as if it were the file at `path` (for a file `proc` is about to write), with the same verdict as
/// `proc lint` on that file alone.
pub fn lint_text(
    path: &std::path::Path,
    text: String,
    options: &LintOptions,
) -> (load::LoadedFile, Vec<Finding>) {
    let loaded = load::load_text(path.to_path_buf(), text);
    // The tree comes back with the findings; what reading found and the notation are copied (a few spans).
    let (notation, read) = (loaded.notation.clone(), loaded.findings.clone());
    let linted = lint::lint_alone(loaded, options);
    let loaded = LoadedFile {
        source: linted.source,
        root: linted.root,
        notation,
        findings: read,
    };
    (loaded, linted.findings)
}
