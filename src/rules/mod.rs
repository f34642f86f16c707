//! The checks `proc lint` makes, one file per rule or small family of rules.
//!
//! Every rule has a stable code and name (see [`crate::finding::Rule`]). Per-file checks look at one file's node
//! tree; project checks ([`project`]) look across all files (duplicate ids, interfaces to other processes).

use std::sync::Arc;

use crate::finding::{Finding, Rule};
use crate::load::{Node, PathSegment, Value};
use crate::source::SourceFile;

pub mod changes;
pub mod dates;
pub mod docs;
pub mod identity;
pub mod lifecycle;
pub mod links;
pub mod months;
pub mod pasted;
pub mod project;
pub mod registry;
pub mod scalars;
pub mod steps;
pub mod structure;
pub mod text;
pub mod usable;
pub mod version;
pub mod yaml_traps;

pub use docs::{explain, listing};

/// What a per-file check sees.
pub struct FileContext<'a> {
    pub source: &'a Arc<SourceFile>,
    pub root: &'a Node,
    /// The file's comments, tags, anchors and aliases.
    pub notation: &'a crate::load::Notation,
    /// The date that counts as today, for rules about dates in the future.
    pub today: jiff::civil::Date,
    /// The file's text values (see [`text_values`]), found once for the rules that look at each of them.
    pub text_values: Vec<(Vec<PathSegment<'a>>, &'a Node)>,
}

impl<'a> FileContext<'a> {
    pub fn new(
        source: &'a Arc<SourceFile>,
        root: &'a Node,
        notation: &'a crate::load::Notation,
        today: jiff::civil::Date,
    ) -> Self {
        FileContext {
            source,
            root,
            notation,
            today,
            text_values: text_values(root),
        }
    }

    /// A finding about a node. The span stops at the node's last character: a block text's span in the tree runs
    /// on to the start of the next line, and underlining that line would point at a line that is fine.
    pub fn finding(&self, rule: &'static Rule, node: &Node, message: impl Into<String>) -> Finding {
        let text = self.source.slice(node.span);
        let shown = text.trim_end_matches(['\n', '\r', ' ']).len();
        let span = if text.is_empty() || shown == 0 {
            node.span
        } else {
            crate::source::Span::new(node.span.start, shown)
        };
        Finding::new(rule, self.source, Some(span), message)
    }
}

type FileCheck = fn(&FileContext<'_>, &mut Vec<Finding>);

/// Every per-file check, in the order their findings are produced (the final output is sorted by position).
const FILE_CHECKS: &[FileCheck] = &[
    structure::check,
    scalars::check,
    identity::check,
    dates::check,
    months::check,
    lifecycle::check,
    version::check,
    text::check,
    yaml_traps::check,
    pasted::check,
    links::check,
    steps::check,
];

/// Runs every per-file check on a parsed file.
pub fn check_file(context: &FileContext<'_>) -> Vec<Finding> {
    let mut findings = Vec::new();
    for check in FILE_CHECKS {
        check(context, &mut findings);
    }
    findings
}

/// Every rule `proc` knows, ordered by code.
pub fn all_rules() -> Vec<&'static Rule> {
    registry::ALL.to_vec()
}

/// Finds a rule by its name or code.
pub fn find_rule(name_or_code: &str) -> Option<&'static Rule> {
    all_rules()
        .into_iter()
        .find(|rule| rule.name == name_or_code || rule.code.eq_ignore_ascii_case(name_or_code))
}

/// The closest of `candidates` to a misspelt `word`, if it is close enough to be what was meant.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word = word.to_lowercase();
    candidates
        .into_iter()
        .map(|candidate| {
            (
                strsim::jaro_winkler(&word, &candidate.to_lowercase()),
                candidate,
            )
        })
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, candidate)| candidate)
}

