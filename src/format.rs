//! The canonical layout of a process file, for `proc fmt` and for the files `proc import` and `proc new` write.
//!
//! Keys come in the order of the model (the order of the schema), lists are in block style, indentation is two
//! spaces, texts are plain where that is unambiguous and double-quoted where not, and texts of several lines are
//! literal blocks (`|`). Comments stay with the key or list entry they stand above or beside, and a blank line
//! before a key or entry is kept, so a file keeps the structure its authors gave it.
//!
//! The formatter never changes what a file says: it reads back what it wrote and refuses to return it unless it
//! holds exactly the same values (see [`format`]).

use std::collections::HashMap;

use crate::load::{Entry, Node, Scalar, ScalarKind, ScalarStyle, Value};
use crate::schema::Shape;
use crate::source::SourceFile;

/// Why a file could not be formatted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormatError {
    /// The formatted text would read differently; a bug in `proc`, never written to the file.
    ChangesMeaning,
}

impl std::fmt::Display for FormatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FormatError::ChangesMeaning => f.write_str(
                "proc could not format this file without changing what it says, so it was left as it is \
                 (this is a bug in proc: please report it with the file)",
            ),
        }
    }
}

/// A comment line and where it was.
#[derive(Debug, Clone, Default)]
struct Attached {
    /// Whole-line comments just above the key or entry.
    leading: Vec<String>,
    /// A comment at the end of the key's or entry's first line.
    trailing: Option<String>,
    /// A blank line came before it (or before its leading comments).
    blank_before: bool,
}

/// A key or a list entry, by the byte offset where it starts in the source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Anchor {
    Key(usize),
    Item(usize),
}

#[derive(Debug, Default)]
struct Comments {
    /// Comments above the first key: the editor schema line and any file header.
    header: Vec<String>,
    /// A blank line separates the header from the first key.
    blank_after_header: bool,
    /// See [`Emitter::spacious`].
    spacious: bool,
    /// Comments after the last key.
    footer: Vec<String>,
    attached: HashMap<Anchor, Attached>,
}

/// The file in the canonical layout. `root` is the parsed document of `source`.
pub fn format(source: &SourceFile, root: &Node) -> Result<String, FormatError> {
    let comments = collect_comments(source, root);
    let text = emit(root, &comments);
    // Read back what was written: it must say exactly what the file said.
    match crate::load::parse_text(&text) {
        Some(again) if same(root, &again) => Ok(text),
        _ => Err(FormatError::ChangesMeaning),
    }
}

/// What `proc fmt` did with one file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Formatted {
    Unchanged,
    /// Rewritten, or with `check`, would be.
    Changed,
    Failed(String),
}

/// Formats one file in place (atomically), or with `check` only says whether it would change.
pub fn format_file(path: &std::path::Path, check: bool) -> Formatted {
    let loaded = match crate::load::load_file(path, Default::default()) {
        Ok(loaded) => loaded,
        Err(error) => return Formatted::Failed(format!("cannot read the file: {error}")),
    };
    let Some(root) = &loaded.root else {
        let reason = loaded
            .findings
            .first()
            .map(|finding| finding.message.clone())
            .unwrap_or_else(|| "it could not be read".to_owned());
        return Formatted::Failed(format!(
            "not formatted: {reason} (`proc lint {}` shows where)",
            path.display()
        ));
    };
    let text = match format(&loaded.source, root) {
        Ok(text) => text,
        Err(error) => return Formatted::Failed(error.to_string()),
    };
    // A byte order mark is dropped by the formatter; an otherwise formatted file with one counts as changed.
    if text == loaded.source.text {
        return Formatted::Unchanged;
    }
    if !check && let Err(error) = crate::record::write_atomically(path, &text, || Ok(())) {
        return Formatted::Failed(format!("cannot write the file: {error}"));
    }
    Formatted::Changed
}

/// A document without source (a process built by `proc import` or `proc new`) in the canonical layout, with the
/// given header comment lines (each starting with `#`).
pub fn emit_document(root: &Node, header: &[&str]) -> String {
    let comments = Comments {
        header: header.iter().map(|line| (*line).to_owned()).collect(),
        spacious: true,
        ..Comments::default()
    };
    emit(root, &comments)
}

