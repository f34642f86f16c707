//! Where a process stands in its life: a draft until it is approved.

use super::FileContext;
use crate::finding::Finding;

pub use crate::rules::registry::DRAFT;

pub fn check(context: &FileContext<'_>, findings: &mut Vec<Finding>) {
    let root = context.root;
    if root.get("approved").is_some() {
        return;
    }
    let Some(first) = root.as_map().and_then(|entries| entries.first()) else {
        return;
    };
    findings.push(
        context
            .finding(
                &DRAFT,
                &first.key,
                "this process is a draft: it has not been approved, so it is not to be used yet",
            )
            .label("no `approved` in this file")
            .help(
                "when the process has been approved, add when and by whom:\n\
                 approved:\n  date: YYYY-MM-DD\n  by: name and title of the approver",
            ),
    );
}
