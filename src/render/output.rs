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
    /// `html` or `pdf` (an `html` page includes its chart, `ID.svg`, written with it).
    pub kind: &'static str,
    pub result: Result<(), String>,
}

/// The path of a process's rendered file in `folder`, refused unless it resolves to a file directly inside it.
pub fn output_path(folder: &Path, id: &ProcessId, extension: &str) -> Result<PathBuf, String> {
    crate::write::file_inside(folder, &id.file_name(extension))
}

/// Renders one process into `folder` (which must exist): `ID.html` with its chart alone as `ID.svg` (the page
/// links to it, for a chart too wide for the screen), `ID.pdf`, or all three.
///
/// The SVG is written before the page and a failure to write it is the page's failure: a page is never reported
/// written with a broken link to its chart.
pub fn write_process(
    process: &Process,
    folder: &Path,
    options: &PageOptions,
    formats: Formats,
    pdf_date: PdfDate,
) -> Vec<Written> {
    let mut written = Vec::with_capacity(2);
    if formats.html {
        let (html, svg) = super::html::page_and_chart(process, options);
        let page = match write_file(folder, &process.id, "svg", || Ok(svg.into_bytes())) {
            Written { result: Ok(()), .. } => {
                write_file(folder, &process.id, "html", || Ok(html.into_bytes()))
            }
            failed => failed,
        };
        written.push(Written {
            kind: "html",
            ..page
        });
    }
    if formats.pdf {
        written.push(write_file(folder, &process.id, "pdf", || {
            super::pdf::pdf(process, options, pdf_date).map_err(|error| error.to_string())
        }));
    }
    written
}

/// Writes `ID.kind` into `folder`; its path is checked before anything is made for it.
fn write_file(
    folder: &Path,
    id: &ProcessId,
    kind: &'static str,
    make: impl FnOnce() -> Result<Vec<u8>, String>,
) -> Written {
    let path = match output_path(folder, id, kind) {
        Ok(path) => path,
        Err(message) => {
            return Written {
                path: folder.join("?"),
                kind,
                result: Err(message),
            };
        }
    };
    let result = make().and_then(|bytes| {
        crate::write::write_output(&path, &bytes)
            .map_err(|error| format!("cannot write {}: {error}", path.display()))
    });
    Written { path, kind, result }
}
