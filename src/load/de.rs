//! Reading a typed value straight from a [`Node`] tree, every scalar as its text.
//!
//! It is [`Node::to_json_text`] followed by deserializing that JSON, without building the JSON: the same values
//! reach the visitor in the same order, and every error is made by the same call with the same arguments as
//! `serde_json::Value`'s, so the messages (which `proc lint` shows in `unusable-process`) are the same. Building
//! the JSON of every file cost more than checking it. A tree that JSON would change (a key written twice, a key
//! that is not text) is read through the JSON, as before.

use serde::de::{self, DeserializeSeed, IntoDeserializer, Unexpected, Visitor};
use serde_json::Error;

use super::node::{Entry, Node, Value};

/// The typed value of a tree, with the path of the value it could not read.
pub fn from_node<T: de::DeserializeOwned>(
    node: &Node,
) -> Result<T, serde_path_to_error::Error<Error>> {
    if same_as_json(node) {
        // Without tracking the path first: nearly every file reads, and only a message needs the path.
        if let Ok(value) = T::deserialize(Text(node)) {
            return Ok(value);
        }
        serde_path_to_error::deserialize(Text(node))
    } else {
        serde_path_to_error::deserialize(node.to_json_text())
    }
}

/// Whether every group of keys in the tree has text keys, each once: then it reads as its JSON does.
fn same_as_json(node: &Node) -> bool {
    match &node.value {
        Value::Null | Value::Scalar(_) => true,
        Value::Seq(items) => items.iter().all(same_as_json),
        Value::Map(entries) => {
            // A set, not a search of the earlier keys: a file of 50,000 keys in one group must not take seconds.
            let mut seen = std::collections::HashSet::with_capacity(entries.len());
            entries.iter().all(|entry| {
                entry.key.as_text().is_some_and(|key| seen.insert(key))
                    && same_as_json(&entry.value)
            })
        }
    }
}

/// A node read as its JSON text form reads.
#[derive(Clone, Copy)]
struct Text<'a>(&'a Node);

impl<'a> Text<'a> {
    fn unexpected(self) -> Unexpected<'a> {
        match &self.0.value {
            Value::Null => Unexpected::Unit,
            Value::Scalar(scalar) => Unexpected::Str(&scalar.text),
            Value::Seq(_) => Unexpected::Seq,
            Value::Map(_) => Unexpected::Map,
        }
    }

    fn invalid_type<E: de::Error>(self, expected: &dyn de::Expected) -> E {
        E::invalid_type(self.unexpected(), expected)
    }
}

/// The entries JSON keeps: a key with nothing after it is no key.
fn present(entries: &[Entry]) -> impl Iterator<Item = &Entry> {
    entries
        .iter()
        .filter(|entry| entry.value.value != Value::Null)
}

fn visit_seq<'de, V: Visitor<'de>>(items: &'de [Node], visitor: V) -> Result<V::Value, Error> {
    let mut access = Items {
        items: items.iter(),
    };
    let value = visitor.visit_seq(&mut access)?;
    let remaining = access.items.len();
    if remaining == 0 {
        Ok(value)
    } else {
        Err(de::Error::invalid_length(
            items.len(),
            &"fewer elements in array",
        ))
    }
}

fn visit_map<'de, V: Visitor<'de>>(entries: &'de [Entry], visitor: V) -> Result<V::Value, Error> {
    let len = present(entries).count();
    let mut access = Entries {
        entries: entries.iter(),
        remaining: len,
        value: None,
    };
    let value = visitor.visit_map(&mut access)?;
    if access.remaining == 0 {
        Ok(value)
    } else {
        Err(de::Error::invalid_length(len, &"fewer elements in map"))
    }
}

