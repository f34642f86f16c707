//! Quick fixes: the fixes of `proc lint --fix`, and "accept this finding".

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, TextEdit, WorkspaceEdit,
};

use super::Server;
use super::diagnostics::diagnostic;
use crate::finding::{Applicability, Edit, Expect, Finding, Fix};
use crate::load::Node;
use crate::source::{SourceFile, Span};

/// The code actions for the findings under the editor's selection, and "fix all" for the file.
///
/// A fix is offered only when it proves out as it would under `--fix` (the fixed text reads back with the values
/// it promised); a safe fix is the preferred action, an unsafe one (a guess, such as the nearest month name) is
/// offered as a choice the user makes, its title saying it guesses.
pub fn code_actions(server: &Server, params: CodeActionParams) -> Vec<CodeActionOrCommand> {
    let Some((document, source)) = server.document(&params.text_document.uri) else {
        return Vec::new();
    };
    let encoding = server.encoding();
    let wanted = |kind: &CodeActionKind| {
        params.context.only.as_ref().is_none_or(|only| {
            only.iter()
                .any(|asked| kind.as_str().starts_with(asked.as_str()))
        })
    };
    let from = encoding.offset(&source, params.range.start);
    let to = encoding.offset(&source, params.range.end);
    let findings: Vec<&Finding> = server
        .findings_of(&document.path)
        .iter()
        // Findings are of the text as it is now; one of an older text (never expected) offers nothing.
        .filter(|finding| finding.file.text == document.text)
        .filter(|finding| match finding.span {
            Some(span) => span.start <= to && span.end() >= from,
            None => params.range.start.line == 0,
        })
        .collect();
    let uri = &params.text_document.uri;
    let edit = |edits: Vec<TextEdit>| WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    };

    let mut actions = Vec::new();
    if wanted(&CodeActionKind::QUICKFIX) {
        let tree = crate::load::parse_text(&document.text);
        for finding in findings {
            let shown = diagnostic(finding, encoding, None);
            if let Some(fix) = &finding.fix
                && crate::fix::prove(&document.text, fix).is_ok()
            {
                let newline = source.line_ending();
                let edits = fix
                    .edits
                    .iter()
                    .map(|change| {
                        TextEdit::new(
                            encoding.range(&source, change.span),
                            change.replacement.replace('\n', newline),
                        )
                    })
                    .collect();
                let safe = fix.applicability == Applicability::Safe;
                let title = if safe {
                    capitalized(&fix.title)
                } else {
                    format!("{} (a guess: check it)", capitalized(&fix.title))
                };
                actions.push(CodeAction {
                    title,
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![shown.clone()]),
                    edit: Some(edit(edits)),
                    is_preferred: Some(safe),
                    ..CodeAction::default()
                });
            }
            if finding.rule.suppressible
                && let Some(accept) = accept(&document.text, &source, tree.as_ref(), finding)
            {
                let newline = source.line_ending();
                actions.push(CodeAction {
                    title: accept.title,
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![shown]),
                    edit: Some(edit(vec![TextEdit::new(
                        encoding.range(&source, accept.edit.span),
                        accept.edit.replacement.replace('\n', newline),
                    )])),
                    ..CodeAction::default()
                });
            }
        }
    }
    if wanted(&CodeActionKind::SOURCE_FIX_ALL)
        && let Some(repository) = server.repository_of(&document.path)
    {
        let fixed = crate::fix::fix_text(
            &document.path,
            document.text.clone(),
            repository.options(),
            crate::fix::FixOptions {
                unsafe_fixes: false,
            },
        );
        if fixed.changed() {
            actions.push(CodeAction {
                title: format!(
                    "Fix all safe problems in this file ({}; proc lint --fix)",
                    count(fixed.applied.len())
                ),
                kind: Some(CodeActionKind::SOURCE_FIX_ALL),
                edit: Some(edit(vec![super::whole_text_edit(
                    encoding,
                    &source,
                    fixed.after,
                )])),
                ..CodeAction::default()
            });
        }
    }
    actions
        .into_iter()
        .map(CodeActionOrCommand::CodeAction)
        .collect()
}

fn count(fixes: usize) -> String {
    match fixes {
        1 => "1 fix".to_owned(),
        n => format!("{n} fixes"),
    }
}

fn capitalized(text: &str) -> String {
    let mut characters = text.chars();
    match characters.next() {
        Some(first) => first.to_uppercase().chain(characters).collect(),
        None => String::new(),
    }
}

