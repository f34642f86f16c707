//! Quick fixes: the fixes of `proc lint --fix`, and "accept this finding".

use std::collections::HashMap;

use lsp_types::{
    CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams, TextEdit, WorkspaceEdit,
};

use super::Server;
use super::diagnostics::diagnostic;
use crate::finding::{Applicability, Finding};
use crate::load::Node;
use crate::source::SourceFile;

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
            if finding.rule.suppressible {
                let insert = allow_comment(&source, tree.as_ref(), finding);
                actions.push(CodeAction {
                    title: format!(
                        "Accept this finding: add `# proc: allow({})` with the reason",
                        finding.rule.name
                    ),
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![shown]),
                    edit: Some(edit(vec![TextEdit::new(
                        encoding.range(&source, crate::source::Span::new(insert.0, 0)),
                        insert.1,
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

/// Where a `# proc: allow(rule)` comment for `finding` goes, and its text: on a line of its own above the entry
/// the finding is in (the innermost key whose value holds it), indented as that entry's line, so that it covers
/// that entry and nothing more. Above the first entry of the file it would cover the whole file, so there it
/// goes at the end of the line; a finding about the whole file gets its comment at the top.
fn allow_comment(source: &SourceFile, tree: Option<&Node>, finding: &Finding) -> (usize, String) {
    let reason = "(write why it is right here)";
    let comment = format!("# proc: allow({}) {reason}", finding.rule.name);
    let newline = source.line_ending();
    let Some(span) = finding.span else {
        return (0, format!("{comment}{newline}"));
    };
    let key_at = tree
        .and_then(|root| innermost_entry(root, span.start))
        .unwrap_or(span.start);
    let line = source.line_column(key_at).line;
    let text = source.line_text(line);
    let first_content = (1..line).all(|earlier| {
        let trimmed = source.line_text(earlier).trim_start();
        trimmed.is_empty() || trimmed.starts_with('#') || trimmed == "---"
    });
    if first_content {
        let end = source.line_start(line) + text.len();
        return (end, format!(" {comment}"));
    }
    let indent = &text[..text.len() - text.trim_start().len()];
    (
        source.line_start(line),
        format!("{indent}{comment}{newline}"),
    )
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
