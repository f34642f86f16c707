//! The structure of a process file, checked against the JSON Schema and reported in the words of the model.
//!
//! Validators usually report a failed `anyOf` as a list of every branch that did not match. Here the branch the
//! writer most likely meant is chosen (the one whose type fits and whose keys are present) and only its problems
//! are reported, at the exact key or value that broke them.

use std::borrow::Cow;
use std::collections::HashSet;

use jsonschema::error::ValidationErrorKind;
use jsonschema::paths::LocationSegment;
use serde_json::Value as Json;

use super::{FileContext, did_you_mean};
use crate::finding::{Applicability, Expect, Finding, Fix};
use crate::load::{Entry, Node, PathSegment, ScalarKind, ScalarStyle, Value};
use crate::schema::{self, Shape};
use crate::source::Span;

pub use crate::rules::registry::{
    EMPTY_VALUE, INVALID_VALUE, MISSING_KEY, UNKNOWN_KEY, WRONG_TYPE,
};

/// Keys whose values have rules of their own with better messages than the schema's (dates, months, versions,
/// ids, and required text that is empty).
fn has_own_rule(path: &[PathSegment<'_>]) -> bool {
    matches!(
        path,
        [PathSegment::Key("id" | "version")]
            | [.., PathSegment::Key("date")]
            | [PathSegment::Key("review_cycle"), PathSegment::Key("month")]
            | [
                PathSegment::Key("review_cycle"),
                PathSegment::Key("windows"),
                PathSegment::Index(_),
                PathSegment::Key("from" | "to"),
            ]
    )
}

pub fn check(context: &FileContext<'_>, findings: &mut Vec<Finding>) {
    let root = context.root;
    if root.as_map().is_none() {
        findings.push(
            context
                .finding(&WRONG_TYPE, root, format!("a process file must be a group of keys (`id:`, `name:` …), but this one is {}", root.kind_name()))
                .help("start the file with the process's keys, one per line: `id: my-process`, `name: …`; `proc new ID` writes a template"),
        );
        return;
    }
    empty_values(
        context,
        root,
        Some(schema::shape()),
        &mut Vec::new(),
        findings,
    );

    let instance = root.to_json();
    let validator = schema::validator();
    if validator.is_valid(&instance) {
        return;
    }
    let mut mapped = Vec::new();
    for error in validator.iter_errors(&instance) {
        map_error(context, &error, &mut mapped);
    }
    let mut seen = HashSet::new();
    for finding in mapped {
        if seen.insert((finding.rule.code, finding.span, finding.message.clone())) {
            findings.push(finding);
        }
    }
}

/// Keys written with no value: optional ones are reported as empty, unknown ones as unknown. (The schema never
/// sees them: a key with nothing after it counts as absent there, so that `partners:` is not a type error.)
fn empty_values<'a>(
    context: &FileContext<'_>,
    node: &'a Node,
    shape: Option<&Shape>,
    path: &mut Vec<PathSegment<'a>>,
    findings: &mut Vec<Finding>,
) {
    match &node.value {
        Value::Map(entries) => {
            let (required, known) = shape.map_or((&[][..], &[][..]), |shape| {
                (&shape.required[..], &shape.keys[..])
            });
            for entry in entries {
                let Some(key) = entry.key.as_text() else {
                    continue;
                };
                if entry.value.value == Value::Null {
                    // Required keys are reported by the text rule.
                    if known.contains(&key) {
                        if !required.contains(&key) {
                            findings.push(
                                context
                                    .finding(
                                        &EMPTY_VALUE,
                                        &entry.key,
                                        format!("`{key}` has no value"),
                                    )
                                    .label("nothing after the colon")
                                    .help(format!(
                                        "fill in `{key}`, or remove the line if it does not apply"
                                    )),
                            );
                        }
                    } else if !known.is_empty() {
                        findings.push(unknown_key(context, path, entry, key, known));
                    }
                    continue;
                }
                path.push(PathSegment::Key(key));
                empty_values(
                    context,
                    &entry.value,
                    shape.and_then(|shape| shape.child(key)),
                    path,
                    findings,
                );
                path.pop();
            }
        }
        Value::Seq(items) => {
            let item_shape = shape.and_then(Shape::items);
            for (index, item) in items.iter().enumerate() {
                path.push(PathSegment::Index(index));
                empty_values(context, item, item_shape, path, findings);
                path.pop();
            }
        }
        _ => {}
    }
}