/// "Accept this finding": a `# proc: allow(rule)` comment for the author to complete with the reason.
struct Accept {
    title: String,
    edit: Edit,
}

/// What an allow comment covers, as `suppress` reads it where it is put.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Covers {
    Entry,
    ListItem,
    File,
}

/// The comment for `finding`, where it covers the least that holds the finding, and only where it changes no value
/// of the file (read back as `--fix` reads a fix): after a text that goes on over more lines, or inside quotes,
/// it would break the file or become part of the text, and there it goes at the top of the file instead.
fn accept(
    text: &str,
    source: &SourceFile,
    tree: Option<&Node>,
    finding: &Finding,
) -> Option<Accept> {
    let comment = format!(
        "# proc: allow({}) (write why it is right here)",
        finding.rule.name
    );
    let proven = |(edit, covers): (Edit, Covers)| {
        let fix = Fix {
            title: String::new(),
            applicability: Applicability::Safe,
            edits: vec![edit.clone()],
            expect: Expect::Same,
        };
        crate::fix::prove(text, &fix).ok().map(|_| (edit, covers))
    };
    let (edit, covers) = allow_comment(source, tree, finding, &comment)
        .and_then(proven)
        .or_else(|| proven(at_top(source, &comment)))?;
    let name = finding.rule.name;
    let title = match covers {
        Covers::Entry => {
            format!("Accept this finding: add `# proc: allow({name})` with the reason")
        }
        Covers::ListItem => format!(
            "Accept this finding in this whole list item: add `# proc: allow({name})` with the reason"
        ),
        Covers::File => format!(
            "Accept this finding in the whole file: add `# proc: allow({name})` with the reason"
        ),
    };
    Some(Accept { title, edit })
}

/// The comment on a line of its own above the entry the finding is in (the innermost key whose value holds it),
/// indented as that entry's line, so that it covers that entry; above the first entry of the file it would cover
/// the whole file, so there it goes at the end of the line. `None` for a finding about the whole file.
fn allow_comment(
    source: &SourceFile,
    tree: Option<&Node>,
    finding: &Finding,
    comment: &str,
) -> Option<(Edit, Covers)> {
    let span = finding.span?;
    let key_at = tree
        .and_then(|root| innermost_entry(root, span.start))
        .unwrap_or(span.start);
    let line = source.line_column(key_at).line;
    let text = source.line_text(line);
    let first_content = (1..line).all(|earlier| {
        let trimmed = source.line_text(earlier).trim_start();
        trimmed.is_empty() || trimmed.starts_with('#') || trimmed == "---"
    });
    let insert = |at: usize, replacement: String| Edit {
        span: Span::new(at, 0),
        replacement,
    };
    if first_content {
        let end = source.line_start(line) + text.len();
        return Some((insert(end, format!(" {comment}")), Covers::Entry));
    }
    let trimmed = text.trim_start();
    let indent = &text[..text.len() - trimmed.len()];
    // A comment above `- name: …` covers the whole item, since the item starts on that line.
    let covers = if trimmed.starts_with('-') {
        Covers::ListItem
    } else {
        Covers::Entry
    };
    Some((
        insert(source.line_start(line), format!("{indent}{comment}\n")),
        covers,
    ))
}

/// The comment before the first entry of the file (after a byte order mark), where it covers the whole file.
fn at_top(source: &SourceFile, comment: &str) -> (Edit, Covers) {
    let at = if source.text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let edit = Edit {
        span: Span::new(at, 0),
        replacement: format!("{comment}\n"),
    };
    (edit, Covers::File)
}

/// The start of the innermost key whose entry holds `offset` (the key itself or its value).
fn innermost_entry(root: &Node, offset: usize) -> Option<usize> {
    super::navigate::reach(root, offset)
        .keys
        .last()
        .map(|key| key.span.start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_comment_goes_above_the_innermost_entry() {
        let text = "id: a\nsteps:\n  - name: Start\n    who:\n      - Handläggare\n";
        let Some(root) = crate::load::parse_text(text) else {
            panic!("the text reads");
        };
        let in_list = text.find("Handläggare").unwrap_or_default() + 3;
        assert_eq!(innermost_entry(&root, in_list), text.find("who"));
        let in_name = text.find("Start").unwrap_or_default();
        assert_eq!(innermost_entry(&root, in_name), text.find("name"));
        assert_eq!(innermost_entry(&root, 1), Some(0));
    }
}