fn emit(root: &Node, comments: &Comments) -> String {
    let mut out = String::with_capacity(4096);
    for line in &comments.header {
        out.push_str(line);
        out.push('\n');
    }
    if comments.blank_after_header && !comments.header.is_empty() {
        out.push('\n');
    }
    let mut emitter = Emitter {
        out: &mut out,
        comments,
        spacious: comments.spacious,
    };
    match &root.value {
        Value::Map(entries) => emitter.map(entries, Some(crate::schema::shape()), 0, false),
        // Not a process (lint says so), but still written back as it was.
        _ => emitter.seq_or_scalar_document(root),
    }
    if !comments.footer.is_empty() {
        out.push('\n');
        for line in &comments.footer {
            out.push_str(line);
            out.push('\n');
        }
    }
    out
}

struct Emitter<'a> {
    out: &'a mut String,
    comments: &'a Comments,
    /// A document without source (written by `proc import`): a blank line before `steps` and between steps, as
    /// a person would space it.
    spacious: bool,
}

impl Emitter<'_> {
    fn attached(&self, anchor: Anchor) -> Option<&Attached> {
        self.comments.attached.get(&anchor)
    }

    /// Blank line and leading comments of a key or entry. `first` is true for the first key of a map that sits
    /// on the line of its list entry's `-`, whose comments belong to the entry.
    fn before(&mut self, anchor: Anchor, indent: usize, first_in_item: bool) {
        if first_in_item {
            return;
        }
        let Some(attached) = self.comments.attached.get(&anchor) else {
            return;
        };
        if attached.blank_before && !self.out.is_empty() && !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
        for comment in &attached.leading {
            push_indent(self.out, indent);
            self.out.push_str(comment);
            self.out.push('\n');
        }
    }

    fn trailing(&mut self, anchor: Anchor) {
        if let Some(comment) = self.attached(anchor).and_then(|a| a.trailing.clone()) {
            self.out.push(' ');
            self.out.push_str(&comment);
        }
    }

    /// The entries of a map, one per line at `indent`, in the model's order. With `in_item`, the first entry's
    /// indentation is already written (it follows a list entry's `- `).
    fn map(&mut self, entries: &[Entry], shape: Option<&Shape>, indent: usize, in_item: bool) {
        for (index, entry) in ordered(entries, shape).into_iter().enumerate() {
            let first_in_item = in_item && index == 0;
            let anchor = Anchor::Key(entry.key.span.start);
            self.before(anchor, indent, first_in_item);
            // In a generated document the steps stand apart: a blank line before them and between them.
            let steps = self.spacious && indent == 0 && entry.key.as_text() == Some("steps");
            if steps && !self.out.ends_with("\n\n") {
                self.out.push('\n');
            }
            if !first_in_item {
                push_indent(self.out, indent);
            }
            self.out.push_str(&key_text(&entry.key));
            self.out.push(':');
            let child = entry
                .key
                .as_text()
                .and_then(|key| shape.and_then(|shape| shape.child(key)));
            self.after_key(&entry.value, child, indent, anchor, steps);
        }
    }

    /// What follows `key:` (or `-`): the value inline, or on the lines below. `spaced`: a blank line between the
    /// entries of a list value.
    fn after_key(
        &mut self,
        value: &Node,
        shape: Option<&Shape>,
        indent: usize,
        anchor: Anchor,
        spaced: bool,
    ) {
        match &value.value {
            Value::Null => self.trailing(anchor),
            Value::Scalar(scalar) => {
                self.out.push(' ');
                self.scalar(scalar, indent, anchor);
            }
            Value::Seq(items) if items.is_empty() => {
                self.out.push_str(" []");
                self.trailing(anchor);
            }
            Value::Map(entries) if entries.is_empty() => {
                self.out.push_str(" {}");
                self.trailing(anchor);
            }
            Value::Seq(items) => {
                self.trailing(anchor);
                self.out.push('\n');
                self.seq(items, shape.and_then(Shape::items), indent + 2, spaced);
                return;
            }
            Value::Map(entries) => {
                self.trailing(anchor);
                self.out.push('\n');
                self.map(entries, shape, indent + 2, false);
                return;
            }
        }
        self.out.push('\n');
    }

    fn seq(&mut self, items: &[Node], shape: Option<&Shape>, indent: usize, spaced: bool) {
        for (index, item) in items.iter().enumerate() {
            let anchor = Anchor::Item(item.span.start);
            if spaced && index > 0 && !self.out.ends_with("\n\n") {
                self.out.push('\n');
            }
            self.before(anchor, indent, false);
            push_indent(self.out, indent);
            self.out.push('-');
            match &item.value {
                Value::Map(entries) if !entries.is_empty() => {
                    // The first key goes on the line of the `-`; a comment there belongs to that key.
                    self.out.push(' ');
                    self.map(entries, shape, indent + 2, true);
                }
                Value::Seq(inner) if !inner.is_empty() => {
                    self.trailing(anchor);
                    self.out.push('\n');
                    self.seq(inner, shape.and_then(Shape::items), indent + 2, false);
                }
                _ => self.after_key(item, shape, indent, anchor, false),
            }
        }
    }

    fn seq_or_scalar_document(&mut self, node: &Node) {
        match &node.value {
            Value::Seq(items) => self.seq(items, None, 0, false),
            Value::Scalar(scalar) => {
                self.scalar(scalar, 0, Anchor::Item(node.span.start));
                self.out.push('\n');
            }
            _ => {}
        }
    }

    /// A scalar after `key: ` or `- `: inline, or as a literal block on the lines below.
    fn scalar(&mut self, scalar: &Scalar, indent: usize, anchor: Anchor) {
        match block_text(scalar) {
            Some((indicator, lines)) => {
                self.out.push_str(&indicator);
                self.trailing(anchor);
                for line in lines {
                    self.out.push('\n');
                    if !line.is_empty() {
                        push_indent(self.out, indent + 2);
                        self.out.push_str(line);
                    }
                }
            }
            None => {
                let inline = scalar_text(scalar);
                let line_start = self.out.rfind('\n').map_or(0, |at| at + 1);
                let column = self.out[line_start..].chars().count();
                match folded_lines(scalar, &inline, column, indent + 2) {
                    Some(lines) => {
                        self.out.push_str(">-");
                        self.trailing(anchor);
                        for line in lines {
                            self.out.push('\n');
                            push_indent(self.out, indent + 2);
                            self.out.push_str(line);
                        }
                    }
                    None => {
                        self.out.push_str(&inline);
                        self.trailing(anchor);
                    }
                }
            }
        }
    }
}

