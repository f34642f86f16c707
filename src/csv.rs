//! CSV for spreadsheets, written so that a double-click opens it right in Finnish and Swedish Excel.
//!
//! Excel opens a `.csv` file with the list separator of the computer's region: a semicolon where the decimal
//! separator is a comma (Finland, Sweden), a comma elsewhere. It reads the file as UTF-8 only when the file starts
//! with a byte order mark (otherwise å, ä and ö are garbled), and it turns what looks like a date into one: in a
//! Finnish Excel the version `1.10` becomes the first of October. So the separator follows the language of the
//! processes (`;` for sv and fi, `,` for en, or `--separator`), every file starts with a BOM, and when the file is
//! meant for Excel (a semicolon) a version is written as the formula `="1.10"`, which Excel shows as the text 1.10.

use std::io::{self, Write};

use crate::model::Language;

/// What separates the fields of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Separator {
    Comma,
    Semicolon,
    Tab,
}

impl Separator {
    /// The separator a spreadsheet of the language's region expects.
    pub fn for_language(language: Language) -> Separator {
        match language {
            Language::Sv | Language::Fi => Separator::Semicolon,
            Language::En => Separator::Comma,
        }
    }

    fn as_char(self) -> char {
        match self {
            Separator::Comma => ',',
            Separator::Semicolon => ';',
            Separator::Tab => '\t',
        }
    }
}

/// Reads `--separator`: `;`, `,`, `tab` (or the words `semicolon`, `comma`).
pub fn parse_separator(text: &str) -> Result<Separator, String> {
    match text {
        ";" | "semicolon" => Ok(Separator::Semicolon),
        "," | "comma" => Ok(Separator::Comma),
        "tab" | "\t" => Ok(Separator::Tab),
        _ => Err(format!(
            "`{text}` is not a separator: write ';' (Finnish and Swedish Excel), ',' or tab"
        )),
    }
}

/// One cell of a line.
pub enum Cell<'a> {
    /// Text as written (quoted when needed; a leading `=`, `+`, `-` or `@` cannot start a formula).
    Text(&'a str),
    /// A version number, kept as text in Excel.
    Version(&'a str),
    /// A number or a date, written as it is.
    Value(String),
}

/// Writes CSV lines with one separator, RFC 4180 quoting and CRLF line ends.
pub struct CsvWriter<'o> {
    out: &'o mut dyn Write,
    separator: Separator,
}

impl<'o> CsvWriter<'o> {
    /// Starts a file: the byte order mark that makes Excel read UTF-8.
    pub fn new(out: &'o mut dyn Write, separator: Separator) -> io::Result<Self> {
        out.write_all("\u{FEFF}".as_bytes())?;
        Ok(CsvWriter { out, separator })
    }

    pub fn header(&mut self, names: &[&str]) -> io::Result<()> {
        let cells: Vec<Cell<'_>> = names.iter().map(|name| Cell::Text(name)).collect();
        self.line(&cells)
    }

    pub fn line(&mut self, cells: &[Cell<'_>]) -> io::Result<()> {
        let separator = self.separator.as_char();
        let fields: Vec<String> = cells.iter().map(|cell| self.field(cell)).collect();
        write!(self.out, "{}\r\n", fields.join(&separator.to_string()))
    }

    fn field(&self, cell: &Cell<'_>) -> String {
        let text = match cell {
            Cell::Text(text) => safe_text(text),
            // Versions are digits and dots (the model checks them), so the formula holds nothing else; a version
            // without a dot is a whole number to Excel too.
            Cell::Version(version)
                if self.separator == Separator::Semicolon
                    && version.contains('.')
                    && version.chars().all(|c| c.is_ascii_digit() || c == '.') =>
            {
                format!("=\"{version}\"")
            }
            Cell::Version(version) => safe_text(version),
            Cell::Value(value) => value.clone(),
        };
        if text.contains([self.separator.as_char(), '"', '\n', '\r']) {
            format!("\"{}\"", text.replace('"', "\"\""))
        } else {
            text
        }
    }
}

/// A text that a spreadsheet will not evaluate: a leading `=`, `+`, `-`, `@`, tab or CR makes it a formula.
fn safe_text(text: &str) -> String {
    if text.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{text}")
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(separator: Separator, cells: &[Cell<'_>]) -> String {
        let mut out = Vec::new();
        let mut writer = CsvWriter::new(&mut out, separator).expect("write");
        writer.line(cells).expect("write");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn nordic_excel_gets_a_bom_semicolons_and_versions_as_text() {
        let line = written(
            Separator::Semicolon,
            &[
                Cell::Text("Oro för anknytning; utkast"),
                Cell::Version("1.10"),
                Cell::Value("1668".into()),
                Cell::Text("=HYPERLINK(\"x\")"),
            ],
        );
        assert_eq!(
            line,
            "\u{FEFF}\"Oro för anknytning; utkast\";\"=\"\"1.10\"\"\";1668;\"'=HYPERLINK(\"\"x\"\")\"\r\n"
        );
    }

    #[test]
    fn a_comma_file_is_plain_rfc_4180() {
        let line = written(
            Separator::Comma,
            &[Cell::Text("a, b"), Cell::Version("1.10"), Cell::Text("c")],
        );
        assert_eq!(line, "\u{FEFF}\"a, b\",1.10,c\r\n");
    }

    #[test]
    fn separators_are_read_as_written() {
        assert_eq!(parse_separator(";"), Ok(Separator::Semicolon));
        assert_eq!(parse_separator("tab"), Ok(Separator::Tab));
        assert!(parse_separator("|").is_err());
    }
}
