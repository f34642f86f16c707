//! YAML text → [`Node`] tree, built from the events of `granit-parser`.
//!
//! `granit-parser` is the YAML 1.2 parser inside `serde-saphyr` (the maintained successor of `serde_yaml`). Its
//! events carry the byte span and the style (plain, quoted, block) of every scalar, which is all a linter needs;
//! building the tree straight from them costs a third of deserializing `Spanned` values through serde (measured
//! with callgrind on the examples: ~1.2M instructions per 4 KB file through serde-saphyr, ~0.3M here). The limits
//! that serde-saphyr's budget enforced are enforced here: nesting depth, and the number of values aliases may
//! expand to (so an alias bomb is refused after a bounded amount of work and memory).

use std::borrow::Cow;
use std::collections::HashMap;

use granit_parser::{Event, Parser, ScalarStyle as Style, ScanError, Span as EventSpan, Tag};

use super::node::{Entry, Node, Scalar, ScalarKind, ScalarStyle, Value};
use crate::source::Span;

/// Deeper nesting than this is refused: process files need four or five levels.
pub const MAX_DEPTH: usize = 64;

/// More values than this (counting every value an alias expands to) is refused.
pub const MAX_VALUES: usize = 100_000;

/// More text than this in all the values together (counting the text of every value an alias expands to) is
/// refused: one large anchored text used thousands of times is an alias bomb of few values.
pub const MAX_TEXT_BYTES: usize = 16 * 1024 * 1024;

/// What a file says besides its values, with where: comments, and YAML notations that `proc` reads through but
/// that other tools may read differently, or that a rewrite would have to keep (tags, anchors, aliases).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Notation {
    /// Every comment, from its `#` to the end of its line, in file order.
    pub comments: Vec<Span>,
    /// Tags other than `!!str` (`!!binary`, `!!int`, `!custom`): the tagged value and the tag as written.
    pub tags: Vec<(Span, String)>,
    /// Anchors (`&name`) and aliases (`*name`), in file order.
    pub anchors: Vec<Span>,
    pub aliases: Vec<Span>,
}

/// A parsed document: its tree and its notation.
#[derive(Debug, Clone)]
pub struct Document {
    pub root: Node,
    pub notation: Notation,
}

/// Why a text could not be turned into a tree.
#[derive(Debug)]
pub enum ParseError {
    /// Not valid YAML: the parser's reason, and the byte offset where it stopped.
    Syntax { message: String, offset: usize },
    /// Valid YAML that exceeds a limit (depth, alias expansion): refused to protect the machine.
    Limit { message: String, offset: usize },
    /// A second document (`---`) in the stream.
    SecondDocument { offset: usize },
}

enum Frame {
    Seq {
        start: usize,
        anchor: usize,
        items: Vec<Node>,
    },
    Map {
        start: usize,
        anchor: usize,
        entries: Vec<Entry>,
        key: Option<Node>,
    },
}

struct Builder {
    stack: Vec<Frame>,
    /// Anchored nodes by anchor id, with their size.
    anchors: HashMap<usize, (Node, Size)>,
    values: usize,
    /// Bytes of text in all values so far, aliases expanded.
    text_bytes: usize,
    root: Option<Node>,
}

/// How much a node holds: its values, and the bytes of text in them.
#[derive(Debug, Clone, Copy, Default)]
struct Size {
    values: usize,
    text_bytes: usize,
}

impl Builder {
    fn push(&mut self, node: Node) {
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Frame::Seq { items, .. }) => items.push(node),
            Some(Frame::Map { entries, key, .. }) => match key.take() {
                None => *key = Some(node),
                Some(key) => entries.push(Entry { key, value: node }),
            },
        }
    }

    fn remember(&mut self, anchor: usize, node: &Node) {
        if anchor != 0 {
            self.anchors.insert(anchor, (node.clone(), size(node)));
        }
    }
}

fn size(node: &Node) -> Size {
    let mut total = Size {
        values: 1,
        text_bytes: 0,
    };
    let mut add = |inner: Size| {
        total.values += inner.values;
        total.text_bytes += inner.text_bytes;
    };
    match &node.value {
        Value::Scalar(scalar) => add(Size {
            values: 0,
            text_bytes: scalar.text.len(),
        }),
        Value::Seq(items) => items.iter().map(size).for_each(&mut add),
        Value::Map(entries) => entries.iter().for_each(|entry| {
            add(size(&entry.key));
            add(size(&entry.value));
        }),
        Value::Null => {}
    }
    total
}

