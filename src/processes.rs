//! The processes of a repository as typed documents, for the commands that act on them (`due`, `review`).
//!
//! A file that does not lint clean at error level is not used: its dates or months may be wrong in ways the typed
//! model cannot express, and acting on it would give wrong answers. Such files are returned as skipped, so the
//! command can say which and why.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use crate::finding::Finding;
use crate::finding::Severity;
use crate::lint::{LintOptions, finalize, require_usable};
use crate::load::{self, LoadLimits, Node};
use crate::model::Process;
use crate::rules::{self, FileContext};
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
    pub errors: usize,
}

#[derive(Debug, Default)]
pub struct Loaded {
    /// In path order.
    pub processes: Vec<LoadedProcess>,
    pub skipped: Vec<Skipped>,
    pub errors: Vec<WalkError>,
}

/// Loads and checks the process files under `paths`, keeping those without errors. The verdict is exactly
/// `proc lint`'s, checks across files (duplicate ids, interfaces) included; the files that pass are then read
/// again into their typed form.
pub fn load(paths: &[PathBuf], options: &LintOptions) -> Loaded {
    let result = crate::lint::lint(paths, options);
    let limits = LoadLimits {
        max_file_size: options.config.max_file_size,
    };
    let clean: Vec<(PathBuf, usize)> = result
        .files
        .iter()
        .map(|file| {
            let errors = file
                .findings
                .iter()
                .filter(|finding| finding.severity == Severity::Error)
                .count();
            (file.source.path().to_path_buf(), errors)
        })
        .collect();
    let results: Vec<Result<LoadedProcess, Skipped>> = clean
        .par_iter()
        .map(|(path, errors)| {
            let skipped = || Skipped {
                path: path.clone(),
                errors: (*errors).max(1),
            };
            if *errors > 0 {
                return Err(skipped());
            }
            let loaded = load::load_file(path, limits).map_err(|_| skipped())?;
            let root = loaded.root.ok_or_else(skipped)?;
            let process = Process::from_node(&root).map_err(|_| skipped())?;
            Ok(LoadedProcess {
                source: loaded.source,
                root,
                process,
            })
        })
        .collect();
    let mut loaded = Loaded {
        errors: result.errors,
        ..Loaded::default()
    };
    for result in results {
        match result {
            Ok(process) => loaded.processes.push(process),
            Err(skipped) => loaded.skipped.push(skipped),
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
    let (loaded, findings) = lint_text(path, text, options);
    let errors: Vec<Finding> = findings
        .into_iter()
        .filter(|finding| finding.severity == Severity::Error)
        .collect();
    match loaded.root.as_ref().map(Process::from_node) {
        Some(Ok(process)) if errors.is_empty() => Ok(process),
        _ => Err(errors),
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
    let mut findings = loaded.findings.clone();
    let mut model = Ok(());
    if let Some(root) = loaded.root.as_ref() {
        findings.extend(rules::check_file(&FileContext {
            source: &loaded.source,
            root,
            notation: &loaded.notation,
            today: options.today,
        }));
        model = Process::from_node(root).map(|_| ());
    }
    let disabled: HashSet<&str> = options.config.disabled().collect();
    let mut findings = finalize(&loaded.source, findings, &options.config, &disabled);
    require_usable(&loaded.source, model, &mut findings);
    (loaded, findings)
}
