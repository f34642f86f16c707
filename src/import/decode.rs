//! From the bytes of an exported file to its text: UTF-8 (with or without a byte order mark) as it is, Windows-1252
//! (Latin-1) converted, and text that was already garbled by a wrong conversion refused, never passed on.

/// The text of a file and how it was read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    pub text: String,
    /// Said to the user when the text was converted.
    pub note: Option<String>,
}

/// Letters that UTF-8 read as Latin-1 turns into two characters: `ä` becomes `Ã¤`.
const MOJIBAKE: [&str; 8] = ["Ã¥", "Ã¤", "Ã¶", "Ã…", "Ã„", "Ã–", "Ã©", "Ã¼"];

pub fn decode(bytes: &[u8]) -> Result<Decoded, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err("the file is UTF-16; save it again as UTF-8 (or export it as \"Text (tab-separated)\" in UTF-8)".to_owned());
    }
    let (text, note) = match std::str::from_utf8(bytes) {
        Ok(text) => (text.to_owned(), None),
        Err(_) => {
            let text: String = bytes.iter().map(|byte| windows_1252(*byte)).collect();
            if text.contains('\0') {
                return Err(
                    "the file holds binary data, not the text export of a process chart".to_owned(),
                );
            }
            (
                text,
                Some("the file is not UTF-8: read as Windows-1252 (Latin-1), so å, ä and ö come out right".to_owned()),
            )
        }
    };
    if let Some(garbled) = MOJIBAKE.iter().find(|pattern| text.contains(*pattern)) {
        return Err(format!(
            "the text is garbled (\"{garbled}\" where a letter like ä belongs): the file was converted from UTF-8 to \
             Latin-1 and back at some point; export it again from the original"
        ));
    }
    if text.contains('\0') {
        return Err(
            "the file holds binary data, not the text export of a process chart".to_owned(),
        );
    }
    // Windows and old Mac line endings become plain line breaks.
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    Ok(Decoded { text, note })
}

/// A Windows-1252 byte as a character (Latin-1 with the printable characters Windows puts in 0x80–0x9F).
fn windows_1252(byte: u8) -> char {
    const HIGH: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8D}', 'Ž',
        '\u{8F}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9D}',
        'ž', 'Ÿ',
    ];
    match byte {
        0x80..=0x9F => HIGH[usize::from(byte - 0x80)],
        _ => char::from(byte),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_is_converted_and_mojibake_refused() {
        let decoded = decode(b"Process\xe4gare\tV\xe5rd\r\n").expect("Latin-1 is read");
        assert_eq!(decoded.text, "Processägare\tVård\n");
        assert!(decoded.note.is_some());
        let decoded = decode("\u{FEFF}Processägare\r\n".as_bytes()).expect("UTF-8 with a BOM");
        assert_eq!(decoded.text, "Processägare\n");
        assert_eq!(decoded.note, None);
        assert!(decode("ProcessÃ¤gare".as_bytes()).is_err());
        assert!(decode(b"\xFF\xFEP\0").is_err());
    }
}
