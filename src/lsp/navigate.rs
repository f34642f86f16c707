//! Hover and go to definition: what a key means, where a date leads, and which process or step an id names.

use lsp_types::{
    GotoDefinitionParams, GotoDefinitionResponse, Hover, HoverContents, HoverParams, Location,
    MarkupContent, MarkupKind,
};

use super::Server;
use crate::load::{Node, PathSegment, Value};
use crate::model::{Date, ReviewCycle};
use crate::source::SourceFile;

/// Where the cursor is in the tree: the path to the innermost key or value holding it.
struct Spot<'a> {
    path: Vec<PathSegment<'a>>,
    node: &'a Node,
    /// On the key itself rather than its value.
    on_key: bool,
}

/// How far down the tree a place lies: the keys of the entries holding it, outermost first, and the deepest
/// node reached (a key, a scalar, or a collection the place lies in but before any of its entries).
pub(super) struct Reach<'a> {
    path: Vec<PathSegment<'a>>,
    pub keys: Vec<&'a Node>,
    node: &'a Node,
    on_key: bool,
}

pub(super) fn reach(root: &Node, offset: usize) -> Reach<'_> {
    // Collections carry only where they start (the loader gives them no length), so a place belongs to the last
    // entry or item starting at or before it.
    let mut reach = Reach {
        path: Vec::new(),
        keys: Vec::new(),
        node: root,
        on_key: false,
    };
    loop {
        match &reach.node.value {
            Value::Map(entries) => {
                let Some(entry) = entries
                    .iter()
                    .rev()
                    .find(|entry| entry.key.span.start <= offset)
                else {
                    return reach;
                };
                reach
                    .path
                    .push(PathSegment::Key(entry.key.as_text().unwrap_or_default()));
                reach.keys.push(&entry.key);
                if offset <= entry.key.span.end() {
                    reach.node = &entry.key;
                    reach.on_key = true;
                    return reach;
                }
                reach.node = &entry.value;
            }
            Value::Seq(items) => {
                let Some((index, item)) = items
                    .iter()
                    .enumerate()
                    .rev()
                    .find(|(_, item)| item.span.start <= offset)
                else {
                    return reach;
                };
                reach.path.push(PathSegment::Index(index));
                reach.node = item;
            }
            Value::Null | Value::Scalar(_) => return reach,
        }
    }
}

/// The key or scalar under the cursor, if the cursor is on one.
fn spot(root: &Node, offset: usize) -> Option<Spot<'_>> {
    let Reach {
        path, node, on_key, ..
    } = reach(root, offset);
    let holds = node.span.start <= offset && offset <= node.span.end();
    let scalar = matches!(node.value, Value::Null | Value::Scalar(_));
    (holds && (on_key || scalar) && !path.is_empty()).then_some(Spot { path, node, on_key })
}

fn last_key<'a>(path: &[PathSegment<'a>]) -> Option<&'a str> {
    path.iter().rev().find_map(|segment| match segment {
        PathSegment::Key(key) => Some(*key),
        PathSegment::Index(_) => None,
    })
}

/// The open file's tree and the spot at a position.
fn at_cursor(
    server: &Server,
    position: &lsp_types::TextDocumentPositionParams,
) -> Option<(SourceFile, Node, usize)> {
    let (_, source) = server.document(&position.text_document.uri)?;
    let offset = server.encoding().offset(&source, position.position);
    let root = crate::load::parse_text(&source.text)?;
    Some((source, root, offset))
}

/// On a key, what it means (the model's documentation, as in the JSON Schema); on a review date, the due date
/// it leads to; on a `process:` id, that process's name and owner; on a `next:` id, that step's name.
pub fn hover(server: &Server, params: HoverParams) -> Option<Hover> {
    let position = params.text_document_position_params;
    let (source, root, offset) = at_cursor(server, &position)?;
    let spot = spot(&root, offset)?;
    let text = if spot.on_key {
        let description = crate::schema::description_at(&spot.path)?;
        format!("**{}**\n\n{description}", last_key(&spot.path)?)
    } else {
        match (spot.path.first(), last_key(&spot.path)) {
            (Some(PathSegment::Key("interfaces")), Some("process"))
            | (Some(PathSegment::Key("retired")), Some("replaced_by")) => {
                let id = spot.node.as_text()?;
                let (file, root) = process_with_id(server, &source, id)?;
                let name = root.get("name").and_then(Node::as_text).unwrap_or("");
                let owner = root.get("owner").and_then(Node::as_text).unwrap_or("");
                format!("**{name}**\n\nOwner: {owner}\n\n`{}`", file.display_path())
            }
            (Some(PathSegment::Key("steps")), Some("next")) => {
                let id = spot.node.as_text()?;
                let (_, step) = step_with_id(&root, id)?;
                let name = step.get("name").and_then(Node::as_text).unwrap_or("");
                format!("Step **{name}**")
            }
            (Some(PathSegment::Key("approved" | "updated" | "reviews")), Some("date")) => {
                due_from(&root, spot.node)?
            }
            _ => {
                let key_path = &spot.path[..spot
                    .path
                    .iter()
                    .rposition(|segment| matches!(segment, PathSegment::Key(_)))?
                    + 1];
                let description = crate::schema::description_at(key_path)?;
                format!("**{}**\n\n{description}", last_key(key_path)?)
            }
        }
    };
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: text,
        }),
        range: Some(server.encoding().range(&source, spot.node.span)),
    })
}

