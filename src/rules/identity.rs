//! The process `id`: its form, and that it matches the file name.

use super::FileContext;
use crate::finding::{Finding, Rule, declare_rule};
use crate::model::{is_slug, slug};

declare_rule! {
    /// The `id` is not a lowercase ASCII identifier.
    ///
    /// An id is written with the letters a–z, digits and single hyphens (`oro-for-anknytning`): it becomes a file
    /// name and a web address, where spaces, capitals and å, ä, ö cause trouble. The help suggests an id made
    /// from the one written.
    pub const INVALID_ID = ("P307", "invalid-id", Error, unsuppressible);
}

declare_rule! {
    /// The `id` is not the same as the file name.
    ///
    /// `processes/oro-for-anknytning.yaml` must have `id: oro-for-anknytning`, so that a process can be found from
    /// its id (in `interfaces`, in links between rendered pages) without opening every file.
    pub const ID_MISMATCH = ("P401", "id-mismatch", Error);
}

pub const RULES: &[&Rule] = &[&INVALID_ID, &ID_MISMATCH];

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
        let suggestion = slug(id);
        findings.push(
            context
                .finding(&INVALID_ID, node, format!("the id `{id}` is not a lowercase identifier"))
                .label("use a-z, 0-9 and hyphens")
                .help(format!("write the id with a–z, digits and hyphens only, for example `id: {suggestion}` (and name the file {suggestion}.yaml)")),
        );
        return;
    }
    if let Some(stem) = stem
        && stem != id
    {
        findings.push(
            context
                .finding(
                    &ID_MISMATCH,
                    node,
                    format!("the id `{id}` is not the same as the file name `{stem}`"),
                )
                .label(format!("the file is named {stem}"))
                .help(format!(
                    "rename the file to `{id}.yaml`, or change this line to `id: {stem}`"
                )),
        );
    }
}
