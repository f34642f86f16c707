//! Every rule, run through the real binary on a fixture that states its own expectations.
//!
//! A rule's fixture is `tests/fixtures/rules/<code>-<name>.yaml` (the code in lowercase, e.g.
//! `p404-placeholder-link.yaml`: the file name is the process id, and an id is lowercase), or a folder of that
//! name when a case needs several files. A folder with a `proc.toml` is linted from inside, with no path
//! arguments, so that the configuration is discovered the way a user's is.
//!
//! Like ruff's fixtures, every YAML file of a fixture starts with a header saying which lines the rule must
//! report, `# should report lines 7, 12; the other cases must not` (or `# should report no lines`), and holds
//! cases that must be reported side by side with cases that must not, one case per branch of the rule. A file
//! that also breaks other rules names them on the next line, `# also breaks: wrong-type, empty-text (why)`; any
//! other rule that fires fails the test.

use crate::common::{self, Run, lint, root, run};

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

/// Rules no file can break, with the reason and where they are tested instead.
const WITHOUT_FIXTURE: &[(&str, &str)] = &[
    (
        "internal-error",
        "no file can make proc panic once the bug is fixed; the containment is tested in src/lint.rs",
    ),
    (
        "version-not-bumped",
        "needs a git history with a base revision; tested in tests/it/base.rs",
    ),
];

/// The folder of the rule fixtures, relative to the repository root.
fn fixtures() -> PathBuf {
    common::fixture("rules")
}

/// The file or folder name of a rule's fixture, from the rule's code and name.
fn fixture_name(code: &str, name: &str) -> String {
    format!("{}-{name}", code.to_ascii_lowercase())
}

/// How a rule's fixture is linted, and which files it holds.
struct Fixture {
    /// The working directory, relative to the repository root.
    dir: PathBuf,
    /// The path to lint, relative to `dir`; none when the fixture folder has its own `proc.toml`.
    path: Option<PathBuf>,
    /// Every YAML file of the fixture, relative to the repository root.
    files: Vec<PathBuf>,
}

fn find_fixture(code: &str, name: &str) -> Option<Fixture> {
    let file = fixtures().join(format!("{}.yaml", fixture_name(code, name)));
    let dir = fixtures().join(fixture_name(code, name));
    if root().join(&file).is_file() {
        Some(Fixture {
            dir: PathBuf::new(),
            path: Some(file.clone()),
            files: vec![file],
        })
    } else if root().join(&dir).is_dir() {
        let mut files = Vec::new();
        yaml_files(&dir, &mut files);
        files.sort();
        let (lint_dir, path) = if root().join(&dir).join("proc.toml").is_file() {
            (dir, None)
        } else {
            (PathBuf::new(), Some(dir))
        };
        Some(Fixture {
            dir: lint_dir,
            path,
            files,
        })
    } else {
        None
    }
}

fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let entries = std::fs::read_dir(root().join(dir))
        .unwrap_or_else(|error| panic!("{}: {error}", dir.display()));
    for entry in entries {
        let name = entry.expect("a folder entry").file_name();
        let path = dir.join(name);
        if root().join(&path).is_dir() {
            yaml_files(&path, out);
        } else if path
            .extension()
            .is_some_and(|extension| extension == "yaml" || extension == "yml")
        {
            out.push(path);
        }
    }
}

/// What a fixture file's header says: the lines the rule must report, and the other rules it breaks too.
#[derive(Debug)]
struct Header {
    lines: Vec<u64>,
    also: BTreeSet<String>,
}