/// The nodes matching a path pattern such as `reviews/*/date`, with their concrete paths.
pub fn select<'a>(
    root: &'a Node,
    pattern: &'static str,
) -> Vec<(Vec<PathSegment<'static>>, &'a Node)> {
    let mut current: Vec<(Vec<PathSegment<'static>>, &Node)> = vec![(Vec::new(), root)];
    for part in pattern.split('/').filter(|part| !part.is_empty()) {
        let mut next = Vec::new();
        for (path, node) in current {
            if part == "*" {
                for (index, item) in node.as_seq().unwrap_or_default().iter().enumerate() {
                    let mut item_path = path.clone();
                    item_path.push(PathSegment::Index(index));
                    next.push((item_path, item));
                }
            } else if let Some(entry) = node.entry(part) {
                let mut key_path = path.clone();
                key_path.push(PathSegment::Key(part));
                next.push((key_path, &entry.value));
            }
        }
        current = next;
    }
    current
}

/// Keys whose values are not free text: identifiers, codes, dates, numbers and addresses. Everything else a
/// process holds is text someone wrote for readers.
fn is_text_key(key: &str) -> bool {
    !matches!(
        key,
        "id" | "language"
            | "version"
            | "date"
            | "month"
            | "from"
            | "to"
            | "url"
            | "next"
            | "process"
    )
}

/// Every scalar value (not key) that holds text for readers, with its path: what the rules about lost and mangled
/// text look at.
pub fn text_values(root: &Node) -> Vec<(Vec<PathSegment<'_>>, &Node)> {
    fn walk<'a>(
        node: &'a Node,
        path: &mut Vec<PathSegment<'a>>,
        text: bool,
        out: &mut Vec<(Vec<PathSegment<'a>>, &'a Node)>,
    ) {
        match &node.value {
            Value::Map(entries) => {
                for entry in entries {
                    let Some(key) = entry.key.as_text() else {
                        continue;
                    };
                    path.push(PathSegment::Key(key));
                    walk(&entry.value, path, is_text_key(key), out);
                    path.pop();
                }
            }
            Value::Seq(items) => {
                for (index, item) in items.iter().enumerate() {
                    path.push(PathSegment::Index(index));
                    walk(item, path, text, out);
                    path.pop();
                }
            }
            Value::Scalar(_) if text && !path.is_empty() => out.push((path.clone(), node)),
            _ => {}
        }
    }
    let mut out = Vec::new();
    walk(root, &mut Vec::new(), true, &mut out);
    out
}

/// A path as a JSON pointer (`/steps/0/what`), the form fixes state their expected values in.
pub fn pointer(path: &[PathSegment<'_>]) -> String {
    let mut pointer = String::new();
    for segment in path {
        pointer.push('/');
        match segment {
            PathSegment::Key(key) => pointer.push_str(&key.replace('~', "~0").replace('/', "~1")),
            PathSegment::Index(index) => pointer.push_str(&index.to_string()),
        }
    }
    pointer
}

/// What is written before a value on its line, without the indentation (`goal: `, `- `), for help that shows
/// the whole line to write.
pub fn written_before(source: &SourceFile, node: &Node) -> String {
    let at = source.line_column(node.span.start);
    let line = source.line_text(at.line);
    let before: String = line.chars().take(at.column.saturating_sub(1)).collect();
    before.trim_start().to_owned()
}

/// The column (0-based, in characters) where the key owning a value begins, or where a list entry's text begins:
/// lines written under the value are indented from here.
pub fn key_column(source: &SourceFile, node: &Node) -> usize {
    let line = source.line_text(source.line_column(node.span.start).line);
    line.chars().count() - line.trim_start_matches([' ', '-']).chars().count()
}

/// A step as messages name it: `step 2 ("Vård")`.
pub fn step_name(root: &Node, index: usize) -> String {
    let name = root
        .at_path([
            PathSegment::Key("steps"),
            PathSegment::Index(index),
            PathSegment::Key("name"),
        ])
        .and_then(Node::as_text)
        .filter(|name| !name.trim().is_empty());
    match name {
        Some(name) => format!("step {} (\"{name}\")", index + 1),
        None => format!("step {}", index + 1),
    }
}

/// Writes a path as users read it: `steps[2].name` (1-based step numbers are in messages, not here).
pub fn path_text(path: &[PathSegment<'_>]) -> String {
    let mut text = String::new();
    for segment in path {
        match segment {
            PathSegment::Key(key) => {
                if !text.is_empty() {
                    text.push('.');
                }
                text.push_str(key);
            }
            PathSegment::Index(index) => text.push_str(&format!("[{}]", index + 1)),
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn did_you_mean_finds_typos_and_ignores_strangers() {
        let keys = ["owner", "name", "goal", "responsible"];
        assert_eq!(did_you_mean("ownr", keys), Some("owner"));
        assert_eq!(did_you_mean("Responsibel", keys), Some("responsible"));
        assert_eq!(did_you_mean("colour", keys), None);
    }

    #[test]
    fn the_registry_is_ordered_by_code_and_knows_where_each_rule_is() {
        for (index, rule) in registry::ALL.iter().enumerate() {
            assert_eq!(rule.index(), index, "{}", rule.name);
            if let Some(next) = registry::ALL.get(index + 1) {
                assert!(rule.code < next.code, "{} before {}", rule.code, next.code);
            }
        }
        assert_eq!(find_rule("p402"), Some(&registry::DUPLICATE_ID));
        assert_eq!(
            find_rule("unused-suppression"),
            Some(&registry::UNUSED_SUPPRESSION)
        );
    }

    #[test]
    fn every_rule_has_a_unique_code_and_name() {
        let rules = all_rules();
        for (index, rule) in rules.iter().enumerate() {
            for other in &rules[index + 1..] {
                assert_ne!(rule.code, other.code);
                assert_ne!(rule.name, other.name);
            }
            assert!(
                !rule.summary().is_empty(),
                "{} has no explanation",
                rule.name
            );
        }
    }
}
