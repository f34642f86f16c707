//! `proc lint`: files → loaded documents with spans → findings.

use std::collections::{BTreeSet, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use rayon::prelude::*;

use crate::config::Config;
use crate::finding::{Finding, Severity};
use crate::load::{self, LoadLimits, LoadedFile};
use crate::rules::changes::Base;
use crate::rules::project::{self, ProjectFile};
use crate::rules::{self, FileContext};
use crate::source::SourceFile;
use crate::walk::{self, WalkError};

/// What `proc lint` needs besides the paths.
#[derive(Debug, Clone)]
pub struct LintOptions {
    pub config: Config,
    /// The date that counts as today (for dates in the future).
    pub today: jiff::civil::Date,
}

/// The findings of one file.
#[derive(Debug)]
pub struct FileResult {
    pub source: Arc<SourceFile>,
    pub findings: Vec<Finding>,
}

/// The result of a lint run.
#[derive(Debug, Default)]
pub struct LintResult {
    /// Every checked file in path order, each with its findings in position order.
    pub files: Vec<FileResult>,
    /// Paths that could not be read or walked: these make the run fail with exit code 2.
    pub errors: Vec<WalkError>,
}

impl LintResult {
    pub fn count(&self, severity: Severity) -> usize {
        self.findings()
            .filter(|finding| finding.severity == severity)
            .count()
    }

    pub fn findings(&self) -> impl Iterator<Item = &Finding> {
        self.files.iter().flat_map(|file| file.findings.iter())
    }
}

/// Lints the process files under `paths`.
pub fn lint(paths: &[PathBuf], options: &LintOptions) -> LintResult {
    lint_against(paths, options, None)
}

/// Lints with the changes against a base revision checked too (`--base`).
pub fn lint_against(paths: &[PathBuf], options: &LintOptions, base: Option<&Base>) -> LintResult {
    let (files, mut errors) = walk::discover(paths);
    let limits = LoadLimits {
        max_file_size: options.config.max_file_size,
    };

    // Each file is read, parsed and checked on its own; only what the project checks need is kept of its tree.
    let checked: Vec<Result<(Vec<Finding>, ProjectFile), WalkError>> = files
        .par_iter()
        .map(|path| {
            let LoadedFile {
                source,
                root,
                mut findings,
            } = load::load_file(path, limits).map_err(|error| WalkError {
                path: path.clone(),
                message: format!("cannot read the file: {error}"),
            })?;
            let project = match &root {
                Some(root) => {
                    findings.extend(rules::check_file(&FileContext {
                        source: &source,
                        root,
                        today: options.today,
                    }));
                    if let Some(base) = base {
                        rules::changes::check(base, &source, root, &mut findings);
                    }
                    ProjectFile::new(&source, root)
                }
                None => ProjectFile {
                    source,
                    id: None,
                    interfaces: Vec::new(),
                },
            };
            Ok((findings, project))
        })
        .collect();
    let mut checked: Vec<(Vec<Finding>, ProjectFile)> = checked
        .into_iter()
        .filter_map(|result| result.map_err(|error| errors.push(error)).ok())
        .collect();

    let project_files: Vec<&ProjectFile> = checked.iter().map(|(_, project)| project).collect();
    let known_ids = ids_in(&options.config.processes, paths);
    for finding in project::check(&project_files, &known_ids) {
        // Files are in path order, so the file a finding belongs to is found by binary search.
        if let Ok(index) =
            checked.binary_search_by(|(_, project)| project.source.path().cmp(finding.file.path()))
        {
            checked[index].0.push(finding);
        }
    }

    let disabled: HashSet<&str> = options.config.disabled().collect();
    let files = checked
        .into_par_iter()
        .map(|(findings, project)| FileResult {
            findings: finalize(&project.source, findings, &options.config, &disabled),
            source: project.source,
        })
        .collect();
    errors.sort_by(|a, b| a.path.cmp(&b.path));
    LintResult { files, errors }
}

/// Applies the configured severities and the file's suppressions, and sorts by position.
pub(crate) fn finalize(
    source: &Arc<SourceFile>,
    findings: Vec<Finding>,
    config: &Config,
    disabled: &HashSet<&str>,
) -> Vec<Finding> {
    let findings: Vec<Finding> = findings
        .into_iter()
        .filter(|finding| !disabled.contains(finding.rule.code))
        .collect();
    let mut findings: Vec<Finding> = crate::suppress::apply(source, findings, disabled)
        .into_iter()
        .filter_map(|mut finding| {
            finding.severity = config.severity(finding.rule)?;
            Some(finding)
        })
        .collect();
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    findings
}

/// The ids of the processes in the processes directory, from their file names (a file's id must equal its name).
/// Nothing when the processes directory is itself being checked: its files' ids are known already.
fn ids_in(directory: &std::path::Path, checked: &[PathBuf]) -> BTreeSet<String> {
    let same = |path: &PathBuf| path.canonicalize().ok() == directory.canonicalize().ok();
    if !directory.is_dir() || checked.iter().any(same) {
        return BTreeSet::new();
    }
    let (files, _) = walk::discover(&[directory.to_path_buf()]);
    files
        .iter()
        .filter_map(|path| Some(path.file_stem()?.to_string_lossy().into_owned()))
        .collect()
}
