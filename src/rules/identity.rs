//! The process `id`: its form, and that it matches the file name.

use super::FileContext;
use crate::finding::Finding;
use crate::model::{is_slug, slug};

pub use crate::rules::registry::{ID_MISMATCH, INVALID_ID};

pub fn check(context: &FileContext<'_>, findings: &mut Vec<Finding>) {
    let stem = context
        .source
        .path()
        .file_stem()
        .map(|stem| stem.to_string_lossy().into_owned());
    let Some(node) = context.root.get("id") else {
        return;
    };
    let Some(id) = node.as_text() else {
        return;
    };
    if id.trim().is_empty() {
        return;
    }
    if !is_slug(id) {
        // The id and the file name go together: suggest the one id that both can be, made from the id written
        // (or, when that has no letters at all, from the file name).
        let suggestion = Some(slug(id))
            .filter(|suggestion| is_slug(suggestion))
            .or_else(|| {
                stem.as_deref()
                    .map(slug)
                    .filter(|suggestion| is_slug(suggestion))
            });
        let help = match (&suggestion, &stem) {
            (Some(suggestion), Some(stem)) if stem == suggestion => {
                format!("change this line to `id: {suggestion}`, the file's name")
            }
            (Some(suggestion), Some(_)) => format!(
                "change this line to `id: {suggestion}` and rename the file to `{suggestion}.yaml` (an id uses \
                 only a–z, digits and hyphens, and the file is named after it)"
            ),
            (Some(suggestion), None) => format!(
                "change this line to `id: {suggestion}` (an id uses only a–z, digits and hyphens)"
            ),
            (None, _) => {
                "write the id with a–z, digits and hyphens only, for example `id: my-process`, and \
                          name the file the same: `my-process.yaml`"
                    .to_owned()
            }
        };
        findings.push(
            context
                .finding(&INVALID_ID, node, format!("the id `{id}` is not a lowercase identifier: it may contain only a–z, digits and hyphens"))
                .label("use a-z, 0-9 and hyphens")
                .help(help),
        );
        return;
    }
    if let Some(stem) = stem
        && stem != id
    {
        let help = if is_slug(&stem) {
            format!("rename the file to `{id}.yaml`, or change this line to `id: {stem}`")
        } else if slug(&stem) == id {
            // `Oro för anknytning.yaml` with `id: oro-for-anknytning`: the id is right, the file name cannot be
            // an id, so only the file is to be renamed.
            format!(
                "rename the file to `{id}.yaml` (a file name with spaces, capitals or å, ä, ö cannot be an id)"
            )
        } else {
            format!(
                "rename the file to `{id}.yaml` (the file name `{stem}` cannot be an id: it may contain only a–z, \
                 digits and hyphens)"
            )
        };
        findings.push(
            context
                .finding(
                    &ID_MISMATCH,
                    node,
                    format!("the id `{id}` is not the same as the file name `{stem}`"),
                )
                .label(format!("the file is named {stem}"))
                .help(help),
        );
    }
}
