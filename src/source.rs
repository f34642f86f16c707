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
    /// Where each line starts. Lines end at LF, CRLF or a lone CR, as YAML (and every editor) reads them: a file
    /// saved with old Mac line endings has as many lines as it shows, not one.
    line_starts: Vec<usize>,
    /// For a file that is not valid UTF-8, the places where `text` holds U+FFFD instead of the file's bytes:
    /// (offset in `text`, number of bytes replaced), in order. Offsets reported to tools are in the file's bytes.
    replaced: Vec<(usize, usize)>,
}

/// The offsets just after each line break of a text: LF, CRLF (one break) and a lone CR.
/// Every file read is indexed, and most are kept to the end of the run: the list is made at its final size (only
/// a lone CR, rare, can make it grow), and the breaks are found with memchr, not byte by byte.
fn line_starts(text: &str) -> Vec<usize> {
    let bytes = text.as_bytes();
    let mut starts = Vec::with_capacity(memchr::memchr_iter(b'\n', bytes).count() + 1);
    starts.push(0);
    for at in memchr::memchr2_iter(b'\n', b'\r', bytes) {
        if bytes[at] == b'\n' || bytes.get(at + 1) != Some(&b'\n') {
            starts.push(at + 1);
        }
    }
    starts
}

/// A path written with forward slashes and without a leading `./`, as CI systems and SARIF viewers expect.
pub fn display_path(path: &Path) -> String {
    let text = path.to_string_lossy();
    let text = text.strip_prefix("./").unwrap_or(&text);
    text.replace('\\', "/")
}

impl SourceFile {
    pub fn new(path: PathBuf, text: String) -> Self {
        SourceFile {
            path,
            line_starts: line_starts(&text),
            text,
            replaced: Vec::new(),
        }
    }

    /// A file that is not valid UTF-8, read with each invalid sequence replaced by U+FFFD (as
    /// `String::from_utf8_lossy` does), remembering where, so offsets can be given in the file's own bytes.
    pub fn lossy(path: PathBuf, bytes: &[u8]) -> Self {
        let mut text = String::with_capacity(bytes.len() + 16);
        let mut replaced = Vec::new();
        for chunk in bytes.utf8_chunks() {
            text.push_str(chunk.valid());
            if !chunk.invalid().is_empty() {
                replaced.push((text.len(), chunk.invalid().len()));
                text.push(char::REPLACEMENT_CHARACTER);
            }
        }
        SourceFile {
            path,
            line_starts: line_starts(&text),
            text,
            replaced,
        }
    }

    /// The offset in the file's bytes of an offset in `text` (they differ only in a file that is not UTF-8).
    pub fn byte_offset(&self, offset: usize) -> usize {
        let mut shift: isize = 0;
        for &(at, bytes) in &self.replaced {
            if at >= offset {
                break;
            }
            let width = char::REPLACEMENT_CHARACTER.len_utf8();
            if offset < at + width {
                // Inside a replacement character: where its bytes start.
                return at.saturating_add_signed(shift);
            }
            shift += bytes as isize - width as isize;
        }
        offset.saturating_add_signed(shift)
    }

    /// A span of `text` as a span of the file's bytes.
    pub fn byte_span(&self, span: Span) -> Span {
        let start = self.byte_offset(span.start);
        let end = self.byte_offset(span.end()).max(start);
        Span::new(start, end - start)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// The path written with forward slashes, as CI systems and SARIF viewers expect.
    pub fn display_path(&self) -> String {
        display_path(&self.path)
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
        let text = self.text.get(start..end).unwrap_or("");
        let text = text.strip_suffix('\n').unwrap_or(text);
        text.strip_suffix('\r').unwrap_or(text)
    }

    /// The line ending the file uses most: what `proc` writes when it adds lines, so that `git diff` shows only
    /// the lines added. LF when the file has no line break yet.
    pub fn line_ending(&self) -> &'static str {
        line_ending(&self.text)
    }

    /// The text under a span, or "" when the span does not fall on character boundaries.
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.start..span.end()).unwrap_or("")
    }
}

/// The line ending a text uses most (LF, CRLF or CR); LF when it has none.
pub fn line_ending(text: &str) -> &'static str {
    let crlf = text.matches("\r\n").count();
    let lf = text.matches('\n').count() - crlf;
    let cr = text.matches('\r').count() - crlf;
    if crlf > lf && crlf >= cr {
        "\r\n"
    } else if cr > lf && cr > crlf {
        "\r"
    } else {
        "\n"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_end_at_lf_crlf_and_a_lone_cr() {
        let file = SourceFile::new("x.yaml".into(), "a: 1\rb: 2\r\nc: 3\nd: 4".into());
        assert_eq!(file.line_count(), 4);
        assert_eq!(file.line_text(1), "a: 1");
        assert_eq!(file.line_text(2), "b: 2");
        assert_eq!(file.line_text(3), "c: 3");
        assert_eq!(file.line_text(4), "d: 4");
        let d = file.text.find('d').unwrap_or_default();
        assert_eq!(file.line_column(d), LineColumn { line: 4, column: 1 });
        assert_eq!(line_ending("a\r\nb\r\n"), "\r\n");
        assert_eq!(line_ending("a\rb\r"), "\r");
        assert_eq!(line_ending("a\nb"), "\n");
        assert_eq!(line_ending(""), "\n");
    }

    #[test]
    fn offsets_of_a_file_that_is_not_utf8_are_in_its_own_bytes() {
        // "K\xe4rlek" in Latin-1: one byte for ä, which the text holds as the three bytes of U+FFFD.
        let bytes = b"name: K\xe4rlek\nowner: \xc5sa\n";
        let file = SourceFile::lossy("x.yaml".into(), bytes);
        assert_eq!(file.text, "name: K\u{FFFD}rlek\nowner: \u{FFFD}sa\n");
        let first = file.text.find('\u{FFFD}').unwrap_or_default();
        assert_eq!(file.byte_span(Span::new(first, 3)), Span::new(7, 1));
        let owner = file.text.find("owner").unwrap_or_default();
        assert_eq!(file.byte_offset(owner), 13);
        let second = file.text.rfind('\u{FFFD}').unwrap_or_default();
        assert_eq!(file.byte_offset(second), 20);
        assert_eq!(file.byte_offset(second + 3), 21);
        assert_eq!(
            &bytes[file.byte_offset(file.text.find("sa").unwrap_or_default())..][..2],
            b"sa"
        );
    }

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
