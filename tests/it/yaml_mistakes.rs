//! The YAML mistakes coordinators make when they write in Notepad or paste from Word: each is reported as what it
//! is, on the line where it is, and the help, copied as it is, fixes it (and so does `proc lint --fix`).
//!
//! Every case is a valid process with one line broken. The tests check the rule, the line and the message; that
//! writing the line the help shows instead of the broken one makes the file lint clean; and that `--fix` changes
//! only that line, leaves the file clean, and needs `--unsafe-fixes` only where the case says it guesses.

use std::path::{Path, PathBuf};

use crate::common::{lint, run};

/// A small valid process; every case breaks one of its lines.
const VALID: &str = small_process!("case");

/// What `proc lint --fix` may do with a case.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fixed {
    /// `--fix` repairs it.
    Safe,
    /// Only `--fix --unsafe-fixes` repairs it: more than one repair reads, as different values.
    Guess,
}

struct Case {
    name: &'static str,
    /// The text of `VALID` to replace (its first occurrence) and what to write instead.
    replace: &'static str,
    with: &'static str,
    rule: &'static str,
    line: u64,
    message: &'static str,
    fixed: Fixed,
}

const CASES: &[Case] = &[
    // 1. Invisible characters from Word.
    Case {
        name: "non-breaking space after the colon",
        replace: "goal: Optimalt",
        with: "goal:\u{A0}Optimalt",
        rule: "invisible-character",
        line: 3,
        message: "after `goal:` comes a non-breaking space, invisible here, instead of a normal space",
        fixed: Fixed::Safe,
    },
    Case {
        name: "non-breaking space after the dash",
        replace: "      - Socialarbetare",
        with: "      -\u{A0}Socialarbetare",
        rule: "invisible-character",
        line: 15,
        message: "after `-` comes a non-breaking space, invisible here",
        fixed: Fixed::Safe,
    },
    Case {
        name: "non-breaking space in the indentation",
        replace: "  by: Pia",
        with: "\u{A0} by: Pia",
        rule: "invisible-character",
        line: 7,
        message: "this line is indented with a non-breaking space, invisible here",
        fixed: Fixed::Safe,
    },
    Case {
        name: "two non-breaking spaces as the indentation",
        replace: "    what: Grund",
        with: "\u{A0}\u{A0}\u{A0}\u{A0}what: Grund",
        rule: "invisible-character",
        line: 13,
        message: "this line is indented with a non-breaking space, invisible here",
        fixed: Fixed::Safe,
    },
    Case {
        name: "zero-width space in a key",
        replace: "owner:",
        with: "own\u{200B}er:",
        rule: "invisible-character",
        line: 4,
        message: "the key `owner` has a zero-width space in it, invisible here",
        fixed: Fixed::Safe,
    },
    Case {
        name: "soft hyphen in a key",
        replace: "owner:",
        with: "own\u{AD}er:",
        rule: "invisible-character",
        line: 4,
        message: "the key `owner` has a soft hyphen in it, invisible here",
        fixed: Fixed::Safe,
    },
    Case {
        name: "word joiner in a step key",
        replace: "    responsible:",
        with: "    respon\u{2060}sible:",
        rule: "invisible-character",
        line: 14,
        message: "the key `responsible` has a word joiner in it, invisible here",
        fixed: Fixed::Safe,
    },
    Case {
        name: "zero-width space before a key",
        replace: "owner:",
        with: "\u{200B}owner:",
        rule: "invisible-character",
        line: 4,
        message: "there is a zero-width space, invisible here, before `owner`",
        fixed: Fixed::Safe,
    },
    Case {
        name: "byte order mark in the middle",
        replace: "owner:",
        with: "\u{FEFF}owner:",
        rule: "invisible-character",
        line: 4,
        message: "there is a byte order mark (BOM), invisible here, in the middle of the file",
        fixed: Fixed::Safe,
    },
    // 2. Tabs.
    Case {
        name: "tab before a key",
        replace: "  by: Pia",
        with: "\tby: Pia",
        rule: "tab-indent",
        line: 7,
        message: "this line is indented with a tab",
        fixed: Fixed::Safe,
    },
    Case {
        name: "tab and spaces before a step key",
        replace: "    what: Grund",
        with: "\t  what: Grund",
        rule: "tab-indent",
        line: 13,
        message: "this line is indented with a tab",
        fixed: Fixed::Safe,
    },
    Case {
        name: "tab at the start of a line of a | text",
        replace: "    what: Grundläggande bedömning av situationen",
        with: "    what: |\n      Rad ett\n\tRad två",
        rule: "tab-indent",
        line: 15,
        message: "this line of the text is indented with a tab: YAML allows tabs inside a `|` text, but not before it",
        // Six spaces make `Rad två` a line of the text, eight make it `  Rad två`: which one was meant is a guess.
        fixed: Fixed::Guess,
    },
    // 3. One space too many or too few.
    Case {
        name: "one space too many before a key",
        replace: "  by: Pia",
        with: "   by: Pia",
        rule: "invalid-yaml",
        line: 7,
        message: "this line is indented 3 spaces, but the keys around it are indented 2 spaces",
        fixed: Fixed::Safe,
    },
    Case {
        name: "one space too few before a key",
        replace: "  by: Pia",
        with: " by: Pia",
        rule: "invalid-yaml",
        line: 7,
        message: "this line is indented 1 space, but the keys around it are indented 2 spaces",
        // No indentation reads too (as a key of the process): two ways, so a guess.
        fixed: Fixed::Guess,
    },
    Case {
        name: "one space too many before a step key",
        replace: "    what: Grund",
        with: "     what: Grund",
        rule: "invalid-yaml",
        line: 13,
        message: "this line is indented 5 spaces, but the keys around it are indented 4 spaces",
        fixed: Fixed::Safe,
    },
    Case {
        name: "one space too few before a step key",
        replace: "    what: Grund",
        with: "   what: Grund",
        rule: "invalid-yaml",
        line: 13,
        message: "this line is indented 3 spaces, but the keys around it are indented 4 spaces",
        fixed: Fixed::Safe,
    },
    Case {
        name: "a step key lined up with the dash",
        replace: "    what: Grund",
        with: "  what: Grund",
        rule: "invalid-yaml",
        line: 13,
        message: "this line is indented 2 spaces, like the `-` on line 12, but the keys of that list entry are indented 4 spaces",
        fixed: Fixed::Safe,
    },
    // 4. No space after the colon.
    Case {
        name: "no space after a colon",
        replace: "goal: Optimalt",
        with: "goal:Optimalt",
        rule: "invalid-yaml",
        line: 3,
        message: "there is no space after `goal:`, so YAML does not read `goal` as a key",
        fixed: Fixed::Safe,
    },
    Case {
        name: "no space after a nested colon",
        replace: "  by: Pia",
        with: "  by:Pia",
        rule: "invalid-yaml",
        line: 7,
        message: "there is no space after `by:`",
        fixed: Fixed::Safe,
    },
    Case {
        name: "no space after the colon of a step's first key",
        replace: "  - name: Bedömning",
        with: "  - name:Bedömning",
        rule: "invalid-yaml",
        line: 12,
        message: "there is no space after `name:`",
        fixed: Fixed::Safe,
    },
    // 5. A text starting with a character YAML gives a meaning.
    Case {
        name: "Markdown emphasis read as an alias",
        replace: "    what: Grundläggande",
        with: "    what: *Tärkeää:* Grundläggande",
        rule: "invalid-yaml",
        line: 13,
        message: "YAML reads `*` at the start of a value as a reference to another value (an alias)",
        fixed: Fixed::Safe,
    },
    Case {
        name: "brackets read as a list",
        replace: "    what: Grundläggande",
        with: "    what: [Huom] Grundläggande",
        rule: "invalid-yaml",
        line: 13,
        message: "YAML reads `[` at the start of a value as the start of a list written in brackets",
        fixed: Fixed::Safe,
    },
    Case {
        name: "an at sign",
        replace: "    what: Grundläggande",
        with: "    what: @tiimi Grundläggande",
        rule: "invalid-yaml",
        line: 13,
        message: "YAML reserves this character at the start of a value",
        fixed: Fixed::Safe,
    },
    Case {
        name: "curly quotes around a text with a colon",
        replace: "    what: Grundläggande bedömning av situationen",
        with: "    what: ”Huom: Grundläggande bedömning”",
        rule: "invalid-yaml",
        line: 13,
        message: "curly quotes from Word do not quote a text in YAML, so the `: ` inside it reads as the start of another key",
        fixed: Fixed::Safe,
    },
    Case {
        name: "curly quotes at the start of a text with a colon",
        replace: "goal: Optimalt välmående för barnet",
        with: "goal: ”Huom: tärkeää” ja muuta",
        rule: "invalid-yaml",
        line: 3,
        message: "curly quotes from Word do not quote a text in YAML",
        fixed: Fixed::Safe,
    },
    Case {
        name: "a colon and a space in a text",
        replace: "goal: Optimalt välmående för barnet",
        with: "goal: Målet: barnets välmående",
        rule: "invalid-yaml",
        line: 3,
        message: "the text holds `: `, which YAML reads as the start of another key",
        fixed: Fixed::Safe,
    },
    Case {
        name: "a text after |",
        replace: "    what: Grundläggande",
        with: "    what: | Grundläggande",
        rule: "invalid-yaml",
        line: 13,
        message: "YAML reads `|` or `>` after a key as the start of a text written on the lines below",
        fixed: Fixed::Safe,
    },
    Case {
        name: "a list entry starting with a brace",
        replace: "      - Socialarbetare",
        with: "      - {Huom} Socialarbetare",
        rule: "invalid-yaml",
        line: 15,
        message: "the text of this list entry cannot be read as it is written",
        fixed: Fixed::Safe,
    },
];

