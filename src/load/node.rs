//! The node tree a process file is loaded into: every key and value with the span of its text.

use std::fmt;

use crate::source::Span;

/// One YAML node with the span of its text in the file.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub span: Span,
    pub value: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// An empty value (`key:` with nothing after it, `~` or `null`).
    Null,
    Scalar(Scalar),
    Seq(Vec<Node>),
    Map(Vec<Entry>),
}

/// A key and its value, in file order. Duplicate keys are kept so that they can be reported.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    pub key: Node,
    pub value: Node,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Scalar {
    /// The text of the value: for quoted and block scalars the parsed string, for plain scalars the text exactly as
    /// written (so `1.10` stays `1.10` and `08` stays `08`).
    pub text: String,
    /// How a YAML 1.2 reader (an editor, another tool) types the value.
    pub kind: ScalarKind,
    pub style: ScalarStyle,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScalarKind {
    String,
    Bool,
    Integer,
    Float,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ScalarStyle {
    Plain,
    Quoted,
    Block,
}

impl Node {
    pub fn as_map(&self) -> Option<&[Entry]> {
        match &self.value {
            Value::Map(entries) => Some(entries),
            _ => None,
        }
    }

    pub fn as_seq(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Seq(items) => Some(items),
            _ => None,
        }
    }

    pub fn as_scalar(&self) -> Option<&Scalar> {
        match &self.value {
            Value::Scalar(scalar) => Some(scalar),
            _ => None,
        }
    }

    /// The text of a scalar, whatever its YAML type.
    pub fn as_text(&self) -> Option<&str> {
        self.as_scalar().map(|scalar| scalar.text.as_str())
    }

    /// The first entry with this key in a mapping.
    pub fn entry(&self, key: &str) -> Option<&Entry> {
        self.as_map()?
            .iter()
            .find(|entry| entry.key.as_text() == Some(key))
    }

    /// The value of the first entry with this key in a mapping.
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.entry(key).map(|entry| &entry.value)
    }

    /// A short description of what the node is, in the words of the messages ("a list", "text").
    pub fn kind_name(&self) -> &'static str {
        match &self.value {
            Value::Null => "empty",
            Value::Scalar(scalar) => match scalar.kind {
                ScalarKind::String => "text",
                ScalarKind::Bool => "a yes/no value",
                ScalarKind::Integer => "a number",
                ScalarKind::Float => "a decimal number",
            },
            Value::Seq(_) => "a list",
            Value::Map(_) => "a group of keys",
        }
    }

    /// Whether the node is empty or text that is only whitespace.
    pub fn is_blank(&self) -> bool {
        match &self.value {
            Value::Null => true,
            Value::Scalar(scalar) => scalar.text.trim().is_empty(),
            _ => false,
        }
    }

    /// The node as JSON, typed the way a YAML 1.2 reader types it, for validation against the JSON Schema.
    pub fn to_json(&self) -> serde_json::Value {
        self.to_json_with(|scalar| match scalar.kind {
            ScalarKind::String => serde_json::Value::String(scalar.text.clone()),
            ScalarKind::Bool => serde_json::Value::Bool(scalar.text.eq_ignore_ascii_case("true")),
            ScalarKind::Integer => scalar
                .text
                .parse::<i64>()
                .map(serde_json::Value::from)
                .or_else(|_| scalar.text.parse::<f64>().map(serde_json::Value::from))
                .unwrap_or_else(|_| serde_json::Value::String(scalar.text.clone())),
            ScalarKind::Float => scalar
                .text
                .parse::<f64>()
                .ok()
                .and_then(serde_json::Number::from_f64)
                .map_or_else(
                    || serde_json::Value::String(scalar.text.clone()),
                    serde_json::Value::Number,
                ),
        })
    }

    /// The node as JSON with every scalar as its text, for building the typed model: the model's own types
    /// (versions, months, dates) read their values from the text exactly as written.
    pub fn to_json_text(&self) -> serde_json::Value {
        self.to_json_with(|scalar| serde_json::Value::String(scalar.text.clone()))
    }

    fn to_json_with(
        &self,
        scalar: impl Fn(&Scalar) -> serde_json::Value + Copy,
    ) -> serde_json::Value {
        match &self.value {
            Value::Null => serde_json::Value::Null,
            Value::Scalar(value) => scalar(value),
            Value::Seq(items) => items.iter().map(|item| item.to_json_with(scalar)).collect(),
            Value::Map(entries) => {
                // Made at its final size: every file checked is turned into JSON for the schema.
                let mut map = serde_json::Map::with_capacity(entries.len());
                // A key with nothing after it (`partners:`) means the same as no key at all; the rules report
                // it as empty, with a better message than a type mismatch.
                for entry in entries
                    .iter()
                    .filter(|entry| entry.value.value != Value::Null)
                {
                    let key = entry.key.as_text().unwrap_or_default().to_owned();
                    map.insert(key, entry.value.to_json_with(scalar));
                }
                map.into()
            }
        }
    }

    /// The node at a JSON pointer path such as `/steps/2/name`.
    pub fn at_path<'a, I: IntoIterator<Item = PathSegment<'a>>>(&self, path: I) -> Option<&Node> {
        let mut node = self;
        for segment in path {
            node = match segment {
                PathSegment::Key(key) => node.get(key)?,
                PathSegment::Index(index) => node.as_seq()?.get(index)?,
            };
        }
        Some(node)
    }

    /// The entry of the key that holds the node at a path (the span a user recognises for "this field").
    pub fn entry_at_path<'a>(&self, path: &[PathSegment<'a>]) -> Option<&Entry> {
        let (last, parent) = path.split_last()?;
        let parent = self.at_path(parent.iter().copied())?;
        match last {
            PathSegment::Key(key) => parent.entry(key),
            PathSegment::Index(_) => None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PathSegment<'a> {
    Key(&'a str),
    Index(usize),
}

impl fmt::Display for PathSegment<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            PathSegment::Key(key) => f.write_str(key),
            PathSegment::Index(index) => write!(f, "{index}"),
        }
    }
}
