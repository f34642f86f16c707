//! Telling open pages that a process file changed: a counter of changes that the event stream of each page waits
//! on, moved on by a file watcher.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::{Condvar, Mutex};
use std::time::Duration;

use notify::{RecursiveMode, Watcher};

/// How many times the files have changed since `proc serve` started, for the pages to wait on.
#[derive(Debug, Default)]
pub struct Changes {
    count: Mutex<u64>,
    changed: Condvar,
}

impl Changes {
    /// The count now.
    pub fn now(&self) -> u64 {
        *super::lock(&self.count)
    }

    /// One more change: wakes every page waiting.
    pub fn record(&self) {
        let mut count = super::lock(&self.count);
        *count += 1;
        self.changed.notify_all();
    }

    /// Waits until the count is past `seen` or `timeout` has passed, and returns the count.
    pub fn wait_past(&self, seen: u64, timeout: Duration) -> u64 {
        let count = super::lock(&self.count);
        let (count, _) = self
            .changed
            .wait_timeout_while(count, timeout, |count| *count <= seen)
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *count
    }
}

/// Editors save in bursts (a temporary file, a rename, a change of times): the events of one save are taken
/// together, so that the page reloads once; a stream of events never holds a reload back longer than
/// [`SETTLE_AT_MOST`].
const SETTLE: Duration = Duration::from_millis(30);
const SETTLE_AT_MOST: Duration = Duration::from_millis(200);

/// Watches `paths` (folders with what is below them, and the folders of single files alone) and records a change in
/// `changes` whenever a process file in them is written, made, renamed or removed. The watcher stops when the
/// returned value is dropped.
pub fn watch(
    paths: &[PathBuf],
    changes: std::sync::Arc<Changes>,
) -> notify::Result<notify::RecommendedWatcher> {
    let (events, received) = mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher = notify::recommended_watcher(events)?;
    for path in paths {
        if path.is_dir() {
            watcher.watch(path, RecursiveMode::Recursive)?;
        } else {
            let folder = path
                .parent()
                .filter(|parent| !parent.as_os_str().is_empty())
                .unwrap_or(Path::new("."));
            watcher.watch(folder, RecursiveMode::NonRecursive)?;
        }
    }
    let roots = paths.to_vec();
    std::thread::spawn(move || {
        while let Ok(event) = received.recv() {
            // An error (events lost, a rescan needed) may hide a change: it counts as one.
            if event.is_ok_and(|event| !concerns_processes(&event, &roots)) {
                continue;
            }
            let settled = std::time::Instant::now() + SETTLE_AT_MOST;
            while std::time::Instant::now() < settled && received.recv_timeout(SETTLE).is_ok() {}
            changes.record();
        }
    });
    Ok(watcher)
}

/// Whether an event can change what is served: a change to a YAML file, not one only read, and none in a hidden
/// file or folder below the watched `roots` (`.git`, an editor's `.#a.yaml` or `.a.yaml.swp`), which the walker
/// of `proc` skips too. (A root may itself be hidden, as a temporary folder is.)
fn concerns_processes(event: &notify::Event, roots: &[PathBuf]) -> bool {
    let hidden = |path: &Path| {
        let below = roots
            .iter()
            .find_map(|root| path.strip_prefix(root).ok())
            .unwrap_or(path);
        below.components().any(|part| {
            let part = part.as_os_str().to_string_lossy();
            part.starts_with('.') && part != "." && part != ".."
        })
    };
    !event.kind.is_access()
        && event.paths.iter().any(|path| {
            let name = path
                .file_name()
                .and_then(|name| name.to_str())
                .unwrap_or_default();
            (name.ends_with(".yaml") || name.ends_with(".yml")) && !hidden(path)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wait_ends_at_the_next_change_or_at_its_timeout() {
        let changes = std::sync::Arc::new(Changes::default());
        assert_eq!(changes.wait_past(0, Duration::from_millis(10)), 0);
        let later = std::sync::Arc::clone(&changes);
        let waiter = std::thread::spawn(move || later.wait_past(0, Duration::from_secs(30)));
        changes.record();
        assert_eq!(waiter.join().ok(), Some(1));
        assert_eq!(changes.now(), 1);
    }

    fn concerns_processes_here(event: &notify::Event) -> bool {
        concerns_processes(event, &[PathBuf::from("/tmp/.tmpAbc")])
    }

    #[test]
    fn only_changes_to_process_files_count() {
        let modify = notify::EventKind::Modify(notify::event::ModifyKind::Any);
        let in_root = notify::Event::new(modify).add_path(PathBuf::from("/tmp/.tmpAbc/a.yaml"));
        assert!(
            concerns_processes_here(&in_root),
            "a hidden root is not hidden below itself"
        );
        let in_git = notify::Event::new(modify).add_path(PathBuf::from("/tmp/.tmpAbc/.git/x.yaml"));
        assert!(!concerns_processes_here(&in_git));
        let event = |kind, path: &str| notify::Event::new(kind).add_path(PathBuf::from(path));
        let modify = notify::EventKind::Modify(notify::event::ModifyKind::Any);
        assert!(concerns_processes_here(&event(modify, "processes/a.yaml")));
        assert!(concerns_processes_here(&event(modify, "./processes/a.yml")));
        assert!(!concerns_processes_here(&event(modify, "proc.toml")));
        assert!(!concerns_processes_here(&event(
            modify,
            "processes/.#a.yaml"
        )));
        assert!(!concerns_processes_here(&event(
            modify,
            ".github/workflows/ci.yml"
        )));
        assert!(concerns_processes_here(&event(
            notify::EventKind::Remove(notify::event::RemoveKind::Any),
            "b.yml"
        )));
        assert!(!concerns_processes_here(&event(
            modify,
            "processes/.a.yaml.swp"
        )));
        assert!(!concerns_processes_here(&event(
            notify::EventKind::Access(notify::event::AccessKind::Any),
            "a.yaml"
        )));
    }
}
