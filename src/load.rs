//! Reading a process file into a tree of YAML nodes that remember where they came from.
//!
//! Typed deserialization stops at the first error, but a linter must report every problem in a file, so the file
//! is first loaded into this small tree of [`Node`]s, each with the byte span of its key or value. The rules check
//! the tree; the typed [`crate::model::Process`] is built from it only once it is known to be sound.
//!
//! The YAML parser is `serde-saphyr` (the maintained successor of the deprecated `serde_yaml`): it gives exact
//! spans through `Spanned<T>`, can pass duplicate keys through to us so we can report both positions, and enforces
//! budgets that refuse alias bombs and deep nesting quickly with bounded memory.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_saphyr::Spanned;

use crate::finding::{Finding, Rule, declare_rule};
use crate::source::{SourceFile, Span};

/// Files larger than this are not parsed: no real process description comes near it.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 1024 * 1024;

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
                ScalarKind::Integer | ScalarKind::Float => "a number",
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

    fn to_json_with(&self, scalar: impl Fn(&Scalar) -> serde_json::Value + Copy) -> serde_json::Value {
        match &self.value {
            Value::Null => serde_json::Value::Null,
            Value::Scalar(value) => scalar(value),
            Value::Seq(items) => items.iter().map(|item| item.to_json_with(scalar)).collect(),
            Value::Map(entries) => entries
                .iter()
                // A key with nothing after it (`partners:`) means the same as no key at all; the rules report
                // it as empty, with a better message than a type mismatch.
                .filter(|entry| entry.value.value != Value::Null)
                .map(|entry| {
                    let key = entry.key.as_text().unwrap_or_default().to_owned();
                    (key, entry.value.to_json_with(scalar))
                })
                .collect::<serde_json::Map<_, _>>()
                .into(),
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

/// The value as the visitor receives it, before spans are attached.
enum Raw {
    Null,
    Scalar(ScalarKind, Option<String>),
    Seq(Vec<Node>),
    Map(Vec<Entry>),
}

/// Builds nodes while deserializing; spans are filled in from `Spanned` in [`SpannedNode`].
struct RawVisitor;

impl<'de> Visitor<'de> for RawVisitor {
    type Value = Raw;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }

    fn visit_unit<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }

    fn visit_none<E>(self) -> Result<Raw, E> {
        Ok(Raw::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Raw, D::Error> {
        deserializer.deserialize_any(RawVisitor)
    }

    fn visit_bool<E>(self, _: bool) -> Result<Raw, E> {
        Ok(Raw::Scalar(ScalarKind::Bool, None))
    }

    fn visit_i64<E>(self, _: i64) -> Result<Raw, E> {
        Ok(Raw::Scalar(ScalarKind::Integer, None))
    }

    fn visit_u64<E>(self, _: u64) -> Result<Raw, E> {
        Ok(Raw::Scalar(ScalarKind::Integer, None))
    }

    fn visit_i128<E>(self, _: i128) -> Result<Raw, E> {
        Ok(Raw::Scalar(ScalarKind::Integer, None))
    }

    fn visit_u128<E>(self, _: u128) -> Result<Raw, E> {
        Ok(Raw::Scalar(ScalarKind::Integer, None))
    }

    fn visit_f64<E>(self, _: f64) -> Result<Raw, E> {
        Ok(Raw::Scalar(ScalarKind::Float, None))
    }

    fn visit_str<E>(self, text: &str) -> Result<Raw, E> {
        Ok(Raw::Scalar(ScalarKind::String, Some(text.to_owned())))
    }

    fn visit_string<E>(self, text: String) -> Result<Raw, E> {
        Ok(Raw::Scalar(ScalarKind::String, Some(text)))
    }

    fn visit_bytes<E: de::Error>(self, _: &[u8]) -> Result<Raw, E> {
        Err(E::custom("binary values (!!binary) are not supported"))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut access: A) -> Result<Raw, A::Error> {
        let mut items = Vec::new();
        while let Some(SpannedNode(node)) = access.next_element()? {
            items.push(node);
        }
        Ok(Raw::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Raw, A::Error> {
        let mut entries = Vec::new();
        while let Some((SpannedNode(key), SpannedNode(value))) = access.next_entry()? {
            entries.push(Entry { key, value });
        }
        Ok(Raw::Map(entries))
    }
}

impl<'de> Deserialize<'de> for Raw {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawVisitor)
    }
}

/// A node whose scalar text still has to be resolved against the source (see [`resolve`]).
struct SpannedNode(Node);

impl<'de> Deserialize<'de> for SpannedNode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let spanned = Spanned::<Raw>::deserialize(deserializer)?;
        let span = spanned.referenced.span();
        let span = Span::new(
            usize::try_from(span.byte_offset().unwrap_or(0)).unwrap_or(0),
            usize::try_from(span.byte_len().unwrap_or(0)).unwrap_or(0),
        );
        let value = match spanned.value {
            Raw::Null => Value::Null,
            Raw::Scalar(kind, text) => Value::Scalar(Scalar {
                // Filled in from the source text by `resolve` when the parser gave only a typed value.
                text: text.unwrap_or_default(),
                kind,
                style: ScalarStyle::Plain,
            }),
            Raw::Seq(items) => Value::Seq(items),
            Raw::Map(entries) => Value::Map(entries),
        };
        Ok(SpannedNode(Node { span, value }))
    }
}