fn broken(case: &Case) -> String {
    assert!(VALID.contains(case.replace), "{}", case.name);
    VALID.replacen(case.replace, case.with, 1)
}

/// Writes `text` as `case.yaml` in a folder of its own (the file name is the id).
fn write(text: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("case.yaml");
    std::fs::write(&path, text).expect("write");
    (dir, path)
}

fn findings(path: &Path) -> Vec<serde_json::Value> {
    let out = run(lint().args(["--format", "json"]).arg(path));
    let document: serde_json::Value = serde_json::from_str(&out.stdout).expect("JSON output");
    document["findings"].as_array().cloned().unwrap_or_default()
}

/// The line the help says to write: the help's last line.
fn line_in_help(finding: &serde_json::Value) -> String {
    let help = finding["help"].as_str().unwrap_or_default();
    help.lines().last().unwrap_or_default().to_owned()
}

#[test]
fn each_mistake_is_named_on_its_line() {
    for case in CASES {
        let (_dir, path) = write(&broken(case));
        let found = findings(&path);
        assert_eq!(found.len(), 1, "{}: one finding: {found:#?}", case.name);
        let finding = &found[0];
        assert_eq!(finding["rule"], case.rule, "{}: {finding:#}", case.name);
        assert_eq!(finding["line"], case.line, "{}: {finding:#}", case.name);
        let message = finding["message"].as_str().unwrap_or_default();
        assert!(
            message.contains(case.message),
            "{}: the message says {message:?}",
            case.name
        );
        // The parser's own words are not what a coordinator reads.
        for jargon in [
            "scanning",
            "mapping values",
            "block mapping",
            "simple key",
            "anchor",
        ] {
            assert!(!message.contains(jargon), "{}: {message:?}", case.name);
        }
    }
}

