//! The output formats, on one file with two errors and one warning:
//! `ownr` (unknown-key, error), `8.5.2018` (legacy-date, error) and `<a href="#">` (raw-html, warning).

use crate::common::{self, Run, lint, proc, run};

const MIXED: &str = "tests/fixtures/formats/mixed.yaml";
const WARNINGS_ONLY: &str = "tests/fixtures/formats/warnings-only.yaml";

fn lint_mixed(format: &str) -> Run {
    let result = run(lint().args(["--format", format, MIXED]));
    assert_eq!(
        result.code, 1,
        "two errors fail the run:\n{}{}",
        result.stdout, result.stderr
    );
    assert_eq!(result.stderr, "");
    result
}

fn snapshot(format: &str, output: &str) {
    let description = format!(
        "proc lint --today {} --color never --format {format} {MIXED}",
        common::TODAY
    );
    insta::with_settings!({ description => description, omit_expression => true }, {
        insta::assert_snapshot!(format!("mixed_{format}"), output);
    });
}

#[test]
fn human() {
    let output = lint_mixed("human").stdout;
    for header in [
        "error[unknown-key]: ",
        "error[legacy-date]: ",
        "warning[raw-html]: ",
    ] {
        assert!(output.contains(header), "missing {header}:\n{output}");
    }
    assert!(
        output.contains("\nChecked 1 file: 2 errors, 1 warning.\n"),
        "{output}"
    );
    snapshot("human", &output);
}

#[test]
fn json() {
    let output = lint_mixed("json").stdout;
    let document: serde_json::Value = serde_json::from_str(&output).expect("valid JSON");
    assert_eq!(document["version"], 1);
    assert_eq!(
        document["summary"],
        serde_json::json!({ "files": 1, "errors": 2, "warnings": 1 })
    );
    let findings = document["findings"].as_array().expect("a findings list");
    let found: Vec<(&str, &str, u64, u64)> = findings
        .iter()
        .map(|finding| {
            (
                finding["rule"].as_str().unwrap_or_default(),
                finding["severity"].as_str().unwrap_or_default(),
                finding["line"].as_u64().unwrap_or_default(),
                finding["column"].as_u64().unwrap_or_default(),
            )
        })
        .collect();
    assert_eq!(
        found,
        [
            ("unknown-key", "error", 4, 1),
            ("legacy-date", "error", 6, 9),
            ("raw-html", "warning", 13, 15)
        ]
    );
    // The byte span is the text of the value in the file.
    let text = std::fs::read_to_string(common::root().join(MIXED)).expect("the fixture");
    let date = &findings[1];
    let start = usize::try_from(date["offset"].as_u64().expect("an offset")).expect("fits");
    let length = usize::try_from(date["length"].as_u64().expect("a length")).expect("fits");
    assert_eq!(&text[start..start + length], "8.5.2018");
    snapshot("json", &output);
}

#[test]
fn github() {
    let output = lint_mixed("github").stdout;
    let commands: Vec<&str> = output
        .lines()
        .filter(|line| line.starts_with("::"))
        .collect();
    assert_eq!(
        commands.len(),
        3,
        "one workflow command per finding, each on one line:\n{output}"
    );
    assert!(
        commands[0].starts_with(&format!("::error file={MIXED},line=4,col=1,")),
        "{}",
        commands[0]
    );
    assert!(commands[1].starts_with("::error "), "{}", commands[1]);
    assert!(commands[2].starts_with("::warning "), "{}", commands[2]);
    // The help is on a second line of the annotation, escaped as the workflow-command syntax requires.
    assert!(commands[0].contains("%0Ahelp: "), "{}", commands[0]);
    assert!(
        commands[0].contains("title=P201 unknown-key::"),
        "{}",
        commands[0]
    );
    snapshot("github", &output);
}

