//! `proc lint --fix`: applying the fixes the rules offer, and proving each one before the file is written.
//!
//! A fix is a few span-located replacements, as `proc review` makes: everything around them (comments, blank
//! lines, quoting, the byte order mark, the line endings) stays byte for byte. Every fix is applied on its own
//! and the text is read back: the fix is kept only when the values are exactly what it promised (see
//! [`Expect`]); otherwise it is left out and reported. Fixes can make others possible (a file that reads again
//! after a tab is replaced shows its other problems), so the file is checked again until nothing more is fixed.

use std::path::{Path, PathBuf};

use crate::finding::{Applicability, Expect, Finding, Fix, Rule};
use crate::lint::LintOptions;
use crate::load;
use crate::walk::WalkError;

/// A file is checked and fixed at most this many times: each round applies every fix that does not overlap
/// another, so real files need two or three.
const MAX_ROUNDS: usize = 10;

/// Which fixes to apply.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FixOptions {
    /// Apply the fixes that guess too ([`Applicability::Unsafe`]).
    pub unsafe_fixes: bool,
}

impl FixOptions {
    fn permits(self, fix: &Fix) -> bool {
        fix.applicability == Applicability::Safe || self.unsafe_fixes
    }
}

/// One fix that was applied, as the report names it.
#[derive(Debug, Clone)]
pub struct Applied {
    pub rule: &'static Rule,
    /// 1-based line and column in the file as it was when the fix was made.
    pub line: usize,
    pub column: usize,
    pub title: String,
}

/// One fix that was not applied because the fixed text did not read back as promised.
#[derive(Debug, Clone)]
pub struct Refused {
    pub rule: &'static Rule,
    pub line: usize,
    pub reason: String,
}

/// What fixing one file came to.
#[derive(Debug)]
pub struct FileFix {
    pub path: PathBuf,
    pub before: String,
    pub after: String,
    pub applied: Vec<Applied>,
    pub refused: Vec<Refused>,
}

impl FileFix {
    pub fn changed(&self) -> bool {
        self.before != self.after
    }

    /// Replaces the file with the fixed text, atomically.
    pub fn write(&self) -> std::io::Result<()> {
        crate::write::write_atomically(&self.path, &self.after, || Ok(()))
    }

    /// A unified diff of the change, with the file's path in the header.
    pub fn diff(&self) -> String {
        let name = self.path.display().to_string();
        similar::TextDiff::from_lines(&self.before, &self.after)
            .unified_diff()
            .context_radius(2)
            .header(&name, &name)
            .to_string()
    }
}

/// Fixes every process file under `paths` in memory; nothing is written (see [`FileFix::write`]).
pub fn fix_paths(
    paths: &[PathBuf],
    options: &LintOptions,
    fix: FixOptions,
) -> (Vec<FileFix>, Vec<WalkError>) {
    let (files, mut errors) = crate::walk::discover(paths);
    let mut fixed = Vec::new();
    for path in files {
        match read(&path, options) {
            Ok(Some(text)) => fixed.push(fix_text(&path, text, options, fix)),
            Ok(None) => {}
            Err(message) => errors.push(WalkError { path, message }),
        }
    }
    (fixed, errors)
}

/// The text of a file that can be fixed: `None` for a file too large or not UTF-8 (lint reports those; no fix
/// can help).
fn read(path: &Path, options: &LintOptions) -> Result<Option<String>, String> {
    let metadata =
        std::fs::metadata(path).map_err(|error| format!("cannot read the file: {error}"))?;
    if metadata.len() > options.config.max_file_size {
        return Ok(None);
    }
    let bytes = std::fs::read(path).map_err(|error| format!("cannot read the file: {error}"))?;
    Ok(String::from_utf8(bytes).ok())
}

/// Applies every permitted fix to `text` until no more apply.
pub fn fix_text(path: &Path, text: String, options: &LintOptions, fix: FixOptions) -> FileFix {
    let mut current = text.clone();
    let mut applied = Vec::new();
    let mut refused: Vec<Refused> = Vec::new();
    for _ in 0..MAX_ROUNDS {
        let (findings, tree) = findings_of(path, &current, options);
        // The tree of `current`: from the check, then from reading back each fix that is kept; parsed only when
        // the check could not build one (a file it stops reading early) and a fix needs it.
        let mut tree: Option<Option<load::Node>> = tree.map(Some);
        let mut fixes: Vec<&Finding> = findings
            .iter()
            .filter(|finding| finding.fix.as_ref().is_some_and(|f| fix.permits(f)))
            .collect();
        // From the end of the file backwards, so the spans of the fixes still to come stay where they were.
        fixes.sort_by_key(|finding| std::cmp::Reverse(first_edit(finding)));
        let mut taken_from = usize::MAX;
        let mut changed = false;
        for finding in fixes {
            let Some(fix) = &finding.fix else {
                continue;
            };
            let (start, end) = extent(fix);
            if end > taken_from {
                continue;
            }
            let at = finding.file.line_column(start);
            let candidate = apply(&current, fix);
            if candidate == current {
                continue;
            }
            match verify(&current, &mut tree, &candidate, &fix.expect, start) {
                Ok(read_back) => {
                    applied.push(Applied {
                        rule: finding.rule,
                        line: at.line,
                        column: at.column,
                        title: fix.title.clone(),
                    });
                    current = candidate;
                    tree = Some(Some(read_back));
                    taken_from = start;
                    changed = true;
                }
                Err(reason) => {
                    if !refused
                        .iter()
                        .any(|r| r.rule == finding.rule && r.line == at.line)
                    {
                        refused.push(Refused {
                            rule: finding.rule,
                            line: at.line,
                            reason,
                        });
                    }
                }
            }
        }
        if !changed {
            break;
        }
    }
    applied.sort_by_key(|fix| (fix.line, fix.column));
    FileFix {
        path: path.to_path_buf(),
        before: text,
        after: current,
        applied,
        refused,
    }
}