/// Fills in what only the source text knows: the literal text of typed scalars and the style of every scalar.
/// Spans are shifted by `base` when the parsed text started after a byte-order mark.
fn resolve(node: &mut Node, text: &str, base: usize) {
    node.span.start += base;
    match &mut node.value {
        Value::Scalar(scalar) => {
            let raw = text.get(node.span.start..node.span.end()).unwrap_or("");
            scalar.style = match raw.as_bytes().first() {
                Some(b'"' | b'\'') => ScalarStyle::Quoted,
                _ if is_block_scalar(text, node.span.start) => ScalarStyle::Block,
                _ => ScalarStyle::Plain,
            };
            if scalar.kind != ScalarKind::String {
                scalar.text = raw.to_owned();
            }
        }
        Value::Seq(items) => items.iter_mut().for_each(|item| resolve(item, text, base)),
        Value::Map(entries) => entries.iter_mut().for_each(|entry| {
            resolve(&mut entry.key, text, base);
            resolve(&mut entry.value, text, base);
        }),
        Value::Null => {}
    }
}

/// Block scalars (`|` and `>`) have spans that start at their content; the indicator ends the line before.
fn is_block_scalar(text: &str, start: usize) -> bool {
    let before = text.get(..start).unwrap_or("");
    let Some(line_end) = before.rfind('\n') else {
        return false;
    };
    if !before[line_end + 1..].trim().is_empty() {
        return false;
    }
    let previous_line = before[..line_end].rsplit('\n').next().unwrap_or("");
    let code = previous_line.split(" #").next().unwrap_or("").trim_end();
    code.ends_with(['|', '>'])
        || code
            .rsplit_once(' ')
            .is_some_and(|(_, last)| last.starts_with(['|', '>']) && last.len() <= 3)
}

declare_rule! {
    /// The file is not valid YAML.
    ///
    /// `proc` cannot read anything else in the file until the syntax is fixed. The message names the line and
    /// column where the parser gave up; the real mistake is often just before it (a missing `:`, a quote that is
    /// never closed, or a line indented differently from its neighbours).
    pub const INVALID_YAML = ("P101", "invalid-yaml", Error);
}

declare_rule! {
    /// A key appears twice in the same group of keys.
    ///
    /// YAML keeps only one of the two values, and different tools keep different ones, so a duplicate key silently
    /// loses text. Merge the two entries or rename one of them.
    pub const DUPLICATE_KEY = ("P102", "duplicate-key", Error);
}

declare_rule! {
    /// A line is indented with a tab.
    ///
    /// YAML does not allow tabs for indentation; editors often insert them invisibly. Indent with spaces (two per
    /// level is the convention in process files).
    pub const TAB_INDENT = ("P103", "tab-indent", Error);
}

