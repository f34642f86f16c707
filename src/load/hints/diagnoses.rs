//! The diagnoses of a file YAML cannot read: each recognises one kind of mistake on or next to the line where the
//! parser stopped, repairs it in a copy and reads the copy again (see [`super::trial`]).

use super::*;

/// Lines indented with a tab, where the tab stands for indentation (not a tab inside a `|` text, further right
/// than the text's own indentation). All of them are fixed together: the file reads only when every one is.
pub(super) fn tabs(
    source: &Arc<SourceFile>,
    base: usize,
    lines: &[Line<'_>],
    failed_line: usize,
) -> Option<Vec<Finding>> {
    let mut tabbed = Vec::new();
    let mut previous: Option<&Line<'_>> = None;
    for line in lines {
        let leading = line.text.len() - line.text.trim_start_matches([' ', '\t']).len();
        if leading == line.text.len() {
            continue;
        }
        if let Some(tab) = line.text[..leading].find('\t') {
            let above = previous.map_or(0, |line| {
                line.text.len() - line.text.trim_start_matches([' ', '\t']).len()
            });
            if tab <= above {
                tabbed.push((*line, leading, previous.copied()));
            }
        }
        previous = Some(line);
    }
    if tabbed.is_empty() {
        return None;
    }
    // Ways to write the indentation with spaces: a tab as 2, 4 or 8 spaces, as editors show it, or lined up with
    // a key on the line above.
    let mut candidates: Vec<Vec<Edit>> = Vec::new();
    let expand = |width: usize| -> Vec<Edit> {
        tabbed
            .iter()
            .map(|(line, leading, _)| Edit {
                span: Span::new(line.start, *leading),
                replacement: line.text[..*leading].replace('\t', &" ".repeat(width)),
            })
            .collect()
    };
    if let [(line, leading, Some(above))] = tabbed.as_slice() {
        for column in above.key_columns() {
            candidates.push(vec![Edit {
                span: Span::new(line.start, *leading),
                replacement: " ".repeat(column),
            }]);
        }
    }
    for width in [2, 4, 8] {
        candidates.push(expand(width));
    }
    let outcomes: Vec<(Vec<Edit>, Trial)> = candidates
        .into_iter()
        .map(|edits| {
            let outcome = trial(source, base, &edits);
            (edits, outcome)
        })
        .collect();
    let reads: Vec<&(Vec<Edit>, Trial)> = outcomes
        .iter()
        .filter(|(_, outcome)| matches!(outcome, Trial::Reads(_)))
        .collect();
    let fix = reads.first().map(|(edits, _)| {
        let trees: Vec<&Trial> = reads.iter().map(|(_, outcome)| outcome).collect();
        let same = trees.windows(2).all(|pair| pair[0] == pair[1]);
        Fix {
            title: if tabbed.len() == 1 {
                "replace the tab with spaces".into()
            } else {
                "replace the tabs with spaces".into()
            },
            applicability: if same {
                Applicability::Safe
            } else {
                Applicability::Unsafe
            },
            edits: edits.clone(),
            expect: Expect::Whitespace,
        }
    });
    let near_failure = tabbed
        .iter()
        .any(|(line, _, _)| line.number + 1 >= failed_line && line.number <= failed_line + 1);
    if fix.is_none() && !near_failure {
        return None;
    }
    let blocks = content_lines(lines, None);
    let findings = tabbed
        .iter()
        .map(|(line, leading, above)| {
            let tab = line.text.find('\t').unwrap_or(0);
            let in_text = above.is_some_and(|above| {
                blocks.contains(&above.number) || is_block_header(above.text)
            });
            let fixed = fix.as_ref().and_then(|fix| {
                fix.edits
                    .iter()
                    .find(|edit| edit.span.start == line.start)
                    .map(|edit| format!("{}{}", edit.replacement, &line.text[*leading..]))
            });
            let message = if in_text {
                "this line of the text is indented with a tab: YAML allows tabs inside a `|` text, but not before it, in the indentation"
            } else {
                "this line is indented with a tab: YAML allows only spaces for indentation"
            };
            let help = match &fixed {
                Some(fixed) => format!(
                    "replace the tab with spaces; the line then reads:\n{fixed}"
                ),
                None => "replace the tab with spaces, as many as the lines around it are indented".to_owned(),
            };
            Finding::new(
                &TAB_INDENT,
                source,
                Some(Span::new(line.start + tab, 1)),
                message,
            )
            .label("tab")
            .help(help)
            .fix_if(fix.clone())
        })
        .collect();
    Some(findings)
}

/// `key:text` with no space after the colon: YAML reads it as one text, not as a key.
pub(super) fn missing_space(
    source: &Arc<SourceFile>,
    base: usize,
    line: &Line<'_>,
    failed_line: usize,
) -> Option<Finding> {
    let column = *line.key_columns().last()?;
    let rest = line.text.get(column..)?;
    let end = rest.find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))?;
    let key = &rest[..end];
    let after = rest[end..].strip_prefix(':')?;
    let first = after.chars().next()?;
    // `http://…` and `08:30` are texts with a colon in them, not keys.
    if key.is_empty()
        || first == ' '
        || first == '\t'
        || first == '/'
        || first == ':'
        || key.chars().all(|c| c.is_ascii_digit())
        || ["http", "https", "mailto"].contains(&key)
    {
        return None;
    }
    let colon = line.start + column + end + 1;
    let edit = Edit {
        span: Span::new(colon, 0),
        replacement: " ".to_owned(),
    };
    let outcome = trial(source, base, std::slice::from_ref(&edit));
    if !helps(&outcome, failed_line) {
        return None;
    }
    let fixed = format!(
        "{}: {}",
        &line.text[..column + end],
        &line.text[column + end + 1..]
    );
    let fix = matches!(outcome, Trial::Reads(_)).then(|| Fix {
        title: "put a space after the colon".into(),
        applicability: Applicability::Safe,
        edits: vec![edit],
        expect: Expect::Whitespace,
    });
    let value = after.trim_end();
    Some(
        Finding::new(
            &INVALID_YAML,
            source,
            Some(Span::new(colon - 1, 1)),
            format!(
                "there is no space after `{key}:`, so YAML does not read `{key}` as a key: it reads `{key}:{value}` as one text"
            ),
        )
        .label("no space after the colon")
        .help(format!(
            "put a space after the colon; the line then reads:\n{fixed}"
        ))
        .fix_if(fix),
    )
}

