//! Completion where the JSON Schema cannot help: values that depend on the other files and on this one.

use std::collections::BTreeMap;

use lsp_types::{
    CompletionItem, CompletionItemKind, CompletionParams, CompletionResponse, CompletionTextEdit,
    TextEdit,
};

use super::Server;
use crate::load::Node;
use crate::model::{Language, Month};
use crate::source::{SourceFile, Span};

/// What the cursor is on: the value of `key` being written, from `start` to the cursor.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct ValueAt<'a> {
    pub key: &'a str,
    pub start: usize,
}

/// The key whose value is being written at `offset`: `key: val|`, or an item of the list under `key:` (`- val|`).
/// Read from the lines, not the tree: while a value is being typed the file often does not read as YAML.
pub(crate) fn value_at(source: &SourceFile, offset: usize) -> Option<ValueAt<'_>> {
    let line = source.line_column(offset).line;
    let line_start = source.line_start(line);
    let before = source.text.get(line_start..offset)?;
    let (indent, rest) = list_marks(before);
    if let Some((key, value)) = rest.split_once(':')
        && is_key(key)
    {
        let typed = value.trim_start();
        let typed = typed.strip_prefix(['"', '\'']).unwrap_or(typed);
        return Some(ValueAt {
            key,
            start: offset - typed.len(),
        });
    }
    // An item of a list: the key is on the nearest line above that is indented less than the dash.
    if !before[..indent].trim_start().starts_with('-') {
        return None;
    }
    let typed = rest.strip_prefix(['"', '\'']).unwrap_or(rest);
    let dash = before.len() - before.trim_start().len();
    let key = (1..line).rev().find_map(|above| {
        let text = source.line_text(above);
        let trimmed = text.trim_start();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            return None;
        }
        let column = text.len() - trimmed.len();
        // Deeper than this item, or another item of the same list: not the key the list belongs to.
        if column > dash || (column == dash && trimmed.starts_with('-')) {
            return None;
        }
        let (_, rest) = list_marks(text);
        Some(rest.strip_suffix(':').filter(|key| is_key(key)))
    })??;
    Some(ValueAt {
        key,
        start: offset - typed.len(),
    })
}

/// A line's leading spaces and list dashes (`  - - `), as a length, and what follows them.
fn list_marks(line: &str) -> (usize, &str) {
    let mut rest = line.trim_start();
    while let Some(after) = rest.strip_prefix('-')
        && (after.is_empty() || after.starts_with(' '))
    {
        rest = after.trim_start();
    }
    (line.len() - rest.len(), rest)
}

fn is_key(text: &str) -> bool {
    !text.is_empty()
        && text
            .chars()
            .all(|character| character.is_ascii_alphanumeric() || character == '_')
}