fn push_indent(out: &mut String, indent: usize) {
    out.extend(std::iter::repeat_n(' ', indent));
}

/// The entries in the model's order; keys the model does not know keep their order, after the known ones.
fn ordered<'a>(entries: &'a [Entry], shape: Option<&Shape>) -> Vec<&'a Entry> {
    let mut ordered: Vec<&Entry> = entries.iter().collect();
    if let Some(shape) = shape {
        ordered.sort_by_key(|entry| {
            entry
                .key
                .as_text()
                .and_then(|key| shape.keys.iter().position(|known| *known == key))
                .unwrap_or(usize::MAX)
        });
    }
    ordered
}

fn key_text(key: &Node) -> String {
    match &key.value {
        Value::Scalar(scalar) => crate::record::yaml_text(&scalar.text),
        Value::Null => "~".to_owned(),
        // A key that is a list or a map is not something a process file has; lint reports it.
        _ => "\"?\"".to_owned(),
    }
}

/// How a scalar is written inline.
fn scalar_text(scalar: &Scalar) -> String {
    match (scalar.kind, scalar.style) {
        // Numbers and true/false as written: they mean what they meant.
        (ScalarKind::Bool | ScalarKind::Integer | ScalarKind::Float, ScalarStyle::Plain) => {
            scalar.text.clone()
        }
        _ if is_iso_date(&scalar.text) => scalar.text.clone(),
        _ => crate::record::yaml_text(&scalar.text),
    }
}

/// Lines are folded to stay within this many columns where a text allows.
const WIDTH: usize = 120;

