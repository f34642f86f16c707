//! Checks across all files: ids are unique, and interfaces name processes that exist.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use super::{did_you_mean, select};
use crate::finding::{Finding, Rule, declare_rule};
use crate::load::Node;
use crate::source::SourceFile;

declare_rule! {
    /// Two process files with the same `id`.
    ///
    /// The id is how other processes, rendered pages and `proc review` find a process; two files with one id make
    /// that ambiguous. Usually a file was copied as a starting point and the id was not changed.
    pub const DUPLICATE_ID = ("P402", "duplicate-id", Error);
}

declare_rule! {
    /// An interface names a process id that does not exist.
    ///
    /// `interfaces: [{ process: ID }]` must name the `id` of a process in the repository (its file is `ID.yaml`
    /// in the processes directory). For something outside the repository, write plain text instead.
    pub const UNKNOWN_INTERFACE = ("P403", "unknown-interface", Error);
}

pub const RULES: &[&Rule] = &[&DUPLICATE_ID, &UNKNOWN_INTERFACE];

/// One parsed file, as the project checks see it.
pub struct ProjectFile<'a> {
    pub source: &'a Arc<SourceFile>,
    pub root: &'a Node,
}

/// Runs the project checks. `known_ids` are the ids that exist in the repository besides the checked files (the
/// file names in the processes directory), so that linting one file still resolves its interfaces.
pub fn check(files: &[ProjectFile<'_>], known_ids: &BTreeSet<String>) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut by_id: BTreeMap<&str, Vec<(&ProjectFile<'_>, &Node)>> = BTreeMap::new();
    for file in files {
        if let Some(node) = file.root.get("id")
            && let Some(id) = node.as_text()
            && !id.trim().is_empty()
        {
            by_id.entry(id).or_default().push((file, node));
        }
    }
    for (id, users) in by_id.iter().filter(|(_, users)| users.len() > 1) {
        for (file, node) in users {
            let others: Vec<String> = users
                .iter()
                .filter(|(other, _)| !Arc::ptr_eq(other.source, file.source))
                .map(|(other, node)| {
                    let at = other.source.line_column(node.span.start);
                    format!("{}:{}:{}", other.source.display_path(), at.line, at.column)
                })
                .collect();
            findings.push(
                Finding::new(&DUPLICATE_ID, file.source, Some(node.span), format!("the id `{id}` is also used by {}", others.join(", ")))
                    .label("used by another file too")
                    .help("give each process its own id (and name its file after it); if one file is a copy, change the copy"),
            );
        }
    }

    let mut all_ids: BTreeSet<&str> = known_ids.iter().map(String::as_str).collect();
    all_ids.extend(by_id.keys().copied());
    for file in files {
        for (_, entry) in select(file.root, "interfaces/*") {
            let Some(target) = entry.get("process") else {
                continue;
            };
            let Some(id) = target.as_text() else {
                continue;
            };
            if id.trim().is_empty() || all_ids.contains(id) {
                continue;
            }
            let help = match did_you_mean(id, all_ids.iter().copied()) {
                Some(close) => format!("did you mean `{close}`?"),
                None => "name the id of a process in this repository, or write the interface as plain text if the process is kept elsewhere".to_owned(),
            };
            findings.push(
                Finding::new(&UNKNOWN_INTERFACE, file.source, Some(target.span), format!("there is no process with the id `{id}`"))
                    .label("unknown process")
                    .help(help),
            );
        }
    }
    findings
}
