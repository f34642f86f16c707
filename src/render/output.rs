//! Writing rendered files: every file goes inside the output folder, under a name made from a validated id.
//!
//! The id of a process becomes a file name here. [`crate::model::ProcessId`] can only hold a safe id, and the
//! path is checked once more after it is resolved, so no process file (and no suppression comment in one) can make
//! `proc render` write anywhere but the folder it was given.

use std::path::{Path, PathBuf};

use crate::model::{Process, ProcessId};

use super::PageOptions;

/// What to write for each process.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Formats {
    pub html: bool,
    pub pdf: bool,
}

/// When the document was made, for the PDF's metadata. `SOURCE_DATE_EPOCH` (seconds since 1970) when the build
/// sets it, else the date of the process's latest change, so rendering the same file twice gives the same bytes.
#[derive(Debug, Clone, Copy, Default)]
pub struct PdfDate {
    pub source_date_epoch: Option<i64>,
}

impl PdfDate {
    /// Reads `SOURCE_DATE_EPOCH` from the environment.
    pub fn from_env() -> Self {
        PdfDate {
            source_date_epoch: std::env::var("SOURCE_DATE_EPOCH")
                .ok()
                .and_then(|value| value.trim().parse().ok()),
        }
    }
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
            pdf(process, options, pdf_date)
        }));
    }
    written
}

/// The PDF of a process, or why there is none (a build without the `pdf` feature).
#[cfg(feature = "pdf")]
pub(crate) fn pdf(
    process: &Process,
    options: &PageOptions,
    date: PdfDate,
) -> Result<Vec<u8>, String> {
    super::pdf::pdf(process, options, date)
}

#[cfg(not(feature = "pdf"))]
pub(crate) fn pdf(_: &Process, _: &PageOptions, _: PdfDate) -> Result<Vec<u8>, String> {
    Err(NO_PDF.to_owned())
}

/// Why a `proc` built without the `pdf` feature writes no PDF.
pub const NO_PDF: &str = "this proc was built without PDF support (the `pdf` feature, on by default): build it \
    with `cargo build --release` to write PDFs";

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

/// The stack of each render thread: Typst lays out documents by deep recursion, and rayon's default 2 MiB stacks
/// are too small for it.
pub(crate) const RENDER_STACK_SIZE: usize = 64 * 1024 * 1024;

/// What `proc render` was asked to make.
#[derive(Debug, Clone)]
pub struct RenderRequest {
    pub out: PathBuf,
    pub formats: Formats,
    /// Also write `index.html`.
    pub site: bool,
    pub today: jiff::civil::Date,
    /// Look-ahead for "review due soon", in days.
    pub within_days: i32,
    /// The language of the fixed labels; each process's own when `None`.
    pub language: Option<crate::model::Language>,
    pub default_language: crate::model::Language,
    pub pdf_date: PdfDate,
    /// Whether the version history of each page includes the file's earlier versions in git.
    pub git_history: bool,
}

/// What was written, and what could not be.
#[derive(Debug, Default)]
pub struct RenderReport {
    pub html: usize,
    pub pdf: usize,
    /// Whether `index.html` was written.
    pub index: bool,
    /// Each file that could not be made or written, with its process file.
    pub errors: Vec<String>,
}

impl RenderReport {
    /// The closing line of `proc render`: "Rendered 3 of 4 processes to site: 3 HTML pages, 3 PDFs, index.html."
    pub fn summary(&self, request: &RenderRequest, rendered: usize, total: usize) -> String {
        let mut files = Vec::new();
        if request.formats.html {
            files.push(crate::report::plural(self.html, "HTML page", "HTML pages"));
        }
        if request.formats.pdf {
            files.push(crate::report::plural(self.pdf, "PDF", "PDFs"));
        }
        if self.index {
            files.push("index.html".to_owned());
        }
        let (out, files) = (request.out.display(), files.join(", "));
        format!("Rendered {rendered} of {total} processes to {out}: {files}.")
    }
}

