//! What a check found: a rule, where, what is wrong, and how to fix it.

use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::source::{SourceFile, Span};

/// How serious a finding is. Errors fail `proc lint`; warnings fail it only with `--deny warnings`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

pub use crate::rules::registry::Rule;

/// A second place that helps to understand a finding (e.g. where a duplicate was first seen), in the finding's own
/// file or in another one.
#[derive(Debug, Clone)]
pub struct Related {
    pub file: Arc<SourceFile>,
    pub span: Span,
    pub label: String,
}

impl Related {
    /// 1-based line and column of the start of the place.
    pub fn line_column(&self) -> crate::source::LineColumn {
        self.file.line_column(self.span.start)
    }

    /// Whether the place is in `file` (compared by path: one file is read once per run).
    pub fn is_in(&self, file: &SourceFile) -> bool {
        self.file.path() == file.path()
    }

    /// `path:line:column`, as the note under a finding and the one-text formats name a place in another file.
    pub fn location(&self) -> String {
        let at = self.line_column();
        format!("{}:{}:{}", self.file.display_path(), at.line, at.column)
    }
}

/// One problem in one file.
#[derive(Debug, Clone)]
pub struct Finding {
    pub rule: &'static Rule,
    pub severity: Severity,
    pub file: Arc<SourceFile>,
    /// The offending key or value; `None` when the finding is about the whole file.
    pub span: Option<Span>,
    /// What is wrong, in plain words.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
    /// A short label shown under the underlined text.
    pub label: Option<String>,
    pub related: Vec<Related>,
    /// An edit of the file that fixes the problem, for `proc lint --fix`.
    pub fix: Option<Fix>,
}

/// Whether `proc lint --fix` may apply a fix on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Applicability {
    /// The fix does what the file plainly means (quotes a text whose end YAML would drop, writes a date the
    /// ISO way): `--fix` applies it.
    Safe,
    /// The fix guesses (a misspelt key or month renamed to the nearest one): only `--unsafe-fixes` applies it.
    Unsafe,
}

/// One replacement of a span of the file's text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Edit {
    pub span: Span,
    /// The new text. Line breaks are written `\n`; they become the file's own line ending when applied.
    pub replacement: String,
}

/// What a fix must leave the values of the file as, checked by reading the fixed file back.
#[derive(Debug, Clone, PartialEq)]
pub enum Expect {
    /// Every value stays exactly as it is (only how it is written changes).
    Same,
    /// The values stay the same except these, given by JSON pointer (`/steps/0/what`) as the text form of
    /// [`crate::load::Node::to_json_text`].
    Values(Vec<(String, serde_json::Value)>),
    /// The file cannot be read as YAML now: the fix only changes spaces and tabs, and the fixed file must read.
    Whitespace,
    /// A key of the group at `parent` (a JSON pointer) is renamed; its value and everything else stay the same.
    RenamedKey {
        parent: String,
        from: String,
        to: String,
    },
    /// The file is misread because of invisible characters pasted from Word: the fix only removes them or
    /// writes normal spaces for non-breaking ones (every other character stays), and the fixed file must read.
    Invisible,
    /// The file cannot be read as YAML now: after the fix it must read, and the text the fix wrote (the key or
    /// value starting where the fix's first edit starts) must read as exactly this text. The fix itself changes
    /// nothing else, and before it nothing could be read to compare with.
    Reads(String),
}

/// An automatic fix: the edits and what the values must be afterwards.
#[derive(Debug, Clone)]
pub struct Fix {
    /// What the fix does, in the words of the report: "quoted the whole text".
    pub title: String,
    pub applicability: Applicability,
    pub edits: Vec<Edit>,
    pub expect: Expect,
}

impl Fix {
    /// A fix that replaces one span.
    pub fn replace(
        applicability: Applicability,
        title: impl Into<String>,
        span: Span,
        replacement: impl Into<String>,
        expect: Expect,
    ) -> Self {
        Fix {
            title: title.into(),
            applicability,
            edits: vec![Edit {
                span,
                replacement: replacement.into(),
            }],
            expect,
        }
    }
}

impl Finding {
    pub fn new(
        rule: &'static Rule,
        file: &Arc<SourceFile>,
        span: Option<Span>,
        message: impl Into<String>,
    ) -> Self {
        Finding {
            rule,
            severity: rule.default_severity,
            file: Arc::clone(file),
            span,
            message: message.into(),
            help: None,
            label: None,
            related: Vec::new(),
            fix: None,
        }
    }

    pub fn fix(mut self, fix: Fix) -> Self {
        self.fix = Some(fix);
        self
    }

    /// The fix, when the rule could build one for this place.
    pub fn fix_if(mut self, fix: Option<Fix>) -> Self {
        self.fix = fix;
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    pub fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// A related place in the finding's own file.
    pub fn related(self, span: Span, label: impl Into<String>) -> Self {
        let file = Arc::clone(&self.file);
        self.related_in(&file, span, label)
    }

    /// A related place in any file, e.g. the other file that uses the same id.
    pub fn related_in(
        mut self,
        file: &Arc<SourceFile>,
        span: Span,
        label: impl Into<String>,
    ) -> Self {
        self.related.push(Related {
            file: Arc::clone(file),
            span,
            label: label.into(),
        });
        self
    }

    /// The message with the help on a line of its own, for formats that have one text field.
    pub fn message_with_help(&self) -> String {
        match &self.help {
            Some(help) => format!("{}\nhelp: {help}", self.message),
            None => self.message.clone(),
        }
    }

    /// The related places as lines of text (`first time: t.yaml:3:1`), for formats that show them in the message.
    pub fn related_notes(&self) -> Vec<String> {
        self.related
            .iter()
            .map(|related| format!("{}: {}", related.label, related.location()))
            .collect()
    }

    /// 1-based line and column of the start of the finding (1:1 for whole-file findings).
    pub fn line_column(&self) -> crate::source::LineColumn {
        self.file
            .line_column(self.span.map_or(0, |span| span.start))
    }

    /// 1-based line and column of the end of the finding.
    pub fn end_line_column(&self) -> crate::source::LineColumn {
        self.file
            .line_column(self.span.map_or(0, |span| span.end()))
    }

    /// Order of findings in every output: by file, then position, then rule.
    pub fn sort_key(&self) -> (&std::path::Path, usize, &'static str) {
        (
            self.file.path(),
            self.span.map_or(0, |span| span.start),
            self.rule.code,
        )
    }
}
