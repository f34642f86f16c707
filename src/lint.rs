//! `proc lint`: files → loaded documents with spans → findings.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::SystemTime;

use rayon::prelude::*;

use crate::config::Config;
use crate::finding::{Finding, Severity};
use crate::load::{self, LoadLimits, LoadedFile, Node};
use crate::model::Process;
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
    let (files, errors) = run(paths, options, base, Keep::Findings);
    let files = files
        .into_iter()
        .map(|file| FileResult {
            source: file.source,
            findings: file.findings,
        })
        .collect();
    LintResult { files, errors }
}

/// What a run keeps of each file besides its findings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Keep {
    /// Only the findings (`proc lint`): each tree is dropped as soon as its file is checked.
    Findings,
    /// The tree and the typed process too, for the commands that act on the files.
    Processes,
}

/// One file at the end of the pipeline.
#[derive(Debug)]
pub(crate) struct Linted {
    pub source: Arc<SourceFile>,
    /// In position order, as `proc lint` reports them.
    pub findings: Vec<Finding>,
    /// The tree, when the file could be parsed (only with [`Keep::Processes`]).
    pub root: Option<Node>,
    /// The typed process, when one was built from the tree and nothing in the findings is an error (only with
    /// [`Keep::Processes`], or from [`lint_alone`]). Boxed: a process is 500 bytes, and a run over 10,000 files
    /// holds a list of these.
    pub process: Option<Box<Process>>,
}

/// The whole pipeline over the files under `paths`: each file read and parsed once, checked on its own, then the
/// checks across files, then `proc.toml` and the suppressions. The files come back in path order.
pub(crate) fn run(
    paths: &[PathBuf],
    options: &LintOptions,
    base: Option<&Base>,
    keep: Keep,
) -> (Vec<Linted>, Vec<WalkError>) {
    let (files, mut errors) = walk::discover(paths);
    let limits = LoadLimits {
        max_file_size: options.config.max_file_size,
    };

    // A bug in proc that panics on one file is reported as that file's finding, and the others are still checked.
    let checked: Vec<Result<Checked, WalkError>> = files
        .par_iter()
        .map(|path| {
            crate::internal::contain(|| {
                let loaded = load::load_file(path, limits).map_err(|error| WalkError {
                    path: path.to_path_buf(),
                    message: format!("cannot read the file: {error}"),
                })?;
                Ok(Checked::new(loaded, options.today, base, keep))
            })
            .unwrap_or_else(|message| Ok(Checked::internal_error(path, &message)))
        })
        .collect();
    let mut checked: Vec<Checked> = checked
        .into_iter()
        .filter_map(|result| result.map_err(|error| errors.push(error)).ok())
        .collect();

    let project_files: Vec<&ProjectFile> = checked.iter().map(|file| &file.project).collect();
    let known_ids = ids_in(&options.config.processes, paths);
    for finding in project::check(&project_files, &known_ids, options.config.owners.as_ref()) {
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
        .map(|file| file.finish(&options.config, &disabled))
        .collect();
    errors.sort_by(|a, b| a.path.cmp(&b.path));
    (files, errors)
}

/// One text taken through the same pipeline as a file of `proc lint`, without the checks across files (for a file
/// `proc` is about to write, and for `proc lint --fix`). The typed process is built whenever the tree is sound
/// enough to try.
pub(crate) fn lint_alone(loaded: LoadedFile, options: &LintOptions) -> Linted {
    let disabled: HashSet<&str> = options.config.disabled().collect();
    Checked::new(loaded, options.today, None, Keep::Processes).finish(&options.config, &disabled)
}

/// One file after its own checks.
#[derive(Clone)]
struct Checked {
    findings: Vec<Finding>,
    /// What the checks across files need.
    project: ProjectFile,
    root: Option<Node>,
    /// The typed process built from the tree, or why it could not be, when its verdict may be needed (see
    /// [`require_usable`]); `Ok(None)` when it was not needed, or not kept.
    model: Result<Option<Box<Process>>, String>,
}

impl Checked {
    /// The per-file part of the pipeline: the findings of reading the file, the rules, and the changes against
    /// `base`, with the typed process built from the same tree.
    fn new(
        loaded: LoadedFile,
        today: jiff::civil::Date,
        base: Option<&Base>,
        keep: Keep,
    ) -> Checked {
        let LoadedFile {
            source,
            root,
            notation,
            mut findings,
        } = loaded;
        let Some(tree) = &root else {
            return Checked {
                findings,
                project: ProjectFile::without_tree(&source),
                root: None,
                model: Ok(None),
            };
        };
        findings.extend(rules::check_file(&FileContext::new(
            &source, tree, &notation, today,
        )));
        if let Some(base) = base {
            rules::changes::check(base, &source, tree, &mut findings);
        }
        let model = match model_of(tree, &findings) {
            Some(Ok(process)) => Ok((keep == Keep::Processes).then(|| Box::new(process))),
            Some(Err(reason)) => Err(reason),
            None => Ok(None),
        };
        Checked {
            model,
            project: ProjectFile::new(&source, tree),
            root: if keep == Keep::Processes { root } else { None },
            findings,
        }
    }

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
            project: ProjectFile::without_tree(&source),
            root: None,
            model: Ok(None),
        }
    }

    /// The end of the pipeline, after the checks across files: `proc.toml`, the suppressions, and the verdict of
    /// the typed model.
    fn finish(self, config: &Config, disabled: &HashSet<&str>) -> Linted {
        let source = self.project.source;
        let mut findings = finalize(&source, self.findings, config, disabled);
        let process = match self.model {
            Ok(process) => process,
            Err(reason) => {
                require_usable(&source, &reason, &mut findings);
                None
            }
        };
        let clean = !findings
            .iter()
            .any(|finding| finding.severity == Severity::Error);
        Linted {
            findings,
            root: self.root,
            process: process.filter(|_| clean),
            source,
        }
    }
}