/// What a review date means for the next review: the due date it leads to under the file's review cycle, and
/// whether it is the date that counts (the latest of the approval, the update and the reviews).
fn due_from(root: &Node, date_node: &Node) -> Option<String> {
    let date: Date = crate::load::from_node(date_node).ok()?;
    let Some(cycle) = root
        .get("review_cycle")
        .and_then(|node| crate::load::from_node::<ReviewCycle>(node).ok())
    else {
        return Some(format!(
            "{date}: no review falls due from it, since the process has no valid `review_cycle`"
        ));
    };
    let due = crate::review_status::due_date(&cycle.windows(), date.0, cycle.every())?;
    let dates = [
        root.get("approved").and_then(|node| node.get("date")),
        root.get("updated").and_then(|node| node.get("date")),
    ]
    .into_iter()
    .flatten()
    .chain(
        root.get("reviews")
            .into_iter()
            .flat_map(|node| match &node.value {
                Value::Seq(items) => items.iter().filter_map(|item| item.get("date")).collect(),
                _ => Vec::new(),
            }),
    )
    .filter_map(|node| crate::load::from_node::<Date>(node).ok());
    let latest = dates.max_by_key(|date| date.0)?;
    Some(if latest.0 > date.0 {
        format!(
            "A review on {date} would fall due on **{due}**, but a later date counts: {latest}, \
             due on **{}**.",
            crate::review_status::due_date(&cycle.windows(), latest.0, cycle.every())
                .map_or_else(|| "no date".to_owned(), |due| due.to_string())
        )
    } else {
        format!("The last review ({date}): the next one is due on **{due}** (`proc due` lists it).")
    })
}

/// Go to the file of a `process:` id, or to the step a `next:` id names.
pub fn definition(server: &Server, params: GotoDefinitionParams) -> Option<GotoDefinitionResponse> {
    let position = params.text_document_position_params;
    let (source, root, offset) = at_cursor(server, &position)?;
    let spot = spot(&root, offset)?;
    if spot.on_key {
        return None;
    }
    let id = spot.node.as_text()?;
    let encoding = server.encoding();
    let location = match (spot.path.first(), last_key(&spot.path)) {
        (Some(PathSegment::Key("interfaces")), Some("process"))
        | (Some(PathSegment::Key("retired")), Some("replaced_by")) => {
            let (file, root) = process_with_id(server, &source, id)?;
            let span = root
                .get("id")
                .map_or_else(Default::default, |node| node.span);
            let path = std::path::absolute(file.path()).ok()?;
            Location::new(super::uri::from_path(&path)?, encoding.range(file, span))
        }
        (Some(PathSegment::Key("steps")), Some("next")) => {
            let (id_node, _) = step_with_id(&root, id)?;
            Location::new(
                position.text_document.uri.clone(),
                encoding.range(&source, id_node.span),
            )
        }
        _ => return None,
    };
    Some(GotoDefinitionResponse::Scalar(location))
}

/// The file of the repository whose `id` is `id`, with its tree.
fn process_with_id<'a>(
    server: &'a Server,
    source: &SourceFile,
    id: &str,
) -> Option<(&'a SourceFile, &'a Node)> {
    let repository = server.repository_of(source.path())?;
    repository.files().into_iter().find_map(|file| {
        let root = file.root?;
        (root.get("id")?.as_text()? == id).then_some((file.source.as_ref(), root))
    })
}

/// The step of this file whose `id` is `id`: its id's node and the step.
fn step_with_id<'a>(root: &'a Node, id: &str) -> Option<(&'a Node, &'a Node)> {
    let Value::Seq(steps) = &root.get("steps")?.value else {
        return None;
    };
    steps.iter().find_map(|step| {
        let node = step.get("id")?;
        (node.as_text()? == id).then_some((node, step))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_spot_is_the_innermost_key_or_value() {
        let text = "id: a\nsteps:\n  - name: Start\n    next: [slut]\n";
        let Some(root) = crate::load::parse_text(text) else {
            panic!("the text reads");
        };
        let offset = text.find("slut").unwrap_or_default() + 1;
        let Some(found) = spot(&root, offset) else {
            panic!("a spot");
        };
        assert!(!found.on_key);
        assert_eq!(found.node.as_text(), Some("slut"));
        assert_eq!(last_key(&found.path), Some("next"));
        let key = spot(&root, text.find("name").unwrap_or_default());
        assert!(key.is_some_and(|spot| spot.on_key && last_key(&spot.path) == Some("name")));
    }

    #[test]
    fn a_review_date_tells_when_the_next_review_is_due() {
        let text = "id: a\nupdated:\n  date: 2021-05-14\nreview_cycle:\n  month: april\n";
        let Some(root) = crate::load::parse_text(text) else {
            panic!("the text reads");
        };
        let Some(found) = spot(&root, text.find("2021").unwrap_or_default() + 2) else {
            panic!("a spot");
        };
        let due = due_from(&root, found.node);
        assert!(
            due.as_deref()
                .is_some_and(|text| text.contains("2022-04-30")),
            "{due:?}"
        );
    }
}
