//! `proc serve`: the site `proc render --site` writes, rendered on request from the working tree, so that an
//! author sees a saved change by reloading the page.
//!
//! The HTTP side is a small `std::net` server ([`http`]): `proc` has no async runtime, a preview serves one
//! author's browser on this machine, and a server of a hundred lines has nothing to keep up to date. What it
//! serves is decided here, by [`Route`]: only the rendered pages, never a file from the disk, so no request can
//! reach anything else (`..`, a directory listing, the YAML).

pub mod http;
mod route;
pub mod watch;

use std::path::PathBuf;

pub use route::{EVENTS, Route};

use crate::lint::LintOptions;
use crate::model::{Language, Process};
use crate::render::PageOptions;

/// What `proc serve` renders: the files, and what `proc render` would be told.
#[derive(Debug, Clone)]
pub struct Preview {
    pub paths: Vec<PathBuf>,
    pub lint: LintOptions,
    /// Look-ahead for "review due soon", in days.
    pub within_days: i32,
    /// The language of the fixed labels; each process's own when `None`.
    pub language: Option<Language>,
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

    fn not_found() -> Response {
        Response {
            status: 404,
            content_type: HTML,
            body: b"<!DOCTYPE html><meta charset=\"utf-8\"><title>Not found</title><p>Not found: proc serve \
                   serves the rendered processes only. <a href=\"./index.html\">All processes</a>"
                .to_vec(),
        }
    }
}

const HTML: &str = "text/html; charset=utf-8";
const SVG: &str = "image/svg+xml";

impl Preview {
    /// The answer to `route`, from the files as they are now: every request reads and checks them again (a few
    /// milliseconds for hundreds of files), so what is shown is always what is saved.
    pub fn respond(&self, route: &Route) -> Response {
        if matches!(route, Route::NotFound | Route::Events) {
            // The events are a stream, answered by the server itself.
            return Response::not_found();
        }
        let loaded = crate::processes::load(&self.paths, &self.lint);
        let processes: Vec<&Process> = loaded
            .processes
            .iter()
            .map(|loaded| &loaded.process)
            .collect();
        let options = PageOptions {
            today: self.lint.today,
            within_days: self.within_days,
            language: self.language,
            default_language: self.lint.config.language,
            known: processes
                .iter()
                .map(|process| (process.id.clone(), process.name.clone()))
                .collect(),
            site: true,
            pdf: false,
        };
        let find =
            |id: &crate::model::ProcessId| processes.iter().find(|process| process.id == *id);
        match route {
            Route::Index => Response::ok(
                HTML,
                reloading(crate::render::site::index(&processes, &options)),
            ),
            Route::Page(id) => match find(id) {
                Some(process) => Response::ok(
                    HTML,
                    reloading(crate::render::html::page(process, &options)),
                ),
                None => self.not_rendered(id, &loaded.skipped),
            },
            Route::Chart(id) => match find(id) {
                Some(process) => {
                    let (_, chart) = crate::render::html::page_and_chart(process, &options);
                    Response::ok(SVG, chart)
                }
                None => Response::not_found(),
            },
            Route::NotFound | Route::Events => Response::not_found(),
        }
    }

    /// The page of a process whose file has lint errors: which file, and how to see what to fix.
    fn not_rendered(
        &self,
        id: &crate::model::ProcessId,
        skipped: &[crate::processes::Skipped],
    ) -> Response {
        let Some(file) = skipped.iter().find(|file| {
            file.path
                .file_stem()
                .is_some_and(|stem| stem == id.as_str())
        }) else {
            return Response::not_found();
        };
        let path = crate::render::escape::text(&file.path.display().to_string());
        let errors = crate::report::plural(file.errors, "lint error", "lint errors");
        let body = format!(
            "<!DOCTYPE html><meta charset=\"utf-8\"><title>{path}</title><h1>{path} has {errors}</h1>\
             <p>The page is shown again when the file is fixed. <code>proc lint {path}</code> shows what to \
             fix.</p><p><a href=\"./index.html\">All processes</a></p>"
        );
        Response {
            status: 200,
            content_type: HTML,
            body: reloading(body).into_bytes(),
        }
    }
}

/// What makes a served page reload when a file changes. Only served pages have it: `proc render` never writes it.
pub const RELOAD_SCRIPT: &str =
    "<script>new EventSource(\"/_proc/events\").onmessage=function(){location.reload()}</script>";

/// A page with [`RELOAD_SCRIPT`] at the end of its body.
fn reloading(mut html: String) -> String {
    match html.rfind("</body>") {
        Some(end) => html.insert_str(end, RELOAD_SCRIPT),
        None => html.push_str(RELOAD_SCRIPT),
    }
    html
}