impl<'de> de::Deserializer<'de> for Text<'de> {
    type Error = Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.0.value {
            Value::Null => visitor.visit_unit(),
            Value::Scalar(scalar) => visitor.visit_str(&scalar.text),
            Value::Seq(items) => visit_seq(items, visitor),
            Value::Map(entries) => visit_map(entries, visitor),
        }
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.0.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match &self.0.value {
            Value::Map(entries) => {
                let mut present = present(entries);
                let (Some(entry), None) = (present.next(), present.next()) else {
                    return Err(de::Error::invalid_value(
                        Unexpected::Map,
                        &"map with a single key",
                    ));
                };
                visitor.visit_enum(Variant {
                    name: entry.key.as_text().unwrap_or_default(),
                    value: Some(Text(&entry.value)),
                })
            }
            Value::Scalar(scalar) => visitor.visit_enum(Variant {
                name: &scalar.text,
                value: None,
            }),
            _ => Err(self.invalid_type(&"string or map")),
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        Err(self.invalid_type(&visitor))
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.0.value {
            Value::Scalar(scalar) => visitor.visit_str(&scalar.text),
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_str(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.0.value {
            Value::Scalar(scalar) => visitor.visit_str(&scalar.text),
            Value::Seq(items) => visit_seq(items, visitor),
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.0.value {
            Value::Null => visitor.visit_unit(),
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.0.value {
            Value::Seq(items) => visit_seq(items, visitor),
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        match &self.0.value {
            Value::Map(entries) => visit_map(entries, visitor),
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match &self.0.value {
            Value::Seq(items) => visit_seq(items, visitor),
            Value::Map(entries) => visit_map(entries, visitor),
            _ => Err(self.invalid_type(&visitor)),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Error> {
        visitor.visit_unit()
    }

    // Numbers: in the text form every scalar is a string, which no number visitor takes.
    serde::forward_to_deserialize_any! {
        i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64
    }
}

struct Items<'de> {
    items: std::slice::Iter<'de, Node>,
}

impl<'de> de::SeqAccess<'de> for Items<'de> {
    type Error = Error;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, Error> {
        self.items
            .next()
            .map(|item| seed.deserialize(Text(item)))
            .transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct Entries<'de> {
    entries: std::slice::Iter<'de, Entry>,
    /// The present entries not yet taken.
    remaining: usize,
    value: Option<&'de Node>,
}

impl<'de> de::MapAccess<'de> for Entries<'de> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Error> {
        for entry in self.entries.by_ref() {
            if entry.value.value == Value::Null {
                continue;
            }
            self.remaining -= 1;
            self.value = Some(&entry.value);
            let key: &'de str = entry.key.as_text().unwrap_or_default();
            return seed.deserialize(key.into_deserializer()).map(Some);
        }
        Ok(None)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Error> {
        match self.value.take() {
            Some(value) => seed.deserialize(Text(value)),
            None => Err(de::Error::custom("value is missing")),
        }
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.remaining)
    }
}

/// An enum's variant: its name, and its value when it was written as a group of one key.
struct Variant<'de> {
    name: &'de str,
    value: Option<Text<'de>>,
}

impl<'de> de::EnumAccess<'de> for Variant<'de> {
    type Error = Error;
    type Variant = Self;

    fn variant_seed<V: DeserializeSeed<'de>>(self, seed: V) -> Result<(V::Value, Self), Error> {
        let name = seed.deserialize(self.name.into_deserializer())?;
        Ok((name, self))
    }
}

impl<'de> de::VariantAccess<'de> for Variant<'de> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        match self.value {
            Some(value) => de::Deserialize::deserialize(value),
            None => Ok(()),
        }
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, Error> {
        match self.value {
            Some(value) => seed.deserialize(value),
            None => Err(de::Error::invalid_type(
                Unexpected::UnitVariant,
                &"newtype variant",
            )),
        }
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Error> {
        match self.value {
            Some(Text(Node {
                value: Value::Seq(items),
                ..
            })) => {
                if items.is_empty() {
                    visitor.visit_unit()
                } else {
                    visit_seq(items, visitor)
                }
            }
            Some(other) => Err(other.invalid_type(&"tuple variant")),
            None => Err(de::Error::invalid_type(
                Unexpected::UnitVariant,
                &"tuple variant",
            )),
        }
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Error> {
        match self.value {
            Some(Text(Node {
                value: Value::Map(entries),
                ..
            })) => visit_map(entries, visitor),
            Some(other) => Err(other.invalid_type(&"struct variant")),
            None => Err(de::Error::invalid_type(
                Unexpected::UnitVariant,
                &"struct variant",
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Process;

    /// What reading through the JSON gives: the value, or the message with its path.
    fn both(text: &str) -> (Result<Process, String>, Result<Process, String>) {
        let Some(root) = crate::load::parse_text(text) else {
            panic!("not YAML: {text}");
        };
        let message = |error: serde_path_to_error::Error<serde_json::Error>| {
            let path = error.path().to_string();
            format!("{path}: {}", error.into_inner())
        };
        let direct = super::from_node::<Process>(&root).map_err(message);
        let json = serde_path_to_error::deserialize(root.to_json_text()).map_err(message);
        (direct, json)
    }

    #[test]
    fn reads_every_example_and_every_mistake_as_its_json_does() {
        let mut texts: Vec<String> = std::fs::read_dir("processes")
            .into_iter()
            .flatten()
            .filter_map(|entry| std::fs::read_to_string(entry.ok()?.path()).ok())
            .collect();
        assert!(texts.len() >= 3, "the examples were not found");
        let base =
            "id: a\nname: A\nowner: O\nlanguage: sv\nsteps:\n  - name: S\n    responsible: R\n";
        for extra in [
            "",
            "language: xx\n",
            "goal: [a, b]\n",
            "goal:\n  a: b\n",
            "partners:\n",
            "partners: x\n",
            "metrics: [1, 2.5, true]\n",
            "unknown: 1\n",
            "review_cycle: 3\n",
            "review_cycle:\n  month: 13\n",
            "review_cycle:\n  windows: [x]\n  description: d\n",
            "review_cycle: [a]\n",
            "review_cycle: [april]\n",
            "interfaces:\n  - process: b\n  - Kommunen\n  - {process: c, description: d}\n",
            "interfaces:\n  - process: B C\n",
            "interfaces:\n  - [a]\n",
            "approved:\n  date: 2024-13-01\n",
            "approved: x\n",
            "version: 1.10\n",
            "version: [1]\n",
            "steps: x\n",
            "steps:\n",
            "id: ~\n",
        ] {
            texts.push(format!("{extra}{base}"));
            // The same key under the steps, where the mistake is one level down.
            texts.push(format!(
                "{base}    {}",
                extra.replace('\n', "\n    ").trim_end()
            ));
        }
        for text in &texts {
            let Some(_) = crate::load::parse_text(text) else {
                continue;
            };
            let (direct, json) = both(text);
            assert_eq!(direct, json, "{text}");
        }
    }
}
