//! Checks across all files: ids are unique, interfaces name processes that exist and are in use, and a retired
//! process names a replacement that exists.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use crate::config::Owners;

use super::{did_you_mean, select};
use crate::finding::Finding;
use crate::load::Node;
use crate::source::{SourceFile, Span};

pub use crate::rules::registry::{
    DUPLICATE_ID, OWNER_WITHOUT_ADDRESS, RETIRED_INTERFACE, UNKNOWN_INTERFACE, UNKNOWN_REPLACEMENT,
};

/// What the project checks need to know of one file, taken from its tree so the tree itself need not be kept.
#[derive(Debug, Clone)]
pub struct ProjectFile {
    pub source: Arc<SourceFile>,
    /// The `id` and where it is written.
    pub id: Option<(String, Span)>,
    /// The `process:` targets of `interfaces`, with where each is written.
    pub interfaces: Vec<(String, Span)>,
    /// For a retired process: the day, and the replacement with where it is written.
    pub retired: Option<Retired>,
    /// The `owner` and where it is written.
    pub owner: Option<(String, Span)>,
}

/// What the checks across files know of a retirement.
#[derive(Debug, Clone)]
pub struct Retired {
    pub date: String,
    pub replaced_by: Option<(String, Span)>,
}

impl ProjectFile {
    /// A file that could not be read into a tree: it takes part in no check across files.
    pub fn without_tree(source: &Arc<SourceFile>) -> Self {
        ProjectFile {
            source: Arc::clone(source),
            id: None,
            interfaces: Vec::new(),
            retired: None,
            owner: None,
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
        let retired = root.get("retired").map(|retired| Retired {
            date: retired
                .get("date")
                .and_then(Node::as_text)
                .unwrap_or_default()
                .to_owned(),
            replaced_by: retired
                .get("replaced_by")
                .and_then(|node| Some((node.as_text()?.to_owned(), node.span)))
                .filter(|(id, _)| !id.trim().is_empty()),
        });
        let owner = root
            .get("owner")
            .and_then(|node| Some((node.as_text()?.to_owned(), node.span)))
            .filter(|(owner, _)| !owner.trim().is_empty());
        ProjectFile {
            source: Arc::clone(source),
            id,
            interfaces,
            retired,
            owner,
        }
    }
}

/// Runs the project checks. `known_ids` are the ids that exist in the repository besides the checked files (the
/// file names in the processes directory), so that linting one file still resolves its interfaces.
pub fn check(
    files: &[&ProjectFile],
    known_ids: &BTreeSet<String>,
    owners: Option<&Owners>,
) -> Vec<Finding> {
    let mut findings = Vec::new();
    if let Some(owners) = owners {
        for file in files {
            owner_address(file, owners, &mut findings);
        }
    }
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
    let retired: BTreeMap<&str, &Retired> = files
        .iter()
        .filter_map(|file| Some((file.id.as_ref()?.0.as_str(), file.retired.as_ref()?)))
        .collect();
    for file in files {
        if let Some((id, span)) = file.retired.as_ref().and_then(|r| r.replaced_by.as_ref())
            && !all_ids.contains(id.as_str())
        {
            let help = match did_you_mean(id, all_ids.iter().copied()) {
                Some(close) => format!("did you mean `{close}`?"),
                None => {
                    "name the id of the process that replaces it, or say in `note` what replaces it"
                        .to_owned()
                }
            };
            findings.push(
                Finding::new(
                    &UNKNOWN_REPLACEMENT,
                    &file.source,
                    Some(*span),
                    format!("there is no process with the id `{id}` to replace this one"),
                )
                .label("unknown process")
                .help(help),
            );
        }
        for (id, span) in &file.interfaces {
            if let Some(retirement) = retired.get(id.as_str()) {
                let (message, help) = match &retirement.replaced_by {
                    Some((replacement, _)) => (
                        format!(
                            "`{id}` is retired (since {}): `{replacement}` replaced it",
                            retirement.date
                        ),
                        format!(
                            "point the interface to the process in use: `process: {replacement}`"
                        ),
                    ),
                    None => (
                        format!("`{id}` is retired (since {})", retirement.date),
                        "remove the interface, or point it to the process that does that work now"
                            .to_owned(),
                    ),
                };
                findings.push(
                    Finding::new(&RETIRED_INTERFACE, &file.source, Some(*span), message)
                        .label("retired process")
                        .help(help),
                );
                continue;
            }
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

/// An owner the reminders cannot reach: `[owners]` in `proc.toml` has no address for them.
fn owner_address(file: &ProjectFile, owners: &Owners, findings: &mut Vec<Finding>) {
    let Some((owner, span)) = &file.owner else {
        return;
    };
    if owners.addresses(owner).is_some() {
        return;
    }
    let owner = crate::config::owner_name(owner);
    let help = match did_you_mean(&owner, owners.names()) {
        Some(close) => format!(
            "proc.toml has \"{close}\": if that is the same owner, write the name the same way in both; else add `\"{owner}\" = \"name@example.org\"` under [owners] in proc.toml"
        ),
        None => format!(
            "add `\"{owner}\" = \"name@example.org\"` under [owners] in proc.toml, with the owner's address"
        ),
    };
    findings.push(
        Finding::new(
            &OWNER_WITHOUT_ADDRESS,
            &file.source,
            Some(*span),
            format!("the owner \"{owner}\" has no e-mail address under [owners] in proc.toml, so `proc due --format email` cannot remind them"),
        )
        .label("no address for this owner")
        .help(help),
    );
}
