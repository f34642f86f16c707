//! Finding the process files under the paths the user gave.
//!
//! Directories are walked with the `ignore` crate (ripgrep's walker), so `.gitignore`d and hidden files are
//! skipped the way they are in git. A file named explicitly is always checked, whatever its extension.

use std::fmt;
use std::path::{Path, PathBuf};

/// A path that could not be walked.
#[derive(Debug)]
pub struct WalkError {
    pub path: PathBuf,
    pub message: String,
}

impl fmt::Display for WalkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path.display(), self.message)
    }
}

/// The error number of "too many levels of symbolic links" on Linux and the BSDs/macOS.
const ELOOP: i32 = if cfg!(target_os = "linux") { 40 } else { 62 };

pub fn is_process_file(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|ext| ext.to_str()),
        Some("yaml" | "yml")
    )
}

/// The process files under `paths`, sorted and without repeats, and the problems met on the way.
pub fn discover(paths: &[PathBuf]) -> (Vec<PathBuf>, Vec<WalkError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut linked = false;
    for path in paths {
        let metadata = match std::fs::metadata(path) {
            Ok(metadata) => metadata,
            Err(error) => {
                let message = match error.kind() {
                    std::io::ErrorKind::NotFound => "no such file or directory".to_owned(),
                    _ if error.raw_os_error() == Some(ELOOP) => {
                        "a symbolic link that leads back to itself (a symlink loop)".to_owned()
                    }
                    _ => error.to_string(),
                };
                errors.push(WalkError {
                    path: path.clone(),
                    message,
                });
                continue;
            }
        };
        if metadata.is_file() {
            files.push(path.clone());
            continue;
        }
        let before = files.len();
        let walker = ignore::WalkBuilder::new(path)
            .follow_links(true)
            .require_git(false)
            .sort_by_file_name(|a, b| a.cmp(b))
            .build();
        for entry in walker {
            match entry {
                Ok(entry) => {
                    linked |= entry.path_is_symlink();
                    if entry.file_type().is_some_and(|kind| kind.is_file())
                        && is_process_file(entry.path())
                    {
                        files.push(entry.into_path());
                    }
                }
                Err(error) => errors.push(walk_error(path, &error)),
            }
        }
        if files.len() == before {
            errors.push(WalkError {
                path: path.clone(),
                message: "no process files (*.yaml or *.yml) in this directory".to_owned(),
            });
        }
    }
    files.sort();
    files.dedup();
    // A file reached twice through a symlinked folder (or named twice by different paths) is one file: keep the
    // first path to it. Only then is it worth asking the file system for every file's real location.
    if linked || paths.len() > 1 {
        let mut seen = std::collections::HashSet::new();
        files.retain(|path| {
            seen.insert(std::fs::canonicalize(path).unwrap_or_else(|_| path.clone()))
        });
    }
    (files, errors)
}

fn walk_error(root: &Path, error: &ignore::Error) -> WalkError {
    fn inner(error: &ignore::Error) -> (Option<PathBuf>, String) {
        match error {
            ignore::Error::WithPath { path, err } => (Some(path.clone()), inner(err).1),
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                inner(err)
            }
            ignore::Error::Loop { child, ancestor } => (
                Some(child.clone()),
                format!(
                    "a symbolic link that leads back to {} (a symlink loop); it was skipped",
                    ancestor.display()
                ),
            ),
            ignore::Error::Io(io) if io.raw_os_error() == Some(ELOOP) => (
                None,
                "a symbolic link that leads back to itself (a symlink loop); it was skipped"
                    .to_owned(),
            ),
            ignore::Error::Io(io) => (None, io.to_string()),
            other => (None, other.to_string()),
        }
    }
    let (path, message) = inner(error);
    WalkError {
        path: path.unwrap_or_else(|| root.to_path_buf()),
        message,
    }
}

/// `path` relative to `base` when it lies inside it, so messages show `processes/x.yaml`, not an absolute path.
pub fn relative_to(path: &Path, base: &Path) -> Option<PathBuf> {
    let relative = path.strip_prefix(base).ok()?;
    Some(if relative.as_os_str().is_empty() {
        PathBuf::from(".")
    } else {
        relative.to_path_buf()
    })
}

/// Paths for a message: `processes, extra/a.yaml`.
pub fn display_paths(paths: &[PathBuf]) -> String {
    paths
        .iter()
        .map(|path| path.display().to_string())
        .collect::<Vec<_>>()
        .join(", ")
}
