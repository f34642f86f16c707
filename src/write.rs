//! Writing files safely: a user's file is either the old version or the new one, never half of either, and
//! nothing is written outside the folder it is meant for. Every command that writes a file goes through here.

use std::io::Write;
use std::path::{Path, PathBuf};

/// `folder/name`, when `name` is a plain file name and the result lies directly inside `folder` once symbolic
/// links and `..` are resolved.
pub fn file_inside(folder: &Path, name: &str) -> Result<PathBuf, String> {
    let refuse = || {
        format!(
            "`{}` is not a file name inside {}; nothing was written there",
            name.escape_debug(),
            folder.display()
        )
    };
    let plain = !name.is_empty()
        && !name.starts_with('.')
        && !name.contains(['/', '\\', '\0'])
        && Path::new(name).components().count() == 1;
    if !plain {
        return Err(refuse());
    }
    let path = folder.join(name);
    let resolved_folder = folder
        .canonicalize()
        .map_err(|error| format!("cannot use the folder {}: {error}", folder.display()))?;
    let parent = path
        .parent()
        .and_then(|parent| parent.canonicalize().ok())
        .ok_or_else(refuse)?;
    if parent != resolved_folder || path.file_name().and_then(|n| n.to_str()) != Some(name) {
        return Err(refuse());
    }
    Ok(path)
}

/// Writes `contents` to `path` so that the file is always either the old or the new version: a temporary file
/// in the same folder is written, flushed to disk and renamed over the original. `before_rename` runs between
/// the two (tests use it to simulate a crash there).
pub fn write_atomically(
    path: &Path,
    contents: &str,
    before_rename: impl FnOnce() -> std::io::Result<()>,
) -> std::io::Result<()> {
    replace_file(
        path,
        contents.as_bytes(),
        Durability::Flushed,
        Existing::Replace,
        before_rename,
    )
}

/// Writes a new file the same way, but only if no file of that name exists when it is moved into place: an
/// existing file is never replaced (the error is `AlreadyExists`).
pub fn write_new(path: &Path, contents: &str) -> std::io::Result<()> {
    replace_file(
        path,
        contents.as_bytes(),
        Durability::Flushed,
        Existing::Keep,
        || Ok(()),
    )
}

/// Writes generated output (a rendered page or PDF) the same way as [`write_atomically`], so a reader never sees
/// half a file, but without flushing to disk: the output can be made again, and a thousand flushes would be most
/// of the time a render takes.
pub fn write_output(path: &Path, contents: &[u8]) -> std::io::Result<()> {
    replace_file(
        path,
        contents,
        Durability::Unflushed,
        Existing::Replace,
        || Ok(()),
    )
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Durability {
    Flushed,
    Unflushed,
}

/// What to do when the target exists by the time the new file is moved into place.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Existing {
    Replace,
    Keep,
}

fn replace_file(
    path: &Path,
    contents: &[u8],
    durability: Durability,
    existing: Existing,
    before_rename: impl FnOnce() -> std::io::Result<()>,
) -> std::io::Result<()> {
    let folder = path
        .parent()
        .filter(|folder| !folder.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let mut temporary = tempfile::Builder::new()
        .prefix(".proc-")
        .suffix(".tmp")
        .tempfile_in(folder)?;
    temporary.write_all(contents)?;
    if durability == Durability::Flushed {
        temporary.as_file().sync_all()?;
    }
    match std::fs::metadata(path) {
        Ok(metadata) => temporary
            .as_file()
            .set_permissions(metadata.permissions())?,
        // A new file gets the usual permissions of a document, not the private ones of a temporary file.
        #[cfg(unix)]
        Err(_) => {
            use std::os::unix::fs::PermissionsExt;
            temporary
                .as_file()
                .set_permissions(std::fs::Permissions::from_mode(0o644))?;
        }
        #[cfg(not(unix))]
        Err(_) => {}
    }
    before_rename()?;
    match existing {
        Existing::Replace => temporary.persist(path).map(|_| ()),
        Existing::Keep => temporary.persist_noclobber(path).map(|_| ()),
    }
    .map_err(|error| error.error)?;
    // The rename itself is durable only once the folder is flushed too.
    #[cfg(unix)]
    if durability == Durability::Flushed {
        std::fs::File::open(folder)?.sync_all()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    #[test]
    fn names_that_leave_the_folder_are_refused() {
        let folder = tempfile::tempdir().expect("a temporary folder");
        for name in [
            "../escaped.html",
            "a/b.html",
            ".html",
            "..",
            "",
            "/etc/passwd",
            "x\\y.html",
        ] {
            assert!(file_inside(folder.path(), name).is_err(), "{name}");
        }
        let path = file_inside(folder.path(), "oro.html").expect("a plain name");
        assert_eq!(path, folder.path().join("oro.html"));
    }
    #[cfg(unix)]
    #[test]
    fn a_folder_reached_through_a_link_is_still_the_folder() {
        let base = tempfile::tempdir().expect("a temporary folder");
        let real = base.path().join("real");
        std::fs::create_dir(&real).expect("a folder");
        let link = base.path().join("link");
        std::os::unix::fs::symlink(&real, &link).expect("a link");
        assert!(file_inside(&link, "oro.html").is_ok());
    }
}
