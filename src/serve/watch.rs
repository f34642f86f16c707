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
        *self
            .count
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// One more change: wakes every page waiting.
    pub fn record(&self) {
        let mut count = self
            .count
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *count += 1;
        self.changed.notify_all();
    }

    /// Waits until the count is past `seen` or `timeout` has passed, and returns the count.
    pub fn wait_past(&self, seen: u64, timeout: Duration) -> u64 {
        let count = self
            .count
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let (count, _) = self
            .changed
            .wait_timeout_while(count, timeout, |count| *count <= seen)
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        *count
    }
}

/// Editors save in bursts (a temporary file, a rename, a change of times): the events of one save are taken
/// together, so that the page reloads once.
const SETTLE: Duration = Duration::from_millis(30);

/// Watches `paths` (folders, and the folders of single files) and records a change in `changes` whenever a
/// process file or `proc.toml` in them is written, made, renamed or removed. The watcher stops when the returned
/// value is dropped.
pub fn watch(
    paths: &[PathBuf],
    changes: std::sync::Arc<Changes>,
) -> notify::Result<notify::RecommendedWatcher> {
    let (events, received) = mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher = notify::recommended_watcher(events)?;
    for path in paths {
        let folder = if path.is_dir() {
            path.as_path()
        } else {
            path.parent()
                .filter(|parent| !parent.as_os_str().is_empty())
                .unwrap_or(Path::new("."))
        };
        watcher.watch(folder, RecursiveMode::Recursive)?;
    }
    std::thread::spawn(move || {
        while let Ok(event) = received.recv() {
            if !event.is_ok_and(|event| concerns_processes(&event)) {
                continue;
            }
            while received.recv_timeout(SETTLE).is_ok() {}
            changes.record();
        }
    });
    Ok(watcher)
}

/// Whether an event can change what is served: a change to a YAML file or to `proc.toml` (not a file only read,
/// and not an editor's swap file).
fn concerns_processes(event: &notify::Event) -> bool {
    !event.kind.is_access()
        && event.paths.iter().any(|path| {
            let name = path
                .file_name()
                .and_then(|name| name.to_str())
                .unwrap_or_default();
            name == "proc.toml" || name.ends_with(".yaml") || name.ends_with(".yml")
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

    #[test]
    fn only_changes_to_process_files_and_the_config_count() {
        let event = |kind, path: &str| notify::Event::new(kind).add_path(PathBuf::from(path));
        let modify = notify::EventKind::Modify(notify::event::ModifyKind::Any);
        assert!(concerns_processes(&event(modify, "processes/a.yaml")));
        assert!(concerns_processes(&event(modify, "proc.toml")));
        assert!(concerns_processes(&event(
            notify::EventKind::Remove(notify::event::RemoveKind::Any),
            "b.yml"
        )));
        assert!(!concerns_processes(&event(modify, "processes/.a.yaml.swp")));
        assert!(!concerns_processes(&event(
            notify::EventKind::Access(notify::event::AccessKind::Any),
            "a.yaml"
        )));
    }
}
