//! Text that YAML reads differently from how it looks: a ` #` that starts a comment in the middle of a sentence,
//! and lines that YAML joins into one.

use super::{FileContext, pointer, written_before};
use crate::finding::{Applicability, Expect, Finding, Fix};
use crate::load::{Node, PathSegment, ScalarStyle};
use crate::source::Span;

pub use crate::rules::registry::{COMMENT_IN_TEXT, FOLDED_TEXT};

pub fn check(context: &FileContext<'_>, findings: &mut Vec<Finding>) {
    for (path, node) in context.text_values.iter().map(|(path, node)| (path, *node)) {
        let Some(scalar) = node.as_scalar() else {
            continue;
        };
        let finding = match scalar.style {
            ScalarStyle::Plain => match trailing_comment(context, node) {
                Some(comment) => Some(comment_in_text(context, node, comment, &pointer(path))),
                None => folded(context, node, path),
            },
            ScalarStyle::Quoted => folded(context, node, path),
            ScalarStyle::Block => None,
        };
        // Lines joined where a list of names belongs are reported by wrong-type, which says to write each line as
        // a list entry; `|` would keep the lines but leave a text where a list must be. (Asked only of a text
        // with a finding: it is the schema's answer, and most texts have none.)
        if let Some(finding) = finding
            && !super::structure::wants_list_of_text(path)
        {
            findings.push(finding);
        }
    }
}

/// The comment that starts on the line where a plain value ends, after nothing but spaces.
fn trailing_comment(context: &FileContext<'_>, node: &Node) -> Option<Span> {
    let text = &context.source.text;
    let end = node.span.end();
    // Comments are in file order: the first one after the value is the only one that can be on its line.
    let comments = &context.notation.comments;
    let comment = *comments.get(comments.partition_point(|comment| comment.start <= end))?;
    let gap = text.get(end..comment.start)?;
    let on_the_line = gap.chars().all(|c| c == ' ' || c == '\t');
    // A suppression comment at the end of a line is one on purpose.
    let suppression = text[comment.start..comment.end()]
        .trim_start_matches('#')
        .trim_start()
        .starts_with("proc:");
    (on_the_line && !suppression).then_some(comment)
}

fn comment_in_text(context: &FileContext<'_>, node: &Node, comment: Span, at: &str) -> Finding {
    let source = &context.source;
    let text = node.as_text().unwrap_or_default();
    let gap = &source.text[node.span.end()..comment.start];
    let lost = source.slice(comment).trim_end_matches(['\r', ' ', '\t']);
    let whole = format!("{text}{gap}{lost}");
    let quoted = crate::yaml_text::double_quoted(&whole);
    let written = format!("{}{quoted}", written_before(context.source, node));
    let finding = Finding::new(
        &COMMENT_IN_TEXT,
        source,
        Some(Span::new(comment.start, lost.len())),
        format!("`{lost}` is not part of the text: YAML reads ` #` and what follows as a comment, so every page and output shows only `{text}`"),
    )
    .label("left out of the text");
    let quote = Fix::replace(
        Applicability::Safe,
        "put the text and its ` #…` in quotes",
        Span::new(
            node.span.start,
            comment.start + lost.len() - node.span.start,
        ),
        quoted,
        Expect::Values(vec![(at.to_owned(), serde_json::Value::String(whole))]),
    );
    // Two spaces and `# ` is how comments are written by those who mean one (and yamllint's default); `#tag`
    // or a single space is how a sentence goes on.
    let looks_like_a_comment = gap.len() >= 2 && lost.starts_with("# ");
    if !looks_like_a_comment {
        return finding
            .help(format!(
                "put the whole text in quotes:\n  {written}\nor, if it is a note for the editors of this file, move it to a line of its own"
            ))
            .fix(quote);
    }
    let line = source.line_column(node.span.start).line;
    let line_start = source.line_start(line);
    let line_text = source.line_text(line);
    let indent = &line_text[..line_text.len() - line_text.trim_start_matches([' ', '\t']).len()];
    finding
        .help(format!(
            "if it is a note for the editors of this file, move it to a line of its own above; if it belongs to the text, put the whole text in quotes:\n  {written}"
        ))
        .fix(Fix {
            title: "move the comment to a line of its own".into(),
            applicability: Applicability::Unsafe,
            edits: vec![
                crate::finding::Edit {
                    span: Span::new(line_start, 0),
                    replacement: format!("{indent}{lost}\n"),
                },
                crate::finding::Edit {
                    span: Span::new(node.span.end(), comment.start + lost.len() - node.span.end()),
                    replacement: String::new(),
                },
            ],
            expect: Expect::Same,
        })
}

/// A plain or quoted value whose text runs over several lines of the file.
fn folded(context: &FileContext<'_>, node: &Node, path: &[PathSegment<'_>]) -> Option<Finding> {
    let source = &context.source;
    let written = source
        .slice(node.span)
        .trim_end_matches(['\n', '\r', ' ', '\t']);
    if !written.contains('\n') {
        return None;
    }
    let lines: Vec<&str> = written.lines().map(str::trim).collect();
    if lines.len() < 2 {
        return None;
    }
    let at = pointer(path);
    let style = node.as_scalar()?.style;
    // The block's lines go two columns right of where the key (or the list entry's text) begins.
    let indent = " ".repeat(super::key_column(source, node) + 2);
    let mut block = String::from("|");
    let mut value = String::new();
    for text in &lines {
        block.push('\n');
        if !text.is_empty() {
            block.push_str(&indent);
            block.push_str(text);
        }
        value.push_str(text);
        value.push('\n');
    }
    let example: String = lines
        .iter()
        .take(3)
        .map(|text| format!("\n  {text}"))
        .collect();
    let finding = context
        .finding(
            &FOLDED_TEXT,
            node,
            format!(
                "these {} lines are joined into one line: YAML folds a text written over several lines, so the page shows them as one sentence",
                lines.len()
            ),
        )
        .label("read as one line")
        .help(format!(
            "to keep the lines, write `|` after the key and the lines below it, indented:\n{}|{example}{}",
            written_before(context.source, node),
            if lines.len() > 3 { "\n  …" } else { "" }
        ));
    // A quoted text may hold escapes that a block cannot write as they are: only plain text is rewritten.
    if style != ScalarStyle::Plain || lines.iter().any(|text| text.starts_with('#')) {
        return Some(finding);
    }
    Some(finding.fix(Fix::replace(
        Applicability::Unsafe,
        "keep the lines with `|`",
        Span::new(node.span.start, written.len()),
        block,
        Expect::Values(vec![(at.to_owned(), serde_json::Value::String(value))]),
    )))
}
