//! The review cycle: months that are months, and a cycle that exists.

use super::{FileContext, did_you_mean, select};
use crate::finding::{Applicability, Expect, Finding, Fix};
use crate::load::{Node, ScalarKind, Value};
use crate::model::Month;

pub use crate::rules::registry::{INVALID_MONTH, NO_REVIEW_CYCLE};

pub fn check(context: &FileContext<'_>, findings: &mut Vec<Finding>) {
    let root = context.root;
    if root.get("review_cycle").is_none() {
        if let Some(first) = root.as_map().and_then(|entries| entries.first()) {
            findings.push(
                context
                    .finding(&NO_REVIEW_CYCLE, &first.key, "the process has no review cycle, so no review will ever be due")
                    .label("this process has no `review_cycle`")
                    .help("add the month of the annual clock when the process is reviewed, e.g.\nreview_cycle:\n  month: april"),
            );
        }
        return;
    }
    for pattern in [
        "review_cycle/month",
        "review_cycle/windows/*/from",
        "review_cycle/windows/*/to",
    ] {
        for (path, node) in select(root, pattern) {
            check_month(context, node, &super::pointer(&path), findings);
        }
    }
}

fn check_month(context: &FileContext<'_>, node: &Node, at: &str, findings: &mut Vec<Finding>) {
    let Value::Scalar(scalar) = &node.value else {
        if node.value != Value::Null {
            findings.push(
                context
                    .finding(&INVALID_MONTH, node, format!("a month should be one name or number, but here it is {}", node.kind_name()))
                    .help("write one month, e.g. `april` or `4`; for several months write a window with `from:` and `to:`"),
            );
        }
        return;
    };
    let text = scalar.text.trim();
    // The template's `<fyll i: månad, t.ex. april>` is one thing to fill in, and `placeholder` says so already.
    if Month::parse(text).is_some() || super::text::is_placeholder(text) {
        return;
    }
    let (message, help) = if matches!(scalar.kind, ScalarKind::Integer) {
        (
            format!("`{text}` is not a month: months are numbered 1 to 12"),
            "write a number from 1 to 12, or the month's name".to_owned(),
        )
    } else if let Some((from, to)) = text
        .split_once(['-', '–'])
        .filter(|(a, b)| Month::parse(a).is_some() && Month::parse(b).is_some())
    {
        (
            format!("`{text}` is two months; a month value holds one"),
            format!(
                "write the window as a window:\nwindows:\n  - from: {}\n    to: {}",
                from.trim(),
                to.trim()
            ),
        )
    } else if let Some(close) = did_you_mean(text, Month::all_names()) {
        findings.push(
            context
                .finding(&INVALID_MONTH, node, format!("`{text}` is not a month"))
                .label("not a month")
                .help(format!("did you mean `{close}`?"))
                .fix(Fix::replace(
                    Applicability::Unsafe,
                    format!("write `{close}`"),
                    node.span,
                    close,
                    Expect::Values(vec![(
                        at.to_owned(),
                        serde_json::Value::String(close.to_owned()),
                    )]),
                )),
        );
        return;
    } else {
        (format!("`{text}` is not a month"), "write the month's name in Swedish, Finnish or English (april, huhtikuu) or its number (4)".to_owned())
    };
    findings.push(
        context
            .finding(&INVALID_MONTH, node, message)
            .label("not a month")
            .help(help),
    );
}
