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
    crate::record::file_inside(folder, &id.file_name(extension))
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