/// The files of a repository kept checked for an editor (`proc lsp`), with the texts of the files open in it in
/// place of what is on disk. Each file is checked on its own once, and again only when its text changes; the
/// checks across files run over all of them every time. The verdict on a file is exactly `proc lint`'s on the
/// same paths once the open texts are saved.
pub struct Repository {
    options: LintOptions,
    /// What `proc lint` with no paths checks: the processes folder.
    paths: Vec<PathBuf>,
    /// The files under `paths` as last read from disk, with what told that version apart.
    on_disk: HashMap<PathBuf, (Stamp, Checked)>,
    /// The open files' checks, with the text each was made from.
    open: HashMap<PathBuf, (String, Checked)>,
}

/// A file to check again: open in the editor (its text) or changed on disk (its stamp, if it still has one).
struct Unchecked {
    path: PathBuf,
    stamp: Option<Stamp>,
    text: Option<String>,
}

/// What tells two versions of a file on disk apart without reading it: an edit changes the time or the length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
}

impl Stamp {
    fn of(path: &Path) -> Option<Stamp> {
        let metadata = std::fs::metadata(path).ok()?;
        Some(Stamp {
            len: metadata.len(),
            modified: metadata.modified().ok(),
        })
    }
}

/// One file of a [`Repository`] as the last [`Repository::lint`] saw it.
pub struct RepositoryFile<'a> {
    pub source: &'a Arc<SourceFile>,
    /// The tree, when the text could be read.
    pub root: Option<&'a Node>,
    /// Whether the text is an open file's rather than what is on disk.
    pub open: bool,
}

impl Repository {
    /// The repository whose processes are under `paths` (absolute paths, so that open files are found in it).
    pub fn new(paths: Vec<PathBuf>, options: LintOptions) -> Repository {
        Repository {
            options,
            paths,
            on_disk: HashMap::new(),
            open: HashMap::new(),
        }
    }

    pub fn options(&self) -> &LintOptions {
        &self.options
    }

    /// Sets the date that counts as today: a repository kept open over midnight checks against the new date.
    pub fn set_today(&mut self, today: jiff::civil::Date) {
        if self.options.today != today {
            self.options.today = today;
            self.on_disk.clear();
            self.open.clear();
        }
    }

    /// Whether `path` is one of the files `proc lint` checks here (it is under the processes folder, or named).
    pub fn contains(&self, path: &Path) -> bool {
        self.paths.iter().any(|root| path.starts_with(root))
    }