#[test]
fn writing_the_line_the_help_shows_fixes_it() {
    for case in CASES {
        let text = broken(case);
        let (_dir, path) = write(&text);
        let found = findings(&path);
        let finding = &found[0];
        let line = finding["line"].as_u64().unwrap_or(0) as usize;
        let written = line_in_help(finding);
        let mut lines: Vec<String> = text.lines().map(str::to_owned).collect();
        lines[line - 1] = written.clone();
        let copied = format!("{}\n", lines.join("\n"));
        std::fs::write(&path, &copied).expect("write");
        let out = run(lint().arg(&path));
        assert_eq!(
            out.code, 0,
            "{}: writing {written:?} on line {line} as the help says leaves:\n{}",
            case.name, out.stdout
        );
    }
}

#[test]
fn lint_fix_repairs_only_the_broken_line() {
    for case in CASES {
        let text = broken(case);
        let (_dir, path) = write(&text);
        let line = case.line as usize;

        let safe = run(lint().arg("--fix").arg(&path));
        let after_safe = std::fs::read_to_string(&path).expect("read");
        match case.fixed {
            Fixed::Safe => assert_eq!(safe.code, 0, "{}: {}", case.name, safe.stdout),
            Fixed::Guess => {
                assert_eq!(
                    after_safe, text,
                    "{}: --fix alone does not guess",
                    case.name
                );
                let guessed = run(lint().args(["--fix", "--unsafe-fixes"]).arg(&path));
                assert_eq!(guessed.code, 0, "{}: {}", case.name, guessed.stdout);
            }
        }
        let after = std::fs::read_to_string(&path).expect("read");
        assert!(
            findings(&path).is_empty(),
            "{}: clean after --fix",
            case.name
        );
        assert_eq!(
            after.lines().count(),
            text.lines().count(),
            "{}: {after}",
            case.name
        );
        for (number, (old, new)) in text.lines().zip(after.lines()).enumerate() {
            if number + 1 != line {
                assert_eq!(old, new, "{}: only line {line} changes", case.name);
            }
        }
        let again = run(lint().args(["--fix", "--unsafe-fixes"]).arg(&path));
        assert!(again.stdout.contains("Nothing to fix."), "{}", again.stdout);
    }
}

