//! The steps of a process: someone responsible for each, distinct names, and flow that goes somewhere.

use super::{FileContext, did_you_mean};
use crate::finding::Finding;
use crate::load::{Node, Value};

pub use crate::rules::registry::{DUPLICATE_STEP, NO_RESPONSIBLE, UNKNOWN_NEXT_STEP};

pub fn check(context: &FileContext<'_>, findings: &mut Vec<Finding>) {
    let Some(steps) = context.root.get("steps").and_then(Node::as_seq) else {
        return;
    };
    // Each name and id with the step (0-based) and node where it was first seen.
    let mut names: Vec<(String, usize, &Node)> = Vec::new();
    let mut ids: Vec<(&str, &Node)> = Vec::new();
    let mut id_steps: Vec<usize> = Vec::new();
    for (index, step) in steps.iter().enumerate() {
        if step.as_map().is_none() {
            continue;
        }
        responsible(context, step, index, findings);
        let same_name = step.get("name").and_then(|name_node| {
            let name = name_node.as_text()?.trim().to_lowercase();
            if name.is_empty() {
                return None;
            }
            match names.iter().find(|(seen, _, _)| *seen == name) {
                Some((_, first, first_node)) => Some((name_node, *first, *first_node)),
                None => {
                    names.push((name, index, name_node));
                    None
                }
            }
        });
        let same_id = step.get("id").and_then(|id_node| {
            let id = id_node.as_text()?;
            match ids.iter().position(|(seen, _)| *seen == id) {
                Some(at) => Some((id_node, id, id_steps[at], ids[at].1)),
                None => {
                    ids.push((id, id_node));
                    id_steps.push(index);
                    None
                }
            }
        });
        match (same_name, same_id) {
            // A step copied whole (same id and same name as one step) is one mistake: one finding, at the name.
            (Some((name_node, first, first_node)), Some((_, id, id_first, _)))
                if first == id_first =>
            {
                findings.push(duplicate(context, index, first, name_node, first_node, &format!("the same name and the same id `{id}`"))
                    .help("a copied step: change its `name` and `id` to the new step's own, or delete the copy if the step happens only once"));
            }
            (same_name, same_id) => {
                if let Some((name_node, first, first_node)) = same_name {
                    findings.push(duplicate(context, index, first, name_node, first_node, "the same name")
                        .help("give each step its own name; if the step really happens twice, say how the two differ"));
                }
                if let Some((id_node, id, first, first_node)) = same_id {
                    findings.push(
                        duplicate(
                            context,
                            index,
                            first,
                            id_node,
                            first_node,
                            &format!("the same id `{id}`"),
                        )
                        .help("give each step its own `id`"),
                    );
                }
            }
        }
    }
    for step in steps {
        let Some(next) = step.get("next").and_then(Node::as_seq) else {
            continue;
        };
        for target in next {
            let Some(id) = target.as_text() else {
                continue;
            };
            if ids.iter().any(|(known, _)| *known == id) {
                continue;
            }
            let help = match did_you_mean(id, ids.iter().map(|(known, _)| *known)) {
                Some(close) => format!("did you mean `{close}`?"),
                None if ids.is_empty() => {
                    "give the step the flow goes to an `id:`, and name that id here".to_owned()
                }
                None => format!(
                    "the step ids in this process are: {}",
                    ids.iter().map(|(id, _)| *id).collect::<Vec<_>>().join(", ")
                ),
            };
            findings.push(
                context
                    .finding(
                        &UNKNOWN_NEXT_STEP,
                        target,
                        format!("there is no step with the id `{id}`"),
                    )
                    .label("unknown step")
                    .help(help),
            );
        }
    }
}

/// Step `index` has `what` (the same name, the same id) as step `first`: shown at both places, and only those
/// (the steps between them are not the point).
fn duplicate(
    context: &FileContext<'_>,
    index: usize,
    first: usize,
    node: &Node,
    first_node: &Node,
    what: &str,
) -> Finding {
    let first_line = context.source.line_column(first_node.span.start).line;
    context
        .finding(
            &DUPLICATE_STEP,
            node,
            format!(
                "{} has {what} as step {} (line {first_line})",
                super::step_name(context.root, index),
                first + 1
            ),
        )
        .label(if what.contains(" and ") {
            format!("step {}: a copy of step {}", index + 1, first + 1)
        } else {
            format!("step {}: {what} again", index + 1)
        })
        .related(
            first_node.span,
            format!("step {}: first written here", first + 1),
        )
}

fn responsible(context: &FileContext<'_>, step: &Node, index: usize, findings: &mut Vec<Finding>) {
    let Some(entry) = step.entry("responsible") else {
        return; // a missing key is reported by missing-key
    };
    let empty = match &entry.value.value {
        Value::Null => true,
        Value::Seq(items) => items.iter().all(Node::is_blank),
        Value::Scalar(scalar) => scalar.text.trim().is_empty(),
        Value::Map(_) => false,
    };
    if empty {
        findings.push(
            context
                .finding(&NO_RESPONSIBLE, &entry.key, format!("{} has no one responsible", super::step_name(context.root, index)))
                .label("no roles listed")
                .help("list who does the step or is responsible for it, one role per line:\nresponsible:\n  - Socialarbetare"),
        );
    }
}
