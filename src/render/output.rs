//! Writing rendered files: every file goes inside the output folder, under a name made from a validated id.
//!
//! The id of a process becomes a file name here. [`crate::model::ProcessId`] can only hold a safe id, and the
//! path is checked once more after it is resolved, so no process file (and no suppression comment in one) can make
//! `proc render` write anywhere but the folder it was given.

use std::path::{Path, PathBuf};

use crate::model::{Process, ProcessId};

use super::PageOptions;
use super::pdf::PdfDate;

/// What to write for each process.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    pub html: bool,
    pub pdf: bool,
}

/// A file written, or why it was not.
#[derive(Debug)]
pub struct Written {
    pub path: PathBuf,
    /// `html` or `pdf`.
    pub kind: &'static str,
    pub result: Result<(), String>,
}

/// The path of a process's rendered file in `folder`, refused unless it resolves to a file directly inside it.
pub fn output_path(folder: &Path, id: &ProcessId, extension: &str) -> Result<PathBuf, String> {
    let name = id.file_name(extension);
    inside(folder, &name)
}

/// `folder/name`, when `name` is a plain file name and the result lies directly inside `folder` once symbolic
/// links and `..` are resolved.
pub fn inside(folder: &Path, name: &str) -> Result<PathBuf, String> {
    let refuse = || {
        format!(
            "`{}` is not a file name inside {}; nothing was written there",
            name.escape_debug(),
            folder.display()
        )
    };
    let plain = !name.is_empty()
        && !name.starts_with('.')
        && !name.contains(['/', '\\', '\0'])
        && Path::new(name).components().count() == 1;
    if !plain {
        return Err(refuse());
    }
    let path = folder.join(name);
    let resolved_folder = folder
        .canonicalize()
        .map_err(|error| format!("cannot use the folder {}: {error}", folder.display()))?;
    let parent = path
        .parent()
        .and_then(|parent| parent.canonicalize().ok())
        .ok_or_else(refuse)?;
    if parent != resolved_folder || path.file_name().and_then(|n| n.to_str()) != Some(name) {
        return Err(refuse());
    }
    Ok(path)
}

/// Renders one process into `folder` (which must exist): `ID.html`, `ID.pdf` or both.
pub fn write_process(
    process: &Process,
    folder: &Path,
    options: &PageOptions,
    formats: Formats,
    pdf_date: PdfDate,
) -> Vec<Written> {
    let mut written = Vec::with_capacity(2);
    let mut write = |kind: &'static str, make: &dyn Fn() -> Result<Vec<u8>, String>| {
        let path = match output_path(folder, &process.id, kind) {
            Ok(path) => path,
            Err(message) => {
                written.push(Written {
                    path: folder.join("?"),
                    kind,
                    result: Err(message),
                });
                return;
            }
        };
        let result = make().and_then(|bytes| {
            crate::record::write_output(&path, &bytes)
                .map_err(|error| format!("cannot write {}: {error}", path.display()))
        });
        written.push(Written { path, kind, result });
    };
    if formats.html {
        write("html", &|| Ok(super::page(process, options).into_bytes()));
    }
    if formats.pdf {
        write("pdf", &|| {
            super::pdf::pdf(process, options, pdf_date).map_err(|error| error.to_string())
        });
    }
    written
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_that_leave_the_folder_are_refused() {
        let folder = tempfile::tempdir().expect("a temporary folder");
        for name in [
            "../escaped.html",
            "a/b.html",
            ".html",
            "..",
            "",
            "/etc/passwd",
            "x\\y.html",
        ] {
            assert!(inside(folder.path(), name).is_err(), "{name}");
        }
        let path = inside(folder.path(), "oro.html").expect("a plain name");
        assert_eq!(path, folder.path().join("oro.html"));
    }

    #[cfg(unix)]
    #[test]
    fn a_folder_reached_through_a_link_is_still_the_folder() {
        let base = tempfile::tempdir().expect("a temporary folder");
        let real = base.path().join("real");
        std::fs::create_dir(&real).expect("a folder");
        let link = base.path().join("link");
        std::os::unix::fs::symlink(&real, &link).expect("a link");
        assert!(inside(&link, "oro.html").is_ok());
    }
}