/// One fix made on `text` and read back, as `--fix` proves a fix before it keeps it (for an editor's quick fix):
/// the fixed text, or why the fix is refused.
pub fn prove(text: &str, fix: &Fix) -> Result<String, String> {
    let candidate = apply(text, fix);
    if candidate == text {
        return Err("the fix changes nothing".into());
    }
    verify(text, &mut None, &candidate, &fix.expect, extent(fix).0).map(|_| candidate)
}

/// The findings of one text as `proc lint` reports them (suppressions and `proc.toml` applied), without the
/// checks across files, which offer no fixes; with its tree, when the check read one.
fn findings_of(
    path: &Path,
    text: &str,
    options: &LintOptions,
) -> (Vec<Finding>, Option<load::Node>) {
    let linted = crate::lint::lint_alone(
        load::load_text(path.to_path_buf(), text.to_owned()),
        options,
    );
    (linted.findings, linted.root)
}

fn first_edit(finding: &Finding) -> usize {
    finding.fix.as_ref().map_or(0, |fix| extent(fix).0)
}

/// The first and last byte a fix touches.
fn extent(fix: &Fix) -> (usize, usize) {
    let start = fix.edits.iter().map(|edit| edit.span.start).min();
    let end = fix.edits.iter().map(|edit| edit.span.end()).max();
    (start.unwrap_or(0), end.unwrap_or(0))
}

/// The text with a fix's edits made, its line breaks written the way the file writes them.
fn apply(text: &str, fix: &Fix) -> String {
    let newline = crate::source::line_ending(text);
    let mut edits: Vec<_> = fix.edits.iter().collect();
    edits.sort_by_key(|edit| std::cmp::Reverse(edit.span.start));
    let mut out = text.to_owned();
    for edit in edits {
        let (start, end) = (edit.span.start, edit.span.end());
        if end > out.len() || !out.is_char_boundary(start) || !out.is_char_boundary(end) {
            return text.to_owned();
        }
        let replacement = if newline == "\n" {
            edit.replacement.clone()
        } else {
            edit.replacement.replace('\n', newline)
        };
        out.replace_range(start..end, &replacement);
    }
    out
}

/// Whether the fixed text holds exactly the values the fix promised, and then its tree; `at` is where the fix's
/// first edit starts. `before_tree` is the tree of `before` when it has been read already (`None`: not yet), and
/// is filled in when it is needed here.
fn verify(
    before: &str,
    before_tree: &mut Option<Option<load::Node>>,
    after: &str,
    expect: &Expect,
    at: usize,
) -> Result<load::Node, String> {
    let read_after = load::parse_text(after);
    match expect {
        Expect::Whitespace | Expect::Invisible => {
            let invisible = matches!(expect, Expect::Invisible);
            let visible = |text: &str| -> String {
                text.chars()
                    .filter(|c| !(c.is_whitespace() || (invisible && load::is_invisible(*c))))
                    .collect()
            };
            let Some(root) = read_after else {
                return Err("the fixed file still cannot be read as YAML".into());
            };
            if visible(before) != visible(after) {
                return Err(if invisible {
                    "the fix would change more than invisible characters".into()
                } else {
                    "the fix would change more than spaces".into()
                });
            }
            return Ok(root);
        }
        Expect::Reads(text) => {
            let Some(root) = read_after else {
                return Err("the fixed file still cannot be read as YAML".into());
            };
            return if scalar_at(&root, at) == Some(text.as_str()) {
                Ok(root)
            } else {
                Err("the fixed text would not read as it was written".into())
            };
        }
        Expect::Same | Expect::Values(_) | Expect::RenamedKey { .. } => {}
    }
    let old = before_tree.get_or_insert_with(|| load::parse_text(before));
    let (Some(old), Some(new)) = (old.as_ref(), read_after) else {
        return Err("the fixed file could not be read back".into());
    };
    let mut wanted = old.to_json_text();
    match expect {
        Expect::Values(values) => {
            for (pointer, value) in values {
                match wanted.pointer_mut(pointer) {
                    Some(slot) => *slot = value.clone(),
                    None => return Err(format!("`{pointer}` is not in the file")),
                }
            }
        }
        Expect::RenamedKey { parent, from, to } => {
            let group = wanted
                .pointer_mut(parent)
                .and_then(serde_json::Value::as_object_mut)
                .ok_or_else(|| format!("`{parent}` is not a group of keys in the file"))?;
            if group.contains_key(to) {
                return Err(format!("`{to}` is there already"));
            }
            let value = group
                .remove(from)
                .ok_or_else(|| format!("`{from}` is not in the file"))?;
            group.insert(to.clone(), value);
        }
        Expect::Same | Expect::Whitespace | Expect::Invisible | Expect::Reads(_) => {}
    }
    if new.to_json_text() == wanted {
        Ok(new)
    } else {
        Err("the fixed file would hold other values than intended".into())
    }
}

