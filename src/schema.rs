//! The JSON Schema of a process file, generated from [`crate::model`].
//!
//! Generating the schema from the Rust types (rather than writing it by hand) is what keeps `proc`, the typed model
//! and editors in agreement; a test fails when the committed `schemas/process.schema.json` is stale.

use std::sync::OnceLock;

use serde_json::Value as Json;

use crate::load::PathSegment;
use crate::model::Process;

/// Where the schema is published in a process repository, relative to the repository root.
pub const SCHEMA_PATH: &str = "schemas/process.schema.json";

/// The editor hint every process file starts with, so editors complete and check as the user types.
pub const EDITOR_SCHEMA_LINE: &str = "# yaml-language-server: $schema=../schemas/process.schema.json";

/// The schema as JSON (draft 2020-12).
pub fn schema() -> &'static Json {
    static SCHEMA: OnceLock<Json> = OnceLock::new();
    SCHEMA.get_or_init(|| {
        let generator = schemars::generate::SchemaSettings::draft2020_12().into_generator();
        let generated = generator.into_root_schema_for::<Process>().to_value();
        // Identification first, so a person opening the file sees what it is before the definitions.
        let mut schema = serde_json::Map::new();
        for key in ["$schema", "title"] {
            if let Some(value) = generated.get(key) {
                schema.insert(key.into(), value.clone());
            }
        }
        schema.insert(
            "description".into(),
            "One process description (processbeskrivning) per file. Checked by `proc lint`.".into(),
        );
        if let Some(object) = generated.as_object() {
            for (key, value) in object {
                if !schema.contains_key(key) {
                    schema.insert(key.clone(), value.clone());
                }
            }
        }
        let schema = Json::Object(schema);
        schema
    })
}

/// The schema as the text of `schemas/process.schema.json`.
pub fn schema_text() -> String {
    let mut text = serde_json::to_string_pretty(schema()).unwrap_or_default();
    text.push('\n');
    text
}

/// The compiled validator.
pub fn validator() -> &'static jsonschema::Validator {
    static VALIDATOR: OnceLock<jsonschema::Validator> = OnceLock::new();
    VALIDATOR.get_or_init(|| match jsonschema::draft202012::new(schema()) {
        Ok(validator) => validator,
        // The schema is generated from our own types; a failure here is a bug in `proc`, not in user input.
        Err(error) => panic!("the generated process schema does not compile: {error}"),
    })
}

/// Follows `$ref` to the definition it names.
pub fn resolve(node: &Json) -> &Json {
    let mut node = node;
    for _ in 0..16 {
        let Some(reference) = node.get("$ref").and_then(Json::as_str) else {
            break;
        };
        let Some(target) = reference
            .strip_prefix("#/")
            .and_then(|pointer| schema().pointer(&format!("/{pointer}")))
        else {
            break;
        };
        node = target;
    }
    node
}

/// The schema alternatives a value may match: the branches of `anyOf`/`oneOf` (nested ones flattened), or the
/// schema itself.
pub fn alternatives(node: &Json) -> Vec<&Json> {
    let node = resolve(node);
    match node.get("anyOf").or_else(|| node.get("oneOf")).and_then(Json::as_array) {
        Some(branches) => branches.iter().flat_map(alternatives).collect(),
        None => vec![node],
    }
}

/// The schemas that may describe the value at an instance path (several when the path passes through `anyOf`).
pub fn schemas_at(path: &[PathSegment<'_>]) -> Vec<&'static Json> {
    let mut current: Vec<&Json> = vec![schema()];
    for segment in path {
        let mut next = Vec::new();
        for node in current.iter().flat_map(|node| alternatives(node)) {
            match segment {
                PathSegment::Key(key) => {
                    if let Some(property) = node.get("properties").and_then(|p| p.get(*key)) {
                        next.push(resolve(property));
                    }
                }
                PathSegment::Index(_) => {
                    if let Some(items) = node.get("items") {
                        next.push(resolve(items));
                    }
                }
            }
        }
        current = next;
    }
    current
}

/// The keys a group of keys at an instance path may hold, in model order.
pub fn keys_at(path: &[PathSegment<'_>]) -> Vec<&'static str> {
    let mut keys = Vec::new();
    for node in schemas_at(path).into_iter().flat_map(alternatives) {
        if let Some(properties) = node.get("properties").and_then(Json::as_object) {
            for key in properties.keys() {
                if !keys.contains(&key.as_str()) {
                    keys.push(key.as_str());
                }
            }
        }
    }
    keys
}

/// The keys that must be present at an instance path (those required by every alternative).
pub fn required_at(path: &[PathSegment<'_>]) -> Vec<&'static str> {
    let mut result: Option<Vec<&str>> = None;
    for node in schemas_at(path).into_iter().flat_map(alternatives) {
        if node.get("properties").is_none() {
            continue;
        }
        let required: Vec<&str> = node
            .get("required")
            .and_then(Json::as_array)
            .map(|list| list.iter().filter_map(Json::as_str).collect())
            .unwrap_or_default();
        result = Some(match result {
            None => required,
            Some(previous) => previous.into_iter().filter(|key| required.contains(key)).collect(),
        });
    }
    result.unwrap_or_default()
}

/// The description of a key, for help texts.
pub fn description_at(path: &[PathSegment<'_>]) -> Option<&'static str> {
    let (last, parent) = path.split_last()?;
    let PathSegment::Key(key) = last else {
        return None;
    };
    schemas_at(parent)
        .into_iter()
        .flat_map(alternatives)
        .find_map(|node| node.get("properties")?.get(*key)?.get("description")?.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_found_through_lists_and_alternatives() {
        let steps = keys_at(&[PathSegment::Key("steps"), PathSegment::Index(0)]);
        assert!(steps.contains(&"responsible"), "{steps:?}");
        let cycle = keys_at(&[PathSegment::Key("review_cycle")]);
        assert!(cycle.contains(&"month") && cycle.contains(&"windows"), "{cycle:?}");
        let root = required_at(&[]);
        assert!(root.contains(&"name") && !root.contains(&"scope"), "{root:?}");
    }
}
