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
    /// Whether the run fails: errors, or warnings too with `--deny warnings`.
    pub fn fails(&self, deny_warnings: bool) -> bool {
        self.findings().any(|finding| {
            finding.severity == Severity::Error
                || (deny_warnings && finding.severity == Severity::Warning)
        })
    }

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

    // Each file is read, parsed and checked on its own; only what the project checks need is kept of its tree. A
    // bug in proc that panics on one file is reported as that file's finding, and the others are still checked.
    let checked: Vec<Result<Checked, WalkError>> = files
        .par_iter()
        .map(|path| {
            crate::internal::contain(|| check_one(path, limits, options, base))
                .unwrap_or_else(|message| Ok(Checked::internal_error(path, &message)))
        })
        .collect();
    let mut checked: Vec<Checked> = checked
        .into_iter()
        .filter_map(|result| result.map_err(|error| errors.push(error)).ok())
        .collect();

    let project_files: Vec<&ProjectFile> = checked.iter().map(|file| &file.project).collect();
    let known_ids = ids_in(&options.config.processes, paths);
    for finding in project::check(&project_files, &known_ids) {
        // Files are in path order, so the file a finding belongs to is found by binary search.
        if let Ok(index) =
            checked.binary_search_by(|file| file.project.source.path().cmp(finding.file.path()))
        {
            checked[index].findings.push(finding);
        }
    }

    let disabled: HashSet<&str> = options.config.disabled().collect();
    let files = checked
        .into_par_iter()
        .map(|file| {
            let source = file.project.source;
            let mut findings = finalize(&source, file.findings, &options.config, &disabled);
            require_usable(&source, file.model, &mut findings);
            FileResult { findings, source }
        })
        .collect();
    errors.sort_by(|a, b| a.path.cmp(&b.path));
    LintResult { files, errors }
}

/// One file after its own checks.
struct Checked {
    findings: Vec<Finding>,
    /// What the checks across files need.
    project: ProjectFile,
    /// Whether the typed model could be built from the file, when it was parsed (see [`require_usable`]).
    model: Result<(), String>,
}

impl Checked {
    fn internal_error(path: &std::path::Path, message: &str) -> Checked {
        let source = Arc::new(SourceFile::new(path.to_path_buf(), String::new()));
        let finding = Finding::new(
            &crate::internal::INTERNAL_ERROR,
            &source,
            None,
            crate::internal::bug_report(message),
        )
        .help("the file was not checked; until proc is fixed, `proc lint` fails on it");
        Checked {
            findings: vec![finding],
            project: ProjectFile {
                source,
                id: None,
                interfaces: Vec::new(),
            },
            model: Ok(()),
        }
    }
}

fn check_one(
    path: &std::path::Path,
    limits: LoadLimits,
    options: &LintOptions,
    base: Option<&Base>,
) -> Result<Checked, WalkError> {
    let LoadedFile {
        source,
        root,
        notation,
        mut findings,
    } = load::load_file(path, limits).map_err(|error| WalkError {
        path: path.to_path_buf(),
        message: format!("cannot read the file: {error}"),
    })?;
    let Some(root) = &root else {
        return Ok(Checked {
            findings,
            project: ProjectFile {
                source,
                id: None,
                interfaces: Vec::new(),
            },
            model: Ok(()),
        });
    };
    findings.extend(rules::check_file(&FileContext {
        source: &source,
        root,
        notation: &notation,
        today: options.today,
    }));
    if let Some(base) = base {
        rules::changes::check(base, &source, root, &mut findings);
    }
    Ok(Checked {
        model: model_check(root, &findings),
        project: ProjectFile::new(&source, root),
        findings,
    })
}

/// Builds the typed model when its verdict may be needed: not when an error that nothing can switch off is there
/// already (it fails the file whatever the model says).
fn model_check(root: &load::Node, findings: &[Finding]) -> Result<(), String> {
    let failed = findings
        .iter()
        .any(|finding| !finding.rule.suppressible && finding.severity == Severity::Error);
    if failed {
        return Ok(());
    }
    crate::model::Process::from_node(root).map(|_| ())
}

/// Reports a file the other commands cannot read when nothing else left in its findings is an error, so that a
/// file `proc lint` passes is one that `due`, `review`, `render` and `list` accept.
pub(crate) fn require_usable(
    source: &Arc<SourceFile>,
    model: Result<(), String>,
    findings: &mut Vec<Finding>,
) {
    let Err(reason) = model else {
        return;
    };
    if findings
        .iter()
        .any(|finding| finding.severity == Severity::Error)
    {
        return;
    }
    findings.push(
        Finding::new(
            &rules::usable::UNUSABLE_PROCESS,
            source,
            None,
            format!("the other proc commands cannot read this file as a process: {reason}"),
        )
        .help(
            "this value breaks a rule that proc.toml turns off or makes a warning: fix the value (`proc lint` with \
             that rule back on shows where). If no setting explains it, it is a bug in proc: please report it",
        ),
    );
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
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
        .filter(|finding| !finding.rule.suppressible || !disabled.contains(finding.rule.code))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_on_one_file_is_an_error_finding_nothing_can_switch_off() {
        let path = std::path::Path::new("processes/x.yaml");
        let checked = crate::internal::contain(|| -> Result<Checked, WalkError> {
            panic!("index out of bounds")
        })
        .unwrap_or_else(|message| Ok(Checked::internal_error(path, &message)));
        let Ok(checked) = checked else {
            panic!("a contained panic is a finding, not a walk error");
        };
        let config = Config::default();
        let disabled: HashSet<&str> = ["P001"].into_iter().collect();
        let source = Arc::clone(&checked.project.source);
        let findings = finalize(&source, checked.findings, &config, &disabled);
        assert_eq!(findings.len(), 1);
        let finding = &findings[0];
        assert_eq!(finding.rule.name, "internal-error");
        assert_eq!(finding.severity, Severity::Error);
        assert!(
            finding.message.contains("index out of bounds"),
            "{}",
            finding.message
        );
        assert!(
            finding.message.contains("a bug in proc"),
            "{}",
            finding.message
        );
        assert_eq!(source.path(), path);
    }
}