/// The text of the key or value that starts at byte `at`.
fn scalar_at(root: &load::Node, at: usize) -> Option<&str> {
    let mut stack = vec![root];
    while let Some(node) = stack.pop() {
        if node.span.start == at
            && let Some(text) = node.as_text()
        {
            return Some(text);
        }
        match &node.value {
            load::Value::Seq(items) => stack.extend(items),
            load::Value::Map(entries) => {
                for entry in entries {
                    stack.push(&entry.key);
                    stack.push(&entry.value);
                }
            }
            _ => {}
        }
    }
    None
}

/// The findings of a lint run that a fix could remove: (safe, only with `--unsafe-fixes`).
pub fn fixable<'a>(findings: impl Iterator<Item = &'a Finding>) -> (usize, usize) {
    findings.fold((0, 0), |(safe, unsafe_), finding| {
        match finding.fix.as_ref().map(|fix| fix.applicability) {
            Some(Applicability::Safe) => (safe + 1, unsafe_),
            Some(Applicability::Unsafe) => (safe, unsafe_ + 1),
            None => (safe, unsafe_),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::finding::Edit;
    use crate::source::Span;

    fn fix(span: Span, replacement: &str, expect: Expect) -> Fix {
        Fix {
            title: "test".into(),
            applicability: Applicability::Safe,
            edits: vec![Edit {
                span,
                replacement: replacement.into(),
            }],
            expect,
        }
    }

    #[test]
    fn a_fix_is_refused_when_the_values_are_not_what_it_promised() {
        let text = "a: x #y\nb: 1\n";
        let quote = fix(
            Span::new(3, 4),
            "\"x #y\"",
            Expect::Values(vec![("/a".into(), "x #y".into())]),
        );
        let quoted = apply(text, &quote);
        assert_eq!(quoted, "a: \"x #y\"\nb: 1\n");
        assert_eq!(
            verify(text, &mut None, &quoted, &quote.expect, 3).map(|_| ()),
            Ok(())
        );
        // The same edit promising that nothing changes is refused: the value did change.
        assert!(verify(text, &mut None, &quoted, &Expect::Same, 3).is_err());
        // An edit that breaks the YAML is refused.
        let broken = fix(Span::new(0, 1), "- ", Expect::Same);
        assert!(verify(text, &mut None, &apply(text, &broken), &broken.expect, 0).is_err());
        // A promise about a value that is not in the file is refused.
        let elsewhere = Expect::Values(vec![("/c".into(), "x".into())]);
        assert!(verify(text, &mut None, &quoted, &elsewhere, 3).is_err());
    }

    #[test]
    fn a_quoting_fix_must_read_as_the_text_written_and_an_invisible_fix_may_only_remove_invisibles()
    {
        let broken = "a: *x* y\nb: 1\n";
        let quote = fix(Span::new(3, 5), "\"*x* y\"", Expect::Reads("*x* y".into()));
        assert_eq!(
            verify(broken, &mut None, &apply(broken, &quote), &quote.expect, 3).map(|_| ()),
            Ok(())
        );
        // The same edit promising another text, or checked at another place, is refused.
        let other = Expect::Reads("*x*".into());
        assert!(verify(broken, &mut None, &apply(broken, &quote), &other, 3).is_err());
        assert!(verify(broken, &mut None, &apply(broken, &quote), &quote.expect, 0).is_err());

        let key = "own\u{AD}er: x\n";
        let remove = fix(Span::new(3, 2), "", Expect::Invisible);
        assert_eq!(
            verify(key, &mut None, &apply(key, &remove), &remove.expect, 3).map(|_| ()),
            Ok(())
        );
        // Removing a visible letter is not removing an invisible character.
        let letter = fix(Span::new(0, 1), "", Expect::Invisible);
        assert!(verify(key, &mut None, &apply(key, &letter), &letter.expect, 0).is_err());
    }

    #[test]
    fn inserted_line_breaks_follow_the_file() {
        let text = "a: 1\r\nb: 2\r\n";
        let insert = fix(Span::new(0, 0), "# c\n", Expect::Same);
        assert_eq!(apply(text, &insert), "# c\r\na: 1\r\nb: 2\r\n");
    }
}
