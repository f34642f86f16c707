//! The steps of a process: someone responsible for each, distinct names, and flow that goes somewhere.

use super::{FileContext, did_you_mean};
use crate::finding::{Finding, Rule, declare_rule};
use crate::load::{Node, Value};

declare_rule! {
    /// A step without anyone responsible.
    ///
    /// Every step needs at least one role in `responsible` ("Vem gör/Ansvarig"): a step no one owns does not get
    /// done, and the rendered chart has no lane to put it in.
    pub const NO_RESPONSIBLE = ("P502", "no-responsible", Error);
}

declare_rule! {
    /// Two steps with the same name (or the same `id`).
    ///
    /// Steps are referred to by name in discussions and by `id` in `next`; two steps called the same are
    /// ambiguous, and usually one of them was copied and not renamed.
    pub const DUPLICATE_STEP = ("P503", "duplicate-step", Error);
}

declare_rule! {
    /// A step's `next` names a step `id` that does not exist.
    ///
    /// `next` lists the `id`s of the steps the flow goes to after this one. Each must be the `id` of a step in
    /// the same process.
    pub const UNKNOWN_NEXT_STEP = ("P406", "unknown-next-step", Error);
}

pub const RULES: &[&Rule] = &[&NO_RESPONSIBLE, &DUPLICATE_STEP, &UNKNOWN_NEXT_STEP];

pub fn check(context: &FileContext<'_>, findings: &mut Vec<Finding>) {
    let Some(steps) = context.root.get("steps").and_then(Node::as_seq) else {
        return;
    };
    let mut names: Vec<(String, &Node)> = Vec::new();
    let mut ids: Vec<(&str, &Node)> = Vec::new();
    for (index, step) in steps.iter().enumerate() {
        if step.as_map().is_none() {
            continue;
        }
        responsible(context, step, index, findings);
        if let Some(name_node) = step.get("name")
            && let Some(name) = name_node.as_text()
            && !name.trim().is_empty()
        {
            let key = name.trim().to_lowercase();
            if let Some((_, first)) = names.iter().find(|(seen, _)| *seen == key) {
                let first_line = context.source.line_column(first.span.start).line;
                findings.push(
                    context
                        .finding(&DUPLICATE_STEP, name_node, format!("step {} has the same name as an earlier step (line {first_line})", index + 1))
                        .label("same name again")
                        .related(first.span, "first step with this name")
                        .help("give each step its own name; if the step really happens twice, say how the two differ"),
                );
            } else {
                names.push((key, name_node));
            }
        }
        if let Some(id_node) = step.get("id")
            && let Some(id) = id_node.as_text()
        {
            if let Some((_, first)) = ids.iter().find(|(seen, _)| *seen == id) {
                findings.push(
                    context
                        .finding(
                            &DUPLICATE_STEP,
                            id_node,
                            format!("two steps have the id `{id}`"),
                        )
                        .label("same id again")
                        .related(first.span, "first step with this id")
                        .help("give each step its own `id`"),
                );
            } else {
                ids.push((id, id_node));
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
