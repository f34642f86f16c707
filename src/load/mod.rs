//! Reading a process file into a tree of YAML nodes that remember where they came from.
//!
//! Typed deserialization stops at the first error, but a linter must report every problem in a file, so the file
//! is first loaded into this small tree of [`Node`]s, each with the byte span of its key or value. The rules check
//! the tree; the typed [`crate::model::Process`] is built from it only once it is known to be sound.
//!
//! The YAML parser is `granit-parser`, the YAML 1.2 parser inside `serde-saphyr` (the maintained successor of the
//! deprecated `serde_yaml`), used through its events: they carry exact byte spans and scalar styles, duplicate keys
//! reach us so both positions can be reported, and our own limits refuse alias bombs and deep nesting quickly.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::finding::{Finding, Rule};
use crate::source::{SourceFile, Span};

/// Files larger than this are not parsed: no real process description comes near it.
pub const DEFAULT_MAX_FILE_SIZE: u64 = 1024 * 1024;

mod de;
mod hints;
mod node;
mod parse;

pub use de::from_node;
pub use hints::{INVISIBLE_CHARACTER, is_invisible};

pub use node::{Entry, Node, PathSegment, Scalar, ScalarKind, ScalarStyle, Value};
pub use parse::{Document, Notation};

pub use crate::rules::registry::{
    DUPLICATE_KEY, EMPTY_FILE, FILE_TOO_LARGE, INVALID_YAML, MULTIPLE_DOCUMENTS, NOT_UTF8,
    TAB_INDENT, YAML_LIMITS,
};

/// Everything `proc` learned from reading one file.
#[derive(Debug)]
pub struct LoadedFile {
    pub source: Arc<SourceFile>,
    /// The document, when the file could be parsed.
    pub root: Option<Node>,
    /// Its comments, tags, anchors and aliases (empty when it could not be parsed).
    pub notation: Notation,
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
            notation: Notation::default(),
            findings: vec![finding],
        });
    }
    let bytes = std::fs::read(path)?;
    Ok(load_bytes(path.to_path_buf(), bytes))
}