    /// Checks the repository with `open` (path → text) in place of the files on disk, and returns the findings
    /// of the open files under the repository's paths, each as `proc lint` would report them once saved. An open
    /// file outside the paths is checked as `proc lint FILE` checks it: alone, its interfaces resolved against
    /// the processes folder.
    pub fn lint(&mut self, open: &BTreeMap<PathBuf, String>) -> Vec<FileResult> {
        let limits = LoadLimits {
            max_file_size: self.options.config.max_file_size,
        };
        let (files, _) = walk::discover(&self.paths);
        let mut inside: BTreeSet<PathBuf> = files.into_iter().collect();
        // A new file not saved yet counts as the walk will count it once saved; a saved one the walk leaves out
        // (ignored by git, hidden) is checked alone, as `proc lint` names it only when given it.
        inside.extend(
            open.keys()
                .filter(|path| self.contains(path) && !path.exists())
                .cloned(),
        );
        let options = &self.options;

        self.open
            .retain(|path, (text, _)| open.get(path) == Some(text));
        self.on_disk
            .retain(|path, _| inside.contains(path) && !open.contains_key(path));
        let mut fresh: Vec<Unchecked> = Vec::new();
        for path in inside
            .iter()
            .chain(open.keys().filter(|path| !inside.contains(*path)))
        {
            if let Some(text) = open.get(path) {
                if !self.open.contains_key(path) {
                    fresh.push(Unchecked {
                        path: path.clone(),
                        stamp: None,
                        text: Some(text.clone()),
                    });
                }
                continue;
            }
            let stamp = Stamp::of(path);
            match (stamp, self.on_disk.get(path)) {
                (Some(stamp), Some((known, _))) if *known == stamp => {}
                _ => fresh.push(Unchecked {
                    path: path.clone(),
                    stamp,
                    text: None,
                }),
            }
        }
        let checked: Vec<(Unchecked, Option<Checked>)> = fresh
            .into_par_iter()
            .map(|unchecked| {
                let Unchecked { path, text, .. } = &unchecked;
                let loaded = match &text {
                    Some(text) => Some(load::load_text(path.clone(), text.clone())),
                    None => load::load_file(path, limits).ok(),
                };
                let checked = loaded.map(|loaded| {
                    crate::internal::contain(|| {
                        Checked::new(loaded, options.today, None, Keep::Processes)
                    })
                    .unwrap_or_else(|message| Checked::internal_error(path, &message))
                });
                (unchecked, checked)
            })
            .collect();
        for (Unchecked { path, stamp, text }, checked) in checked {
            match (text, stamp, checked) {
                (Some(text), _, Some(checked)) => {
                    self.open.insert(path, (text, checked));
                }
                (None, Some(stamp), Some(checked)) => {
                    self.on_disk.insert(path, (stamp, checked));
                }
                // Gone or unreadable since it was listed: it takes no part, as in a run a moment later.
                _ => {}
            }
        }

        let project_files: Vec<&ProjectFile> = inside
            .iter()
            .filter_map(|path| self.checked(path))
            .map(|checked| &checked.project)
            .collect();
        let across = project::check(
            &project_files,
            &ids_in(&self.options.config.processes, &self.paths),
            self.options.config.owners.as_ref(),
        );
        let disabled: HashSet<&str> = self.options.config.disabled().collect();
        let mut results = Vec::new();
        for path in open.keys() {
            let Some(checked) = self.checked(path) else {
                continue;
            };
            let mut checked = checked.clone();
            if inside.contains(path) {
                let own = across.iter().filter(|finding| finding.file.path() == path);
                checked.findings.extend(own.cloned());
            } else {
                let known_ids = ids_in(&self.options.config.processes, std::slice::from_ref(path));
                let alone = project::check(
                    &[&checked.project],
                    &known_ids,
                    self.options.config.owners.as_ref(),
                );
                checked.findings.extend(alone);
            }
            let linted = checked.finish(&self.options.config, &disabled);
            results.push(FileResult {
                source: linted.source,
                findings: linted.findings,
            });
        }
        results
    }

    fn checked(&self, path: &Path) -> Option<&Checked> {
        self.open
            .get(path)
            .map(|(_, checked)| checked)
            .or_else(|| self.on_disk.get(path).map(|(_, checked)| checked))
    }

    /// The files of the repository as the last [`Repository::lint`] saw them, open files included, in path order.
    pub fn files(&self) -> Vec<RepositoryFile<'_>> {
        let mut files: Vec<RepositoryFile<'_>> = self
            .open
            .values()
            .map(|(_, checked)| (checked, true))
            .chain(self.on_disk.values().map(|(_, checked)| (checked, false)))
            .map(|(checked, open)| RepositoryFile {
                source: &checked.project.source,
                root: checked.root.as_ref(),
                open,
            })
            .collect();
        files.sort_by(|a, b| a.source.path().cmp(b.source.path()));
        files
    }
}

/// Builds the typed model when its verdict may be needed: not when an error that nothing can switch off is there
/// already (it fails the file whatever the model says).
fn model_of(root: &Node, findings: &[Finding]) -> Option<Result<Process, String>> {
    let failed = findings
        .iter()
        .any(|finding| !finding.rule.suppressible && finding.severity == Severity::Error);
    (!failed).then(|| Process::from_node(root))
}

/// Reports a file the other commands cannot read (for `reason`) when nothing else left in its findings is an
/// error, so that a file `proc lint` passes is one that `due`, `review`, `render` and `list` accept.
fn require_usable(source: &Arc<SourceFile>, reason: &str, findings: &mut Vec<Finding>) {
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
fn finalize(
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
