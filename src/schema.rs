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
pub const EDITOR_SCHEMA_LINE: &str =
    "# yaml-language-server: $schema=../schemas/process.schema.json";

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
        Json::Object(schema)
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
    match node
        .get("anyOf")
        .or_else(|| node.get("oneOf"))
        .and_then(Json::as_array)
    {
        Some(branches) => branches.iter().flat_map(alternatives).collect(),
        None => vec![node],
    }
}

/// The schemas that may describe the value at an instance path (several when the path passes through `anyOf`).
pub fn schemas_at(path: &[PathSegment<'_>]) -> Vec<&'static Json> {
    if let Some(shape) = shape().at(path) {
        return shape.nodes.clone();
    }
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

/// The keys the schema allows and requires at one level of a process file, with the levels below: the schema
/// flattened once, so that rules walking a document can ask "which keys belong here" without searching the schema
/// for every group of keys in every file.
#[derive(Debug, Default)]
pub struct Shape {
    /// The keys allowed here, in model order.
    pub keys: Vec<&'static str>,
    /// The keys every form of this group requires.
    pub required: Vec<&'static str>,
    children: Vec<(&'static str, Shape)>,
    items: Option<Box<Shape>>,
    /// The schemas that describe a value here: what [`schemas_at`] finds for this path.
    nodes: Vec<&'static Json>,
    /// What a value here must be, in the words of the messages ("a list"), made once (see [`Shape::expected`]).
    expected: OnceLock<String>,
}

impl Shape {
    /// The shape of the value of `key`.
    pub fn child(&self, key: &str) -> Option<&Shape> {
        self.children
            .iter()
            .find(|(name, _)| *name == key)
            .map(|(_, shape)| shape)
    }

    /// The shape of the entries of a list.
    pub fn items(&self) -> Option<&Shape> {
        self.items.as_deref()
    }

    /// The shape at a path below this one.
    pub fn at(&self, path: &[PathSegment<'_>]) -> Option<&Shape> {
        path.iter().try_fold(self, |shape, segment| match segment {
            PathSegment::Key(key) => shape.child(key),
            PathSegment::Index(_) => shape.items(),
        })
    }

    /// What a value here must be, described by `describe` from the schemas here the first time it is asked:
    /// the rules ask it for every text in every file.
    pub fn expected(&self, describe: impl FnOnce(&[&'static Json]) -> String) -> &str {
        self.expected.get_or_init(|| describe(&self.nodes))
    }

    fn build(nodes: &[&'static Json], depth: usize) -> Shape {
        let alternatives: Vec<&'static Json> =
            nodes.iter().flat_map(|node| alternatives(node)).collect();
        let mut shape = Shape {
            nodes: nodes.to_vec(),
            ..Shape::default()
        };
        if depth > 16 {
            return shape;
        }
        let mut required: Option<Vec<&'static str>> = None;
        for node in &alternatives {
            let Some(properties) = node.get("properties").and_then(Json::as_object) else {
                continue;
            };
            // Merge the alternatives' key orders so each keeps its own: `month, description` and
            // `windows, description` give `month, windows, description`.
            let keys: Vec<&'static str> = properties.keys().map(String::as_str).collect();
            for (index, key) in keys.iter().enumerate() {
                if shape.keys.contains(key) {
                    continue;
                }
                let before = keys[index + 1..]
                    .iter()
                    .find_map(|later| shape.keys.iter().position(|known| known == later));
                match before {
                    Some(position) => shape.keys.insert(position, key),
                    None => shape.keys.push(key),
                }
            }
            let needed: Vec<&'static str> = node
                .get("required")
                .and_then(Json::as_array)
                .map(|list| list.iter().filter_map(Json::as_str).collect())
                .unwrap_or_default();
            required = Some(match required {
                None => needed,
                Some(previous) => previous
                    .into_iter()
                    .filter(|key| needed.contains(key))
                    .collect(),
            });
        }
        shape.required = required.unwrap_or_default();
        for key in shape.keys.clone() {
            let values: Vec<&'static Json> = alternatives
                .iter()
                .filter_map(|node| node.get("properties")?.get(key))
                .map(resolve)
                .collect();
            shape.children.push((key, Shape::build(&values, depth + 1)));
        }
        let items: Vec<&'static Json> = alternatives
            .iter()
            .filter_map(|node| node.get("items"))
            .map(resolve)
            .collect();
        if !items.is_empty() {
            shape.items = Some(Box::new(Shape::build(&items, depth + 1)));
        }
        shape
    }
}

/// The shape of a whole process file.
pub fn shape() -> &'static Shape {
    static SHAPE: OnceLock<Shape> = OnceLock::new();
    SHAPE.get_or_init(|| Shape::build(&[schema()], 0))
}

/// The keys a group of keys at an instance path may hold, in model order.
pub fn keys_at(path: &[PathSegment<'_>]) -> &'static [&'static str] {
    shape().at(path).map_or(&[], |shape| shape.keys.as_slice())
}

/// The keys that must be present at an instance path (those required by every form the group may take).
pub fn required_at(path: &[PathSegment<'_>]) -> &'static [&'static str] {
    shape()
        .at(path)
        .map_or(&[], |shape| shape.required.as_slice())
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
        .find_map(|node| {
            node.get("properties")?
                .get(*key)?
                .get("description")?
                .as_str()
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_found_through_lists_and_alternatives() {
        let steps = keys_at(&[PathSegment::Key("steps"), PathSegment::Index(0)]);
        assert!(steps.contains(&"responsible"), "{steps:?}");
        let cycle = keys_at(&[PathSegment::Key("review_cycle")]);
        assert!(
            cycle.contains(&"month") && cycle.contains(&"windows"),
            "{cycle:?}"
        );
        let root = required_at(&[]);
        assert!(
            root.contains(&"name") && !root.contains(&"scope"),
            "{root:?}"
        );
    }
}