/// A long one-line text as the lines of a folded block (`>-`), broken at single spaces so that reading it back
/// gives the same text. `None` when it fits on its line as it is, or cannot be folded exactly.
fn folded_lines<'a>(
    scalar: &'a Scalar,
    inline: &str,
    column: usize,
    indent: usize,
) -> Option<Vec<&'a str>> {
    let text = scalar.text.as_str();
    if column + inline.chars().count() <= WIDTH
        || (scalar.kind != ScalarKind::String && scalar.style == ScalarStyle::Plain)
        || text.contains(['\n', '\t'])
        || text.starts_with(' ')
        || text.ends_with(' ')
        || text.chars().any(|c| {
            c.is_control() || c == '\u{FEFF}' || c == '\u{85}' || c == '\u{2028}' || c == '\u{2029}'
        })
    {
        return None;
    }
    let room = WIDTH.saturating_sub(indent).max(40);
    let mut lines = Vec::new();
    let mut start = 0;
    while text[start..].chars().count() > room {
        // The last single space within the room (a space between two non-spaces), else the first one after it.
        let bytes = text.as_bytes();
        let is_break = |at: usize| {
            bytes[at] == b' '
                && at > start
                && bytes[at - 1] != b' '
                && bytes.get(at + 1).is_some_and(|b| *b != b' ')
        };
        let limit = text[start..]
            .char_indices()
            .nth(room)
            .map_or(text.len(), |(at, _)| start + at);
        let at = (start..limit)
            .rev()
            .find(|at| is_break(*at))
            .or_else(|| (limit..text.len()).find(|at| is_break(*at)));
        let Some(at) = at else {
            break;
        };
        lines.push(&text[start..at]);
        start = at + 1;
    }
    lines.push(&text[start..]);
    // One line would not be folded at all: a text without a place to break stays inline.
    (lines.len() > 1).then_some(lines)
}

fn is_iso_date(text: &str) -> bool {
    let bytes = text.as_bytes();
    bytes.len() == 10
        && bytes.iter().enumerate().all(|(index, byte)| match index {
            4 | 7 => *byte == b'-',
            _ => byte.is_ascii_digit(),
        })
}

/// A text with line breaks as a literal block: the header (`|`, `|-`, `|+`, with an indentation digit when the
/// first line starts with a space) and the lines. `None` when the text has no line break, or holds characters a
/// block cannot (those are written double-quoted).
fn block_text(scalar: &Scalar) -> Option<(String, Vec<&str>)> {
    let text = scalar.text.as_str();
    if scalar.kind != ScalarKind::String && scalar.style == ScalarStyle::Plain {
        return None;
    }
    if !text.contains('\n')
        || text
            .chars()
            .any(|c| (c.is_control() && c != '\n' && c != '\t') || c == '\u{FEFF}')
    {
        return None;
    }
    let body = text.trim_end_matches('\n');
    let newlines = text.len() - body.len();
    // Blocks cannot express leading blank lines or a text of only line breaks plainly; quote those.
    if body.is_empty() || body.starts_with('\n') || body.lines().any(|line| line.ends_with(' ')) {
        return None;
    }
    let mut header = String::from("|");
    if body.starts_with([' ', '\t']) {
        header.push('2');
    }
    match newlines {
        0 => header.push('-'),
        1 => {}
        _ => header.push('+'),
    }
    let mut lines: Vec<&str> = body.split('\n').collect();
    // Keep: the extra line breaks at the end are lines of their own.
    lines.extend(std::iter::repeat_n("", newlines.saturating_sub(1)));
    Some((header, lines))
}