/// What YAML makes of a text that starts with `first`, when it is not quoted.
pub(super) fn indicator_meaning(first: char) -> Option<&'static str> {
    Some(match first {
        '*' => {
            "YAML reads `*` at the start of a value as a reference to another value (an alias), not as text"
        }
        '&' => "YAML reads `&` at the start of a value as the name of an anchor, not as text",
        '[' => {
            "YAML reads `[` at the start of a value as the start of a list written in brackets, not as text"
        }
        '{' => {
            "YAML reads `{` at the start of a value as the start of keys written in braces, not as text"
        }
        '@' | '`' => {
            "YAML reserves this character at the start of a value: a text cannot start with it unless it is quoted"
        }
        '%' => "YAML reads `%` at the start of a value as a directive, not as text",
        '|' | '>' => {
            "YAML reads `|` or `>` after a key as the start of a text written on the lines below, so nothing may follow it on this line"
        }
        '"' | '\'' => {
            "the text starts with a quote, so YAML reads only the quoted part as the value, and the rest of the line cannot follow it"
        }
        '”' | '“' | '„' | '‘' | '’' => {
            "curly quotes from Word do not quote a text in YAML, so the `: ` inside it reads as the start of another key"
        }
        _ => return None,
    })
}

/// A text on a `key: text` or `- text` line that YAML cannot read as it is: it starts with a character YAML
/// gives a meaning (`*`, `[`, `@`, a quote) or holds `: `. Quoting the whole text fixes it.
pub(super) fn needs_quotes(
    source: &Arc<SourceFile>,
    base: usize,
    line: &Line<'_>,
    failed_line: usize,
) -> Option<Finding> {
    let column = *line.key_columns().last()?;
    let rest = line.text.get(column..)?;
    let (value_at, key) = match split_key(rest) {
        Some((key, after)) => {
            let value = after.trim_start_matches(' ');
            (line.text.len() - value.len(), Some(key))
        }
        None if column > line.indent() => (column, None),
        None => return None,
    };
    let value = line.text[value_at..].trim_end();
    let first = value.chars().next()?;
    let meaning = match indicator_meaning(first) {
        Some(meaning) => meaning,
        None if value.contains(": ") => {
            "the text holds `: `, which YAML reads as the start of another key"
        }
        None => return None,
    };
    let curly = ['”', '“', '„', '‘', '’'];
    if curly.contains(&first) && !value.contains(": ") {
        return None;
    }
    // A quote that is never closed is not text that starts with a quote: the generic hint says to close it.
    if matches!(first, '"' | '\'') && !value[1..].contains(first) {
        return None;
    }
    // Where YAML went wrong: at the character it gave a meaning, or at the `: ` it read as a key.
    let (at, len) = match (indicator_meaning(first), value.find(": ")) {
        (Some(_), _) if !curly.contains(&first) => (value_at, first.len_utf8()),
        (_, Some(colon)) => (value_at + colon, 1),
        _ => (value_at, first.len_utf8()),
    };
    // A text wrapped in curly quotes gets straight ones instead, so that it does not keep the curly ones.
    let last = value.chars().next_back().unwrap_or(first);
    let inner = value
        .get(first.len_utf8()..value.len().saturating_sub(last.len_utf8()))
        .unwrap_or_default();
    let (text, instead) = if curly.contains(&first)
        && curly.contains(&last)
        && value.chars().count() > 1
        && !inner.contains(curly)
    {
        (inner, "write straight quotes instead of the curly ones")
    } else {
        (value, "put the whole text in straight quotes")
    };
    let quoted = crate::yaml_text::double_quoted(text);
    let edit = Edit {
        span: Span::new(line.start + value_at, value.len()),
        replacement: quoted.clone(),
    };
    let outcome = trial(source, base, std::slice::from_ref(&edit));
    if !helps(&outcome, failed_line) {
        return None;
    }
    let fix = matches!(outcome, Trial::Reads(_)).then(|| Fix {
        title: if text.len() == value.len() {
            "put the text in quotes".into()
        } else {
            "write straight quotes".into()
        },
        applicability: Applicability::Safe,
        edits: vec![edit],
        expect: Expect::Reads(text.to_owned()),
    });
    let whose = key.map_or("this list entry".to_owned(), |key| format!("`{key}`"));
    Some(
        Finding::new(
            &INVALID_YAML,
            source,
            Some(Span::new(line.start + at, len)),
            format!("the text of {whose} cannot be read as it is written: {meaning}"),
        )
        .label("read as YAML, not as text")
        .help(format!(
            "{instead}; the line then reads:\n{}{quoted}",
            &line.text[..value_at]
        ))
        .fix_if(fix),
    )
}