/// The completions at the cursor: process ids after `process:`, this file's step ids after `next:`, month names
/// in the file's language after `month:`, `from:` and `to:`, and the roles (`responsible`) and owners already
/// written in the repository (and the owners of `[owners]` in `proc.toml`), so that one role is spelt one way
/// everywhere.
pub fn completion(server: &Server, params: CompletionParams) -> Option<CompletionResponse> {
    let position = params.text_document_position;
    let (document, source) = server.document(&position.text_document.uri)?;
    let encoding = server.encoding();
    let offset = encoding.offset(&source, position.position);
    let at = value_at(&source, offset)?;
    let tree = crate::load::parse_text(&document.text);
    let repository = server.repository_of(&document.path);
    let others = || {
        repository
            .into_iter()
            .flat_map(|repository| repository.files())
            .filter(|file| file.source.path() != document.path)
            .filter_map(|file| file.root)
            .collect::<Vec<&Node>>()
    };
    // Value → detail shown beside it.
    let mut values: BTreeMap<String, String> = BTreeMap::new();
    let kind = match at.key {
        "process" | "replaced_by" => {
            for root in others() {
                if let Some(id) = text(root.get("id")) {
                    let name = text(root.get("name")).unwrap_or_default();
                    values.insert(id.to_owned(), name.to_owned());
                }
            }
            CompletionItemKind::REFERENCE
        }
        "next" => {
            for step in tree.iter().flat_map(|root| items(root.get("steps"))) {
                if let Some(id) = text(step.get("id")) {
                    let name = text(step.get("name")).unwrap_or_default();
                    values.insert(id.to_owned(), name.to_owned());
                }
            }
            CompletionItemKind::REFERENCE
        }
        "month" | "from" | "to" => {
            let language = tree
                .as_ref()
                .and_then(|root| text(root.get("language")))
                .and_then(|code| serde_json::from_value(code.into()).ok())
                .or_else(|| repository.map(|repository| repository.options().config.language))
                .unwrap_or(Language::Sv);
            for number in 1..=12 {
                if let Some(month) = Month::new(number) {
                    // Sorted by number, not by name: `sort_text` below keeps the year's order.
                    values.insert(
                        format!("{number:02}{}", month.name(language)),
                        String::new(),
                    );
                }
            }
            CompletionItemKind::ENUM_MEMBER
        }
        "responsible" | "owner" => {
            let mut roots = others();
            roots.extend(tree.as_ref());
            for root in roots {
                let written: Vec<&Node> = if at.key == "owner" {
                    root.get("owner").into_iter().collect()
                } else {
                    items(root.get("steps"))
                        .flat_map(|step| items(step.get("responsible")))
                        .collect()
                };
                for role in written.into_iter().filter_map(|node| text(Some(node))) {
                    let role = role.trim();
                    if !role.is_empty() && !role.contains('\n') {
                        *values.entry(role.to_owned()).or_default() = String::new();
                    }
                }
            }
            // The owners proc.toml has addresses for, written as it writes them, with their addresses.
            let owners =
                repository.and_then(|repository| repository.options().config.owners.as_ref());
            if let Some(owners) = owners.filter(|_| at.key == "owner") {
                for name in owners.names() {
                    let addresses = owners.addresses(name).unwrap_or_default().join(", ");
                    let known = values
                        .keys()
                        .find(|written| {
                            crate::config::owner_key(written) == crate::config::owner_key(name)
                        })
                        .cloned();
                    values.insert(known.unwrap_or_else(|| name.to_owned()), addresses);
                }
            }
            CompletionItemKind::VALUE
        }
        _ => return None,
    };
    let range = encoding.range(&source, Span::new(at.start, offset - at.start));
    let months = matches!(at.key, "month" | "from" | "to");
    let items = values
        .into_iter()
        .map(|(value, detail)| {
            let (sort, label) = if months {
                (value.clone(), value[2..].to_owned())
            } else {
                (value.clone(), value)
            };
            CompletionItem {
                text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
                    range,
                    crate::yaml_text::yaml_text(&label),
                ))),
                label,
                kind: Some(kind),
                detail: (!detail.is_empty()).then_some(detail),
                sort_text: Some(sort),
                ..CompletionItem::default()
            }
        })
        .collect();
    Some(CompletionResponse::Array(items))
}

fn text(node: Option<&Node>) -> Option<&str> {
    node?.as_text()
}

fn items(node: Option<&Node>) -> impl Iterator<Item = &Node> {
    node.and_then(|node| match &node.value {
        crate::load::Value::Seq(items) => Some(items.iter()),
        _ => None,
    })
    .into_iter()
    .flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Option<(String, String)> {
        let offset = text.find('|').unwrap_or(text.len());
        let text = text.replacen('|', "", 1);
        let source = SourceFile::new("a.yaml".into(), text);
        value_at(&source, offset)
            .map(|at| (at.key.to_owned(), source.text[at.start..offset].to_owned()))
    }

    #[test]
    fn the_key_of_the_value_being_written_is_found_on_its_line_or_above_its_list() {
        let pair = |key: &str, typed: &str| Some((key.to_owned(), typed.to_owned()));
        assert_eq!(at("interfaces:\n  - process: oro|"), pair("process", "oro"));
        assert_eq!(
            at("retired:\n  replaced_by: fam|"),
            pair("replaced_by", "fam")
        );
        assert_eq!(at("steps:\n  - next: \"st|"), pair("next", "st"));
        assert_eq!(
            at("steps:\n  - name: a\n    next:\n      - |"),
            pair("next", "")
        );
        assert_eq!(
            at("steps:\n  - responsible:\n      - Enhets|"),
            pair("responsible", "Enhets")
        );
        assert_eq!(
            at("steps:\n  - responsible:\n    - Enhets|"),
            pair("responsible", "Enhets")
        );
        assert_eq!(at("review_cycle:\n  month: ap|"), pair("month", "ap"));
        // A key being written, or a list item with no key above it, is not a value.
        assert_eq!(at("own|"), None);
        assert_eq!(at("- a|"), None);
    }
}
