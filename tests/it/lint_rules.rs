//! Every rule, run through the real binary on a fixture made to break it (and nothing else).
//!
//! A rule's fixture is `tests/fixtures/rules/<rule-name>.yaml`, or a directory `tests/fixtures/rules/<rule-name>/`
//! for rules that need several files. A directory with a `proc.toml` is linted from inside, with no path
//! arguments, so that the configuration is discovered the way a user's is.

use crate::common::{self, Run, fixture, json_rules, lint, proc, root, run};

use std::collections::BTreeSet;
use std::path::PathBuf;

/// How a rule's fixture is linted.
struct Setup {
    /// The working directory, relative to the repository root.
    dir: PathBuf,
    /// The path to lint, relative to `dir`; none when the fixture directory has its own `proc.toml`.
    path: Option<PathBuf>,
}

fn setup(rule: &str) -> Setup {
    let file = fixture(&format!("rules/{rule}.yaml"));
    let dir = fixture(&format!("rules/{rule}"));
    if root().join(&file).is_file() {
        Setup {
            dir: PathBuf::new(),
            path: Some(file),
        }
    } else if root().join(&dir).join("proc.toml").is_file() {
        Setup { dir, path: None }
    } else if root().join(&dir).is_dir() {
        Setup {
            dir: PathBuf::new(),
            path: Some(dir),
        }
    } else {
        panic!(
            "the rule `{rule}` has no fixture: write {} (or a directory {})",
            file.display(),
            dir.display()
        );
    }
}

fn lint_fixture(setup: &Setup, extra: &[&str]) -> Run {
    let mut command = lint();
    command.current_dir(root().join(&setup.dir)).args(extra);
    if let Some(path) = &setup.path {
        command.arg(path);
    }
    run(&mut command)
}

/// Lints the rule's fixture and checks that the rule fires, only it fires, the exit code fits its severity, and
/// the human output matches the snapshot.
fn check(rule: &str, expected_code: i32) {
    let setup = setup(rule);
    let human = lint_fixture(&setup, &[]);
    let severity = if expected_code == 1 {
        "error"
    } else {
        "warning"
    };
    assert!(
        human.stdout.contains(&format!("{severity}[{rule}]: ")),
        "expected a `{severity}[{rule}]` finding:\n{}",
        human.stdout
    );
    assert!(human.stdout.contains(&format!("[{rule}]")));
    assert_eq!(
        human.code, expected_code,
        "exit code for `{rule}`:\n{}{}",
        human.stdout, human.stderr
    );
    assert_eq!(human.stderr, "", "nothing on stderr for `{rule}`");

    let json = lint_fixture(&setup, &["--format", "json"]);
    let rules = json_rules(&json.stdout);
    assert!(!rules.is_empty(), "`{rule}` did not fire");
    assert!(
        rules.iter().all(|found| found == rule),
        "the fixture of `{rule}` should break only that rule, but it breaks {rules:?}"
    );

    let command = match &setup.path {
        Some(path) => format!(
            "proc lint --today {} --color never {}",
            common::TODAY,
            path.display()
        ),
        None => format!(
            "(cd {} && proc lint --today {} --color never)",
            setup.dir.display(),
            common::TODAY
        ),
    };
    insta::with_settings!({ description => command, omit_expression => true }, {
        insta::assert_snapshot!(rule, human.stdout);
    });
}

/// One test per rule, and the list of rules tested, for the test that every rule is covered.
macro_rules! rule_tests {
    ($($test:ident: $rule:literal => exit $code:literal;)*) => {
        $(
            #[test]
            fn $test() {
                check($rule, $code);
            }
        )*

        /// Every tested rule with the exit code its fixture gives.
        const TESTED_RULES: &[(&str, i32)] = &[$(($rule, $code)),*];
    };
}

