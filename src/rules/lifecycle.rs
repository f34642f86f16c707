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
    let id = root
        .get("id")
        .and_then(|node| node.as_text())
        .filter(|id| crate::model::is_slug(id))
        .unwrap_or("ID");
    findings.push(
        context
            .finding(
                &DRAFT,
                &first.key,
                "this process is a draft: it has not been approved, so it is not to be used yet",
            )
            .label("no `approved` in this file")
            .help(format!(
                "when the process has been approved, record it:\n  proc approve {id} --by \"name and title of the \
                 approver\"\nwhich adds `approved:` with the date and the approver"
            )),
    );
}
