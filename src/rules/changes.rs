//! Changes against a base revision (`proc lint --base REV`): a process whose content changed must get a new
//! version.
//!
//! The base version of a file comes from the `git` program of the process repository ([`crate::git`]).

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::finding::Finding;
use crate::load::{self, Node};
use crate::source::SourceFile;

pub use crate::rules::registry::VERSION_NOT_BUMPED;

/// The base revision and the files that differ from it.
#[derive(Debug)]
pub struct Base {
    revision: String,
    /// The top folder of the repository.
    top: PathBuf,
    /// Absolute paths of the files that differ from the base (as git sees them).
    changed: HashSet<PathBuf>,
}

/// git for `--base`: a missing git says what needs it.
fn git(directory: &Path, args: &[&str]) -> Result<String, String> {
    crate::git::run(directory, args).map_err(|error| {
        if error.starts_with("cannot run git") {
            format!("{error} (needed for --base)")
        } else {
            error
        }
    })
}

impl Base {
    /// Asks git which files differ between `revision` and the working tree of the repository around `here`.
    pub fn new(revision: &str, here: &Path) -> Result<Base, String> {
        let top = git(here, &["rev-parse", "--show-toplevel"])?;
        let top = PathBuf::from(top.trim());
        git(
            &top,
            &[
                "rev-parse",
                "--verify",
                "--quiet",
                &format!("{revision}^{{commit}}"),
            ],
        )
        .map_err(|_| {
            format!(
                "`{revision}` is not a revision of the repository at {}",
                top.display()
            )
        })?;
        let listed = git(&top, &["diff", "--name-only", "-z", revision, "--"])?;
        let changed = listed
            .split('\0')
            .filter(|name| !name.is_empty())
            .map(|name| top.join(name))
            .collect();
        Ok(Base {
            revision: revision.to_owned(),
            top,
            changed,
        })
    }

    /// Whether the file differs from the base.
    pub fn is_changed(&self, path: &Path) -> bool {
        std::fs::canonicalize(path)
            .is_ok_and(|real| self.changed.contains(&real) || self.changed.contains(path))
    }

    /// The file's text at the base revision, or `None` when it did not exist there.
    pub(crate) fn text_at_base(&self, path: &Path) -> Option<String> {
        let real = std::fs::canonicalize(path).ok()?;
        let folder = real.parent()?;
        let name = real.file_name()?.to_string_lossy().into_owned();
        git(folder, &["show", &format!("{}:./{name}", self.revision)]).ok()
    }

    /// Every file of the base revision (absolute paths), to tell a file added since (untracked ones too) from one
    /// that did not change.
    pub(crate) fn files_at_base(&self) -> Result<HashSet<PathBuf>, String> {
        let listed = git(
            &self.top,
            &["ls-tree", "-r", "-z", "--name-only", &self.revision],
        )?;
        Ok(listed
            .split('\0')
            .filter(|name| !name.is_empty())
            .map(|name| self.top.join(name))
            .collect())
    }

    /// The files that differ from the base and are gone from the working tree, with their text at the base.
    pub(crate) fn removed(&self) -> Vec<(PathBuf, String)> {
        let mut removed: Vec<(PathBuf, String)> = self
            .changed
            .iter()
            .filter(|path| !path.exists())
            .filter_map(|path| {
                let relative = path
                    .strip_prefix(&self.top)
                    .ok()?
                    .to_str()?
                    .replace('\\', "/");
                let text = git(
                    &self.top,
                    &["show", &format!("{}:{relative}", self.revision)],
                )
                .ok()?;
                Some((path.clone(), text))
            })
            .collect();
        removed.sort();
        removed
    }
}

/// The content that a version describes: everything but the version and the review history.
fn content(root: &Node) -> serde_json::Value {
    let mut json = root.to_json_text();
    if let Some(object) = json.as_object_mut() {
        object.remove("version");
        object.remove("reviews");
    }
    json
}

pub fn check(base: &Base, source: &Arc<SourceFile>, root: &Node, findings: &mut Vec<Finding>) {
    if !base.is_changed(source.path()) {
        return;
    }
    let Some(old_text) = base.text_at_base(source.path()) else {
        return; // a new file: any version is new
    };
    let old = load::load_text(source.path().to_path_buf(), old_text);
    let Some(old_root) = old.root else {
        return;
    };
    let Some(node) = root.get("version") else {
        return;
    };
    let current = node.as_text().unwrap_or_default();
    let before = old_root
        .get("version")
        .and_then(Node::as_text)
        .unwrap_or_default();
    if content(root) == content(&old_root) || is_higher(current, before) {
        return;
    }
    let suggestion = crate::record::bumped(
        &crate::model::Version(before.to_owned()),
        crate::record::Bump::Minor,
    )
    .map_or_else(|_| "a higher number".to_owned(), |version| version.0);
    let message = if is_higher(before, current) {
        format!(
            "the process changed since {} but its version went down from {before} to {current}",
            base.revision
        )
    } else {
        format!(
            "the process changed since {} but its version is still {current}",
            base.revision
        )
    };
    findings.push(
        Finding::new(
            &VERSION_NOT_BUMPED,
            source,
            Some(node.span),
            message,
        )
        .label("raise the version")
                .help(format!("raise the version, e.g. `version: {suggestion}` for a correction or the next whole number for a new way of working")),
    );
}

/// Whether version `a` is higher than `b`, comparing numbers part by part (1.10 > 1.9; 1.0 is not higher than 1).
fn is_higher(a: &str, b: &str) -> bool {
    let parts = |text: &str| -> Vec<u64> {
        text.split('.')
            .map(|part| part.parse().unwrap_or(0))
            .collect()
    };
    let (mut a, mut b) = (parts(a), parts(b));
    let len = a.len().max(b.len());
    a.resize(len, 0);
    b.resize(len, 0);
    a > b
}

#[cfg(test)]
mod tests {
    use super::is_higher;

    #[test]
    fn versions_compare_by_number_part_by_part() {
        assert!(is_higher("1.10", "1.9"));
        assert!(is_higher("2", "1.9.9"));
        assert!(!is_higher("1.0", "1"));
        assert!(!is_higher("0.9", "1"));
    }
}