declare_rule! {
    /// The file holds more than one YAML document.
    ///
    /// One file describes one process. A line with only `---` starts a new document; move the second process into
    /// a file of its own, or remove the `---` line.
    pub const MULTIPLE_DOCUMENTS = ("P104", "multiple-documents", Error);
}

declare_rule! {
    /// The file is empty.
    ///
    /// An empty or comment-only `.yaml` file in the processes directory is usually a mistake. Write the process
    /// (`proc new ID` gives a template), or delete the file.
    pub const EMPTY_FILE = ("P105", "empty-file", Error);
}

declare_rule! {
    /// The file is not UTF-8 text.
    ///
    /// Process files must be saved as UTF-8 so that å, ä and ö survive every tool. A file saved as Latin-1 or
    /// Windows-1252 shows up here; open it in your editor and save it again with the encoding UTF-8.
    pub const NOT_UTF8 = ("P106", "not-utf8", Error);
}

declare_rule! {
    /// The file is larger than the size limit.
    ///
    /// A process description is a few kilobytes; a file of megabytes is almost certainly not one (an export, a
    /// log, a pasted image). The limit protects CI from spending minutes on it. It is set by `max-file-size` in
    /// `proc.toml`.
    pub const FILE_TOO_LARGE = ("P107", "file-too-large", Error);
}

declare_rule! {
    /// The YAML is too deeply nested or expands too many aliases.
    ///
    /// Aliases (`*name`) that refer to other aliases can make a tiny file expand to gigabytes (the "billion laughs"
    /// attack), and very deep nesting can exhaust memory. `proc` refuses such files quickly instead. Process files
    /// need neither: write the text out in full.
    pub const YAML_LIMITS = ("P108", "yaml-limits", Error);
}

/// Everything `proc` learned from reading one file.
#[derive(Debug)]
pub struct LoadedFile {
    pub source: Arc<SourceFile>,
    /// The document, when the file could be parsed.
    pub root: Option<Node>,
    /// Problems found while reading: the file cannot be checked further when `root` is `None`.
    pub findings: Vec<Finding>,
}

/// Limits on what `proc` will read, so that hostile or accidental input is refused quickly.
#[derive(Debug, Clone, Copy)]
pub struct LoadLimits {
    pub max_file_size: u64,
}

impl Default for LoadLimits {
    fn default() -> Self {
        LoadLimits {
            max_file_size: DEFAULT_MAX_FILE_SIZE,
        }
    }
}

/// Reads and parses one file. I/O errors (the file vanished, no permission) are returned as errors; everything
/// wrong with the content becomes a finding.
pub fn load_file(path: &Path, limits: LoadLimits) -> std::io::Result<LoadedFile> {
    let metadata = std::fs::metadata(path)?;
    if metadata.len() > limits.max_file_size {
        let source = Arc::new(SourceFile::new(path.to_path_buf(), String::new()));
        let finding = Finding::new(
            &FILE_TOO_LARGE,
            &source,
            None,
            format!(
                "the file is {} bytes, more than the limit of {} bytes, so it was not read",
                metadata.len(),
                limits.max_file_size
            ),
        )
        .help("a process description is a few kilobytes: check that this is the right file, or raise `max-file-size` in proc.toml");
        return Ok(LoadedFile {
            source,
            root: None,
            findings: vec![finding],
        });
    }
    let bytes = std::fs::read(path)?;
    Ok(load_bytes(path.to_path_buf(), bytes))
}

