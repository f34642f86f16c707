//! Positions as the editor counts them.
//!
//! `proc` works in byte offsets of the UTF-8 text; the protocol counts a line's characters in UTF-16 code units
//! unless the editor offers another encoding at the start. A name with å, ä or ö is the same length either way,
//! but an emoji or a character pasted from another script is not, and a diagnostic must underline exactly the
//! characters it means.

use lsp_types::{Position, PositionEncodingKind, Range};

use crate::source::{SourceFile, Span};

/// How the editor counts the characters of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    Utf16,
    Utf32,
}

impl Encoding {
    /// The encoding to use with an editor that offers `offered` (in its order of preference): UTF-8 when it can,
    /// since that is how `proc` counts, and UTF-16, which every editor must understand, otherwise.
    pub fn choose(offered: Option<&[PositionEncodingKind]>) -> Encoding {
        let offered = offered.unwrap_or_default();
        if offered.contains(&PositionEncodingKind::UTF8) {
            Encoding::Utf8
        } else if offered.contains(&PositionEncodingKind::UTF32) {
            Encoding::Utf32
        } else {
            Encoding::Utf16
        }
    }

    pub fn kind(self) -> PositionEncodingKind {
        match self {
            Encoding::Utf8 => PositionEncodingKind::UTF8,
            Encoding::Utf16 => PositionEncodingKind::UTF16,
            Encoding::Utf32 => PositionEncodingKind::UTF32,
        }
    }

    fn width(self, character: char) -> usize {
        match self {
            Encoding::Utf8 => character.len_utf8(),
            Encoding::Utf16 => character.len_utf16(),
            Encoding::Utf32 => 1,
        }
    }

    /// The position of a byte offset of `file`'s text (clamped to the text, and to the start of a character).
    pub fn position(self, file: &SourceFile, offset: usize) -> Position {
        let mut offset = offset.min(file.text.len());
        while !file.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = file.line_column(offset).line;
        let start = file.line_start(line);
        let character: usize = file.text[start..offset]
            .chars()
            .map(|character| self.width(character))
            .sum();
        Position::new(to_u32(line - 1), to_u32(character))
    }

    pub fn range(self, file: &SourceFile, span: Span) -> Range {
        Range::new(
            self.position(file, span.start),
            self.position(file, span.end()),
        )
    }

    /// The byte offset of a position in `file`'s text. A position past the end of its line is the end of the
    /// line, and a line past the end of the text is the end of the text, as the protocol asks.
    pub fn offset(self, file: &SourceFile, position: Position) -> usize {
        let line = position.line as usize + 1;
        if line > file.line_count() {
            return file.text.len();
        }
        let start = file.line_start(line);
        let text = file.line_text(line);
        let mut counted = 0;
        for (at, character) in text.char_indices() {
            if counted >= position.character as usize {
                return start + at;
            }
            counted += self.width(character);
        }
        start + text.len()
    }
}

fn to_u32(value: usize) -> u32 {
    u32::try_from(value).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_what_the_editor_counts() {
        let file = SourceFile::new("a.yaml".into(), "namn: Hembesök 😀 x\r\nb: 1\n".into());
        let x = file.text.find(" x").unwrap_or_default() + 1;
        // ö is one UTF-16 unit and two bytes; the emoji two UTF-16 units and four bytes.
        assert_eq!(Encoding::Utf16.position(&file, x), Position::new(0, 18));
        assert_eq!(Encoding::Utf32.position(&file, x), Position::new(0, 17));
        assert_eq!(Encoding::Utf8.position(&file, x), Position::new(0, 21));
        for encoding in [Encoding::Utf8, Encoding::Utf16, Encoding::Utf32] {
            let position = encoding.position(&file, x);
            assert_eq!(encoding.offset(&file, position), x, "{encoding:?}");
        }
        let b = file.text.find("b:").unwrap_or_default();
        assert_eq!(Encoding::Utf16.position(&file, b), Position::new(1, 0));
        // Past the end of a line: the end of the line, not the next one.
        assert_eq!(Encoding::Utf16.offset(&file, Position::new(1, 99)), b + 4);
        assert_eq!(
            Encoding::Utf16.offset(&file, Position::new(9, 0)),
            file.text.len()
        );
    }
}