#[test]
fn the_quoted_text_is_the_text_that_was_written() {
    let text = VALID.replacen(
        "    what: Grundläggande bedömning av situationen",
        "    what: *Tärkeää:* \"katso\" ohje\\polku",
        1,
    );
    let (_dir, path) = write(&text);
    let fixed = run(lint().arg("--fix").arg(&path));
    assert_eq!(fixed.code, 0, "{}", fixed.stdout);
    let after = std::fs::read_to_string(&path).expect("read");
    let root = proc::load::parse_text(&after).expect("reads");
    let what = root
        .at_path([
            proc::load::PathSegment::Key("steps"),
            proc::load::PathSegment::Index(0),
            proc::load::PathSegment::Key("what"),
        ])
        .and_then(proc::load::Node::as_text);
    assert_eq!(what, Some("*Tärkeää:* \"katso\" ohje\\polku"));
}

#[test]
fn a_file_indented_with_tabs_throughout_is_fixed_in_one_go() {
    let text = VALID
        .replace("      - ", "\t\t\t- ")
        .replace("    ", "\t\t")
        .replace("  ", "\t");
    let (_dir, path) = write(&text);
    let found = findings(&path);
    assert!(found.len() >= 5, "{found:#?}");
    assert!(found.iter().all(|finding| finding["rule"] == "tab-indent"));
    let fixed = run(lint().arg("--fix").arg(&path));
    assert_eq!(fixed.code, 0, "{}", fixed.stdout);
    assert_eq!(std::fs::read_to_string(&path).expect("read"), VALID);
}

#[test]
fn fixes_keep_windows_line_endings() {
    let text = VALID
        .replacen("goal: Optimalt", "goal:Optimalt", 1)
        .replace('\n', "\r\n");
    let (_dir, path) = write(&text);
    let fixed = run(lint().arg("--fix").arg(&path));
    assert_eq!(fixed.code, 0, "{}", fixed.stdout);
    assert_eq!(
        std::fs::read_to_string(&path).expect("read"),
        VALID.replace('\n', "\r\n")
    );
}

#[test]
fn invisible_characters_between_words_and_tabs_inside_a_text_are_fine() {
    for (replace, with) in [
        ("Optimalt välmående", "Optimalt\u{A0}välmående"),
        ("Elina Sandkulla", "Elina\u{200B} Sandkulla"),
        ("Grundläggande bedömning", "Grund\u{AD}läggande bedömning"),
        ("      - Socialarbetare", "      - \u{200B}Socialarbetare"),
        (
            "      - Socialarbetare",
            "      - Huom:\u{A0}Socialarbetare",
        ),
        (
            "    what: Grundläggande bedömning av situationen",
            "    what: |\n      Rad ett\n      \tRad två\n      \u{A0}Rad tre",
        ),
    ] {
        let (_dir, path) = write(&VALID.replacen(replace, with, 1));
        assert!(findings(&path).is_empty(), "{with:?}");
    }
}

#[test]
fn a_file_saved_as_utf16_is_named_as_such() {
    let units = |big: bool| -> Vec<u8> {
        VALID
            .encode_utf16()
            .flat_map(|unit| {
                if big {
                    unit.to_be_bytes()
                } else {
                    unit.to_le_bytes()
                }
            })
            .collect()
    };
    for (name, bytes, encoding) in [
        (
            "LE with BOM",
            [&[0xFF, 0xFE][..], &units(false)].concat(),
            "UTF-16 LE",
        ),
        (
            "BE with BOM",
            [&[0xFE, 0xFF][..], &units(true)].concat(),
            "UTF-16 BE",
        ),
        ("LE without BOM", units(false), "UTF-16 LE"),
        ("BE without BOM", units(true), "UTF-16 BE"),
    ] {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let path = dir.path().join("case.yaml");
        std::fs::write(&path, bytes).expect("write");
        let found = findings(&path);
        assert_eq!(found.len(), 1, "{name}: {found:#?}");
        assert_eq!(found[0]["rule"], "not-utf8", "{name}");
        let message = found[0]["message"].as_str().unwrap_or_default();
        assert!(
            message.contains(&format!("saved as UTF-16 ({encoding})")),
            "{name}: {message}"
        );
        assert!(!message.contains("Latin-1"), "{name}: {message}");
        let help = found[0]["help"].as_str().unwrap_or_default();
        assert!(help.contains("Encoding: UTF-8"), "{name}: {help}");
        assert!(
            help.contains("Save with Encoding → UTF-8"),
            "{name}: {help}"
        );
    }
}

#[test]
fn a_file_of_only_comments_has_no_process() {
    let (_dir, path) = write("# Prosessi: kotikäynti\n# TODO kirjoita\n");
    let found = findings(&path);
    assert_eq!(found.len(), 1);
    assert_eq!(found[0]["rule"], "empty-file");
    assert_eq!(
        found[0]["message"],
        "the file holds only comments, no process"
    );
    let (_dir, path) = write("\n  \n");
    assert_eq!(findings(&path)[0]["message"], "the file is empty");
}