/// Parses the bytes of a file (already read) into a [`LoadedFile`].
pub fn load_bytes(path: PathBuf, bytes: Vec<u8>) -> LoadedFile {
    match String::from_utf8(bytes) {
        Ok(text) => load_text(path, text),
        Err(error) => {
            let at = error.utf8_error().valid_up_to();
            let bytes = error.into_bytes();
            let byte = bytes.get(at).copied().unwrap_or_default();
            let text = String::from_utf8_lossy(&bytes).into_owned();
            let source = Arc::new(SourceFile::new(path, text));
            let guess = latin1_guess(&bytes[at..]);
            let finding = Finding::new(
                &NOT_UTF8,
                &source,
                Some(Span::new(at, '\u{FFFD}'.len_utf8())),
                format!("the file is not UTF-8: byte 0x{byte:02X} here is not valid UTF-8 text"),
            )
            .label(match guess {
                Some(ch) => format!("probably `{ch}` saved as Latin-1 / Windows-1252"),
                None => "not UTF-8".to_owned(),
            })
            .help("open the file in your editor and save it again with the encoding UTF-8");
            LoadedFile {
                source,
                root: None,
                findings: vec![finding],
            }
        }
    }
}

/// The character a Latin-1 byte stands for, when it is a letter a Nordic text is likely to hold.
fn latin1_guess(bytes: &[u8]) -> Option<char> {
    let ch = char::from(*bytes.first()?);
    "åäöÅÄÖéüõÕ".contains(ch).then_some(ch)
}

/// Parses UTF-8 text into a [`LoadedFile`].
pub fn load_text(path: PathBuf, text: String) -> LoadedFile {
    let source = Arc::new(SourceFile::new(path, text));
    let mut findings = Vec::new();
    let root = parse(&source, &mut findings);
    LoadedFile {
        source,
        root,
        findings,
    }
}

fn parse(source: &Arc<SourceFile>, findings: &mut Vec<Finding>) -> Option<Node> {
    let text = source.text.as_str();
    let base = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
    let body = &text[base..];

    if body
        .lines()
        .all(|line| line.trim().is_empty() || line.trim_start().starts_with('#'))
    {
        findings.push(
            Finding::new(&EMPTY_FILE, source, None, "the file is empty")
                .help("write the process here (`proc new ID` writes a template to start from), or delete the file"),
        );
        return None;
    }

    let tabs = tab_indents(source, base);
    let has_tabs = !tabs.is_empty();
    findings.extend(tabs);

    if let Some(finding) = second_document(source, base) {
        findings.push(finding);
        return None;
    }

    match serde_saphyr::from_str_with_options::<SpannedNode>(body, parser_options()) {
        Ok(SpannedNode(mut root)) => {
            resolve(&mut root, text, base);
            findings.extend(duplicate_keys(source, &root));
            Some(root)
        }
        Err(error) => {
            // A tab in the indentation makes the parser fail with a message about the structure; the tab finding
            // already says what to fix.
            if !has_tabs {
                findings.push(syntax_error(source, &error, base));
            }
            None
        }
    }
}

fn parser_options() -> serde_saphyr::options::Options {
    let mut options = serde_saphyr::options::Options::default();
    options.duplicate_keys = serde_saphyr::options::DuplicateKeyPolicy::PassThrough;
    options.with_snippet = false;
    let mut budget = serde_saphyr::budget::Budget::default();
    // A process file has a few hundred nodes and no need for aliases; these bounds refuse hostile input at once.
    budget.max_depth = 64;
    budget.max_aliases = 100;
    budget.max_anchors = 100;
    budget.max_nodes = 200_000;
    budget.max_total_scalar_bytes = 4 * 1024 * 1024;
    budget.max_documents = 1;
    options.budget = Some(budget);
    options.alias_limits.max_total_replayed_events = 10_000;
    options
}