/// Parses `text` (which starts at byte `base` of the file) into a tree whose spans are offsets in the file.
pub fn parse(text: &str, base: usize) -> Result<Option<Document>, ParseError> {
    let mut options = granit_parser::Options::default();
    options.block_nesting_limit = MAX_DEPTH;
    options.flow_nesting_limit = MAX_DEPTH;
    options.emit_comments = true;
    options.emit_anchor_events = true;
    // Comments are buffered while the parser looks ahead; a file can hold only as many as fit in its size.
    options.max_buffered_comment_events = usize::MAX;
    let mut notation = Notation::default();
    let mut parser = Parser::new_from_str_with_options(text, options);
    let mut builder = Builder {
        stack: Vec::new(),
        anchors: HashMap::new(),
        values: 0,
        text_bytes: 0,
        root: None,
    };
    let mut documents = 0;
    while let Some(event) = parser.next_event() {
        let (event, span) = event.map_err(|error| syntax(&error, base))?;
        let start = offset(&span.start, base);
        match event {
            Event::DocumentStart(..) => {
                documents += 1;
                if documents > 1 {
                    return Err(ParseError::SecondDocument { offset: start });
                }
            }
            Event::Comment(..) => notation.comments.push(span_of(&span, base)),
            Event::Anchor(..) => notation.anchors.push(span_of(&span, base)),
            Event::Scalar(value, style, anchor, tag) => {
                builder.values += 1;
                builder.text_bytes += value.len();
                note_tag(&mut notation, tag.as_deref(), span_of(&span, base));
                let node = scalar(value, style, tag.as_deref(), span_of(&span, base));
                builder.remember(anchor, &node);
                builder.push(node);
            }
            Event::SequenceStart(_, anchor, ref tag) | Event::MappingStart(_, anchor, ref tag) => {
                builder.values += 1;
                note_tag(&mut notation, tag.as_deref(), span_of(&span, base));
                if builder.stack.len() >= MAX_DEPTH {
                    return Err(ParseError::Limit {
                        message: format!("the values are nested more than {MAX_DEPTH} levels deep"),
                        offset: start,
                    });
                }
                builder
                    .stack
                    .push(if matches!(event, Event::SequenceStart(..)) {
                        Frame::Seq {
                            start,
                            anchor,
                            items: Vec::new(),
                        }
                    } else {
                        Frame::Map {
                            start,
                            anchor,
                            entries: Vec::new(),
                            key: None,
                        }
                    });
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (node, anchor) = match builder.stack.pop() {
                    Some(Frame::Seq {
                        start,
                        anchor,
                        items,
                    }) => (
                        Node {
                            span: Span::new(start, 0),
                            value: Value::Seq(items),
                        },
                        anchor,
                    ),
                    Some(Frame::Map {
                        start,
                        anchor,
                        entries,
                        ..
                    }) => (
                        Node {
                            span: Span::new(start, 0),
                            value: Value::Map(entries),
                        },
                        anchor,
                    ),
                    None => continue,
                };
                builder.remember(anchor, &node);
                builder.push(node);
            }
            Event::Alias(anchor) => {
                notation.aliases.push(span_of(&span, base));
                let Some((node, size)) = builder.anchors.get(&anchor) else {
                    return Err(ParseError::Syntax {
                        message: "an alias refers to an anchor that is not defined".into(),
                        offset: start,
                    });
                };
                builder.values += size.values;
                builder.text_bytes += size.text_bytes;
                if builder.values > MAX_VALUES {
                    return Err(ParseError::Limit {
                        message: format!(
                            "aliases expand the file to more than {MAX_VALUES} values"
                        ),
                        offset: start,
                    });
                }
                if builder.text_bytes > MAX_TEXT_BYTES {
                    return Err(ParseError::Limit {
                        message: format!(
                            "aliases expand the file to more than {} MB of text",
                            MAX_TEXT_BYTES / (1024 * 1024)
                        ),
                        offset: start,
                    });
                }
                let mut node = node.clone();
                node.span = span_of(&span, base);
                builder.push(node);
            }
            _ => {}
        }
        if builder.values > MAX_VALUES {
            return Err(ParseError::Limit {
                message: format!("the file holds more than {MAX_VALUES} values"),
                offset: start,
            });
        }
    }
    Ok(builder.root.map(|root| Document { root, notation }))
}

fn note_tag(notation: &mut Notation, tag: Option<&Tag>, span: Span) {
    if let Some(tag) = tag
        && tag.core_suffix() != Some("str")
    {
        notation.tags.push((span, tag.original()));
    }
}

fn offset(marker: &granit_parser::Marker, base: usize) -> usize {
    base + marker.byte_offset().unwrap_or(0)
}