/// Why nothing was rendered.
#[derive(Debug)]
pub enum RenderError {
    /// The output folder could not be made.
    Folder(PathBuf, std::io::Error),
    /// The render threads could not be started.
    Threads(String),
}

impl std::fmt::Display for RenderError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RenderError::Folder(folder, error) => {
                write!(f, "cannot make the folder {}: {error}", folder.display())
            }
            RenderError::Threads(error) => write!(f, "cannot start the render threads: {error}"),
        }
    }
}

impl std::error::Error for RenderError {}

/// The git history of each process's file, for the version history of its page.
pub fn histories<'a>(
    processes: impl IntoIterator<Item = &'a crate::processes::LoadedProcess>,
) -> std::collections::BTreeMap<ProcessId, crate::history::FileHistory> {
    let processes: Vec<&crate::processes::LoadedProcess> = processes.into_iter().collect();
    let paths: Vec<&Path> = processes
        .iter()
        .map(|loaded| loaded.source.path.as_path())
        .collect();
    let mut by_path = crate::history::from_git(&paths);
    processes
        .iter()
        .filter_map(|loaded| {
            let history = by_path.remove(&loaded.source.path)?;
            Some((loaded.process.id.clone(), history))
        })
        .collect()
}

/// Renders every process into `request.out` (made if missing), in parallel, calling `done` after each process.
/// A bug in proc that panics on one process is that process's error; the others are still rendered.
pub fn render_all(
    processes: &[crate::processes::LoadedProcess],
    request: &RenderRequest,
    done: &(dyn Fn() + Sync),
) -> Result<RenderReport, RenderError> {
    use rayon::prelude::*;
    let out = &request.out;
    std::fs::create_dir_all(out).map_err(|error| RenderError::Folder(out.clone(), error))?;
    let options = PageOptions {
        today: request.today,
        within_days: request.within_days,
        language: request.language,
        default_language: request.default_language,
        known: processes
            .iter()
            .map(|loaded| (loaded.process.id.clone(), loaded.process.name.clone()))
            .collect(),
        site: request.site,
        pdf: request.formats.pdf,
        history: if request.git_history {
            histories(processes)
        } else {
            std::collections::BTreeMap::new()
        },
    };
    let pool = rayon::ThreadPoolBuilder::new()
        .stack_size(RENDER_STACK_SIZE)
        .build()
        .map_err(|error| RenderError::Threads(error.to_string()))?;
    let written: Vec<Written> = pool.install(|| {
        processes
            .par_iter()
            .flat_map_iter(|loaded| {
                let path = &loaded.source.path;
                let written = crate::internal::contain(|| {
                    write_process(
                        &loaded.process,
                        out,
                        &options,
                        request.formats,
                        request.pdf_date,
                    )
                })
                .unwrap_or_else(|message| {
                    vec![Written {
                        path: path.clone(),
                        kind: "html",
                        result: Err(crate::internal::bug_report(&message)),
                    }]
                });
                done();
                written.into_iter().map(|mut written| {
                    if let Err(message) = &written.result {
                        written.result = Err(format!("{}: {message}", path.display()));
                    }
                    written
                })
            })
            .collect()
    });
    let mut report = RenderReport::default();
    for written in written {
        match (written.result, written.kind) {
            (Ok(()), "pdf") => report.pdf += 1,
            (Ok(()), _) => report.html += 1,
            (Err(message), _) => report.errors.push(message),
        }
    }
    if request.site {
        let processes: Vec<&Process> = processes.iter().map(|loaded| &loaded.process).collect();
        let index = super::site::index(&processes, &options);
        match crate::write::write_output(&out.join("index.html"), index.as_bytes()) {
            Ok(()) => report.index = true,
            Err(error) => report
                .errors
                .insert(0, format!("cannot write index.html: {error}")),
        }
    }
    Ok(report)
}