fn syntax_error(source: &Arc<SourceFile>, error: &serde_saphyr::Error, base: usize) -> Finding {
    let message = error.to_string();
    let first_line = message.lines().next().unwrap_or("").trim();
    // The position is shown by the snippet; keep only the reason.
    let message = first_line
        .rsplit_once(" at line ")
        .map_or(first_line, |(reason, _)| reason)
        .trim_end_matches(',')
        .to_owned();
    let span = error.location().and_then(|location| {
        let line = usize::try_from(location.line()).ok().filter(|line| *line > 0)?;
        let column = usize::try_from(location.column()).ok()?.max(1);
        // Lines count from the start of the parsed text, which is the file's text after any byte-order mark.
        let line_start = source.line_start(line).max(base);
        let line_text = source.text.get(line_start..).unwrap_or("");
        let offset = line_text
            .char_indices()
            .nth(column - 1)
            .map_or(line_text.len(), |(offset, _)| offset);
        let start = (line_start + offset).min(source.text.len());
        let len = source.text[start..].chars().next().filter(|c| *c != '\n').map_or(0, char::len_utf8);
        Some(Span::new(start, len))
    });
    let lowered = message.to_lowercase();
    if lowered.contains("budget") || lowered.contains("alias") || lowered.contains("depth") {
        return Finding::new(
            &YAML_LIMITS,
            source,
            span,
            format!("the YAML was refused before it was read in full: {message}"),
        )
        .help("process files need no YAML aliases (`*name`) or deep nesting: write the text out in full");
    }
    Finding::new(
        &INVALID_YAML,
        source,
        span,
        format!("the file is not valid YAML: {message}"),
    )
    .label("the YAML reader stopped here")
    .help(syntax_hint(&lowered, span.map(|span| source.line_text(source.line_column(span.start).line))))
}

/// Plain-words advice for the YAML mistakes coordinators make most.
fn syntax_hint(message: &str, line: Option<&str>) -> String {
    let line = line.unwrap_or("");
    if message.contains("block sequence entries are not allowed") && line.contains(": -") {
        return "a value cannot start with `- ` on the same line as its key: put each item on its own line below \
                the key, or put the whole value in quotes"
            .to_owned();
    }
    if message.contains("mapping values are not allowed") {
        return "a text that contains `: ` must be in quotes: key: \"text: more text\"".to_owned();
    }
    if message.contains("quoted scalar") || message.contains("unterminated") {
        return "a quote opened on this line or above is never closed: add the closing quote".to_owned();
    }
    "check this line and the one before it for a missing `:`, an unclosed quote, or indentation that differs \
     from the lines around it"
        .to_owned()
}

fn tab_indents(source: &Arc<SourceFile>, base: usize) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut offset = base;
    for line in source.text[base..].split_inclusive('\n') {
        let indent_len = line.len() - line.trim_start_matches([' ', '\t']).len();
        if let Some(tab) = line[..indent_len].find('\t') {
            findings.push(
                Finding::new(
                    &TAB_INDENT,
                    source,
                    Some(Span::new(offset + tab, 1)),
                    "this line is indented with a tab",
                )
                .label("tab")
                .help("YAML allows only spaces for indentation: replace the tab with spaces"),
            );
        }
        offset += line.len();
    }
    findings
}

/// A line that is only `---` (or `...`) after the document has begun starts a second document.
fn second_document(source: &Arc<SourceFile>, base: usize) -> Option<Finding> {
    let mut offset = base;
    let mut content_seen = false;
    for line in source.text[base..].split_inclusive('\n') {
        let trimmed = line.trim_end();
        let is_marker = trimmed == "---" || trimmed.starts_with("--- ");
        if is_marker && content_seen {
            return Some(
                Finding::new(
                    &MULTIPLE_DOCUMENTS,
                    source,
                    Some(Span::new(offset, 3)),
                    "a second YAML document starts here; a process file holds exactly one process",
                )
                .label("second document")
                .help("move the second process into a file of its own, or remove this `---` line"),
            );
        }
        if !is_marker
            && !trimmed.trim_start().is_empty()
            && !trimmed.trim_start().starts_with('#')
            && trimmed != "..."
        {
            content_seen = true;
        }
        offset += line.len();
    }
    None
}