fn span_of(span: &EventSpan, base: usize) -> Span {
    let start = offset(&span.start, base);
    let end = offset(&span.end, base).max(start);
    Span::new(start, end - start)
}

fn syntax(error: &ScanError, base: usize) -> ParseError {
    let offset = offset(error.marker(), base);
    if matches!(
        error.kind(),
        granit_parser::ErrorKind::RecursionLimitExceeded
    ) {
        return ParseError::Limit {
            message: format!("the values are nested more than {MAX_DEPTH} levels deep"),
            offset,
        };
    }
    ParseError::Syntax {
        message: error.info(),
        offset,
    }
}

/// Types a scalar the way a YAML 1.2 reader does (the core schema), keeping plain text exactly as written.
fn scalar(value: Cow<'_, str>, style: Style, tag: Option<&Tag>, span: Span) -> Node {
    let style = match style {
        Style::Plain => ScalarStyle::Plain,
        Style::SingleQuoted | Style::DoubleQuoted => ScalarStyle::Quoted,
        _ => ScalarStyle::Block,
    };
    let explicit_string = tag.is_some_and(|tag| tag.is_yaml_core_schema_tag("str"));
    let kind = if style == ScalarStyle::Plain && !explicit_string {
        match core_type(&value) {
            None => {
                return Node {
                    span,
                    value: Value::Null,
                };
            }
            Some(kind) => kind,
        }
    } else {
        ScalarKind::String
    };
    Node {
        span,
        value: Value::Scalar(Scalar {
            text: value.into_owned(),
            kind,
            style,
        }),
    }
}

/// The YAML 1.2 core-schema type of a plain scalar; `None` for null.
fn core_type(text: &str) -> Option<ScalarKind> {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return None,
        "true" | "True" | "TRUE" | "false" | "False" | "FALSE" => return Some(ScalarKind::Bool),
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" | "-.inf" | "-.Inf" | "-.INF"
        | ".nan" | ".NaN" | ".NAN" => return Some(ScalarKind::Float),
        _ => {}
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        return Some(ScalarKind::Integer);
    }
    if let Some(hex) = text.strip_prefix("0x")
        && !hex.is_empty()
        && hex.bytes().all(|b| b.is_ascii_hexdigit())
    {
        return Some(ScalarKind::Integer);
    }
    if let Some(octal) = text.strip_prefix("0o")
        && !octal.is_empty()
        && octal.bytes().all(|b| (b'0'..=b'7').contains(&b))
    {
        return Some(ScalarKind::Integer);
    }
    if is_float(digits) {
        return Some(ScalarKind::Float);
    }
    Some(ScalarKind::String)
}

/// `[-+]? ( \. [0-9]+ | [0-9]+ ( \. [0-9]* )? ) ( [eE] [-+]? [0-9]+ )?` without the sign.
fn is_float(text: &str) -> bool {
    let (mantissa, exponent) = match text.find(['e', 'E']) {
        Some(at) => (&text[..at], Some(&text[at + 1..])),
        None => (text, None),
    };
    let (whole, fraction) = match mantissa.split_once('.') {
        Some((whole, fraction)) => (whole, Some(fraction)),
        None => (mantissa, None),
    };
    let digits = |part: &str| part.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok = match fraction {
        Some(fraction) => {
            digits(whole) && digits(fraction) && !(whole.is_empty() && fraction.is_empty())
        }
        None => !whole.is_empty() && digits(whole),
    };
    let exponent_ok = exponent.is_none_or(|exponent| {
        let exponent = exponent.strip_prefix(['-', '+']).unwrap_or(exponent);
        !exponent.is_empty() && digits(exponent)
    });
    mantissa_ok && exponent_ok && (fraction.is_some() || exponent.is_some())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_scalars_are_typed_by_the_yaml_1_2_core_schema() {
        assert_eq!(core_type("no"), Some(ScalarKind::String));
        assert_eq!(core_type("true"), Some(ScalarKind::Bool));
        assert_eq!(core_type("08"), Some(ScalarKind::Integer));
        assert_eq!(core_type("1.10"), Some(ScalarKind::Float));
        assert_eq!(core_type("1e3"), Some(ScalarKind::Float));
        assert_eq!(core_type("8.5.2018"), Some(ScalarKind::String));
        assert_eq!(core_type("2018-05-08"), Some(ScalarKind::String));
        assert_eq!(core_type("1."), Some(ScalarKind::Float));
        assert_eq!(core_type("."), Some(ScalarKind::String));
        assert_eq!(core_type("~"), None);
    }
}