fn instance_path(error: &jsonschema::ValidationError<'_>) -> Vec<PathSegment<'static>> {
    error
        .instance_path()
        .segments()
        .map(|segment| match segment {
            LocationSegment::Property(key) => PathSegment::Key(intern(&key)),
            LocationSegment::Index(index) => PathSegment::Index(index),
        })
        .collect()
}

/// Keys in error paths are model keys (unknown keys are reported from the `unexpected` list, not from paths),
/// so they can be matched against the schema's own strings.
fn intern(key: &str) -> &'static str {
    model_keys()
        .iter()
        .copied()
        .find(|known| *known == key)
        .unwrap_or("?")
}

fn model_keys() -> &'static [&'static str] {
    static KEYS: std::sync::OnceLock<Vec<&'static str>> = std::sync::OnceLock::new();
    KEYS.get_or_init(|| {
        let mut keys = Vec::new();
        collect_keys(schema::schema(), &mut keys);
        keys
    })
}

fn collect_keys(node: &'static Json, keys: &mut Vec<&'static str>) {
    match node {
        Json::Object(object) => {
            if let Some(Json::Object(properties)) = object.get("properties") {
                for key in properties.keys() {
                    if !keys.contains(&key.as_str()) {
                        keys.push(key.as_str());
                    }
                }
            }
            object.values().for_each(|value| collect_keys(value, keys));
        }
        Json::Array(items) => items.iter().for_each(|item| collect_keys(item, keys)),
        _ => {}
    }
}

