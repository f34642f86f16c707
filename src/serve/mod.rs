//! `proc serve`: the site `proc render --site` writes, rendered on request from the working tree, and reloaded in
//! the browser when a process file is saved.
//!
//! The HTTP side is a small `std::net` server ([`http`]): `proc` has no async runtime, a preview serves one
//! author's browser on this machine, and a server of a few hundred lines has nothing to keep up to date. What it
//! serves is decided here, by [`Route`]: only the rendered pages, never a file from the disk, so no request can
//! reach anything else (`..`, a directory listing, the YAML).

pub mod http;
mod route;
pub mod watch;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;

pub use route::{EVENTS, Route};

use crate::lint::LintOptions;
use crate::model::{Language, Process, ProcessId};
use crate::processes::Skipped;
use crate::render::{PageOptions, escape};

/// What `proc serve` renders: the files, and what `proc render` would be told.
#[derive(Debug)]
pub struct Preview {
    pub paths: Vec<PathBuf>,
    pub lint: LintOptions,
    /// Look-ahead for "review due soon", in days.
    pub within_days: i32,
    /// The language of the fixed labels; each process's own when `None`.
    pub language: Option<Language>,
    /// The last page served of each process, shown under the findings while its file has errors.
    last_good: Mutex<HashMap<ProcessId, String>>,
    /// The changes to the files, which each page's event stream starts from.
    changes: std::sync::Arc<watch::Changes>,
    /// The PDF of each process, with a fingerprint of what it was made from: made again only when that changes.
    pdfs: Mutex<HashMap<ProcessId, (u64, Vec<u8>)>>,
}

/// An answer to a request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
}

impl Response {
    fn ok(content_type: &'static str, body: impl Into<Vec<u8>>) -> Response {
        Response {
            status: 200,
            content_type,
            body: body.into(),
        }
    }

    /// Not found, with the reload script: a page whose file is renamed or removed for a moment (some editors save
    /// so) comes back by itself.
    fn not_found(since: u64) -> Response {
        let page = "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Not found</title></head><body>\
                    <p>Not found: proc serve serves the rendered processes only. <a href=\"./index.html\">All \
                    processes</a></p></body></html>";
        Response {
            status: 404,
            content_type: HTML,
            body: reloading(page.to_owned(), since).into_bytes(),
        }
    }
}

const HTML: &str = "text/html; charset=utf-8";
const SVG: &str = "image/svg+xml";

impl Preview {
    pub fn new(
        paths: Vec<PathBuf>,
        lint: LintOptions,
        within_days: i32,
        language: Option<Language>,
        changes: std::sync::Arc<watch::Changes>,
    ) -> Preview {
        Preview {
            paths,
            lint,
            within_days,
            language,
            changes,
            last_good: Mutex::default(),
            pdfs: Mutex::default(),
        }
    }

