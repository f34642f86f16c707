//! Checks across all files: ids are unique, and interfaces name processes that exist.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use super::{did_you_mean, select};
use crate::finding::Finding;
use crate::load::Node;
use crate::source::{SourceFile, Span};

pub use crate::rules::registry::{DUPLICATE_ID, UNKNOWN_INTERFACE};

/// What the project checks need to know of one file, taken from its tree so the tree itself need not be kept.
#[derive(Debug, Clone)]
pub struct ProjectFile {
    pub source: Arc<SourceFile>,
    /// The `id` and where it is written.
    pub id: Option<(String, Span)>,
    /// The `process:` targets of `interfaces`, with where each is written.
    pub interfaces: Vec<(String, Span)>,
}

impl ProjectFile {
    /// A file that could not be read into a tree: it takes part in no check across files.
    pub fn without_tree(source: &Arc<SourceFile>) -> Self {
        ProjectFile {
            source: Arc::clone(source),
            id: None,
            interfaces: Vec::new(),
        }
    }

    pub fn new(source: &Arc<SourceFile>, root: &Node) -> Self {
        let id = root
            .get("id")
            .and_then(|node| Some((node.as_text()?.to_owned(), node.span)))
            .filter(|(id, _)| !id.trim().is_empty());
        let interfaces = select(root, "interfaces/*")
            .into_iter()
            .filter_map(|(_, entry)| {
                let target = entry.get("process")?;
                Some((target.as_text()?.to_owned(), target.span))
            })
            .filter(|(id, _)| !id.trim().is_empty())
            .collect();
        ProjectFile {
            source: Arc::clone(source),
            id,
            interfaces,
        }
    }
}

/// Runs the project checks. `known_ids` are the ids that exist in the repository besides the checked files (the
/// file names in the processes directory), so that linting one file still resolves its interfaces.
pub fn check(files: &[&ProjectFile], known_ids: &BTreeSet<String>) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut by_id: BTreeMap<&str, Vec<(&ProjectFile, Span)>> = BTreeMap::new();
    for file in files {
        if let Some((id, span)) = &file.id {
            by_id.entry(id).or_default().push((file, *span));
        }
    }
    for (id, users) in by_id.iter().filter(|(_, users)| users.len() > 1) {
        for (file, span) in users {
            let others: Vec<&(&ProjectFile, Span)> = users
                .iter()
                .filter(|(other, _)| !Arc::ptr_eq(&other.source, &file.source))
                .collect();
            let whom = match others.len() {
                1 => "another file".to_owned(),
                count => format!("{count} other files"),
            };
            let finding = Finding::new(&DUPLICATE_ID, &file.source, Some(*span), format!("the id `{id}` is also used by {whom}"))
                .label("used by another file too")
                .help("give each process its own id (and name its file after it); if one file is a copy, change the copy");
            findings.push(others.into_iter().fold(finding, |finding, (other, span)| {
                finding.related_in(&other.source, *span, "the same id")
            }));
        }
    }

    let mut all_ids: BTreeSet<&str> = known_ids.iter().map(String::as_str).collect();
    all_ids.extend(by_id.keys().copied());
    for file in files {
        for (id, span) in &file.interfaces {
            if all_ids.contains(id.as_str()) {
                continue;
            }
            let help = match did_you_mean(id, all_ids.iter().copied()) {
                Some(close) => format!("did you mean `{close}`?"),
                None => "name the id of a process in this repository, or write the interface as plain text if the process is kept elsewhere".to_owned(),
            };
            findings.push(
                Finding::new(
                    &UNKNOWN_INTERFACE,
                    &file.source,
                    Some(*span),
                    format!("there is no process with the id `{id}`"),
                )
                .label("unknown process")
                .help(help),
            );
        }
    }
    findings
}