/// Reads the header of a fixture file (its first line, and an optional second line naming other rules).
fn header(file: &Path) -> Header {
    let bytes = std::fs::read(root().join(file)).expect("the fixture can be read");
    // A fixture of not-utf8 holds Latin-1 bytes after its header; the header itself is ASCII.
    let text = String::from_utf8_lossy(&bytes);
    let mut lines = text.lines();
    let first = lines.next().unwrap_or("");
    let expected = if first.trim() == "# should report no lines" {
        Vec::new()
    } else {
        let list = first
            .strip_prefix("# should report line ")
            .or_else(|| first.strip_prefix("# should report lines "))
            .and_then(|rest| rest.split(';').next())
            .unwrap_or_else(|| {
                panic!(
                    "{} must start with `# should report lines N, M; the other cases must not` or \
                     `# should report no lines`, not {first:?}",
                    file.display()
                )
            });
        list.split(',')
            .map(|number| {
                number.trim().parse().unwrap_or_else(|_| {
                    panic!("{}: {number:?} in the header is not a line", file.display())
                })
            })
            .collect()
    };
    let also = lines
        .next()
        .and_then(|line| line.strip_prefix("# also breaks: "))
        .map(|rules| {
            // The rules, then why in parentheses: `# also breaks: wrong-type, empty-text (why)`.
            let names = rules.split('(').next().unwrap_or("");
            names
                .split(',')
                .map(str::trim)
                .filter(|rule| !rule.is_empty())
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    Header {
        lines: expected,
        also,
    }
}

/// One finding of `proc lint --format json`: where (relative to the repository root), which rule, how serious.
#[derive(Debug)]
struct Found {
    file: PathBuf,
    line: u64,
    rule: String,
    severity: String,
}

fn findings(fixture: &Fixture, json: &str) -> Vec<Found> {
    let document: serde_json::Value =
        serde_json::from_str(json).expect("--format json prints valid JSON");
    document["findings"]
        .as_array()
        .expect("the JSON document has a findings list")
        .iter()
        .map(|finding| Found {
            file: normal(&fixture.dir.join(finding["file"].as_str().expect("a file"))),
            line: finding["line"].as_u64().expect("a line"),
            rule: finding["rule"].as_str().expect("a rule").to_owned(),
            severity: finding["severity"].as_str().expect("a severity").to_owned(),
        })
        .collect()
}

/// A path without `.` parts, so that paths the binary prints compare with the fixture's.
fn normal(path: &Path) -> PathBuf {
    path.components()
        .filter(|part| *part != Component::CurDir)
        .collect()
}

/// The findings of one rule, tested alone.
fn for_rule<'a>(found: &'a [Found], rule: &str) -> Vec<&'a Found> {
    found
        .iter()
        .filter(|finding| finding.rule == rule)
        .collect()
}

/// The human output of one rule alone: its findings' blocks, without the other rules' and the summary.
fn human_for_rule(stdout: &str, rule: &str) -> String {
    let mut kept = String::new();
    let mut keep = false;
    for line in stdout.lines() {
        if let Some(start) = finding_start(line) {
            keep = start == rule;
        } else if line.starts_with("Checked ") {
            keep = false;
        }
        if keep {
            kept.push_str(line);
            kept.push('\n');
        }
    }
    kept
}

/// The rule of a line that starts a finding in the human output (`  × error[rule]: …`, `  ⚠ warning[rule]: …`).
fn finding_start(line: &str) -> Option<&str> {
    let rest = line.trim_start();
    let rest = rest
        .strip_prefix("× error[")
        .or_else(|| rest.strip_prefix("⚠ warning["))?;
    rest.split_once("]:").map(|(rule, _)| rule)
}

fn lint_fixture(fixture: &Fixture, extra: &[&str]) -> Run {
    let mut command = lint();
    command.current_dir(root().join(&fixture.dir)).args(extra);
    if let Some(path) = &fixture.path {
        command.arg(path);
    }
    run(&mut command)
}