    /// The answer to `route`, from the files as they are now: every request reads and checks them again (a few
    /// milliseconds for hundreds of files), so what is shown is always what is saved.
    pub fn respond(&self, route: &Route) -> Response {
        // Taken before the files are read: a save while the page is made reloads it.
        let since = self.changes.now();
        let reloading = |html: String| reloading(html, since);
        if matches!(route, Route::NotFound | Route::Events) {
            // The events are a stream, answered by the server itself.
            return Response::not_found(since);
        }
        let loaded = crate::processes::load(&self.paths, &self.lint);
        let processes: Vec<&Process> = loaded
            .processes
            .iter()
            .map(|loaded| &loaded.process)
            .collect();
        let mut options = PageOptions {
            today: self.lint.today,
            within_days: self.within_days,
            language: self.language,
            default_language: self.lint.config.language,
            known: processes
                .iter()
                .map(|process| (process.id.clone(), process.name.clone()))
                .collect(),
            site: true,
            pdf: cfg!(feature = "pdf"),
            history: std::collections::BTreeMap::new(),
        };
        // The version history of the one page asked for: git is asked on each request, as the files are read.
        if let Route::Page(id) | Route::Pdf(id) = route {
            let wanted = loaded
                .processes
                .iter()
                .filter(|loaded| loaded.process.id == *id);
            options.history = crate::render::output::histories(wanted);
        }
        let find = |id: &ProcessId| processes.iter().find(|process| process.id == *id);
        match route {
            Route::Index => {
                let index = crate::render::site::index(&processes, &options);
                let index = match errors_list(&loaded.skipped) {
                    Some(list) => after_opening(index, "<main>", &list),
                    None => index,
                };
                Response::ok(HTML, reloading(index))
            }
            Route::Page(id) => match find(id) {
                Some(process) => {
                    let page = crate::render::html::page(process, &options);
                    lock(&self.last_good).insert(id.clone(), page.clone());
                    Response::ok(HTML, reloading(page))
                }
                None => self.with_errors(id, &loaded.skipped, since),
            },
            Route::Chart(id) => match find(id) {
                Some(process) => {
                    let (_, chart) = crate::render::html::page_and_chart(process, &options);
                    Response::ok(SVG, chart)
                }
                None => Response::not_found(since),
            },
            Route::Pdf(id) => match loaded
                .processes
                .iter()
                .find(|loaded| loaded.process.id == *id)
            {
                Some(loaded) => self.pdf(loaded, &options),
                None => Response::not_found(since),
            },
            Route::NotFound | Route::Events => Response::not_found(since),
        }
    }

    /// The PDF of a process: made on the first request, then kept until its file (or anything else it is made
    /// from) changes. Typst takes a tenth of a second or more for a PDF; a page's HTML takes a millisecond.
    fn pdf(&self, loaded: &crate::processes::LoadedProcess, options: &PageOptions) -> Response {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::hash::DefaultHasher::new();
        loaded.source.text.hash(&mut hasher);
        options.known.hash(&mut hasher);
        // A commit changes the version history without changing the file.
        for history in options.history.values() {
            (history.complete, history.states.len()).hash(&mut hasher);
            for state in &history.states {
                (state.date, &state.author).hash(&mut hasher);
            }
        }
        (
            options.today,
            options.within_days,
            options.language,
            options.default_language,
        )
            .hash(&mut hasher);
        let fingerprint = hasher.finish();
        let id = &loaded.process.id;
        let cached = lock(&self.pdfs)
            .get(id)
            .filter(|(made_from, _)| *made_from == fingerprint)
            .map(|(_, bytes)| bytes.clone());
        let bytes = match cached {
            Some(bytes) => bytes,
            None => {
                let date = crate::render::output::PdfDate::from_env();
                let made = crate::internal::contain(|| {
                    crate::render::output::pdf(&loaded.process, options, date)
                })
                .unwrap_or_else(|message| Err(crate::internal::bug_report(&message)));
                match made {
                    Ok(bytes) => {
                        lock(&self.pdfs).insert(id.clone(), (fingerprint, bytes.clone()));
                        bytes
                    }
                    Err(message) => {
                        return Response {
                            status: 500,
                            content_type: "text/plain; charset=utf-8",
                            body: format!("the PDF could not be made: {message}\n").into_bytes(),
                        };
                    }
                }
            }
        };
        Response::ok("application/pdf", bytes)
    }

    /// The page of a process whose file has lint errors: the findings at the top, and under them the last page
    /// served before the errors, marked as such (or only the findings, when there is none).
    fn with_errors(&self, id: &ProcessId, skipped: &[Skipped], since: u64) -> Response {
        let Some(file) = skipped.iter().find(|file| {
            file.path
                .file_stem()
                .is_some_and(|stem| stem == id.as_str())
        }) else {
            return Response::not_found(since);
        };
        let last_good = lock(&self.last_good).get(id).cloned();
        let findings = findings_section(file, last_good.is_some());
        let page = match last_good {
            Some(page) => after_opening(page, "<body>", &findings),
            None => format!(
                "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><meta name=\"viewport\" \
                 content=\"width=device-width, initial-scale=1\"><title>{}</title></head><body>{findings}\
                 <p><a href=\"./index.html\">All processes</a></p></body></html>",
                escape::text(&file.path.display().to_string())
            ),
        };
        Response::ok(HTML, reloading(page, since))
    }
}