/// Parses the bytes of a file (already read) into a [`LoadedFile`].
pub fn load_bytes(path: PathBuf, bytes: Vec<u8>) -> LoadedFile {
    if let Some(encoding) = hints::utf16(&bytes) {
        // Shown as UTF-8 the text would be every other letter and a zero byte: the finding is about the file.
        let source = Arc::new(SourceFile::new(path, String::new()));
        let finding = Finding::new(
            &NOT_UTF8,
            &source,
            None,
            format!("the file is saved as UTF-16 ({encoding}), not as UTF-8: proc reads only UTF-8"),
        )
        .help(format!(
            "save the file again as UTF-8. In Notepad: File → Save as → Encoding: UTF-8 → Save. In VS Code: click `{encoding}` in the status bar at the bottom → Save with Encoding → UTF-8"
        ));
        return LoadedFile {
            source,
            root: None,
            notation: Notation::default(),
            findings: vec![finding],
        };
    }
    match String::from_utf8(bytes) {
        Ok(text) => load_text(path, text),
        Err(error) => {
            let at = error.utf8_error().valid_up_to();
            let bytes = error.into_bytes();
            let byte = bytes.get(at).copied().unwrap_or_default();
            // The text up to the first bad byte is the same in the file and in the lossy text.
            let source = Arc::new(SourceFile::lossy(path, &bytes));
            let guess = latin1_guess(&bytes[at..]);
            let finding = Finding::new(
                &NOT_UTF8,
                &source,
                Some(Span::new(at, char::REPLACEMENT_CHARACTER.len_utf8())),
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
                notation: Notation::default(),
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

/// The document of a text, or `None` when it is not valid YAML (for reading back what `proc` wrote itself).
pub fn parse_text(text: &str) -> Option<Node> {
    parse_document(text).map(|document| document.root)
}

/// The document of a text with its notation, or `None` when it is not valid YAML.
pub fn parse_document(text: &str) -> Option<parse::Document> {
    let base = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
    parse::parse(&text[base..], base).ok().flatten()
}

/// Parses UTF-8 text into a [`LoadedFile`].
pub fn load_text(path: PathBuf, text: String) -> LoadedFile {
    let source = Arc::new(SourceFile::new(path, text));
    let mut findings = Vec::new();
    let (root, notation) = match parse(&source, &mut findings) {
        Some(document) => (Some(document.root), document.notation),
        None => (None, Notation::default()),
    };
    LoadedFile {
        source,
        root,
        notation,
        findings,
    }
}

fn parse(source: &Arc<SourceFile>, findings: &mut Vec<Finding>) -> Option<parse::Document> {
    let text = source.text.as_str();
    let base = if text.starts_with('\u{FEFF}') { 3 } else { 0 };
    let body = &text[base..];

    match parse::parse(body, base) {
        Ok(Some(document)) => {
            // An invisible character in a key or where YAML needs a space makes the tree differ from what the
            // file looks like: the file is not checked further, as if it could not be read.
            let invisible = hints::invisible_characters(source, base, Some(&document.root));
            if !invisible.is_empty() {
                findings.extend(invisible);
                return None;
            }
            findings.extend(duplicate_keys(source, &document.root));
            Some(document)
        }
        Ok(None) => {
            let comments = body.lines().any(|line| line.trim_start().starts_with('#'));
            let message = if comments {
                "the file holds only comments, no process"
            } else {
                "the file is empty"
            };
            findings.push(
                Finding::new(&EMPTY_FILE, source, None, message)
                    .help("write the process here (`proc new ID` writes a template to start from), or delete the file"),
            );
            None
        }
        Err(parse::ParseError::SecondDocument { offset }) => {
            findings.push(second_document_finding(source, offset));
            None
        }
        Err(parse::ParseError::Limit { message, offset }) => {
            findings.push(
                Finding::new(&YAML_LIMITS, source, Some(char_span(source, offset)), format!("the YAML was refused before it was read in full: {message}"))
                    .label("refused here")
                    .help("process files need no YAML aliases (`*name`) or deep nesting: write the text out in full"),
            );
            None
        }
        Err(parse::ParseError::Syntax { message, offset }) => {
            // A tab in the indentation makes the parser fail with a message about the structure: when a tab
            // indents the line where it failed or the one before, that is what to fix. (Tabs in a file that
            // parses are content, e.g. inside a `|` block, and fine.)
            let failed_line = source.line_column(offset).line;
            let invisible = hints::invisible_characters(source, base, None);
            if invisible.iter().any(|finding| {
                let line = finding.line_column().line;
                line + 1 >= failed_line && line <= failed_line
            }) {
                findings.extend(invisible);
                return None;
            }
            if let Some(hint) = hints::syntax(source, base, offset) {
                findings.extend(hint);
                return None;
            }
            let tabs: Vec<Finding> = tab_indents(source, base)
                .into_iter()
                .filter(|finding| {
                    let line = finding.line_column().line;
                    line + 1 >= failed_line && line <= failed_line + 1
                })
                .collect();
            if tabs.is_empty() {
                findings.push(syntax_error(source, &message, offset));
            } else {
                findings.extend(tabs);
            }
            None
        }
    }
}

/// A span covering the one character at `offset` (nothing at the end of the file or of a line).
fn char_span(source: &SourceFile, offset: usize) -> Span {
    let start = offset.min(source.text.len());
    let len = source
        .text
        .get(start..)
        .and_then(|rest| rest.chars().next())
        .filter(|c| *c != '\n')
        .map_or(0, char::len_utf8);
    Span::new(start, len)
}

fn syntax_error(source: &Arc<SourceFile>, message: &str, offset: usize) -> Finding {
    // The parser quotes `like this'; the rest of proc quotes `like this`.
    let message = if message.matches('`').count() == 1 && message.ends_with('\'') {
        format!("{}`", &message[..message.len() - 1])
    } else {
        message.to_owned()
    };
    let message = message.as_str();
    let span = Some(char_span(source, offset));
    let lowered = message.to_lowercase();
    Finding::new(
        &INVALID_YAML,
        source,
        span,
        format!("the file is not valid YAML: {message}"),
    )
    .label("the YAML reader stopped here")
    .help(syntax_hint(
        &lowered,
        span.map(|span| source.line_text(source.line_column(span.start).line)),
    ))
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
        return "a quote opened on this line or above is never closed: add the closing quote"
            .to_owned();
    }
    "check this line and the one before it for a missing `:`, an unclosed quote, or indentation that differs \
     from the lines around it"
        .to_owned()
}

fn tab_indents(source: &Arc<SourceFile>, base: usize) -> Vec<Finding> {
    let mut findings = Vec::new();
    if !source.text.contains('\t') {
        return findings;
    }
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

fn second_document_finding(source: &Arc<SourceFile>, offset: usize) -> Finding {
    let len = if source
        .text
        .get(offset..)
        .is_some_and(|rest| rest.starts_with("---"))
    {
        3
    } else {
        0
    };
    Finding::new(
        &MULTIPLE_DOCUMENTS,
        source,
        Some(Span::new(offset, len)),
        "a second YAML document starts here; a process file holds exactly one process",
    )
    .label("second document")
    .help("move the second process into a file of its own, or remove this `---` line")
}

fn duplicate_keys(source: &Arc<SourceFile>, node: &Node) -> Vec<Finding> {
    let mut findings = Vec::new();
    let mut stack = vec![node];
    while let Some(node) = stack.pop() {
        match &node.value {
            Value::Map(entries) => {
                // The first entry of each key, by key: a search of the earlier keys would take seconds on a file
                // of 50,000 keys in one group.
                let mut first_of: std::collections::HashMap<&str, &Entry> =
                    std::collections::HashMap::with_capacity(entries.len());
                for entry in entries {
                    let Some(key) = entry.key.as_text() else {
                        continue;
                    };
                    let first = *first_of.entry(key).or_insert(entry);
                    if !std::ptr::eq(first, entry) {
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
    &INVISIBLE_CHARACTER,
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
        let step = root.at_path([
            PathSegment::Key("steps"),
            PathSegment::Index(0),
            PathSegment::Key("name"),
        ]);
        assert_eq!(step.map(|node| file.source.slice(node.span)), Some("A"));
    }

    #[test]
    fn plain_scalars_keep_their_text_as_written() {
        let file = load("a: 1.10\nb: 08\nc: no\nd: '1.10'\ne: |\n  block\n");
        let root = file.root.as_ref().expect("parsed");
        let a = root.get("a").and_then(Node::as_scalar).expect("a");
        assert_eq!(
            (a.text.as_str(), a.kind, a.style),
            ("1.10", ScalarKind::Float, ScalarStyle::Plain)
        );
        assert_eq!(root.get("b").and_then(Node::as_text), Some("08"));
        let c = root.get("c").and_then(Node::as_scalar).expect("c");
        assert_eq!(
            (c.text.as_str(), c.kind),
            ("no", ScalarKind::String),
            "YAML 1.2 reads `no` as text"
        );
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
        let mut text = String::from(
            "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n",
        );
        for (name, previous) in [
            ("b", "a"),
            ("c", "b"),
            ("d", "c"),
            ("e", "d"),
            ("f", "e"),
            ("g", "f"),
            ("h", "g"),
            ("i", "h"),
        ] {
            text.push_str(&format!("{name}: &{name} [*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous},*{previous}]\n"));
        }
        let file = load(&text);
        assert!(file.root.is_none());
        assert_eq!(
            file.findings[0].rule.name, "yaml-limits",
            "{:?}",
            file.findings[0].message
        );
    }
}
