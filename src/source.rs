//! A process file's text, kept with its path so that every finding can point back into it.

use std::path::{Path, PathBuf};

/// A byte range in a source file.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Span {
    pub start: usize,
    pub len: usize,
}

impl Span {
    pub fn new(start: usize, len: usize) -> Self {
        Span { start, len }
    }

    pub fn end(self) -> usize {
        self.start + self.len
    }
}

impl From<Span> for miette::SourceSpan {
    fn from(span: Span) -> Self {
        (span.start, span.len).into()
    }
}

/// A 1-based line and column; columns count characters, as editors do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineColumn {
    pub line: usize,
    pub column: usize,
}

/// The text of one file as `proc` read it.
#[derive(Debug)]
pub struct SourceFile {
    /// The path as the user will recognise it: relative to the working directory when possible.
    pub path: PathBuf,
    /// The text. A file that is not valid UTF-8 is kept here with the invalid bytes replaced, so that a finding
    /// about them can still show the surrounding line.
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceFile {
    pub fn new(path: PathBuf, text: String) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(at, _)| at + 1))
            .collect();
        SourceFile {
            path,
            text,
            line_starts,
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The path written with forward slashes, as CI systems and SARIF viewers expect.
    pub fn display_path(&self) -> String {
        let text = self.path.to_string_lossy();
        let text = text.strip_prefix("./").unwrap_or(&text);
        text.replace('\\', "/")
    }

    /// The 1-based line and column of a byte offset (clamped to the text).
    pub fn line_column(&self, offset: usize) -> LineColumn {
        let offset = offset.min(self.text.len());
        let line_index = match self.line_starts.binary_search(&offset) {
            Ok(index) => index,
            Err(index) => index - 1,
        };
        let line_start = self.line_starts[line_index];
        let column = self
            .text
            .get(line_start..offset)
            .map_or(offset - line_start, |prefix| prefix.chars().count())
            + 1;
        LineColumn {
            line: line_index + 1,
            column,
        }
    }

    /// The byte offset where a 1-based line starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.line_starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(self.text.len())
    }

    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    /// The text of a 1-based line, without its line ending.
    pub fn line_text(&self, line: usize) -> &str {
        let start = self.line_start(line);
        let end = self.line_start(line + 1);
        self.text
            .get(start..end)
            .unwrap_or("")
            .trim_end_matches(['\n', '\r'])
    }

    /// The text under a span, or "" when the span does not fall on character boundaries.
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.start..span.end()).unwrap_or("")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters_not_bytes() {
        let file = SourceFile::new("x.yaml".into(), "name: Ärende\nowner: Åsa Öst\n".into());
        let owner = file.text.find("Åsa").unwrap_or_default();
        assert_eq!(file.line_column(owner), LineColumn { line: 2, column: 8 });
        let after = file.text.find("Öst").unwrap_or_default();
        assert_eq!(
            file.line_column(after),
            LineColumn {
                line: 2,
                column: 12
            }
        );
        assert_eq!(file.line_text(2), "owner: Åsa Öst");
        assert_eq!(file.line_column(0), LineColumn { line: 1, column: 1 });
    }
}