/// The style of what `proc serve` adds to a page: it must stand out from the page, and read the same on all.
const NOTICE_STYLE: &str = "font:16px/1.5 system-ui,sans-serif;color:#1a1a1a;background:#fff4f2;\
    border:3px solid #b3261e;border-radius:6px;padding:0.5em 1em;margin:1em";

/// The errors of a file, each with its rule, place, message, the line of the file, and the help.
fn findings_section(file: &Skipped, last_good: bool) -> String {
    let path = escape::text(&file.path.display().to_string());
    let errors = crate::report::plural(file.errors(), "lint error", "lint errors");
    let mut html = format!(
        "<section role=\"alert\" style=\"{NOTICE_STYLE}\"><h2 style=\"margin:0.3em 0\">{path} has {errors}</h2>\
         <p>Correct the file and save it: this page reloads by itself. <code>proc lint {path}</code> shows the \
         same.</p><ol>"
    );
    for finding in &file.findings {
        let at = finding.line_column();
        html.push_str(&format!(
            "<li><p><strong>{}[{}]</strong> line {}, column {}: {}</p>",
            finding.severity,
            escape::text(finding.rule.name),
            at.line,
            at.column,
            escape::text(&finding.message)
        ));
        let line = finding
            .span
            .map(|_| finding.file.line_text(at.line).trim_end())
            .unwrap_or_default();
        if !line.is_empty() {
            html.push_str(&format!(
                "<pre style=\"background:#fff;padding:0.3em;overflow-x:auto\">{:>4} | {}</pre>",
                at.line,
                escape::text(line)
            ));
        }
        if let Some(help) = &finding.help {
            html.push_str(&format!(
                "<p style=\"white-space:pre-wrap\">help: {}</p>",
                escape::text(help)
            ));
        }
        html.push_str("</li>");
    }
    html.push_str("</ol>");
    if last_good {
        html.push_str(
            "<p><strong>Below: the page as it was before these errors, not the file as it is now.</strong></p>",
        );
    }
    html.push_str("</section>");
    html
}

/// The files the index leaves out because they have lint errors, each linked to its page of findings.
fn errors_list(skipped: &[Skipped]) -> Option<String> {
    if skipped.is_empty() {
        return None;
    }
    let mut html = format!(
        "<section role=\"alert\" style=\"{NOTICE_STYLE}\"><h2 style=\"margin:0.3em 0\">Not shown: {} with \
         lint errors</h2><ul>",
        crate::report::plural(skipped.len(), "file", "files")
    );
    for file in skipped {
        let path = escape::text(&file.path.display().to_string());
        let errors = crate::report::plural(file.errors(), "error", "errors");
        let id = file
            .path
            .file_stem()
            .and_then(|stem| ProcessId::new(&stem.to_string_lossy()));
        match id {
            Some(id) => html.push_str(&format!(
                "<li><a href=\"{}\">{path}</a>: {errors}</li>",
                id.href("html")
            )),
            None => html.push_str(&format!("<li>{path}: {errors}</li>")),
        }
    }
    html.push_str("</ul></section>");
    Some(html)
}

/// `html` with `insert` just after the first `opening` tag (at the start when there is none).
fn after_opening(mut html: String, opening: &str, insert: &str) -> String {
    let at = html.find(opening).map_or(0, |at| at + opening.len());
    html.insert_str(at, insert);
    html
}

/// A lock that a thread which panicked while holding it leaves usable: what it guards (pages and PDFs kept to
/// be shown again, a count of changes) is whole after every write, and one failed request must not stop the
/// server.
pub(crate) fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// A page with the script that reloads it when a file changes after change `since` (the count when the page was
/// made, so a save between making the page and opening its stream is not missed). Only served pages have it:
/// `proc render` never writes it.
fn reloading(mut html: String, since: u64) -> String {
    let script = format!(
        "<script>new EventSource(\"{EVENTS}?since={since}\").onmessage=function(){{location.reload()}}</script>"
    );
    match html.rfind("</body>") {
        Some(end) => html.insert_str(end, &script),
        None => html.push_str(&script),
    }
    html
}
