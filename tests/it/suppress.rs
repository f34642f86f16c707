//! Suppression comments: `# proc: allow(rule-name) reason` on the line above an entry, at the top of the file, or
//! at the end of a line; and suppressions that suppress nothing.

use crate::common::{self, Run, lint, run};

/// (rule, line) of every finding in the JSON output.
fn findings(result: &Run) -> Vec<(String, u64)> {
    let document: serde_json::Value = serde_json::from_str(&result.stdout).expect("valid JSON");
    document["findings"]
        .as_array()
        .expect("findings")
        .iter()
        .map(|finding| {
            (
                finding["rule"].as_str().unwrap_or_default().to_owned(),
                finding["line"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

fn lint_json(path: &str, extra: &[&str]) -> Run {
    let result = run(lint().args(["--format", "json"]).args(extra).arg(path));
    assert_eq!(result.stderr, "");
    result
}

fn snapshot(name: &str, path: &str) {
    let result = run(lint().arg(path));
    let description = format!("proc lint --today {} --color never {path}", common::TODAY);
    insta::with_settings!({ description => description, omit_expression => true }, {
        insta::assert_snapshot!(name, result.stdout);
    });
}

fn pairs(expected: &[(&str, u64)]) -> Vec<(String, u64)> {
    expected
        .iter()
        .map(|(rule, line)| ((*rule).to_owned(), *line))
        .collect()
}

#[test]
fn a_comment_on_the_line_above_covers_that_entry_and_everything_under_it() {
    let path = "tests/fixtures/suppress/line-above.yaml";
    let result = lint_json(path, &[]);
    // Step 1 has HTML in `what` (line 14) and `evaluation` (line 15), both under the suppressed list item; step 2
    // (line 19) is not covered.
    assert_eq!(findings(&result), pairs(&[("raw-html", 19)]));
    assert_eq!(result.code, 0);
    snapshot("line_above", path);
}

#[test]
fn a_comment_before_the_first_key_covers_the_whole_file() {
    let path = "tests/fixtures/suppress/whole-file.yaml";
    let result = lint_json(path, &[]);
    // Without the comment: no-review-cycle on line 3 and raw-html on lines 13 and 17; one comment names two rules.
    assert_eq!(findings(&result), pairs(&[]));
    assert_eq!(result.code, 0);
}

#[test]
fn the_whole_file_comment_is_what_silences_it() {
    // The same file without its suppression comment reports what the comment suppressed.
    let text =
        std::fs::read_to_string(common::root().join("tests/fixtures/suppress/whole-file.yaml"))
            .expect("fixture");
    let without: String = text
        .lines()
        .filter(|line| !line.starts_with("# proc:"))
        .map(|line| format!("{line}\n"))
        .collect();
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(dir.path().join("whole-file.yaml"), without).expect("write");
    let result = run(lint()
        .current_dir(dir.path())
        .args(["--format", "json", "whole-file.yaml"]));
    assert_eq!(
        findings(&result),
        pairs(&[("no-review-cycle", 2), ("raw-html", 12), ("raw-html", 16)])
    );
}

#[test]
fn a_comment_at_the_end_of_a_line_covers_that_line_and_its_children() {
    let path = "tests/fixtures/suppress/end-of-line.yaml";
    let result = lint_json(path, &[]);
    // Suppressed: future-date on line 6 (under `approved:`, line 5), ambiguous-scalar on line 8, placeholder-link
    // on line 18 (by its code, P404). Not suppressed: the `04` on line 10, which no comment names.
    assert_eq!(findings(&result), pairs(&[("ambiguous-scalar", 10)]));
    assert_eq!(result.code, 0);
    snapshot("end_of_line", path);
}

#[test]
fn a_suppression_that_suppresses_nothing_is_reported() {
    let path = "tests/fixtures/suppress/unused.yaml";
    let result = lint_json(path, &[]);
    // Line 12 allows raw-html (used) and inline-list (unused); line 17 allows placeholder-link (unused).
    assert_eq!(
        findings(&result),
        pairs(&[("unused-suppression", 12), ("unused-suppression", 17)])
    );
    assert_eq!(result.code, 0, "unused suppressions are warnings");
    let document: serde_json::Value = serde_json::from_str(&result.stdout).expect("valid JSON");
    // The finding points at the unused rule name, not at the comment or the rule that was used.
    assert_eq!(document["findings"][0]["column"], 27);
    assert_eq!(document["findings"][0]["length"], "inline-list".len());
    snapshot("unused", path);

    let denied = run(lint().args(["--deny", "warnings", path]));
    assert_eq!(
        denied.code, 1,
        "--deny warnings fails on them:\n{}",
        denied.stdout
    );
}

#[test]
fn a_suppression_of_a_rule_turned_off_is_not_unused() {
    // With raw-html off in the configuration, the suppression on line 12 has nothing to do, and that is fine.
    let result = lint_json(
        "tests/fixtures/suppress/unused.yaml",
        &["--config", "tests/fixtures/suppress/rule-off.toml"],
    );
    assert_eq!(
        findings(&result),
        pairs(&[("unused-suppression", 12), ("unused-suppression", 17)])
    );
    let messages = common::json_messages(&result.stdout);
    assert!(
        messages
            .iter()
            .all(|message| !message.contains("`raw-html`")),
        "{messages:?}"
    );
}