/// Lints the rule's fixture and checks that the rule reports exactly the lines the headers name, that no rule
/// the headers do not name fires, that the exit code follows from the severities, and that the human output of
/// the rule matches its snapshot.
fn check(name: &str) {
    let rule = proc::rules::find_rule(name).unwrap_or_else(|| panic!("no rule `{name}`"));
    let fixture = find_fixture(rule.code, name).unwrap_or_else(|| {
        panic!(
            "the rule `{name}` has no fixture: write {}.yaml (or a folder of that name)",
            fixtures().join(fixture_name(rule.code, name)).display()
        )
    });
    let json = lint_fixture(&fixture, &["--format", "json"]);
    assert_eq!(json.stderr, "", "nothing on stderr for `{name}`");
    let found = findings(&fixture, &json.stdout);
    let of_rule = for_rule(&found, name);
    assert!(!of_rule.is_empty(), "`{name}` reported nothing");

    for file in &fixture.files {
        let header = header(file);
        let mut reported: Vec<u64> = of_rule
            .iter()
            .filter(|finding| finding.file == *file)
            .map(|finding| finding.line)
            .collect();
        reported.sort_unstable();
        assert_eq!(
            reported,
            header.lines,
            "`{name}` in {}: the lines reported differ from the header\n{}",
            file.display(),
            json.stdout
        );
        let others: BTreeSet<&str> = found
            .iter()
            .filter(|finding| finding.file == *file && finding.rule != rule.name)
            .map(|finding| finding.rule.as_str())
            .collect();
        let expected_others: BTreeSet<&str> = header.also.iter().map(String::as_str).collect();
        assert_eq!(
            others,
            expected_others,
            "{}: other rules than `{name}` fire (name them in `# also breaks: …` on line 2 if they must)",
            file.display()
        );
    }
    assert!(
        found
            .iter()
            .all(|finding| fixture.files.contains(&finding.file)),
        "a finding outside the fixture's files:\n{}",
        json.stdout
    );
    let severity = rule.default_severity.to_string();
    for finding in &of_rule {
        assert_eq!(
            finding.severity, severity,
            "`{name}` keeps its default severity"
        );
    }

    // The exit code follows from the severities: the rule's findings fail the run if the rule is an error by
    // default, and so do the errors of the other rules the headers name.
    let human = lint_fixture(&fixture, &[]);
    let fails = severity == "error" || found.iter().any(|finding| finding.severity == "error");
    assert_eq!(
        human.code,
        i32::from(fails),
        "exit code of `proc lint` on the fixture of `{name}`:\n{}{}",
        human.stdout,
        human.stderr
    );
    assert_eq!(human.stderr, "", "nothing on stderr for `{name}`");

    let command = match &fixture.path {
        Some(path) => format!(
            "proc lint --today {} --color never {}",
            common::TODAY,
            path.display()
        ),
        None => format!(
            "(cd {} && proc lint --today {} --color never)",
            fixture.dir.display(),
            common::TODAY
        ),
    };
    let shown = human_for_rule(&human.stdout, name);
    insta::with_settings!({ description => command, omit_expression => true }, {
        insta::assert_snapshot!(name, shown);
    });
}

/// One test per rule, and the list of rules tested, for the test that every rule is covered.
macro_rules! rule_tests {
    ($($test:ident: $rule:literal;)*) => {
        $(
            #[test]
            fn $test() {
                check($rule);
            }
        )*

        /// Every rule with a test above.
        const TESTED_RULES: &[&str] = &[$($rule),*];
    };
}

