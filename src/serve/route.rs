//! Which page a request asks for. Only these answers exist: anything else is not found, so a request can never
//! name a file on the disk.

use crate::model::ProcessId;

/// The address of the reload events.
pub const EVENTS: &str = "/_proc/events";

/// A page `proc serve` can answer with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// `/` or `/index.html`: every process, as `index.html` of `proc render --site`.
    Index,
    /// `/ID.html`: the page of one process.
    Page(ProcessId),
    /// `/ID.svg`: its chart alone, which the page links to.
    Chart(ProcessId),
    /// `/ID.pdf`: its PDF (in a build with the `pdf` feature).
    Pdf(ProcessId),
    /// `/_proc/events`: the stream that tells an open page to reload (no id has a `_`).
    Events,
    NotFound,
}

impl Route {
    /// The route of a request target such as `/oro-for-anknytning.html?x=1`. The name must be a valid id: ids
    /// hold only a–z, digits and hyphens, so `..`, `/`, `%2e` and a backslash are never part of one.
    pub fn of(target: &str) -> Route {
        let path = target.split(['?', '#']).next().unwrap_or_default();
        match path {
            "/" | "/index.html" => return Route::Index,
            EVENTS => return Route::Events,
            _ => {}
        }
        let Some((stem, extension)) = path
            .strip_prefix('/')
            .and_then(|name| name.rsplit_once('.'))
        else {
            return Route::NotFound;
        };
        let Some(id) = ProcessId::new(stem) else {
            return Route::NotFound;
        };
        match extension {
            "html" => Route::Page(id),
            "svg" => Route::Chart(id),
            "pdf" => Route::Pdf(id),
            _ => Route::NotFound,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(text: &str) -> ProcessId {
        ProcessId::new(text).expect("an id")
    }

    #[test]
    fn only_the_rendered_pages_have_a_route() {
        assert_eq!(Route::of("/"), Route::Index);
        assert_eq!(Route::of("/index.html?reload=1"), Route::Index);
        assert_eq!(
            Route::of("/oro-for-anknytning.html"),
            Route::Page(id("oro-for-anknytning"))
        );
        assert_eq!(
            Route::of("/oro-for-anknytning.html#steg"),
            Route::Page(id("oro-for-anknytning"))
        );
        assert_eq!(
            Route::of("/oro-for-anknytning.svg"),
            Route::Chart(id("oro-for-anknytning"))
        );
        for refused in [
            "",
            "/../Cargo.toml",
            "/..%2fCargo.toml",
            "/%2e%2e/proc.toml",
            "/processes/oro-for-anknytning.yaml",
            "/oro-for-anknytning.yaml",
            "/oro-for-anknytning",
            "/a/b.html",
            "/.html",
            "/Oro.html",
            "/oro..html",
            "/..\\proc.toml",
            "//etc/passwd",
            "http://example.org/a.html",
            "/index.htm",
        ] {
            assert_eq!(Route::of(refused), Route::NotFound, "{refused}");
        }
    }
}