rule_tests! {
    invalid_yaml: "invalid-yaml" => exit 1;
    duplicate_key: "duplicate-key" => exit 1;
    tab_indent: "tab-indent" => exit 1;
    multiple_documents: "multiple-documents" => exit 1;
    empty_file: "empty-file" => exit 1;
    not_utf8: "not-utf8" => exit 1;
    file_too_large: "file-too-large" => exit 1;
    yaml_limits: "yaml-limits" => exit 1;
    invisible_character: "invisible-character" => exit 1;
    ambiguous_scalar: "ambiguous-scalar" => exit 0;
    yaml_tag: "yaml-tag" => exit 0;
    unknown_key: "unknown-key" => exit 1;
    missing_key: "missing-key" => exit 1;
    wrong_type: "wrong-type" => exit 1;
    invalid_value: "invalid-value" => exit 1;
    empty_value: "empty-value" => exit 0;
    invalid_date: "invalid-date" => exit 1;
    legacy_date: "legacy-date" => exit 1;
    future_date: "future-date" => exit 1;
    date_order: "date-order" => exit 1;
    invalid_month: "invalid-month" => exit 1;
    invalid_version: "invalid-version" => exit 1;
    invalid_id: "invalid-id" => exit 1;
    id_mismatch: "id-mismatch" => exit 1;
    duplicate_id: "duplicate-id" => exit 1;
    unknown_interface: "unknown-interface" => exit 1;
    placeholder_link: "placeholder-link" => exit 0;
    unsafe_link: "unsafe-link" => exit 1;
    unknown_next_step: "unknown-next-step" => exit 1;
    empty_text: "empty-text" => exit 1;
    no_responsible: "no-responsible" => exit 1;
    duplicate_step: "duplicate-step" => exit 1;
    inline_list: "inline-list" => exit 0;
    raw_html: "raw-html" => exit 0;
    comment_in_text: "comment-in-text" => exit 1;
    curly_quotes: "curly-quotes" => exit 0;
    folded_text: "folded-text" => exit 0;
    placeholder: "placeholder" => exit 1;
    unmapped_content: "unmapped-content" => exit 0;
    no_review_cycle: "no-review-cycle" => exit 0;
    unused_suppression: "unused-suppression" => exit 0;
    invalid_suppression: "invalid-suppression" => exit 0;
    unusable_process: "unusable-process" => exit 1;
}

/// The rules `proc rules` lists: (name, default severity).
fn listed_rules() -> Vec<(String, String)> {
    let listing = run(proc().arg("rules"));
    assert_eq!(listing.code, 0, "{}", listing.stderr);
    listing
        .stdout
        .lines()
        // The listing ends with a blank line and a note on the rules marked `always`.
        .take_while(|line| !line.is_empty())
        .map(|line| {
            let mut words = line.split_whitespace();
            let _code = words.next();
            let name = words.next().expect("a rule name after the code");
            let severity = words.next().expect("a severity after the name");
            (name.to_owned(), severity.to_owned())
        })
        .collect()
}

/// Rules whose fixtures need more than files (a git history): each is tested in the file named here.
const TESTED_ELSEWHERE: &[(&str, &str)] = &[
    ("version-not-bumped", "tests/it/base.rs"),
    // No file can make proc panic once the bug is fixed; the containment is tested where it is built.
    ("internal-error", "src/lint.rs"),
];

#[test]
fn every_rule_has_a_fixture_and_a_test() {
    let listed = listed_rules();
    assert!(
        listed.len() >= 30,
        "`proc rules` lists the rules:\n{listed:?}"
    );
    for (rule, _) in &listed {
        if let Some((_, file)) = TESTED_ELSEWHERE.iter().find(|(name, _)| name == rule) {
            assert!(
                common::root().join(file).is_file(),
                "`{rule}` is said to be tested in {file}"
            );
            continue;
        }
        assert!(
            TESTED_RULES.iter().any(|(tested, _)| tested == rule),
            "the rule `{rule}` has no test: add it to `rule_tests!` in tests/it/lint_rules.rs"
        );
        // Panics with the fixture to write when there is none.
        setup(rule);
    }
    let names: BTreeSet<&str> = listed.iter().map(|(name, _)| name.as_str()).collect();
    for (rule, _) in TESTED_RULES {
        assert!(
            names.contains(rule),
            "`{rule}` is tested but `proc rules` does not list it"
        );
    }
}

#[test]
fn every_fixture_belongs_to_a_rule() {
    let names: BTreeSet<String> = listed_rules().into_iter().map(|(name, _)| name).collect();
    let entries =
        std::fs::read_dir(root().join(fixture("rules"))).expect("the rule fixtures directory");
    for entry in entries {
        let path = entry.expect("a directory entry").path();
        let stem = path
            .file_stem()
            .expect("a file name")
            .to_string_lossy()
            .into_owned();
        assert!(
            names.contains(&stem),
            "{} is not named after a rule",
            path.display()
        );
    }
}

#[test]
fn exit_codes_match_the_default_severities() {
    // The exit codes in `rule_tests!` are written out by hand; they must agree with what `proc rules` says: an
    // error fails the run, a warning does not.
    for (name, severity) in listed_rules() {
        let Some((_, code)) = TESTED_RULES.iter().find(|(tested, _)| *tested == name) else {
            continue; // reported by every_rule_has_a_fixture_and_a_test
        };
        let expected = if severity == "error" { 1 } else { 0 };
        assert_eq!(*code, expected, "`{name}` is {severity} by default");
    }
}

#[test]
fn the_listing_marks_the_rules_nothing_can_switch_off() {
    let listing = run(proc().arg("rules"));
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
    let one = run(proc().args(["rules", "invalid-id"]));
    one.assert_stdout_contains("always an error: it cannot be suppressed or turned off");
}