fn duplicate_keys(source: &Arc<SourceFile>, node: &Node) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut stack = vec![node];
    while let Some(node) = stack.pop() {
        match &node.value {
            Value::Map(entries) => {
                for (index, entry) in entries.iter().enumerate() {
                    let Some(key) = entry.key.as_text() else {
                        continue;
                    };
                    if let Some(first) = entries[..index]
                        .iter()
                        .find(|earlier| earlier.key.as_text() == Some(key))
                    {
                        let first_line = source.line_column(first.key.span.start).line;
                        findings.push(
                            Finding::new(
                                &DUPLICATE_KEY,
                                source,
                                Some(entry.key.span),
                                format!("`{key}` appears twice here (first on line {first_line})"),
                            )
                            .label("second time")
                            .related(first.key.span, "first time")
                            .help(format!(
                                "keep one `{key}`: merge the two values, or delete the one that is wrong"
                            )),
                        );
                    }
                    stack.push(&entry.value);
                }
            }
            Value::Seq(items) => stack.extend(items),
            _ => {}
        }
    }
    findings
}

/// Every rule of the loading stage, for `proc rules` and the configuration.
pub const RULES: &[&Rule] = &[
    &INVALID_YAML,
    &DUPLICATE_KEY,
    &TAB_INDENT,
    &MULTIPLE_DOCUMENTS,
    &EMPTY_FILE,
    &NOT_UTF8,
    &FILE_TOO_LARGE,
    &YAML_LIMITS,
];

#[cfg(test)]
mod tests {
    use super::*;

    fn load(text: &str) -> LoadedFile {
        load_text("t.yaml".into(), text.to_owned())
    }

    #[test]
    fn spans_point_at_keys_and_values() {
        let file = load("# c\nid: x\nname: Oro för anknytning\nsteps:\n  - name: A\n");
        let root = file.root.as_ref().expect("parsed");
        let name = root.get("name").expect("name");
        assert_eq!(file.source.slice(name.span), "Oro för anknytning");
        let step = root.at_path([PathSegment::Key("steps"), PathSegment::Index(0), PathSegment::Key("name")]);
        assert_eq!(step.map(|node| file.source.slice(node.span)), Some("A"));
    }

    #[test]
    fn plain_scalars_keep_their_text_as_written() {
        let file = load("a: 1.10\nb: 08\nc: no\nd: '1.10'\ne: |\n  block\n");
        let root = file.root.as_ref().expect("parsed");
        let a = root.get("a").and_then(Node::as_scalar).expect("a");
        assert_eq!((a.text.as_str(), a.kind, a.style), ("1.10", ScalarKind::Float, ScalarStyle::Plain));
        assert_eq!(root.get("b").and_then(Node::as_text), Some("08"));
        let c = root.get("c").and_then(Node::as_scalar).expect("c");
        assert_eq!((c.text.as_str(), c.kind), ("no", ScalarKind::Bool));
        let d = root.get("d").and_then(Node::as_scalar).expect("d");
        assert_eq!((d.text.as_str(), d.style), ("1.10", ScalarStyle::Quoted));
        let e = root.get("e").and_then(Node::as_scalar).expect("e");
        assert_eq!((e.text.as_str(), e.style), ("block\n", ScalarStyle::Block));
    }

    #[test]
    fn a_byte_order_mark_is_skipped_and_spans_still_match() {
        let file = load("\u{FEFF}id: x\nname: Å\n");
        let root = file.root.as_ref().expect("parsed");
        let name = root.get("name").expect("name");
        assert_eq!(file.source.slice(name.span), "Å");
    }

    #[test]
    fn duplicate_keys_are_reported_with_both_places() {
        let file = load("id: a\nname: x\nid: b\n");
        assert_eq!(file.findings.len(), 1);
        let finding = &file.findings[0];
        assert_eq!(finding.rule.name, "duplicate-key");
        assert_eq!(finding.line_column().line, 3);
        assert_eq!(finding.related[0].span.start, 0);
    }

    #[test]
    fn an_alias_bomb_is_refused() {
        let mut text = String::from("a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n");
        for (name, previous) in [("b", "a"), ("c", "b"), ("d", "c"), ("e", "d"), ("f", "e"), ("g", "f"), ("h", "g"), ("i", "h")] {
            text.push_str(&format!("{name}: &{name} [*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous}]\n"));
        }
        let file = load(&text);
        assert!(file.root.is_none());
        assert_eq!(file.findings[0].rule.name, "yaml-limits", "{:?}", file.findings[0].message);
    }
}
