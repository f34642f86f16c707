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
    /// The formatted text would lose a comment; a bug in `proc`, never written to the file.
    LosesComments,
    /// The file uses YAML that the canonical layout cannot keep as written: an anchor, an alias, a tag, a merge
    /// key or a key that is not a short text (on `line`), and what to do about it.
    Unsupported {
        line: usize,
        what: String,
        fix: &'static str,
    },
}

impl std::fmt::Display for FormatError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FormatError::ChangesMeaning => f.write_str(
                "proc could not format this file without changing what it says, so it was left as it is \
                 (this is a bug in proc: please report it with the file)",
            ),
            FormatError::LosesComments => f.write_str(
                "proc could not format this file without losing a comment, so it was left as it is \
                 (this is a bug in proc: please report it with the file)",
            ),
            FormatError::Unsupported { line, what, fix } => write!(
                f,
                "not formatted: line {line} has {what}, which proc fmt cannot keep as written, so the file was \
                 left as it is; {fix}, then run proc fmt again"
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

impl Comments {
    /// A comment at the end of a line of `anchor`. A key and its value on different lines can each end with one;
    /// the canonical layout has one line for both, so the earlier comment goes above it (where it still covers the
    /// entry, if it is a suppression).
    fn attach_trailing(&mut self, anchor: Anchor, comment: String) {
        let attached = self.attached.entry(anchor).or_default();
        if let Some(earlier) = attached.trailing.replace(comment) {
            attached.leading.push(earlier);
        }
    }
}

/// The file in the canonical layout. `root` and `notation` are the parsed document of `source`.
///
/// The text keeps the file's byte order mark and line endings (LF, CRLF or CR), so that formatting changes only
/// what the layout changes. Before it is returned it is read back: it must hold exactly the same values and the
/// same comments, or the file is refused as it is.
pub fn format(
    source: &SourceFile,
    root: &Node,
    notation: &crate::load::Notation,
) -> Result<String, FormatError> {
    unsupported(source, root, notation)?;
    if let Value::Null = root.value {
        // An empty document (`---`, `~`, only comments) has no layout; it is left as it is.
        return Ok(source.text.clone());
    }
    let comments = collect_comments(source, root, &notation.comments);
    let mut text = emit(root, &comments);
    // Read back what was written: it must say exactly what the file said, with every comment.
    let again = crate::load::parse_document(&text).ok_or(FormatError::ChangesMeaning)?;
    if !same(root, &again.root) {
        return Err(FormatError::ChangesMeaning);
    }
    let comment_texts = |text: &str, spans: &[crate::source::Span]| -> Vec<String> {
        let mut texts: Vec<String> = spans
            .iter()
            .filter_map(|span| text.get(span.start..span.end()))
            .map(|comment| comment.trim_end().to_owned())
            .collect();
        texts.sort_unstable();
        texts
    };
    if comment_texts(&source.text, &notation.comments)
        != comment_texts(&text, &again.notation.comments)
    {
        return Err(FormatError::LosesComments);
    }
    let newline = source.line_ending();
    if newline != "\n" {
        text = text.replace('\n', newline);
    }
    if source.text.starts_with('\u{FEFF}') {
        text.insert(0, '\u{FEFF}');
    }
    Ok(text)
}

/// Refuses what the canonical layout cannot write back as it was: anchors and aliases (it would write each use out
/// in full), tags other than `!!str` (it would drop them), and merge keys (`<<`, which it would turn into text).
fn unsupported(
    source: &SourceFile,
    root: &Node,
    notation: &crate::load::Notation,
) -> Result<(), FormatError> {
    let line = |offset: usize| source.line_column(offset).line;
    const WRITE_OUT: &str = "process files need none of these: write the values out in full";
    let mut found: Vec<(usize, String, &'static str)> = Vec::new();
    if let Some(span) = notation.anchors.first() {
        let what = format!("a YAML anchor (`{}`)", source.slice(*span));
        found.push((span.start, what, WRITE_OUT));
    }
    if let Some(span) = notation.aliases.first() {
        let what = format!("a YAML alias (`{}`)", source.slice(*span));
        found.push((span.start, what, WRITE_OUT));
    }
    if let Some((span, tag)) = notation.tags.first() {
        let what = format!("a YAML tag (`{tag}`)");
        found.push((span.start, what, "process files need no tags: delete it"));
    }
    if let Some(key) = merge_key(root) {
        let what = "a YAML merge key (`<<`)".to_owned();
        found.push((key.span.start, what, WRITE_OUT));
    }
    if let Some((key, what)) = unwritable_key(root) {
        let fix = "no process key is like that: fix what `proc lint` says about it";
        found.push((key.span.start, what.to_owned(), fix));
    }
    match found.into_iter().min_by_key(|(offset, ..)| *offset) {
        Some((offset, what, fix)) => Err(FormatError::Unsupported {
            line: line(offset),
            what,
            fix,
        }),
        None => Ok(()),
    }
}

/// YAML reads a key written on its own (without `? `) only up to this many characters.
const MAX_SIMPLE_KEY: usize = 1024;

/// The first key the canonical layout cannot write as `key: value`: one that is not a text (`[a, b]: x`,
/// `{a: b}: x`, or such a key written with `? `), or a text too long for YAML to read as a key on its line.
fn unwritable_key(node: &Node) -> Option<(&Node, &'static str)> {
    match &node.value {
        Value::Map(entries) => entries.iter().find_map(|entry| {
            if matches!(entry.key.value, Value::Seq(_) | Value::Map(_)) {
                Some((&entry.key, "a key that is a list or a group of keys"))
            } else if key_text(&entry.key).chars().count() > MAX_SIMPLE_KEY {
                Some((&entry.key, "a key longer than 1,024 characters"))
            } else {
                unwritable_key(&entry.value)
            }
        }),
        Value::Seq(items) => items.iter().find_map(unwritable_key),
        _ => None,
    }
}

/// The first plain `<<` key: a merge key to YAML 1.1 readers.
fn merge_key(node: &Node) -> Option<&Node> {
    match &node.value {
        Value::Map(entries) => entries.iter().find_map(|entry| {
            let merge = matches!(&entry.key.value, Value::Scalar(key) if key.text == "<<" && key.style == ScalarStyle::Plain);
            if merge {
                Some(&entry.key)
            } else {
                merge_key(&entry.value)
            }
        }),
        Value::Seq(items) => items.iter().find_map(merge_key),
        _ => None,
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

/// Formats every process file under `paths` (in parallel), or with `check` only says which would change. A bug in
/// proc that panics on one file is that file's failure; the others are still formatted.
pub fn format_paths(
    paths: &[std::path::PathBuf],
    check: bool,
    limits: crate::load::LoadLimits,
) -> (
    Vec<(std::path::PathBuf, Formatted)>,
    Vec<crate::walk::WalkError>,
) {
    use rayon::prelude::*;
    let (files, errors) = crate::walk::discover(paths);
    let results = files
        .into_par_iter()
        .map(|path| {
            let formatted = crate::internal::contain(|| format_file(&path, check, limits))
                .unwrap_or_else(|message| {
                    Formatted::Failed(format!(
                        "not formatted: {}",
                        crate::internal::bug_report(&message)
                    ))
                });
            (path, formatted)
        })
        .collect();
    (results, errors)
}

/// Formats one file in place (atomically), or with `check` only says whether it would change. A file larger than
/// `limits` allows is not read, as `proc lint` does not read it.
pub fn format_file(
    path: &std::path::Path,
    check: bool,
    limits: crate::load::LoadLimits,
) -> Formatted {
    let loaded = match crate::load::load_file(path, limits) {
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
    let text = match format(&loaded.source, root, &loaded.notation) {
        Ok(text) => text,
        Err(error) => return Formatted::Failed(error.to_string()),
    };
    if text == loaded.source.text {
        return Formatted::Unchanged;
    }
    if !check && let Err(error) = crate::write::write_atomically(path, &text, || Ok(())) {
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

    /// The leading comments of a key or entry alone, at `indent`.
    fn leading(&mut self, anchor: Anchor, indent: usize) {
        let Some(attached) = self.comments.attached.get(&anchor) else {
            return;
        };
        for comment in &attached.leading {
            push_indent(self.out, indent);
            self.out.push_str(comment);
            self.out.push('\n');
        }
    }

    fn trailing(&mut self, anchor: Anchor) {
        if let Some(comment) = self.attached(anchor).and_then(|a| a.trailing.clone()) {
            // Two spaces, as yamllint asks and as `comment-in-text` reads a comment that is meant as one (after
            // the `- ` of an empty entry, its space is enough).
            if self.out.ends_with('-') {
                self.out.push(' ');
            } else if !self.out.ends_with("- ") {
                self.out.push_str("  ");
            }
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
            // The first key goes on the line of the `-` (after reordering, maybe one that stood lower): its
            // comments go above the entry, where they still stand next to it.
            if let Value::Map(entries) = &item.value
                && let Some(first) = ordered(entries, shape).first()
            {
                self.leading(Anchor::Key(first.key.span.start), indent);
            }
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
        // As a value would be: `8:` stays a number (quoting it would make it a text).
        Value::Scalar(scalar) => scalar_text(scalar),
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
        _ => crate::yaml_text::yaml_text(&scalar.text),
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
        || text.chars().any(crate::yaml_text::needs_escape)
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
            .any(|c| c != '\n' && c != '\t' && crate::yaml_text::needs_escape(c))
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

/// Finds the key or list entry each comment belongs to, from the comments the parser reported (so a `#` inside a
/// text, such as a Markdown heading in a `|` block, is never taken for one).
///
/// A comment on its own line belongs to the key or entry below it; one at the end of a line to the key or entry
/// that line holds (for a text over several lines, the key it belongs to). Comments above the first key are the
/// header, comments below the last the footer.
fn collect_comments(source: &SourceFile, root: &Node, spans: &[crate::source::Span]) -> Comments {
    let mut scalars: Vec<(usize, usize)> = Vec::new();
    let mut anchors: Vec<(usize, Anchor)> = Vec::new();
    let mut late_values: Vec<(usize, usize, Anchor)> = Vec::new();
    walk(root, source, &mut scalars, &mut anchors, &mut late_values);
    if let Value::Scalar(_) = root.value {
        // A document that is one text (not a process, but written back as it was) keeps its comments around it.
        anchors.push((written_start(source, root), Anchor::Item(root.span.start)));
    }
    scalars.sort_unstable();
    // At one offset a list entry comes before the first key of its group: a comment above belongs to the entry.
    anchors.sort_by_key(|(offset, anchor)| (*offset, matches!(anchor, Anchor::Key(_))));
    let in_scalar = |offset: usize| {
        let index = scalars.partition_point(|(start, _)| *start < offset);
        index > 0 && scalars[index - 1].1 > offset
    };
    let text = source.text.as_str();
    let line_of = |offset: usize| source.line_column(offset).line;
    // Whether the text between a line's start and `offset` is only indentation (a BOM counts as none, and so does
    // a list entry's `-` alone: a comment after it is about the entry below).
    let own_line = |offset: usize| {
        let line_start = source.line_start(line_of(offset));
        text[line_start..offset]
            .trim_start_matches('\u{FEFF}')
            .chars()
            .all(|c| c.is_whitespace() || c == '-')
    };
    // Whether the line before `line` is blank, and not a blank line inside a text.
    let blank_before = |line: usize| {
        line > 1
            && source.line_text(line - 1).trim().is_empty()
            && !in_scalar(source.line_start(line - 1))
    };

    let mut comments = Comments::default();
    let first_anchor = anchors.first().map(|(offset, _)| *offset);
    // The first line of what goes before each anchor (its leading comments, or itself), for blank lines.
    let mut first_lines: HashMap<Anchor, usize> = HashMap::new();
    for span in spans {
        let Some(comment) = source.text.get(span.start..span.end()) else {
            continue;
        };
        let comment = comment.trim_end().to_owned();
        let next = anchors.partition_point(|(offset, _)| *offset <= span.start);
        // `- # comment` with nothing below: an empty entry, which the parser places at the end of that line.
        let empty_entry = anchors
            .get(next)
            .filter(|(offset, _)| line_of(*offset) == line_of(span.start))
            .map(|(_, anchor)| *anchor);
        let on_own_line = own_line(span.start);
        if let Some(anchor) = empty_entry.filter(|_| on_own_line) {
            comments.attach_trailing(anchor, comment);
        } else if on_own_line {
            let between_key_and_value = late_values
                .iter()
                .find(|(key, value, _)| *key < span.start && span.start < *value)
                .map(|(.., anchor)| *anchor);
            let target =
                between_key_and_value.or_else(|| anchors.get(next).map(|(_, anchor)| *anchor));
            match target {
                None => comments.footer.push(comment),
                Some(_) if first_anchor.is_none_or(|first| span.start < first) => {
                    comments.header.push(comment)
                }
                Some(anchor) => {
                    let line = line_of(span.start);
                    first_lines.entry(anchor).or_insert(line);
                    comments
                        .attached
                        .entry(anchor)
                        .or_default()
                        .leading
                        .push(comment);
                }
            }
        } else {
            match next.checked_sub(1).map(|index| anchors[index].1) {
                Some(anchor) => comments.attach_trailing(anchor, comment),
                // After a directive or `---` above the first key.
                None => comments.header.push(comment),
            }
        }
    }
    for (offset, anchor) in &anchors {
        let line = first_lines
            .get(anchor)
            .copied()
            .unwrap_or_else(|| line_of(*offset));
        if Some(*offset) == first_anchor {
            comments.blank_after_header = !comments.header.is_empty() && blank_before(line);
            continue;
        }
        if blank_before(line) {
            comments.attached.entry(*anchor).or_default().blank_before = true;
        }
    }
    comments
}

/// Where the scalars' texts lie (a blank line in them is text), where the keys and list entries start, and the
/// entries whose text value starts on a later line than their key.
fn walk(
    node: &Node,
    source: &SourceFile,
    scalars: &mut Vec<(usize, usize)>,
    anchors: &mut Vec<(usize, Anchor)>,
    late_values: &mut Vec<(usize, usize, Anchor)>,
) {
    match &node.value {
        Value::Scalar(scalar) => {
            // A block text's span runs over the blank lines after it; they are text only when it keeps them.
            let written = source.slice(node.span);
            let end = if scalar.text.ends_with("\n\n") {
                node.span.end()
            } else {
                node.span.start + written.trim_end().len()
            };
            scalars.push((written_start(source, node), end.max(node.span.start)));
        }
        Value::Null => {}
        Value::Seq(items) => {
            for item in items {
                anchors.push((written_start(source, item), Anchor::Item(item.span.start)));
                walk(item, source, scalars, anchors, late_values);
            }
        }
        Value::Map(entries) => {
            for entry in entries {
                let anchor = Anchor::Key(entry.key.span.start);
                anchors.push((entry.key.span.start, anchor));
                if matches!(entry.value.value, Value::Scalar(_)) {
                    late_values.push((entry.key.span.start, entry.value.span.start, anchor));
                }
                walk(&entry.key, source, scalars, anchors, late_values);
                walk(&entry.value, source, scalars, anchors, late_values);
            }
        }
    }
}

/// Where a value's writing starts: for a block text, its `|` or `>` (the parser's span starts at the text on the
/// lines below, so a blank line or comment above the entry would otherwise be measured from the wrong line).
fn written_start(source: &SourceFile, node: &Node) -> usize {
    match &node.value {
        Value::Scalar(scalar) if scalar.style == ScalarStyle::Block => {
            block_header(&source.text, node.span.start).unwrap_or(node.span.start)
        }
        _ => node.span.start,
    }
}

/// The offset of the `|` or `>` that introduces the block text whose lines start at `start`: on the last line
/// before them that is not blank, the first `|`/`>` after a space (or at the line's start) followed only by
/// indicators (`-`, `+`, a digit) and perhaps a comment.
fn block_header(text: &str, start: usize) -> Option<usize> {
    let before = text.get(..start)?;
    let line_end = before.trim_end_matches([' ', '\t', '\r', '\n']).len();
    let line_start = before[..line_end]
        .rfind(['\n', '\r'])
        .map_or(0, |at| at + 1);
    let line = &before[line_start..line_end];
    line.char_indices()
        .filter(|(at, ch)| {
            matches!(ch, '|' | '>')
                && line[..*at]
                    .chars()
                    .next_back()
                    .is_none_or(char::is_whitespace)
        })
        .find(|(at, _)| {
            let rest = line[at + 1..]
                .trim_start_matches(['-', '+', '1', '2', '3', '4', '5', '6', '7', '8', '9']);
            rest.is_empty()
                || rest.starts_with(char::is_whitespace) && {
                    let rest = rest.trim_start();
                    rest.is_empty() || rest.starts_with('#')
                }
        })
        .map(|(at, _)| line_start + at)
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_header_of_a_block_text_is_found_above_its_lines() {
        fn at(text: &str) -> Option<&str> {
            let start = text.find("text").unwrap_or_default();
            super::block_header(text, start).map(|at| &text[at..at + 2])
        }
        assert_eq!(at("a: >-\n  text\n"), Some(">-"));
        assert_eq!(at("a:\n  - |\n\n    text\n"), Some("|\n"));
        assert_eq!(at("a: >- # a > b | c\n  text\n"), Some(">-"));
        assert_eq!(at("a|b: |2 # x\r\n   text\r\n"), Some("|2"));
        assert_eq!(at("a: plain\n  text\n"), None);
    }
}