/// A key line indented more or less than the keys it belongs with.
pub(super) fn misindented(
    source: &Arc<SourceFile>,
    base: usize,
    lines: &[Line<'_>],
    line: &Line<'_>,
    failed_line: usize,
) -> Option<Finding> {
    let indent = line.indent();
    let rest = &line.text[indent..];
    if rest.starts_with('\t') || !(split_key(rest).is_some() || rest.starts_with("- ")) {
        return None;
    }
    let blocks = content_lines(lines, None);
    let above: Vec<&Line<'_>> = lines
        .iter()
        .filter(|other| {
            other.number < line.number && !other.is_blank() && !blocks.contains(&other.number)
        })
        .collect();
    let previous = above.last()?;
    // The columns a key here could belong to: those of the line above first, then of the lines that hold it.
    let mut columns: Vec<(usize, usize)> = Vec::new();
    let mut add = |column: usize, number: usize| {
        if column != indent && !columns.iter().any(|(c, _)| *c == column) {
            columns.push((column, number));
        }
    };
    let mut near: Vec<usize> = previous.key_columns();
    near.sort_by_key(|column| column.abs_diff(indent));
    for column in near {
        add(column, previous.number);
    }
    let mut limit = previous.indent();
    for other in above.iter().rev().skip(1) {
        if other.indent() < limit {
            limit = other.indent();
            for column in other.key_columns() {
                add(column, other.number);
            }
        }
        if limit == 0 {
            break;
        }
    }
    let outcomes: Vec<(usize, usize, Trial)> = columns
        .into_iter()
        .map(|(column, number)| {
            let edit = Edit {
                span: Span::new(line.start, indent),
                replacement: " ".repeat(column),
            };
            (column, number, trial(source, base, &[edit]))
        })
        .collect();
    let (column, number, chosen) = outcomes
        .iter()
        .find(|(_, _, outcome)| matches!(outcome, Trial::Reads(_)))
        .or_else(|| {
            outcomes
                .iter()
                .find(|(_, _, outcome)| helps(outcome, failed_line))
        })?;
    // The guess is safe when no other indentation as close to the one written reads as something else: one space
    // too many next to a sibling is plain, one too few between two levels is not.
    let distance = column.abs_diff(indent);
    let same = outcomes.iter().all(|(other, _, outcome)| {
        !matches!(outcome, Trial::Reads(_))
            || outcome == chosen
            || other.abs_diff(indent) > distance
    });
    let reference = lines.iter().find(|other| other.number == *number)?;
    let key = reference.key_at(*column);
    let like = match key {
        Some(key) => format!("`{key}:` on line {number}"),
        None => format!("line {number}"),
    };
    let spaces = |n: usize| {
        if n == 1 {
            "1 space".to_owned()
        } else {
            format!("{n} spaces")
        }
    };
    let in_entry = reference.indent() < *column;
    let message = if in_entry && reference.key_columns().contains(&indent) {
        format!(
            "this line is indented {}, like the `-` on line {number}, but the keys of that list entry are indented {}",
            spaces(indent),
            spaces(*column)
        )
    } else {
        format!(
            "this line is indented {}, but the keys around it are indented {}",
            spaces(indent),
            spaces(*column)
        )
    };
    let fixed = format!("{}{rest}", " ".repeat(*column));
    let fix = matches!(chosen, Trial::Reads(_)).then(|| Fix {
        title: format!("indent the line by {}", spaces(*column)),
        applicability: if same {
            Applicability::Safe
        } else {
            Applicability::Unsafe
        },
        edits: vec![Edit {
            span: Span::new(line.start, indent),
            replacement: " ".repeat(*column),
        }],
        expect: Expect::Whitespace,
    });
    Some(
        Finding::new(
            &INVALID_YAML,
            source,
            Some(Span::new(
                line.start + indent,
                rest.chars().next().map_or(0, char::len_utf8),
            )),
            message,
        )
        .label(format!("indented {}", spaces(indent)))
        .help(format!(
            "indent it by {}, like {like}:\n{fixed}",
            spaces(*column)
        ))
        .fix_if(fix),
    )
}