rule_tests! {
    invalid_yaml: "invalid-yaml";
    duplicate_key: "duplicate-key";
    tab_indent: "tab-indent";
    multiple_documents: "multiple-documents";
    empty_file: "empty-file";
    not_utf8: "not-utf8";
    file_too_large: "file-too-large";
    yaml_limits: "yaml-limits";
    ambiguous_scalar: "ambiguous-scalar";
    yaml_tag: "yaml-tag";
    invisible_character: "invisible-character";
    unknown_key: "unknown-key";
    missing_key: "missing-key";
    wrong_type: "wrong-type";
    invalid_value: "invalid-value";
    empty_value: "empty-value";
    unusable_process: "unusable-process";
    invalid_date: "invalid-date";
    legacy_date: "legacy-date";
    future_date: "future-date";
    date_order: "date-order";
    invalid_month: "invalid-month";
    invalid_version: "invalid-version";
    invalid_id: "invalid-id";
    id_mismatch: "id-mismatch";
    duplicate_id: "duplicate-id";
    unknown_interface: "unknown-interface";
    placeholder_link: "placeholder-link";
    unsafe_link: "unsafe-link";
    unknown_next_step: "unknown-next-step";
    unknown_replacement: "unknown-replacement";
    retired_interface: "retired-interface";
    owner_without_address: "owner-without-address";
    empty_text: "empty-text";
    no_responsible: "no-responsible";
    duplicate_step: "duplicate-step";
    inline_list: "inline-list";
    raw_html: "raw-html";
    no_review_cycle: "no-review-cycle";
    placeholder: "placeholder";
    unmapped_content: "unmapped-content";
    comment_in_text: "comment-in-text";
    curly_quotes: "curly-quotes";
    folded_text: "folded-text";
    draft: "draft";
    unused_suppression: "unused-suppression";
    invalid_suppression: "invalid-suppression";
}

#[test]
fn every_rule_has_a_fixture_and_a_test() {
    let rules = proc::rules::all_rules();
    for rule in &rules {
        if let Some((_, reason)) = WITHOUT_FIXTURE.iter().find(|(name, _)| *name == rule.name) {
            assert!(
                find_fixture(rule.code, rule.name).is_none(),
                "`{}` has a fixture, but is listed as having none because {reason}",
                rule.name
            );
            continue;
        }
        assert!(
            find_fixture(rule.code, rule.name).is_some(),
            "the rule `{}` has no fixture: write {}.yaml (or a folder of that name)",
            rule.name,
            fixtures()
                .join(fixture_name(rule.code, rule.name))
                .display()
        );
        assert!(
            TESTED_RULES.contains(&rule.name),
            "the rule `{}` has no test: add it to `rule_tests!` in tests/it/lint_rules.rs",
            rule.name
        );
    }
    for tested in TESTED_RULES {
        assert!(
            rules.iter().any(|rule| rule.name == *tested),
            "`{tested}` is tested but is not a rule"
        );
    }
}

#[test]
fn every_fixture_belongs_to_a_rule() {
    let names: BTreeSet<String> = proc::rules::all_rules()
        .into_iter()
        .map(|rule| fixture_name(rule.code, rule.name))
        .collect();
    let entries = std::fs::read_dir(root().join(fixtures())).expect("the rule fixtures folder");
    for entry in entries {
        let path = entry.expect("a folder entry").path();
        let stem = path
            .file_stem()
            .expect("a file name")
            .to_string_lossy()
            .into_owned();
        assert!(
            names.contains(&stem),
            "{} is not named after a rule (`<code>-<name>`, the code in lowercase)",
            path.display()
        );
    }
}

#[test]
fn the_listing_marks_the_rules_nothing_can_switch_off() {
    let listing = run(common::proc().arg("rules"));
    let always: BTreeSet<&str> = listing
        .stdout
        .lines()
        .take_while(|line| !line.is_empty())
        .filter(|line| line.split_whitespace().nth(3) == Some("always"))
        .filter_map(|line| line.split_whitespace().nth(1))
        .collect();
    for rule in [
        "invalid-yaml",
        "multiple-documents",
        "invalid-id",
        "not-utf8",
        "yaml-limits",
        "internal-error",
        "unusable-process",
    ] {
        assert!(
            always.contains(rule),
            "`{rule}` is not marked always:\n{}",
            listing.stdout
        );
    }
    assert!(!always.contains("placeholder-link"), "{}", listing.stdout);
    listing.assert_stdout_contains("no suppression comment or proc.toml setting turns them off");
    let one = run(common::proc().args(["rules", "invalid-id"]));
    one.assert_stdout_contains("always an error: it cannot be suppressed or turned off");
}
