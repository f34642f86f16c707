//! `file:` URIs, as the editor names documents, and the paths `proc` reads.

use std::path::{Path, PathBuf};
use std::str::FromStr;

use lsp_types::Uri;

/// The path of a `file:` URI; `None` for any other scheme (an unsaved buffer, a diff view, a remote file).
pub fn to_path(uri: &Uri) -> Option<PathBuf> {
    let rest = uri.as_str().strip_prefix("file://")?;
    // `file://host/path` names another computer; only `file:///path` and `file://localhost/path` are this one.
    let rest = rest.strip_prefix("localhost").unwrap_or(rest);
    if !rest.starts_with('/') {
        return None;
    }
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let decoded = percent_decode(rest)?;
    let path = if cfg!(windows) {
        // `/C:/Users/…` is `C:\Users\…`.
        let trimmed = decoded.strip_prefix('/').unwrap_or(&decoded);
        PathBuf::from(trimmed.replace('/', "\\"))
    } else {
        PathBuf::from(decoded)
    };
    Some(clean(&path))
}

/// The path with `.` and `..` taken out by reading it, not the disk (a `proc.toml` may say
/// `processes = "../procs"`; the editor names the same files without the `..`).
pub fn clean(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// The `file:` URI of an absolute path, with everything but unreserved characters and `/` percent-encoded.
pub fn from_path(path: &Path) -> Option<Uri> {
    let text = path.to_str()?.replace('\\', "/");
    let mut uri = String::from("file://");
    if !text.starts_with('/') {
        uri.push('/');
    }
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                uri.push(char::from(byte));
            }
            b':' if uri.len() == "file:///".len() + 1 => uri.push(':'),
            _ => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    Uri::from_str(&uri).ok()
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while at < bytes.len() {
        if bytes[at] == b'%' {
            let hex = text.get(at + 1..at + 3)?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            at += 3;
        } else {
            out.push(bytes[at]);
            at += 1;
        }
    }
    String::from_utf8(out).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_uris_become_paths_and_back() {
        let uri =
            Uri::from_str("file:///home/elina/processer/Hembes%C3%B6k%20i%20Gr%C3%A4storp.yaml")
                .map_err(|error| error.to_string());
        let Ok(uri) = uri else {
            panic!("{uri:?}");
        };
        let path = to_path(&uri);
        if !cfg!(windows) {
            assert_eq!(
                path.as_deref(),
                Some(Path::new("/home/elina/processer/Hembesök i Grästorp.yaml"))
            );
            let back = path.as_deref().and_then(from_path);
            assert_eq!(back.as_ref().map(|uri| uri.as_str()), Some(uri.as_str()));
        }
        let untitled = Uri::from_str("untitled:Untitled-1").map_err(|error| error.to_string());
        assert_eq!(untitled.ok().and_then(|uri| to_path(&uri)), None);
    }

    #[test]
    fn a_path_with_dots_names_the_same_file_as_without() {
        assert_eq!(
            clean(Path::new("/mono/tools/./../procs/a.yaml")),
            Path::new("/mono/procs/a.yaml")
        );
        assert_eq!(clean(Path::new("../procs")), Path::new("../procs"));
    }
}