/// Where a finding about the value at `path` points: the key that holds it, so the user sees `approved:` and
/// not the first line of its contents.
fn key_or_value<'n>(root: &'n Node, path: &[PathSegment<'_>]) -> Option<&'n Node> {
    root.entry_at_path(path)
        .map(|entry| &entry.key)
        .or_else(|| root.at_path(path.iter().copied()))
}

/// How users read a path: `the step "Vård"`, `` `approved` ``, `` `review_cycle.windows` entry 2 ``.
fn describe(root: &Node, path: &[PathSegment<'_>]) -> String {
    match path {
        [] => "the process".to_owned(),
        [PathSegment::Key("steps"), PathSegment::Index(index)] => super::step_name(root, *index),
        [
            PathSegment::Key("steps"),
            PathSegment::Index(index),
            PathSegment::Key(key),
        ] => {
            format!("`{key}` of {}", super::step_name(root, *index))
        }
        [
            PathSegment::Key("steps"),
            PathSegment::Index(step),
            PathSegment::Key(key),
            PathSegment::Index(index),
        ] => {
            format!(
                "entry {} of `{key}` in {}",
                index + 1,
                super::step_name(root, *step)
            )
        }
        [.., PathSegment::Index(index)] => format!(
            "entry {} of `{}`",
            index + 1,
            super::path_text(&path[..path.len() - 1])
        ),
        _ => format!("`{}`", super::path_text(path)),
    }
}

/// What a value of a schema should look like, in plain words.
fn expected(path: &[PathSegment<'_>]) -> Cow<'static, str> {
    match schema::shape().at(path) {
        Some(shape) => Cow::Borrowed(shape.expected(kind_words)),
        None => Cow::Owned(kind_words(&schema::schemas_at(path))),
    }
}

/// What the schemas `nodes` allow, in the words of the messages: "text", "a list or a group of keys".
fn kind_words(nodes: &[&'static Json]) -> String {
    let mut kinds: Vec<&str> = Vec::new();
    for node in nodes.iter().flat_map(|node| schema::alternatives(node)) {
        let types: Vec<&str> = match node.get("type") {
            Some(Json::String(kind)) => vec![kind.as_str()],
            Some(Json::Array(list)) => list.iter().filter_map(Json::as_str).collect(),
            _ => Vec::new(),
        };
        for kind in types {
            let word = match kind {
                "string" => "text",
                "array" => "a list",
                "object" => "a group of keys",
                "integer" => "a whole number",
                "number" => "a number",
                "boolean" => "yes or no",
                _ => continue,
            };
            if !kinds.contains(&word) {
                kinds.push(word);
            }
        }
    }
    match kinds.as_slice() {
        [] => "something else".to_owned(),
        [one] => (*one).to_owned(),
        [first @ .., last] => format!("{} or {last}", first.join(", ")),
    }
}

fn how_to_write(path: &[PathSegment<'_>], found: &Node) -> String {
    let wanted = expected(path);
    let Some(PathSegment::Key(key)) = path.last() else {
        // A list entry: the entry follows its `- `.
        return match wanted.as_ref() {
            "text" => {
                "write the entry as text after its `- `, in quotes if it contains `: `".to_owned()
            }
            "a group of keys" => {
                let lines: Vec<String> = schema::required_at(path)
                    .iter()
                    .map(|key| format!("{key}: …"))
                    .collect();
                format!(
                    "write the entry as keys after its `- `:\n- {}",
                    lines.join("\n  ")
                )
            }
            _ => format!("write {wanted} after the entry's `- `"),
        };
    };
    if wanted.starts_with("a list") {
        // A blank text (`responsible: " "`) would make an example with an empty entry.
        if let Some(text) = found.as_text().filter(|text| !text.trim().is_empty()) {
            return format!(
                "write each entry on its own line starting with `- `, for example:\n{key}:\n  - {text}"
            );
        }
        return "write each entry on its own line starting with `- `".to_owned();
    }
    if wanted.starts_with("a group of keys") {
        let required = schema::required_at(path);
        if !required.is_empty() {
            let lines: Vec<String> = required.iter().map(|key| format!("  {key}: …")).collect();
            return format!(
                "write the keys on the lines below it, indented:\n{key}:\n{}",
                lines.join("\n")
            );
        }
        return "write the keys on the lines below it, indented".to_owned();
    }
    if wanted == "text" {
        if let Some(text) = found.as_text() {
            return format!(
                "put the value in quotes so that it is read as text: {key}: \"{text}\""
            );
        }
        return format!(
            "write the text on the same line as `{key}:`, or as a block after `{key}: |`"
        );
    }
    format!("write {wanted} here")
}

fn map_error(
    context: &FileContext<'_>,
    error: &jsonschema::ValidationError<'_>,
    out: &mut Vec<Finding>,
) {
    let root = context.root;
    let path = instance_path(error);
    if has_own_rule(&path) {
        return;
    }
    let Some(node) = root.at_path(path.iter().copied()) else {
        return;
    };
    // `- Ohje: katso intranet` is one text to its writer and a group of one key to YAML: say that, and not what
    // the group lacks to be a link.
    if let Some(finding) = colon_in_text(context, &path, node) {
        out.push(finding);
        return;
    }
    match error.kind() {
        ValidationErrorKind::AdditionalProperties { unexpected } => {
            let known = schema::keys_at(&path);
            for key in unexpected {
                let Some(entry) = node.entry(key) else {
                    continue;
                };
                out.push(unknown_key(context, &path, entry, key, known));
            }
        }
        ValidationErrorKind::Required { property } => {
            let Some(key) = property.as_str() else {
                return;
            };
            if node.entry(key).is_some() {
                // Present but empty: reported by the text rule as an empty required value.
                return;
            }
            if is_misspelt_here(node, &path, key) {
                // A missing `owner` next to an unknown `ownr` is one mistake: the unknown-key finding says it.
                return;
            }
            let mut key_path = path.clone();
            key_path.push(PathSegment::Key(intern(key)));
            let anchor = key_or_value(root, &path).unwrap_or(node);
            let mut finding = context
                .finding(
                    &MISSING_KEY,
                    anchor,
                    format!("{} has no `{key}`", describe(root, &path)),
                )
                .label(format!("`{key}` is missing here"));
            let about = schema::description_at(&key_path)
                .map(|text| format!(" ({})", text.trim_end_matches('.')))
                .unwrap_or_default();
            finding = finding.help(format!("add `{key}:`{about}"));
            out.push(finding);
        }
        ValidationErrorKind::Type { .. } => {
            let anchor = if matches!(path.last(), Some(PathSegment::Index(_))) {
                node
            } else {
                key_or_value(root, &path).unwrap_or(node)
            };
            if node.value == Value::Null {
                // An empty list entry: reported by empty-text, which says so in those words.
                return;
            }
            if let Some(finding) = text_for_list(context, &path, node) {
                out.push(finding);
                return;
            }
            let message = format!(
                "{} should be {}, but here it is {}",
                describe(root, &path),
                expected(&path),
                node.kind_name()
            );
            out.push(
                context
                    .finding(&WRONG_TYPE, anchor, message)
                    .label(format!("expected {}", expected(&path)))
                    .help(how_to_write(&path, node)),
            );
        }
        ValidationErrorKind::Enum { options } => {
            let allowed: Vec<&str> = options
                .as_array()
                .map(|list| list.iter().filter_map(Json::as_str).collect())
                .unwrap_or_default();
            out.push(not_one_of(context, &path, node, &allowed));
        }
        // The one pattern of the model is a step's `id`: the schema's regular expression would mean nothing to
        // the writer, so say which characters an id may have, and suggest one.
        ValidationErrorKind::Pattern { .. } => {
            let value = node.as_text().unwrap_or_default();
            let suggestion = crate::model::slug(value);
            let help = if crate::model::is_slug(&suggestion) {
                format!("write `{suggestion}`, and the same in every `next` that names this step")
            } else {
                "write an id of a–z, digits and single hyphens, e.g. `assessment`".to_owned()
            };
            out.push(
                context
                    .finding(
                        &INVALID_VALUE,
                        node,
                        format!(
                            "{} is `{value}`, which is not an id: an id may contain only a–z, digits and single \
                             hyphens",
                            describe(root, &path)
                        ),
                    )
                    .label("not an id")
                    .help(help),
            );
        }
        // A number out of range (`every: 0`): say the range, not the schema's words.
        ValidationErrorKind::Minimum { .. } | ValidationErrorKind::Maximum { .. } => {
            let bound = |key: &str| {
                schema::schemas_at(&path)
                    .iter()
                    .find_map(|node| node.get(key).and_then(Json::as_i64))
            };
            let range = match (bound("minimum"), bound("maximum")) {
                (Some(min), Some(max)) => format!("from {min} to {max}"),
                (Some(min), None) => format!("of at least {min}"),
                (None, Some(max)) => format!("of at most {max}"),
                (None, None) => "in the allowed range".to_owned(),
            };
            let value = node.as_text().unwrap_or_default();
            out.push(
                context
                    .finding(
                        &INVALID_VALUE,
                        node,
                        format!(
                            "{} is {value}, but it must be {} {range}",
                            describe(root, &path),
                            expected(&path)
                        ),
                    )
                    .label("out of range")
                    .help(format!("write {} {range}", expected(&path))),
            );
        }
        ValidationErrorKind::AnyOf { context: branches }
        | ValidationErrorKind::OneOfNotValid { context: branches } => {
            map_alternatives(context, &path, node, branches, out);
        }
        _ => out.push(
            context
                .finding(
                    &INVALID_VALUE,
                    node,
                    format!("{}: {error}", describe(root, &path)),
                )
                .help(format!(
                    "{} should be {}",
                    describe(root, &path),
                    expected(&path)
                )),
        ),
    }
}

fn unknown_key(
    context: &FileContext<'_>,
    path: &[PathSegment<'_>],
    entry: &Entry,
    key: &str,
    known: &[&'static str],
) -> Finding {
    let root = context.root;
    let suggestion = did_you_mean(key, known.iter().copied());
    // A key that belongs one level up or down was probably indented wrongly.
    let elsewhere = (suggestion.is_none())
        .then(|| {
            let mut places = Vec::new();
            if !path.is_empty() && schema::keys_at(&path[..path.len() - 1]).contains(&key) {
                places.push("one level less indented".to_owned());
            }
            if path.is_empty()
                && schema::keys_at(&[PathSegment::Key("steps"), PathSegment::Index(0)])
                    .contains(&key)
            {
                places.push("inside a step (under `steps:`)".to_owned());
            }
            places.into_iter().next()
        })
        .flatten();
    if key == "<<" {
        return context
            .finding(
                &UNKNOWN_KEY,
                &entry.key,
                "`<<` (a YAML merge key) is not a key of a process file".to_owned(),
            )
            .label("merge key")
            .help(
                "some YAML tools copy keys from elsewhere with `<<`, others (proc, editors) do not: write the keys \
                 out here in full",
            );
    }
    // `from:gusti` in a flow mapping is one key with no value: the space after the colon is missing.
    let glued = key.split_once(':').filter(|(before, after)| {
        known.contains(before) && !after.is_empty() && !after.starts_with(' ')
    });
    if let Some((before, after)) = glued {
        return context
            .finding(
                &UNKNOWN_KEY,
                &entry.key,
                format!("`{key}` is read as one key, because there is no space after the colon"),
            )
            .label("no space after `:`")
            .help(format!("put a space after the colon: `{before}: {after}`"));
    }
    let help = match (suggestion, elsewhere) {
        (Some(close), _) => format!("rename the key to `{close}`"),
        (None, Some(place)) => format!("`{key}` is a key {place}: check the indentation"),
        (None, None) => format!("the keys allowed here are: {}", known.join(", ")),
    };
    context
        .finding(
            &UNKNOWN_KEY,
            &entry.key,
            format!("`{key}` is not a key of {}", describe(root, path)),
        )
        .label(match suggestion {
            Some(close) => format!("did you mean `{close}`?"),
            None => "unknown key".to_owned(),
        })
        .help(help)
        .fix_if(suggestion.and_then(|close| rename_fix(context, path, entry, key, close)))
}

/// Renames a misspelt key to the one it most resembles: a guess, so only `--unsafe-fixes` makes it.
fn rename_fix(
    context: &FileContext<'_>,
    path: &[PathSegment<'_>],
    entry: &Entry,
    key: &str,
    close: &str,
) -> Option<Fix> {
    let parent = context.root.at_path(path.iter().copied())?;
    // Renaming onto a key that is there would make a duplicate, and only the plain key as written is replaced.
    if parent.entry(close).is_some() || context.source.slice(entry.key.span) != key {
        return None;
    }
    Some(Fix::replace(
        Applicability::Unsafe,
        format!("rename `{key}` to `{close}`"),
        entry.key.span,
        close,
        Expect::RenamedKey {
            parent: super::pointer(path),
            from: key.to_owned(),
            to: close.to_owned(),
        },
    ))
}

/// Reports the branch of an `anyOf` the writer most likely meant.
fn map_alternatives(
    context: &FileContext<'_>,
    path: &[PathSegment<'static>],
    node: &Node,
    branches: &[Vec<jsonschema::ValidationError<'static>>],
    out: &mut Vec<Finding>,
) {
    // A choice of fixed values (how schemars writes a documented enum) reads best as a list of those values.
    let choices = schema::schemas_at(path)
        .into_iter()
        .flat_map(schema::alternatives)
        .filter(|branch| branch.get("type") != Some(&Json::from("null")))
        .map(|branch| branch.get("const").and_then(Json::as_str))
        .collect::<Option<Vec<&str>>>();
    if let Some(allowed) = choices.filter(|allowed| !allowed.is_empty()) {
        out.push(not_one_of(context, path, node, &allowed));
        return;
    }
    let score = |errors: &Vec<jsonschema::ValidationError<'static>>| {
        let here: Vec<_> = errors
            .iter()
            .filter(|error| instance_path(error) == path)
            .collect();
        let type_mismatch = here
            .iter()
            .any(|error| matches!(error.kind(), ValidationErrorKind::Type { .. }));
        let missing = here
            .iter()
            .filter(|error| matches!(error.kind(), ValidationErrorKind::Required { .. }))
            .count();
        let unexpected: usize = here
            .iter()
            .map(|error| match error.kind() {
                ValidationErrorKind::AdditionalProperties { unexpected } => unexpected.len(),
                _ => 0,
            })
            .sum();
        (type_mismatch, missing + unexpected, errors.len())
    };
    let mut ranked: Vec<_> = branches
        .iter()
        .enumerate()
        .map(|(index, errors)| (score(errors), index))
        .collect();
    ranked.sort();
    let Some(&(best_score, best)) = ranked.first() else {
        return;
    };
    let tied = ranked.get(1).is_some_and(|(score, _)| *score == best_score);
    if tied && !best_score.0 && node.as_map().is_some() {
        // Two kinds of group fit equally well: the value mixes their keys or has neither's.
        let alternatives = schema::schemas_at(path)
            .into_iter()
            .flat_map(schema::alternatives)
            .filter_map(|branch| {
                let required = branch.get("required")?.as_array()?;
                let keys: Vec<String> = required
                    .iter()
                    .filter_map(Json::as_str)
                    .map(|key| format!("`{key}`"))
                    .collect();
                (!keys.is_empty()).then(|| keys.join(" and "))
            })
            .collect::<Vec<_>>();
        let choices = alternatives.join(" or ");
        let present = alternatives.iter().filter(|keys| {
            keys.split(" and ")
                .all(|key| node.entry(key.trim_matches('`')).is_some())
        });
        let message = if present.count() > 1 {
            format!(
                "{} has both {}; it can have only one of them",
                describe(context.root, path),
                alternatives.join(" and ")
            )
        } else {
            format!("{} needs {choices}", describe(context.root, path))
        };
        let anchor = key_or_value(context.root, path).unwrap_or(node);
        out.push(
            context
                .finding(&INVALID_VALUE, anchor, message)
                .help(format!("write exactly one of {choices}")),
        );
        return;
    }
    for error in &branches[best] {
        map_error(context, error, out);
    }
}

/// Whether the group holds an unknown key that is probably a misspelling of `wanted`.
fn is_misspelt_here(node: &Node, path: &[PathSegment<'_>], wanted: &str) -> bool {
    let known = schema::keys_at(path);
    node.as_map().unwrap_or_default().iter().any(|entry| {
        entry.key.as_text().is_some_and(|key| {
            !known.contains(&key) && did_you_mean(key, known.iter().copied()) == Some(wanted)
        })
    })
}

fn not_one_of(
    context: &FileContext<'_>,
    path: &[PathSegment<'_>],
    node: &Node,
    allowed: &[&str],
) -> Finding {
    let value = node.as_text().unwrap_or_default();
    if path == [PathSegment::Key("language")] {
        return not_a_language(context, node, value, allowed);
    }
    let help = match did_you_mean(value, allowed.iter().copied()) {
        Some(close) => format!("did you mean `{close}`?"),
        None => format!("write one of: {}", allowed.join(", ")),
    };
    context
        .finding(
            &INVALID_VALUE,
            node,
            format!(
                "{} is `{value}`, which is not one of: {}",
                describe(context.root, path),
                allowed.join(", ")
            ),
        )
        .label("not allowed here")
        .help(help)
}

/// Whether the value at `path` should be a list of texts (`responsible`, `authors`, a step's `next` …).
pub fn wants_list_of_text(path: &[PathSegment<'_>]) -> bool {
    let mut item = path.to_vec();
    item.push(PathSegment::Index(0));
    matches!(path.last(), Some(PathSegment::Key(_)))
        && expected(path) == "a list"
        && expected(&item) == "text"
}

/// A value written `Ohje: katso intranet` where text is expected: YAML reads the `: ` as the end of a key, so the
/// value is a group of one key. The writer meant one text, so the finding says so, and the fix quotes the line's
/// text exactly as written (a key the model knows here, such as an instruction's `title:`, is not such a case).
fn colon_in_text(
    context: &FileContext<'_>,
    path: &[PathSegment<'_>],
    node: &Node,
) -> Option<Finding> {
    let [entry] = node.as_map()? else {
        return None;
    };
    let key = entry.key.as_scalar()?;
    let value = entry.value.as_scalar()?;
    if key.style != ScalarStyle::Plain
        || key.kind != ScalarKind::String
        || value.style != ScalarStyle::Plain
        // A known key, or one misspelt (`proces: annan` in `interfaces`), is a group meant as such.
        || did_you_mean(&key.text, schema::keys_at(path).iter().copied()).is_some()
        || !expected(path).split(", ").any(|kind| kind.split(" or ").any(|kind| kind == "text"))
    {
        return None;
    }
    let start = entry.key.span.start;
    let end = entry.value.span.end();
    let written = context.source.text.get(start..end)?;
    if written.contains(['\n', '\r']) {
        return None;
    }
    let quoted = crate::yaml_text::double_quoted(written);
    // A text field (`what:` with `Huom: tärkeää` on the line below) is written back on the key's line, as the
    // help shows it; a list entry stays where it is.
    let (edit_start, replacement) = match (path.last(), context.root.entry_at_path(path)) {
        (Some(PathSegment::Key(_)), Some(owner)) => {
            let after_key = context.source.text.get(owner.key.span.end()..start)?;
            let colon = owner.key.span.end() + after_key.find(':')? + 1;
            (colon, format!(" {quoted}"))
        }
        _ => (start, quoted.clone()),
    };
    let line = match path.last() {
        Some(PathSegment::Key(owner)) => format!("{owner}: {quoted}"),
        _ => format!("- {quoted}"),
    };
    let what = match path.last() {
        Some(PathSegment::Index(_)) => {
            format!("{} is meant as one text", describe(context.root, path))
        }
        _ => format!("{} should be one text", describe(context.root, path)),
    };
    Some(
        context
            .finding(
                &WRONG_TYPE,
                &entry.key,
                format!(
                    "{what}, but the colon and space after `{}` make YAML read it as a key `{}` with the value `{}`",
                    key.text, key.text, value.text
                ),
            )
            .label("a colon and a space make this a key")
            .help(format!("put the whole text in quotes:\n{line}"))
            .fix(Fix::replace(
                Applicability::Safe,
                "put the text in quotes",
                Span::new(edit_start, end - edit_start),
                replacement,
                Expect::Values(vec![(
                    super::pointer(path),
                    Json::String(written.to_owned()),
                )]),
            )),
    )
}

/// How a list of names was written as one text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Written {
    /// One name, not in a list: `responsible: Sosiaaliohjaaja`.
    One,
    /// One name per line, without `- `: YAML joins the lines into one text.
    Lines,
    /// `-Sosiaaliohjaaja`: a dash without the space after it that makes a list entry.
    Dashes,
    /// `Sosiaaliohjaaja, Sosiaalityöntekijä`.
    Commas,
}

/// The entries a text was meant to be, and whether splitting it so is what it plainly means (a fix that guesses
/// is only applied with `--unsafe-fixes`).
fn meant_entries(context: &FileContext<'_>, node: &Node) -> Option<(Written, Vec<String>, bool)> {
    let scalar = node.as_scalar()?;
    if scalar.kind != ScalarKind::String {
        return None;
    }
    let written = context.source.slice(node.span);
    let lines: Vec<&str> = match scalar.style {
        ScalarStyle::Plain if written.trim().contains('\n') => written.lines().collect(),
        ScalarStyle::Block => scalar.text.lines().collect(),
        _ => Vec::new(),
    };
    let lines: Vec<&str> = lines
        .into_iter()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .collect();
    let text = scalar.text.trim();
    let capitalised = |part: &str| {
        part.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
    };
    if lines.len() > 1 {
        let dashes = lines.iter().all(|line| line.starts_with('-'));
        let entries: Vec<String> = lines
            .iter()
            .map(|line| line.trim_start_matches('-').trim().to_owned())
            .filter(|line| !line.is_empty())
            .collect();
        // A line that begins in lowercase may be the end of a long role that did not fit on one line.
        let safe = dashes || entries.iter().all(|entry| capitalised(entry));
        let how = if dashes {
            Written::Dashes
        } else {
            Written::Lines
        };
        return Some((how, entries, safe));
    }
    if text.starts_with('-') {
        let entries: Vec<String> = text
            .split(" -")
            .map(|part| part.trim().trim_start_matches('-').trim().to_owned())
            .filter(|part| !part.is_empty())
            .collect();
        return (!entries.is_empty()).then_some((Written::Dashes, entries, true));
    }
    let parts = comma_parts(text);
    if parts.len() > 1 {
        // A comma separates roles when each part begins like a role (`Sosiaaliohjaaja, Sosiaalityöntekijä`); a part
        // in lowercase (`Socialarbetare, vid behov psykolog`) may qualify the role before it, so splitting there
        // is a guess.
        let safe = parts.iter().all(|part| capitalised(part));
        return Some((Written::Commas, parts, safe));
    }
    (!text.is_empty()).then(|| (Written::One, vec![text.to_owned()], true))
}

/// A text split at its commas and semicolons, except inside brackets and between digits (`1,5 h`).
fn comma_parts(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut parts = Vec::new();
    let mut current = String::new();
    let mut depth = 0usize;
    for (index, ch) in chars.iter().enumerate() {
        match ch {
            '(' | '[' => depth += 1,
            ')' | ']' => depth = depth.saturating_sub(1),
            _ => {}
        }
        let between_digits = index > 0
            && chars[index - 1].is_ascii_digit()
            && chars.get(index + 1).is_some_and(char::is_ascii_digit);
        if matches!(ch, ',' | ';') && depth == 0 && !between_digits {
            parts.push(std::mem::take(&mut current));
        } else {
            current.push(*ch);
        }
    }
    parts.push(current);
    parts
        .into_iter()
        .map(|part| part.trim().to_owned())
        .filter(|part| !part.is_empty())
        .collect()
}

/// What the entries of a list of names are called in messages.
fn entry_words(key: &str) -> (&'static str, &'static str) {
    match key {
        "responsible" => ("role", "roles"),
        "authors" | "partners" | "by" => ("name", "names"),
        "next" => ("step id", "step ids"),
        _ => ("entry", "entries"),
    }
}

/// Text where a list of names belongs (`responsible: Sosiaaliohjaaja, Sosiaalityöntekijä`, the roles on lines of
/// their own without `- `, `-Sosiaaliohjaaja`): the finding says how it was read, and the help and the fix write
/// one list entry per name, never the names joined into one entry.
fn text_for_list(
    context: &FileContext<'_>,
    path: &[PathSegment<'_>],
    node: &Node,
) -> Option<Finding> {
    if !wants_list_of_text(path) {
        return None;
    }
    let Some(PathSegment::Key(key)) = path.last() else {
        return None;
    };
    let (how, entries, safe) = meant_entries(context, node)?;
    let (one, many) = entry_words(key);
    let field = describe(context.root, path);
    let text = node.as_text().unwrap_or_default().trim();
    let message = match how {
        Written::One => format!(
            "{field} should be a list, with each {one} on its own line starting with `- `, but here it is one text"
        ),
        Written::Lines => format!(
            "the {many} in {field} are on lines of their own but without `- `, so YAML joins them into one text: `{text}`"
        ),
        Written::Dashes if entries.len() == 1 => format!(
            "`{text}` is read as a text that begins with a dash, not as a list entry: a list entry needs a space after the `-`"
        ),
        Written::Dashes => format!(
            "the {many} in {field} are read as one text, `{text}`, not as a list: a list entry needs a space after the `-`"
        ),
        Written::Commas => format!(
            "{field} is one text with commas, `{text}`, but it should be a list with each {one} on its own line"
        ),
    };
    let label = match how {
        Written::One => "one text, not a list".to_owned(),
        Written::Lines => "read as one text".to_owned(),
        Written::Dashes => "no space after `-`".to_owned(),
        Written::Commas => format!("{} {many} in one text", entries.len()),
    };
    let lines: Vec<String> = entries
        .iter()
        .map(|entry| format!("  - {}", crate::yaml_text::yaml_text(entry)))
        .collect();
    let mut help = match how {
        Written::One => {
            format!("write the {one} as a list entry, on its own line starting with `- `:")
        }
        Written::Dashes => "write a space after each `-`:".to_owned(),
        _ => format!("write each {one} on its own line starting with `- `:"),
    };
    help.push_str(&format!("\n{key}:\n{}", lines.join("\n")));
    if !safe && how == Written::Commas {
        // Show the first part that may belong to the role before it, joined back the way it was written.
        let joined = entries
            .windows(2)
            .find(|pair| !pair[1].starts_with(char::is_uppercase));
        if let Some([before, part]) = joined {
            help.push_str(&format!(
                "\nif `{part}` is not a {one} of its own but says more about `{before}`, keep the two on one line:\n  - {}",
                crate::yaml_text::yaml_text(&format!("{before}, {part}"))
            ));
        }
    }
    if !safe && how == Written::Lines {
        help.push_str(&format!(
            "\n(if a line is the end of a long {one} that did not fit on one line, join it to the line before)"
        ));
    }
    Some(
        context
            .finding(&WRONG_TYPE, node, message)
            .label(label)
            .help(help)
            .fix_if(list_fix(context, path, node, &entries, safe)),
    )
}

/// The text at `path` replaced by a block list, one entry per line, indented under its key.
fn list_fix(
    context: &FileContext<'_>,
    path: &[PathSegment<'_>],
    node: &Node,
    entries: &[String],
    safe: bool,
) -> Option<Fix> {
    let entry = context.root.entry_at_path(path)?;
    let source = context.source;
    let text = &source.text;
    // From right after the key's colon, so that no space is left at the end of the key's line.
    let after_key = text.get(entry.key.span.end()..node.span.start)?;
    let colon = after_key.find(':')? + entry.key.span.end() + 1;
    let shown = source
        .slice(node.span)
        .trim_end_matches(['\n', '\r', ' ', '\t'])
        .len();
    let end = node.span.start + shown;
    let indent = " ".repeat(super::key_column(source, &entry.key) + 2);
    let mut written = String::new();
    for item in entries {
        written.push('\n');
        written.push_str(&indent);
        written.push_str("- ");
        written.push_str(&crate::yaml_text::yaml_text(item));
    }
    let values = entries
        .iter()
        .map(|item| Json::String(item.clone()))
        .collect();
    Some(Fix::replace(
        if safe {
            Applicability::Safe
        } else {
            Applicability::Unsafe
        },
        if entries.len() == 1 {
            "write it as a list entry"
        } else {
            "write one entry per line"
        },
        Span::new(colon, end.checked_sub(colon)?),
        written,
        Expect::Values(vec![(super::pointer(path), Json::Array(values))]),
    ))
}

/// A `language` that is not one proc writes pages in. One finding that names the languages: `language: no` is
/// also a yes/no value to older YAML tools, which ambiguous-scalar would say in a second, contradicting message
/// ("write it in quotes"), so that rule leaves `language` to this one.
fn not_a_language(
    context: &FileContext<'_>,
    node: &Node,
    value: &str,
    allowed: &[&str],
) -> Finding {
    let name = |code: &str| match code {
        "sv" => "Swedish",
        "fi" => "Finnish",
        "en" => "English",
        _ => "",
    };
    let choices: Vec<String> = allowed
        .iter()
        .map(|code| format!("`language: {code}` ({})", name(code)))
        .collect();
    let choices = match choices.as_slice() {
        [first @ .., last] if !first.is_empty() => format!("{} or {last}", first.join(", ")),
        _ => choices.join(""),
    };
    let close = did_you_mean(value, allowed.iter().copied())
        .map(|close| format!("did you mean `language: {close}`? "))
        .unwrap_or_default();
    context
        .finding(
            &INVALID_VALUE,
            node,
            format!(
                "`language: {value}` is not a language proc knows: a language is written as its code, one of {}",
                allowed.join(", ")
            ),
        )
        .label("not a language code")
        .help(format!("{close}write the language the text is in: {choices}; or remove the line"))
}