#[test]
fn sarif() {
    let output = lint_mixed("sarif").stdout;
    let document: serde_json::Value = serde_json::from_str(&output).expect("valid JSON");
    assert_eq!(document["version"], "2.1.0");
    let run = &document["runs"][0];
    let rules = run["tool"]["driver"]["rules"]
        .as_array()
        .expect("rule metadata");
    let results = run["results"].as_array().expect("results");
    let levels: Vec<&str> = results
        .iter()
        .filter_map(|result| result["level"].as_str())
        .collect();
    assert_eq!(levels, ["error", "error", "warning"]);
    for result in results {
        // ruleIndex must point at the rule of ruleId in the driver's rule list.
        let index =
            usize::try_from(result["ruleIndex"].as_u64().expect("a ruleIndex")).expect("fits");
        assert_eq!(rules[index]["id"], result["ruleId"], "{result}");
        let location = &result["locations"][0]["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], MIXED);
        assert!(
            location["region"]["startLine"]
                .as_u64()
                .is_some_and(|line| line > 0)
        );
    }
    snapshot("sarif", &output);
}

#[test]
fn junit() {
    let output = lint_mixed("junit").stdout;
    assert!(
        output.starts_with(r#"<?xml version="1.0" encoding="UTF-8"?>"#),
        "{output}"
    );
    assert_eq!(
        output.matches("<testcase ").count(),
        1,
        "one test case per file:\n{output}"
    );
    assert_eq!(output.matches("</testcase>").count(), 1);
    assert_eq!(
        output.matches("<failure ").count(),
        1,
        "the file fails:\n{output}"
    );
    assert_eq!(output.matches("</failure>").count(), 1);
    assert!(output.trim_end().ends_with("</testsuites>"), "{output}");
    // The HTML in the message is escaped, so the XML stays well formed.
    assert!(
        !output.contains(r#"<a href"#),
        "unescaped markup in the XML:\n{output}"
    );
    assert!(output.contains("&lt;a href=&quot;#&quot;&gt;"), "{output}");
    snapshot("junit", &output);
}

#[test]
fn deny_warnings_fails_a_file_with_only_warnings() {
    let allowed = run(lint().arg(WARNINGS_ONLY));
    assert_eq!(
        allowed.code, 0,
        "warnings alone do not fail the run:\n{}",
        allowed.stdout
    );
    allowed.assert_stdout_contains("warning[no-review-cycle]: ");

    let denied = run(lint().args(["--deny", "warnings", WARNINGS_ONLY]));
    assert_eq!(
        denied.code, 1,
        "--deny warnings makes them fail it:\n{}",
        denied.stdout
    );
    assert_eq!(denied.stderr, "");

    // Formats with a pass/fail notion agree with the exit code.
    let junit = run(lint().args(["--deny", "warnings", "--format", "junit", WARNINGS_ONLY]));
    assert_eq!(junit.code, 1);
    junit.assert_stdout_contains("<failure ");
    let junit = run(lint().args(["--format", "junit", WARNINGS_ONLY]));
    assert_eq!(junit.code, 0);
    assert!(!junit.stdout.contains("<failure "), "{}", junit.stdout);
}

#[test]
fn no_ansi_escapes_unless_asked_for() {
    let args = ["lint", "--today", common::TODAY, MIXED];
    // The check below means something only if colour is otherwise produced.
    let always = run(proc().args(args).args(["--color", "always"]));
    assert!(
        always.stdout.contains('\u{1b}'),
        "--color always colours the output"
    );

    let never = run(proc().args(args).args(["--color", "never"]));
    assert!(
        !never.stdout.contains('\u{1b}'),
        "--color never:\n{}",
        never.stdout
    );

    let no_color = run(proc().args(args).env("NO_COLOR", "1"));
    assert!(
        !no_color.stdout.contains('\u{1b}'),
        "NO_COLOR=1:\n{}",
        no_color.stdout
    );
    assert_eq!(no_color.stdout, never.stdout);
    assert!(!no_color.stderr.contains('\u{1b}'));
}

/// Two files with one id: each finding points at the other file, and every format carries that place.
const DUPLICATE_ID: &str = "tests/fixtures/rules/p402-duplicate-id";
const FIRST: &str = "tests/fixtures/rules/p402-duplicate-id/first/same-process.yaml";
const SECOND: &str = "tests/fixtures/rules/p402-duplicate-id/second/same-process.yaml";

fn lint_duplicate_id(format: &str) -> String {
    let result = run(lint().args(["--format", format, DUPLICATE_ID]));
    assert_eq!(result.code, 1, "{}{}", result.stdout, result.stderr);
    result.stdout
}

#[test]
fn a_place_in_another_file_is_in_json_as_related() {
    let document: serde_json::Value =
        serde_json::from_str(&lint_duplicate_id("json")).expect("valid JSON");
    let findings = document["findings"].as_array().expect("findings");
    assert_eq!(findings.len(), 2);
    for (finding, other) in findings.iter().zip([SECOND, FIRST]) {
        assert_eq!(
            finding["related"],
            serde_json::json!([{ "file": other, "line": 2, "column": 5, "message": "the same id" }]),
            "{finding}"
        );
        let message = finding["message"].as_str().expect("message");
        assert!(
            !message.contains(other),
            "the path is in `related`, not in the message: {message}"
        );
    }
}

#[test]
fn a_place_in_another_file_is_in_sarif_as_a_related_location() {
    let document: serde_json::Value =
        serde_json::from_str(&lint_duplicate_id("sarif")).expect("valid JSON");
    let results = document["runs"][0]["results"].as_array().expect("results");
    assert_eq!(results.len(), 2);
    for (result, other) in results.iter().zip([SECOND, FIRST]) {
        let related = &result["relatedLocations"][0];
        assert_eq!(related["message"]["text"], "the same id");
        let location = &related["physicalLocation"];
        assert_eq!(location["artifactLocation"]["uri"], other);
        assert_eq!(location["region"]["startLine"], 2);
        assert_eq!(location["region"]["startColumn"], 5);
        assert_eq!(
            location["region"]["endColumn"], 17,
            "`same-process` is 12 characters"
        );
    }
}

#[test]
fn a_place_in_another_file_is_a_note_in_github_and_junit() {
    let github = lint_duplicate_id("github");
    assert!(
        github.contains(&format!("%0Anote: the same id: {SECOND}:2:5")),
        "{github}"
    );
    let junit = lint_duplicate_id("junit");
    assert!(
        junit.contains(&format!("\n    note: the same id: {FIRST}:2:5")),
        "{junit}"
    );
}
