//! Suppression comments: `# proc: allow(rule-name) reason`.
//!
//! A comment on its own line covers the entry below it (with everything indented under it); at the top of the
//! file, before any key, it covers the whole file; at the end of a line it covers that line's entry. This is what
//! yamllint and markdownlint users expect. A suppression that suppresses nothing is reported, so stale ones do
//! not pile up.

use std::collections::HashSet;
use std::sync::Arc;

use crate::finding::{Finding, Rule};
use crate::rules::{all_rules, did_you_mean, find_rule};
use crate::source::{SourceFile, Span};

pub use crate::rules::registry::{INVALID_SUPPRESSION, UNUSED_SUPPRESSION};

/// Which lines a suppression covers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Scope {
    File,
    /// 1-based, inclusive.
    Lines(usize, usize),
}

#[derive(Debug)]
struct Suppression {
    rule: &'static Rule,
    /// The rule name in the comment, for reporting it as unused.
    span: Span,
    scope: Scope,
}

/// Applies the file's suppression comments to its findings and reports suppressions that are unused or name
/// unknown rules. Rules in `inactive` are turned off in the configuration: suppressions of them are not unused.
pub fn apply(
    source: &Arc<SourceFile>,
    findings: Vec<Finding>,
    inactive: &HashSet<&str>,
) -> Vec<Finding> {
    let (suppressions, mut problems) = parse(source);
    if suppressions.is_empty() && problems.is_empty() {
        return findings;
    }
    let mut used = vec![false; suppressions.len()];
    let mut kept: Vec<Finding> = findings
        .into_iter()
        .filter(|finding| {
            let line = finding.line_column().line;
            let mut suppressed = false;
            for (index, suppression) in suppressions.iter().enumerate() {
                if suppression.rule != finding.rule {
                    continue;
                }
                let covers = match suppression.scope {
                    Scope::File => true,
                    Scope::Lines(start, end) => {
                        finding.span.is_some() && (start..=end).contains(&line)
                    }
                };
                if covers {
                    used[index] = true;
                    suppressed = true;
                }
            }
            !suppressed
        })
        .collect();
    for (suppression, used) in suppressions.iter().zip(used) {
        if !used && !inactive.contains(suppression.rule.code) {
            problems.push(
                Finding::new(
                    &UNUSED_SUPPRESSION,
                    source,
                    Some(suppression.span),
                    format!(
                        "nothing here breaks `{}`, so this suppression is not needed",
                        suppression.rule.name
                    ),
                )
                .label("suppresses nothing")
                .help("delete the suppression (or this rule from it)"),
            );
        }
    }
    kept.append(&mut problems);
    kept
}

fn parse(source: &Arc<SourceFile>) -> (Vec<Suppression>, Vec<Finding>) {
    let mut suppressions = Vec::new();
    let mut problems = Vec::new();
    if !source.text.contains("proc:") {
        return (suppressions, problems);
    }
    let mut seen_content = false;
    for line_number in 1..=source.line_count() {
        let line = source.line_text(line_number);
        let trimmed = line.trim_start();
        let own_line = trimmed.starts_with('#');
        let comment_at = if own_line {
            Some(line.len() - trimmed.len())
        } else {
            line.find(" # proc:").map(|at| at + 1)
        };
        let is_content = !trimmed.is_empty() && !own_line && trimmed != "---";
        if let Some(at) = comment_at
            && let Some((rules_at, names)) = allow_list(&line[at..])
        {
            let scope = if !own_line {
                Scope::Lines(line_number, entry_end(source, line_number))
            } else if !seen_content {
                Scope::File
            } else {
                match next_content_line(source, line_number) {
                    Some(next) => Scope::Lines(next, entry_end(source, next)),
                    None => Scope::Lines(line_number, line_number),
                }
            };
            let line_start = source.line_start(line_number);
            let mut offset = at + rules_at;
            for name in names.split(',') {
                let start = line_start + offset + (name.len() - name.trim_start().len());
                offset += name.len() + 1;
                let name = name.trim();
                if name.is_empty() {
                    continue;
                }
                let span = Span::new(start, name.len());
                match find_rule(name) {
                    Some(rule) if !rule.suppressible => problems.push(
                        Finding::new(
                            &INVALID_SUPPRESSION,
                            source,
                            Some(span),
                            format!("`{}` cannot be suppressed", rule.name),
                        )
                        .label("always checked")
                        .help(format!(
                            "proc cannot use a file that breaks `{}`, whatever the file says: fix what it reports \
                             and delete this suppression",
                            rule.name
                        )),
                    ),
                    Some(rule) => suppressions.push(Suppression { rule, span, scope }),
                    None => {
                        let help =
                            match did_you_mean(name, all_rules().iter().map(|rule| rule.name)) {
                                Some(close) => format!("did you mean `{close}`?"),
                                None => "`proc rules` lists the rules by name and code".to_owned(),
                            };
                        problems.push(
                            Finding::new(
                                &INVALID_SUPPRESSION,
                                source,
                                Some(span),
                                format!("there is no rule called `{name}`"),
                            )
                            .label("unknown rule")
                            .help(help),
                        );
                    }
                }
            }
        }
        seen_content |= is_content;
    }
    (suppressions, problems)
}

/// For `# proc: allow(a, b) reason`, the offset of `a` in the comment and the text between the parentheses.
fn allow_list(comment: &str) -> Option<(usize, &str)> {
    let after_hash = comment.strip_prefix('#')?;
    let body = after_hash.trim_start();
    let body = body.strip_prefix("proc:")?.trim_start();
    let inside = body.strip_prefix("allow(")?;
    let end = inside.find(')')?;
    let rules_at = comment.len() - inside.len();
    Some((rules_at, &inside[..end]))
}

fn is_content_line(line: &str) -> bool {
    let trimmed = line.trim_start();
    !trimmed.is_empty() && !trimmed.starts_with('#')
}

fn next_content_line(source: &SourceFile, after: usize) -> Option<usize> {
    (after + 1..=source.line_count()).find(|&line| is_content_line(source.line_text(line)))
}

/// The indentation that decides what belongs to an entry: a list item's dash counts as its indentation.
fn indent(line: &str) -> usize {
    line.len() - line.trim_start().len()
}

/// The last line of the entry that starts on `line`: every following line indented deeper belongs to it.
fn entry_end(source: &SourceFile, line: usize) -> usize {
    let own = indent(source.line_text(line));
    let mut end = line;
    for next in line + 1..=source.line_count() {
        let text = source.line_text(next);
        if !is_content_line(text) {
            continue;
        }
        if indent(text) <= own {
            break;
        }
        end = next;
    }
    end
}