/// Whether two documents hold the same values (spans and styles aside; key order within a map aside).
pub fn same(a: &Node, b: &Node) -> bool {
    match (&a.value, &b.value) {
        (Value::Null, Value::Null) => true,
        (Value::Scalar(x), Value::Scalar(y)) => x.text == y.text && x.kind == y.kind,
        (Value::Seq(x), Value::Seq(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Value::Map(x), Value::Map(y)) => {
            x.len() == y.len()
                && x.iter().all(|entry| {
                    y.iter().any(|other| {
                        same(&entry.key, &other.key) && same(&entry.value, &other.value)
                    })
                })
        }
        _ => false,
    }
}

/// Finds the comments of a file and the key or list entry each belongs to.
fn collect_comments(source: &SourceFile, root: &Node) -> Comments {
    // Where the text of scalars lies: a `#` there is part of a text, not a comment.
    let mut scalars: Vec<(usize, usize)> = Vec::new();
    let mut anchors: Vec<(usize, Anchor)> = Vec::new();
    walk(root, &mut scalars, &mut anchors);
    scalars.sort_unstable();
    anchors.sort_by_key(|(offset, anchor)| (*offset, matches!(anchor, Anchor::Key(_))));
    // Strictly inside: a key at the start of its line is not "inside" its own text.
    let in_scalar = |offset: usize| {
        let index = scalars.partition_point(|(start, _)| *start < offset);
        index > 0 && scalars[index - 1].1 > offset
    };

    let mut comments = Comments::default();
    let line_of = |offset: usize| source.line_column(offset).line;
    let anchor_lines: Vec<(usize, Anchor)> = anchors
        .iter()
        .map(|(offset, anchor)| (line_of(*offset), *anchor))
        .collect();
    let first_anchor_line = anchor_lines.first().map_or(usize::MAX, |(line, _)| *line);
    let last_anchor_line = anchor_lines.last().map_or(0, |(line, _)| *line);

    let mut pending: Vec<String> = Vec::new();
    let mut pending_blank = false;
    let mut next_anchor = 0;
    for line in 1..=source.line_count() {
        let start = source.line_start(line);
        let content = source.line_text(line);
        // Skip the lines inside a block scalar: they are text.
        if !content.trim().is_empty()
            && in_scalar(start + content.len() - content.trim_start().len())
        {
            continue;
        }
        let comment_at = content.char_indices().find_map(|(at, ch)| {
            (ch == '#'
                && (at == 0 || content[..at].ends_with([' ', '\t']))
                && !in_scalar(start + at))
            .then_some(at)
        });
        let code = comment_at.map_or(content, |at| &content[..at]);
        let comment = comment_at.map(|at| content[at..].trim_end().to_owned());
        // The anchors that start on this line.
        while next_anchor < anchor_lines.len() && anchor_lines[next_anchor].0 < line {
            next_anchor += 1;
        }
        let here: Vec<Anchor> = anchor_lines[next_anchor..]
            .iter()
            .take_while(|(anchor_line, _)| *anchor_line == line)
            .map(|(_, anchor)| *anchor)
            .collect();
        if code.trim().is_empty() {
            match comment {
                Some(comment) if line < first_anchor_line => comments.header.push(comment),
                Some(comment) if line > last_anchor_line => comments.footer.push(comment),
                Some(comment) => pending.push(comment),
                None if line > first_anchor_line => {
                    if pending.is_empty() {
                        pending_blank = true;
                    }
                }
                None => comments.blank_after_header = !comments.header.is_empty(),
            }
            continue;
        }
        if let Some(first) = here.first() {
            let attached = comments.attached.entry(*first).or_default();
            attached.leading.append(&mut pending);
            attached.blank_before = std::mem::take(&mut pending_blank);
        } else {
            // A comment above a line that continues a value (a flow list over several lines): keep it with the
            // value's line.
            pending_blank = false;
        }
        if let (Some(comment), Some(last)) = (
            comment,
            here.last()
                .or(anchor_lines[..next_anchor].last().map(|(_, a)| a)),
        ) {
            let attached = comments.attached.entry(*last).or_default();
            match &mut attached.trailing {
                Some(existing) => {
                    existing.push(' ');
                    existing.push_str(&comment);
                }
                None => attached.trailing = Some(comment),
            }
        }
    }
    if !pending.is_empty() {
        comments.footer.splice(0..0, pending);
    }
    comments
}

fn walk(node: &Node, scalars: &mut Vec<(usize, usize)>, anchors: &mut Vec<(usize, Anchor)>) {
    match &node.value {
        Value::Scalar(_) => scalars.push((node.span.start, node.span.end())),
        Value::Null => {}
        Value::Seq(items) => {
            for item in items {
                anchors.push((item.span.start, Anchor::Item(item.span.start)));
                walk(item, scalars, anchors);
            }
        }
        Value::Map(entries) => {
            for entry in entries {
                anchors.push((entry.key.span.start, Anchor::Key(entry.key.span.start)));
                walk(&entry.key, scalars, anchors);
                walk(&entry.value, scalars, anchors);
            }
        }
    }
}
