//! The processes of a repository as typed documents, for the commands that act on them (`due`, `review`).
//!
//! A file that does not lint clean at error level is not used: its dates or months may be wrong in ways the typed
//! model cannot express, and acting on it would give wrong answers. Such files are returned as skipped, so the
//! command can say which and why.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use crate::finding::Severity;
use crate::lint::{LintOptions, finalize};
use crate::load::{self, LoadLimits, Node};
use crate::model::Process;
use crate::rules::{self, FileContext};
use crate::source::SourceFile;
use crate::walk::{self, WalkError};

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

/// Loads and checks the process files under `paths`, keeping those without errors.
pub fn load(paths: &[PathBuf], options: &LintOptions) -> Loaded {
    let (files, mut errors) = walk::discover(paths);
    let limits = LoadLimits {
        max_file_size: options.config.max_file_size,
    };
    let disabled: HashSet<&str> = options.config.disabled().collect();
    let results: Vec<Result<Result<LoadedProcess, Skipped>, WalkError>> = files
        .par_iter()
        .map(|path| {
            let loaded = load::load_file(path, limits).map_err(|error| WalkError {
                path: path.clone(),
                message: format!("cannot read the file: {error}"),
            })?;
            let mut findings = loaded.findings;
            if let Some(root) = &loaded.root {
                findings.extend(rules::check_file(&FileContext {
                    source: &loaded.source,
                    root,
                    today: options.today,
                }));
            }
            let findings = finalize(&loaded.source, findings, &options.config, &disabled);
            let errors = findings
                .iter()
                .filter(|finding| finding.severity == Severity::Error)
                .count();
            let process = loaded
                .root
                .as_ref()
                .filter(|_| errors == 0)
                .and_then(|root| Process::from_node(root).ok());
            Ok(match (loaded.root, process) {
                (Some(root), Some(process)) => Ok(LoadedProcess {
                    source: loaded.source,
                    root,
                    process,
                }),
                _ => Err(Skipped {
                    path: path.clone(),
                    errors: errors.max(1),
                }),
            })
        })
        .collect();
    let mut loaded = Loaded::default();
    for result in results {
        match result {
            Ok(Ok(process)) => loaded.processes.push(process),
            Ok(Err(skipped)) => loaded.skipped.push(skipped),
            Err(error) => errors.push(error),
        }
    }
    loaded.errors = errors;
    loaded
}

/// Checks a text as if it were the file at `path`, returning its typed process when it lints clean at error level.
pub fn check_text(path: &std::path::Path, text: String, options: &LintOptions) -> Option<Process> {
    let loaded = load::load_text(path.to_path_buf(), text);
    let root = loaded.root.as_ref()?;
    let mut findings = loaded.findings.clone();
    findings.extend(rules::check_file(&FileContext {
        source: &loaded.source,
        root,
        today: options.today,
    }));
    let disabled: HashSet<&str> = options.config.disabled().collect();
    let findings = finalize(&loaded.source, findings, &options.config, &disabled);
    if findings
        .iter()
        .any(|finding| finding.severity == Severity::Error)
    {
        return None;
    }
    Process::from_node(root).ok()
}
